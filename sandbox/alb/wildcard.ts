// Wildcard patterns as ALB listener rules use them: `*` matches 0 or more characters, `?` exactly one.
// ELB "Listener rules" documentation (condition types); for query strings a literal `*`/`?` is written `\*`/`\?`
// (ELB API reference, QueryStringConditionConfig).

export interface WildcardOptions {
  caseInsensitive: boolean;
  /** `\*`, `\?` and `\\` stand for the literal character (query-string values). */
  backslashEscapes?: boolean;
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 2048;

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/** Compiles a rule pattern to an anchored RegExp (cached: rules are evaluated on every request). */
export function compileWildcard(pattern: string, options: WildcardOptions): RegExp {
  const key = `${options.caseInsensitive ? 'i' : 's'}${options.backslashEscapes ? 'e' : 'n'}:${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (options.backslashEscapes && ch === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!);
    } else if (ch === '*') {
      source += '[\\s\\S]*';
    } else if (ch === '?') {
      source += '[\\s\\S]';
    } else {
      source += escapeRegExp(ch);
    }
  }
  const re = new RegExp(`^${source}$`, options.caseInsensitive ? 'iu' : 'u');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, re);
  return re;
}

export function wildcardMatch(pattern: string, text: string, options: WildcardOptions): boolean {
  return compileWildcard(pattern, options).test(text);
}
