// Wildcard values of listener rule conditions (host-header, path-pattern, http-header, query-string). Pure.
// Documented (ELB "Condition types for listener rules"; API Reference, *ConditionConfig): `*` matches 0 or more
// characters, `?` exactly one, every other character stands for itself; query-string values write a literal `*` or
// `?` as `\*` / `\?` (QueryStringConditionConfig).
// Assumed where AWS is silent (docs/listener-rules.md): `\\` is a literal backslash and a backslash before any other
// character is itself literal; "a character" is one Unicode code point; case-insensitive values fold ASCII letters
// only (HTTP's own rule for case-insensitive tokens), so no Unicode case mapping can make two values equal.
//
// Matching is a two-pointer glob: the text is read once, and after a mismatch only the text following the last `*`
// is retried. No regular expression, no backtracking into earlier stars: the cost is at most
// (pattern length × text length), and patterns are at most 128 characters.

export interface WildcardOptions {
  caseInsensitive: boolean;
  /** `\*`, `\?` and `\\` stand for the literal character (query-string values). */
  backslashEscapes?: boolean;
}

/** A pattern token: a code point to compare, or one of the two wildcards. */
const STAR = -1;
const ONE = -2;

const cache = new Map<string, Int32Array>();
const CACHE_LIMIT = 4096;

function fold(codePoint: number): number {
  return codePoint >= 0x41 && codePoint <= 0x5a ? codePoint + 0x20 : codePoint;
}

/** The pattern as tokens (cached: rules are evaluated on every request). */
export function wildcardTokens(pattern: string, options: WildcardOptions): Int32Array {
  const key = `${options.caseInsensitive ? 'i' : 's'}${options.backslashEscapes ? 'e' : 'n'}:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const points = codePoints(pattern, false);
  const tokens: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    const next = points[i + 1];
    if (options.backslashEscapes && point === 0x5c && (next === 0x2a || next === 0x3f || next === 0x5c)) {
      tokens.push(options.caseInsensitive ? fold(next) : next);
      i++;
    } else if (point === 0x2a) {
      // Consecutive stars match what one star matches.
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (point === 0x3f) {
      tokens.push(ONE);
    } else {
      tokens.push(options.caseInsensitive ? fold(point) : point);
    }
  }
  const compiled = Int32Array.from(tokens);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** The code points of a text, ASCII letters folded to lower case when asked. */
export function codePoints(text: string, caseInsensitive: boolean): Int32Array {
  const out = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const point = text.codePointAt(i)!;
    if (point > 0xffff) i++;
    out[n++] = caseInsensitive ? fold(point) : point;
  }
  return out.subarray(0, n);
}

/** True when the whole text matches the pattern. */
export function wildcardMatch(pattern: string, text: string, options: WildcardOptions): boolean {
  return globMatch(wildcardTokens(pattern, options), codePoints(text, options.caseInsensitive));
}

function globMatch(tokens: Int32Array, text: Int32Array): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const token = p < tokens.length ? tokens[p]! : null;
    if (token === STAR) {
      star = p++;
      resume = t;
    } else if (token !== null && (token === ONE || token === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      // Let the last star take one more character and try the rest of the pattern again from there.
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < tokens.length && tokens[p] === STAR) p++;
  return p === tokens.length;
}
