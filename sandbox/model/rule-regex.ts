// Regular expressions in listener rules: RegexValues of host-header, path-pattern and http-header conditions, and
// the Regex of rule transforms. Pure.
// Documented (ELB "Listener rules", rule basics; "Transforms for listener rules"): the regexes do not support
// lookaheads, lookbehinds, backreferences, atomic groups, possessive quantifiers, subroutines, recursion and Unicode
// character classes such as \p{L}. That list is exactly what RE2 leaves out, plus \p{…}; so the sandbox compiles
// them with re2js (the JavaScript port of RE2) with Unicode classes turned off, and refuses what it refuses (assumed:
// AWS does not name its engine). RE2 matches in time linear in the text: no request can stall the emulator.
// Assumed, as AWS does not say: a RegexValue matches when the regex finds a match anywhere in the value (write ^…$
// to anchor, as AWS's examples do); case-insensitive fields match case-insensitively.
import { RE2JS } from 're2js';

/** AWS's names for what its regexes leave out, keyed by how RE2 words its refusal. */
const EXCLUDED: [RegExp, string][] = [
  [/\(\?<[=!]/, 'lookaheads and lookbehinds'],
  [/\(\?[=!]/, 'lookaheads and lookbehinds'],
  [/\\[1-9]|\\k[<{']/, 'backreferences'],
  [/\(\?>/, 'atomic groups'],
  [/[*+?}]\+/, 'possessive quantifiers'],
  [/\(\?(R|[+-]?\d|&|P>)/, 'subroutines and recursion'],
  [/\\[pP]/, 'Unicode character classes such as \\p{L}'],
];

function compile(source: string, caseInsensitive: boolean): RE2JS {
  return RE2JS.compile(source, RE2JS.DISABLE_UNICODE_GROUPS | (caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0));
}

/** Why AWS would not take this regex, or null. */
export function unsupportedRegexFeature(source: string): string | null {
  try {
    compile(source, false);
    return null;
  } catch (error) {
    // RE2 refused it; name the excluded feature when the source shows one, as AWS's list words them.
    const excluded = EXCLUDED.find(([pattern]) => pattern.test(source));
    if (excluded) return `regular expressions do not support ${excluded[1]}`;
    return `not a valid regular expression: ${(error as Error).message.replace(/^error parsing regexp: /, '')}`;
  }
}

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 1024;

/** The rule regex, compiled (cached: rules are evaluated on every request). Throws for one AWS would refuse. */
export function ruleRegex(source: string, caseInsensitive: boolean): RE2JS {
  const key = `${caseInsensitive ? 'i' : 's'}:${source}`;
  let re = cache.get(key);
  if (!re) {
    re = compile(source, caseInsensitive);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** True when the regex finds a match in the text; false for a regex that does not compile (it was refused). */
export function regexFinds(source: string, text: string, caseInsensitive: boolean): boolean {
  try {
    return ruleRegex(source, caseInsensitive).test(text);
  } catch {
    return false;
  }
}

/** The text with the first match replaced ($1, $2 … for capture groups), or null when the regex does not match. */
export function regexReplaceFirst(source: string, text: string, replacement: string): string | null {
  let re: RE2JS;
  try {
    re = ruleRegex(source, false);
  } catch {
    return null;
  }
  if (!re.test(text)) return null;
  return re.matcher(text).replaceFirst(replacement);
}
