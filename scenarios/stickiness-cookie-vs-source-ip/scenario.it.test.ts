// End to end with real curl, nginx, HAProxy and the ALB emulator: where 16 clients' requests land under NLB
// source-IP stickiness and under the ALB's AWSALB cookie. Every count asserted follows from the algorithm. The
// clients send side by side, as in `run` (8 requests in flight), each request found in its target's log by its id.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProbe } from '../../cli/plain.js';
import type { ProbeReport, ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

/** The one target each client reached (every client here is pinned, so exactly one). */
const pinnedTarget = (p: ProbeReport, client: number) => {
  const targets = Object.keys(p.clients![client - 1]!.targets);
  expect(targets).toHaveLength(1);
  return targets[0]!;
};

describe('stickiness-cookie-vs-source-ip', () => {
  let report: ScenarioReport;
  beforeAll(async () => {
    ({ report } = await runInTemp(scenario, undefined, { requestsAtOnce: 8 }));
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
    expect(report.pass).toBe(true);
  });

  it('NLB, 16 clients behind one address: all 32 requests on one target, none on the other, no cookie', () => {
    const p = probe(report, 'nlb-clients-behind-one-proxy');
    expect(p.skipped).toBeUndefined();
    expect(Object.values(p.distribution!).sort((a, b) => a - b)).toEqual([0, 32]);
    expect(Object.keys(p.distribution!).sort()).toEqual(['web-1', 'web-2']);
    expect(p.clients).toHaveLength(16);
    const target = pinnedTarget(p, 1);
    for (let client = 1; client <= 16; client++) expect(pinnedTarget(p, client)).toBe(target);
    expect(p.clients!.every((c) => c.lbCookie === null && c.sourceAddress === '127.0.0.1')).toBe(true);
  });

  it.runIf(process.platform === 'linux')(
    'NLB, 16 clients with their own addresses: address mod 2 — even addresses on one target, odd on the other, 16 requests each',
    () => {
      const p = probe(report, 'nlb-clients-with-own-addresses');
      expect(p.skipped).toBeUndefined();
      expect(p.distribution).toEqual({ 'web-1': 16, 'web-2': 16 });
      const odd = pinnedTarget(p, 1); // 127.0.0.1
      const even = pinnedTarget(p, 2); // 127.0.0.2
      expect(odd).not.toBe(even);
      for (let client = 1; client <= 16; client++) {
        expect(p.clients![client - 1]!.sourceAddress).toBe(`127.0.0.${client}`);
        expect(pinnedTarget(p, client)).toBe(client % 2 === 1 ? odd : even);
        expect(p.clients![client - 1]!.targets[pinnedTarget(p, client)]).toBe(2);
      }
    },
  );

  it('ALB, the same 16 clients behind one address, each with its cookie jar: round robin alternates their first requests, AWSALB keeps each where it started', () => {
    const p = probe(report, 'alb-clients-behind-one-proxy');
    expect(p.distribution).toEqual({ 'app-1': 16, 'app-2': 16 });
    expect(p.clients!.every((c) => c.lbCookie === 'AWSALB')).toBe(true);
    // Which client's first request came first is the race's: round robin gives 8 clients to each target.
    const pinned = Array.from({ length: 16 }, (_, index) => pinnedTarget(p, index + 1));
    expect(pinned.filter((target) => target === 'app-1')).toHaveLength(8);
    expect(pinned.filter((target) => target === 'app-2')).toHaveLength(8);
    // The command each client ran names its own cookie jar.
    expect(p.clients![2]!.command).toMatch(/--cookie \S+client-3\.cookies --cookie-jar \S+client-3\.cookies/);
  });

  it('tells the requests sent side by side apart by the id each carried to its target', () => {
    for (const name of ['nlb-clients-behind-one-proxy', 'alb-clients-behind-one-proxy']) {
      const id = probe(report, name).target?.receivedHeaders['x-sandbox-request-id'];
      // The last request of the last round: client-16's second.
      expect(id).toBe(`${name}.client-16.2`);
    }
    // The probe that sends one request at a time carries none.
    expect(probe(report, 'alb-client-dropping-cookies').target?.receivedHeaders).not.toHaveProperty(
      'x-sandbox-request-id',
    );
  });

  it('ALB, a client that drops its cookies: every request balanced afresh, 4 and 4', () => {
    const p = probe(report, 'alb-client-dropping-cookies');
    expect(p.distribution).toEqual({ 'app-1': 4, 'app-2': 4 });
    expect(p.clients![0]!.targets).toEqual({ 'app-1': 4, 'app-2': 4 });
    expect(p.command).not.toContain('--cookie');
  });

  it('shows the numbers in the plain output as a bar per target, empty bars included', () => {
    const text = formatProbe(probe(report, 'nlb-clients-behind-one-proxy'));
    expect(text).toContain('requests per target — 32 requests from 127.0.0.1 (16 clients behind one address):');
    expect(text).toMatch(/web-\d +█{32} 32 {2}100%/);
    expect(text).toMatch(/web-\d +·{32} {2}0 {2}0%/);
    expect(text).toContain('clients on one target: 16/16 · stickiness cookie: none set');
    expect(formatProbe(probe(report, 'alb-clients-behind-one-proxy'))).toContain(
      'stickiness cookie: AWSALB set for 16/16',
    );
  });
});
