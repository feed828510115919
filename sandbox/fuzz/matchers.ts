// Property-based checks of the listener-rule matchers (fast-check): arbitrary printable and non-ASCII strings as
// wildcard values and requests, the matcher compared with a plain reference implementation of the documented rule;
// RE2 compared with JavaScript's engine on the regexes both read alike; and whatever is written into a rule, the
// readers refuse it or read it and the ALB's answers and the API's XML stay writable. Run with a fixed seed and a
// bounded number of cases by matchers.test.ts (npm test), and with many more by `npm run fuzz` (the "matchers" door).
import fc from 'fast-check';
import { decodePattern } from '../alb/rules.js';
import { wildcardMatch } from '../alb/wildcard.js';
import { fixedResponse, redirectLocation } from '../alb/responses.js';
import { escapeXml } from '../elbv2-api/xml.js';
import { regexFinds } from '../model/rule-regex.js';
import type { RoutingAction } from '../model/topology.js';
import { readActions, readConditions, readTransforms, Refusal } from '../model/validate/index.js';

// --- the reference: the documented rule, written out plainly ---

type RefToken = { any: 'star' } | { any: 'one' } | { literal: number };

/** ASCII letters to lower case, nothing else (the sandbox's documented assumption). */
function refFold(codePoint: number, caseInsensitive: boolean): number {
  return caseInsensitive && codePoint >= 65 && codePoint <= 90 ? codePoint + 32 : codePoint;
}

/** `*` is any run, `?` one character, `\*` `\?` `\\` literals where escapes apply, everything else itself. */
function refTokens(pattern: string, caseInsensitive: boolean, escapes: boolean): RefToken[] {
  const chars = Array.from(pattern);
  const tokens: RefToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (escapes && ch === '\\' && ['*', '?', '\\'].includes(chars[i + 1] ?? '')) {
      tokens.push({ literal: refFold(chars[i + 1]!.codePointAt(0)!, caseInsensitive) });
      i++;
    } else if (ch === '*') tokens.push({ any: 'star' });
    else if (ch === '?') tokens.push({ any: 'one' });
    else tokens.push({ literal: refFold(ch.codePointAt(0)!, caseInsensitive) });
  }
  return tokens;
}

/** Does pattern[i..] match text[j..]? Every way a star can stretch is tried (memoized: no trick to get wrong). */
export function referenceMatch(pattern: string, text: string, caseInsensitive: boolean, escapes = false): boolean {
  const tokens = refTokens(pattern, caseInsensitive, escapes);
  const chars = Array.from(text, (ch) => refFold(ch.codePointAt(0)!, caseInsensitive));
  const memo = new Map<number, boolean>();
  const match = (i: number, j: number): boolean => {
    const key = i * (chars.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    const token = tokens[i];
    if (token === undefined) result = j === chars.length;
    else if ('any' in token && token.any === 'star') result = match(i + 1, j) || (j < chars.length && match(i, j + 1));
    else if (j >= chars.length) result = false;
    else if ('any' in token) result = match(i + 1, j + 1);
    else result = token.literal === chars[j] && match(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

// --- arbitraries ---

/** Printable ASCII, non-ASCII letters, emoji (astral), and the wildcard characters, often. */
const character = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('*', '?', '\\', '-', '.', '/', 'a', 'A', 'b', 'B') },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('é', 'É', 'ß', 'K', '\u212a', '😀', 'ﬁ', '\u0130', 'ı') },
);
const text = (maxLength: number) => fc.array(character, { maxLength }).map((parts) => parts.join(''));

/** A text the pattern should match: each star filled, each ? one character, literals with their case flipped. */
const matchingText = (pattern: string) =>
  fc.array(fc.tuple(text(4), character, fc.boolean()), { minLength: Array.from(pattern).length }).map((fills) =>
    Array.from(pattern)
      .map((ch, i) => {
        const [run, one, flip] = fills[i]!;
        if (ch === '*') return run;
        if (ch === '?') return Array.from(one)[0]!;
        return flip && /[a-z]/i.test(ch) ? (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()) : ch;
      })
      .join(''),
  );

/** Regexes in the part of the syntax RE2 and JavaScript read alike (no backreferences, lookarounds, \p…). */
const regexAtom = fc.oneof(
  // Not \s or `.`: RE2's \s is ASCII whitespace and its `.` takes CR, where JavaScript's differ.
  fc.constantFrom('a', 'b', 'é', '\\.', '\\d', '\\w', '[ab]', '[^a]', '[a-c]', 'x', '/'),
  fc
    .string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 })
    .map((ch) => ch.replace(/[\\^$.*+?()[\]{}|/]/, '\\$&')),
);
const regexSource: fc.Arbitrary<string> = fc.letrec<{ re: string }>((tie) => ({
  re: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    regexAtom,
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => `${a}${b}`),
    fc.tuple(tie('re'), tie('re')).map(([a, b]) => `(?:${a}|${b})`),
    fc.tuple(tie('re'), fc.constantFrom('*', '+', '?', '{1,3}')).map(([a, q]) => `(?:${a})${q}`),
    tie('re').map((a) => `(${a})`),
    tie('re').map((a) => `^${a}`),
    tie('re').map((a) => `${a}$`),
  ),
})).re;

