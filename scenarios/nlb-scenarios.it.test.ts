// The NLB TLS listener scenarios end to end with real curl, nginx, HAProxy and the NLB TLS emulator: every probe's
// expectation holds, the report has the published shape, and openssl s_client sees what curl saw.
import { describe, expect, it } from 'vitest';
import { probe, runInTemp } from '../sandbox/testing/run-in-temp.js';
import filters from './nlb-mtls-identity-filters/scenario.js';
import termination from './nlb-tls-termination/scenario.js';
import thenAndNow from './then-and-now/scenario.js';

describe('NLB TLS scenarios', () => {
  it('nlb-tls-termination: TLS ends at the NLB, nginx behind it sees no certificate; the TCP listener passes it', async () => {
    const { report } = await runInTemp(termination);
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
    const tls = report.topology.balancers[0]!.listeners.find((l) => l.port === 443)!;
    expect(tls).toMatchObject({
      protocol: 'TLS',
      tlsEndsAt: 'load-balancer',
      clientVerifiedBy: 'nobody',
      targetProtocol: 'TLS',
    });
    expect(probe(report, 'clientA-through-tls-listener').target?.details.ssl_client_verify).toBe('NONE');
  });

  it('nlb-mtls-identity-filters: every field, case, prefix and order as documented; refusals never reach the target', async () => {
    const { report } = await runInTemp(filters);
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
  });

  it('then-and-now: the same clients against TCP passthrough, ALB verify and NLB verify', async () => {
    const { report } = await runInTemp(thenAndNow);
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
  });
});
