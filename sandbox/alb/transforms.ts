// Rule transforms (ELB "Transforms for listener rules", October 2025): after a rule matched, rewrite the Host header
// and/or the URL (path and query) of the request before it goes to the target. Pure.
// Documented: the routing decision is already made; no match leaves the request as it is; "If there is a pattern
// match but the transform fails, we return an HTTP 500 error". Inferred: rewrites are tried in order and the first
// whose regex matches replaces its first match ($1 $2 … as AWS's example uses; regexes run on RE2, model/rule-regex.ts);
// the URL transform works on "path?query" and fails when the result is not a path starting with "/" or holds a
// character no request line can carry (a control character, a space, anything outside printable ASCII); a Host
// rewrite fails when the result is not one printable ASCII word without "/"; transforms apply to forwarded requests
// only (a fixed response or redirect has no target to send a rewritten request to).
import { regexReplaceFirst } from '../model/rule-regex.js';
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
    const next = regexReplaceFirst(regex, input, replace);
    if (next !== null) return next;
  }
  return null;
}

/** What a Host header or a request target can carry: printable ASCII, no space. */
const PRINTABLE = /^[\x21-\x7e]+$/;

export function applyTransforms(transforms: RuleTransform[] | undefined, request: TransformInput): TransformResult {
  let { host, url } = request;
  const notes: string[] = [];
  for (const transform of Array.isArray(transforms) ? transforms : []) {
    if (transform.type === 'host-header-rewrite') {
      const next = rewrite(transform, host);
      if (next === null) continue;
      if (!PRINTABLE.test(next) || next.includes('/')) {
        notes.push(`host-header-rewrite of "${host}" gave "${next}", not a host: 500`);
        return { ok: false, status: 500, notes };
      }
      notes.push(`host-header-rewrite: Host "${host}" → "${next}"`);
      host = next;
    } else {
      const next = rewrite(transform, url);
      if (next === null) continue;
      if (!next.startsWith('/') || !PRINTABLE.test(next)) {
        notes.push(`url-rewrite of "${url}" gave "${next}", not a path: 500`);
        return { ok: false, status: 500, notes };
      }
      notes.push(`url-rewrite: "${url}" → "${next}"`);
      url = next;
    }
  }
  return { ok: true, host, url, notes };
}