/** Anything a template or an API call could hold: JSON values of every shape, hostile strings included. */
const written = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }),
  fc.array(
    fc.record(
      {
        Field: fc.constantFrom('host-header', 'path-pattern', 'http-header', 'query-string', 'source-ip', 'x'),
        Type: fc.constantFrom('forward', 'fixed-response', 'redirect', 'jwt-validation', 'url-rewrite'),
        Values: fc.array(text(12)),
        RegexValues: fc.array(fc.oneof(regexSource, text(12))),
        PathPatternConfig: fc.record({ Values: fc.array(text(12)) }),
        FixedResponseConfig: fc.record({ StatusCode: fc.oneof(text(4), fc.integer()), ContentType: text(12) }),
        RedirectConfig: fc.record({ Host: text(12), Path: text(12), StatusCode: fc.constantFrom('HTTP_301', 'x') }),
        UrlRewriteConfig: fc.record({ Rewrites: fc.array(fc.record({ Regex: text(12), Replace: text(12) })) }),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 3 },
  ),
);

// --- the properties ---

export interface MatcherProperty {
  name: string;
  property: fc.IProperty<unknown>;
}

/** Node's rule for header values (http.validateHeaderValue): tab, printable ASCII and latin-1 only. */
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;

function expectSafeXml(out: string): boolean {
  for (let i = 0; i < out.length; i++) {
    const code = out.charCodeAt(i);
    if (code < 0x20 || code === 0xfffe || code === 0xffff) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = out.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return false;
  }
  return !/[<>"]|&(?!(amp|lt|gt|quot|apos|#x[0-9A-F]+);)/.test(out);
}

const asProperty = <T>(property: fc.IProperty<T>) => property as unknown as fc.IProperty<unknown>;

export function matcherProperties(): MatcherProperty[] {
  const options = fc.record({ caseInsensitive: fc.boolean(), backslashEscapes: fc.boolean() });
  return [
    {
      name: 'wildcards: the glob matcher agrees with the reference on arbitrary values and texts',
      property: asProperty(
        fc.property(text(10), text(14), options, (pattern, subject, opts) => {
          const expected = referenceMatch(pattern, subject, opts.caseInsensitive, opts.backslashEscapes);
          return wildcardMatch(pattern, subject, opts) === expected;
        }),
      ),
    },
    {
      name: 'wildcards: a text built from the value matches it (case flipped where case-insensitive)',
      property: asProperty(
        fc.property(
          text(10)
            .filter((pattern) => !pattern.includes('\\'))
            .chain((pattern) => fc.tuple(fc.constant(pattern), matchingText(pattern))),
          ([pattern, subject]) => {
            const opts = { caseInsensitive: true };
            return wildcardMatch(pattern, subject, opts) && referenceMatch(pattern, subject, true);
          },
        ),
      ),
    },
    {
      name: 'wildcards: star-heavy values against long texts agree with the reference',
      property: asProperty(
        fc.property(
          fc.array(fc.constantFrom('*', 'a', '/', '?'), { minLength: 1, maxLength: 20 }),
          fc.integer({ min: 50, max: 400 }),
          fc.boolean(),
          (parts, size, end) => {
            const pattern = `/${parts.join('')}${end ? 'z' : ''}`;
            const subject = `/${'a/'.repeat(size)}`;
            const opts = { caseInsensitive: false };
            return wildcardMatch(pattern, subject, opts) === referenceMatch(pattern, subject, false);
          },
        ),
      ),
    },
    {
      name: 'query strings: a %XX in a value stands for the character it encodes, wildcards included',
      property: asProperty(
        fc.property(text(8), (plain) => {
          const encoded = encodeURIComponent(plain.replace(/[\ud800-\udfff]/g, 'x')).replace(/\*/g, '%2A');
          const decoded = decodeURIComponent(encoded);
          return wildcardMatch(decodePattern(encoded), decoded, { caseInsensitive: true, backslashEscapes: true });
        }),
      ),
    },
    {
      name: 'regexes: RE2 finds what JavaScript finds, on the syntax both read alike',
      property: asProperty(
        fc.property(regexSource, text(12), fc.boolean(), (source, subject, caseInsensitive) => {
          const js = new RegExp(source, caseInsensitive ? 'iu' : 'u');
          return regexFinds(source, subject, caseInsensitive) === js.test(subject);
        }),
      ),
    },
    {
      name: 'readers: anything written is read or refused with an AWS error, never a crash',
      property: asProperty(
        fc.property(written, fc.constantFrom('HTTP', 'HTTPS'), (value, listenerProtocol) => {
          for (const read of [
            () => readConditions(value),
            () => readActions(value, { listenerProtocol, targetGroup: (arn) => String(arn) }),
            () => readTransforms(value),
          ])
            try {
              read();
            } catch (error) {
              if (!(error instanceof Refusal)) throw error;
            }
          return true;
        }),
      ),
    },
    {
      name: "answers: whatever an action holds, the ALB's own answer is one HTTP can carry",
      property: asProperty(
        fc.property(
          fc.integer({ min: -1000, max: 1000 }),
          fc.option(text(20)),
          fc.record({ protocol: text(6), port: text(6), host: text(12), path: text(12), query: text(12) }),
          text(12),
          (statusCode, contentType, parts, requestPath) => {
            const fixed = fixedResponse({ type: 'fixed-response', statusCode, contentType, messageBody: null });
            const redirect: Extract<RoutingAction, { type: 'redirect' }> = {
              type: 'redirect',
              ...parts,
              statusCode: 'HTTP_301',
            };
            const location = redirectLocation(redirect, {
              protocol: 'https',
              host: requestPath,
              port: 443,
              path: `/${requestPath}`,
              query: requestPath,
            });
            return (
              fixed.status >= 200 &&
              fixed.status <= 599 &&
              fixed.headers.every(([, value]) => HEADER_SAFE.test(value)) &&
              HEADER_SAFE.test(location)
            );
          },
        ),
      ),
    },
    {
      name: 'XML: whatever text an answer echoes, it stays XML the AWS CLI can parse',
      property: asProperty(
        fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => expectSafeXml(escapeXml(value))),
      ),
    },
  ];
}

