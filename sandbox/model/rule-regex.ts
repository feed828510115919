// Regular expressions in listener rules: RegexValues of host-header, path-pattern and http-header conditions, and
// the Regex of rule transforms (ELB "Transforms for listener rules"). Pure.
// AWS documents what the transform regexes do not support: lookaheads, lookbehinds, backreferences, atomic groups,
// possessive quantifiers, subroutines, recursion, Unicode classes such as \p{L}. The dialect otherwise, anchoring
// and case sensitivity are not documented; the sandbox reads them as JavaScript regular expressions that search
// (unanchored, write ^…$ to anchor, as AWS's example does) and applies the same exclusions to condition regexes.

const UNSUPPORTED: [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookaheads and lookbehinds'],
  [/\\[1-9]|\\k</, 'backreferences'],
  [/\(\?>/, 'atomic groups'],
  [/[*+?}]\+/, 'possessive quantifiers'],
  [/\(\?(R|\d|&|P>)/, 'subroutines and recursion'],
  [/\\[pP]\{/, 'Unicode classes such as \\p{L}'],
];

/** Why AWS would not take this regex, or null. Escaped characters are skipped over, so `\\(?=` is fine. */
export function unsupportedRegexFeature(source: string): string | null {
  for (const [pattern, what] of UNSUPPORTED) {
    // Look only at what is not escaped: drop "\\x" pairs that cannot start a construct of the list.
    const unescaped = source.replace(/\\[^1-9kpP]/g, '__');
    if (pattern.test(unescaped)) return `regular expressions do not support ${what}`;
  }
  try {
    new RegExp(source, 'u');
  } catch (err) {
    return `not a valid regular expression: ${(err as Error).message}`;
  }
  return null;
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 1024;

/** The rule regex as a RegExp (cached: rules are evaluated on every request). */
export function ruleRegExp(source: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}:${source}`;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(source, caseInsensitive ? 'iu' : 'u');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re;
}
