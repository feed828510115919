// Requests of one probe in flight together: which probes may send so (pure), and a bounded fan-out that keeps the
// results in the order of the inputs.
import type { ProbeSpec } from '../scenario.js';
import { REQUEST_ID_HEADER } from '../runtime/target-log.js';

/** The header that tells a target's log lines apart when requests share the targets (as curl sends it). */
export const REQUEST_ID = 'X-Sandbox-Request-Id';
// Targets log the header by its lower-case name; the two must name the same header.
if (REQUEST_ID.toLowerCase() !== REQUEST_ID_HEADER) throw new Error('REQUEST_ID and REQUEST_ID_HEADER differ');

/**
 * Whether a distribution probe's clients may send side by side: the probe says so (client.clientsAtOnce), and
 * nothing it expects of each request needs a record that only the order of requests attributes — the load
 * balancer's request, connection and AWS WAF logs, and nginx's error log, carry no request id.
 */
export function sideBySide(spec: ProbeSpec): boolean {
  if (spec.client.clientsAtOnce !== true) return false;
  const expect = spec.expect;
  if (expect.rulePriority !== undefined || expect.connectionLog !== undefined || expect.waf !== undefined) return false;
  const target = expect.target;
  const fromErrorLog = (fields?: Record<string, string>) => fields !== undefined && 'error_log' in fields;
  return !(target && (fromErrorLog(target.details) || fromErrorLog(target.detailsInclude)));
}

/** work(0) … work(count - 1), at most `limit` at a time; the results in index order. */
export async function eachAtMost<T>(count: number, limit: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) results[index] = await work(index);
  };
  await Promise.all(Array.from({ length: Math.min(count, Math.max(1, limit)) }, worker));
  return results;
}