export interface MatcherCounts {
  properties: number;
  cases: number;
  failures: { name: string; counterexample: string; error: string }[];
  milliseconds: number;
}

/** Runs every property; counts what ran and what failed (the first failing case of each, shrunk). */
export function runMatcherProperties(options: { seed: number; runsPerProperty: number }): MatcherCounts {
  const started = performance.now();
  const counts: MatcherCounts = { properties: 0, cases: 0, failures: [], milliseconds: 0 };
  for (const { name, property } of matcherProperties()) {
    const details = fc.check(property, { seed: options.seed, numRuns: options.runsPerProperty });
    counts.properties++;
    counts.cases += details.numRuns;
    if (details.failed)
      counts.failures.push({
        name,
        counterexample: fc.stringify(details.counterexample),
        error: String(details.errorInstance ?? ''),
      });
  }
  counts.milliseconds = Math.round(performance.now() - started);
  return counts;
}

export function formatMatcherCounts(counts: MatcherCounts): string {
  const lines = [
    `matchers: ${counts.properties} properties, ${counts.cases} cases, ${counts.failures.length} failing, ${counts.milliseconds} ms`,
  ];
  for (const failure of counts.failures)
    lines.push(`  FAIL ${failure.name}\n    counterexample ${failure.counterexample}\n    ${failure.error}`);
  return lines.join('\n');
}
