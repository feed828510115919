// Distribution probes: many clients, each sending a few requests, and where the requests landed. Pure: what each
// request reached in, counts and verdicts out. The bounds a scenario asserts follow from the balancing algorithm
// (a source-address hash, a stickiness cookie, round robin), never from timing.
import { type Message, msg } from './messages.js';
import type { DistributionClient } from './report.js';
import type { CountBounds, DistributionExpectation } from './scenario.js';

/** The key under which requests no target received are counted. */
export const NO_TARGET = '(none)';

export interface ClientSpec {
  name: string;
  sourceAddress: string;
}

/** The clients of a probe: one per source address (127.0.0.1 when none is given), named client-1, client-2, … */
export function distributionClients(sources: readonly string[] | undefined, fallback = '127.0.0.1'): ClientSpec[] {
  const list = sources && sources.length > 0 ? sources : [fallback];
  return list.map((sourceAddress, index) => ({ name: `client-${index + 1}`, sourceAddress }));
}

/** Requests per target name over all clients, targets in the order they first answered. */
export function perTarget(clients: readonly Pick<DistributionClient, 'targets'>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const client of clients)
    for (const [target, count] of Object.entries(client.targets)) out[target] = (out[target] ?? 0) + count;
  return out;
}

/** A Set-Cookie header's load-balancer stickiness cookie name (AWSALB, AWSALBTG), or null. */
export function lbCookieName(setCookie: string | undefined): string | null {
  const match = /(?:^|[,;]\s*)(AWSALB(?:TG)?|AWSELB)=/.exec(setCookie ?? '');
  return match ? match[1]! : null;
}

function within(count: number, bounds: CountBounds): boolean {
  return (bounds.min === undefined || count >= bounds.min) && (bounds.max === undefined || count <= bounds.max);
}

/** "web-1: 2, web-2: 2": the counts, as data for a message. */
function listCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? '' : entries.map(([name, count]) => `${name}: ${count}`).join(', ');
}

const boundsParams = (bounds: CountBounds) => ({ min: bounds.min ?? null, max: bounds.max ?? null });

/** Every way the counts differ from the expectation; empty = pass. */
export function judgeDistribution(expect: DistributionExpectation, clients: readonly DistributionClient[]): Message[] {
  const out: Message[] = [];
  const totals = perTarget(clients);
  const answered = Object.keys(totals).filter((name) => name !== NO_TARGET && totals[name]! > 0);
  for (const [name, bounds] of Object.entries(expect.perTarget ?? {})) {
    const names = name === '*' ? answered : [name];
    for (const target of names) {
      const count = totals[target] ?? 0;
      if (!within(count, bounds))
        out.push(
          msg('mismatch.per-target', {
            ...boundsParams(bounds),
            every: name === '*',
            target,
            count,
            counts: listCounts(totals),
          }),
        );
    }
  }
  if (expect.targets && !within(answered.length, expect.targets)) {
    out.push(
      msg('mismatch.targets', { ...boundsParams(expect.targets), count: answered.length, counts: listCounts(totals) }),
    );
  }
  if (expect.targetsPerClient) {
    const bounds = expect.targetsPerClient;
    const reachedBy = (client: DistributionClient) =>
      Object.keys(client.targets).filter((name) => name !== NO_TARGET).length;
    const off = clients.filter((client) => !within(reachedBy(client), bounds));
    for (const client of off.slice(0, 5)) {
      out.push(
        msg('mismatch.targets-per-client', {
          ...boundsParams(bounds),
          client: client.name,
          source: client.sourceAddress,
          count: reachedBy(client),
          counts: listCounts(client.targets),
        }),
      );
    }
    if (off.length > 5) out.push(msg('mismatch.more-clients', { count: off.length - 5 }));
  }
  return out;
}

/**
 * Source-IP stickiness as realized here (HAProxy `balance source`, map-based): the IPv4 address as a 32-bit number
 * modulo the number of equally weighted targets that are up picks the target. Returns how many of `sources` land on
 * each target index, so a scenario can derive its bounds from the algorithm. (The index order is HAProxy's map;
 * the counts, not which target gets which, are what a scenario should assert.)
 */
export function sourceHashCounts(sources: readonly string[], targets: number): number[] {
  const counts = new Array<number>(targets).fill(0);
  for (const source of sources) {
    const octets = source.split('.').map(Number);
    if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255))
      throw new Error(`${source} is not an IPv4 address`);
    const value = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
    counts[value % targets]! += 1;
  }
  return counts;
}
