// Rule transforms (ELB "Transforms for listener rules", October 2025): after a rule matched, rewrite the Host header
// and/or the URL (path and query) of the request before it goes to the target. Pure.
// Documented: the routing decision is already made; no match leaves the request as it is; "If there is a pattern
// match but the transform fails, we return an HTTP 500 error". Inferred: rewrites are tried in order and the first
// whose regex matches replaces its first match (JavaScript replacement syntax, $1 $2 … as AWS's example uses); the
// URL transform works on "path?query" and fails when the result is not a path starting with "/"; transforms apply
// to forwarded requests only (a fixed response or redirect has no target to send a rewritten request to).
import { ruleRegExp } from '../model/rule-regex.js';
import type { RuleTransform } from '../model/topology.js';

export interface TransformInput {
  /** The Host header (or :authority) as the client sent it. */
  host: string;
  /** path?query as the client sent it. */
  url: string;
}

export type TransformResult =
  | { ok: true; host: string; url: string; notes: string[] }
  | { ok: false; status: 500; notes: string[] };

function rewrite(transform: RuleTransform, input: string): string | null {
  for (const { regex, replace } of transform.rewrites) {
    const re = ruleRegExp(regex, false);
    if (re.test(input)) return input.replace(re, replace);
  }
  return null;
}

export function applyTransforms(transforms: RuleTransform[] | undefined, request: TransformInput): TransformResult {
  let { host, url } = request;
  const notes: string[] = [];
  for (const transform of transforms ?? []) {
    if (transform.type === 'host-header-rewrite') {
      const next = rewrite(transform, host);
      if (next === null) continue;
      if (next.trim() === '' || /[\s/]/.test(next)) {
        notes.push(`host-header-rewrite of "${host}" gave "${next}", not a host: 500`);
        return { ok: false, status: 500, notes };
      }
      notes.push(`host-header-rewrite: Host "${host}" → "${next}"`);
      host = next;
    } else {
      const next = rewrite(transform, url);
      if (next === null) continue;
      if (!next.startsWith('/') || /\s/.test(next)) {
        notes.push(`url-rewrite of "${url}" gave "${next}", not a path: 500`);
        return { ok: false, status: 500, notes };
      }
      notes.push(`url-rewrite: "${url}" → "${next}"`);
      url = next;
    }
  }
  return { ok: true, host, url, notes };
}
