import { english } from '../../cli/testing/english.js';
// End to end with real nginx, HAProxy, openssl and curl: seed 000's Classic Load Balancer TCP:443 → TCP:443.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

describe('clb-tcp-passthrough', () => {
  let report: ScenarioReport;
  beforeAll(async () => {
    ({ report } = await runInTemp(scenario));
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
  });

  it('reproduces seed 000: 400 without a certificate, 200 with clientA, both through the CLB', () => {
    const none = probe(report, 'no-certificate');
    expect(none.response?.status).toBe(400);
    // seed 000 sent HEAD (-I): the 400 page's text is not in the answer, nginx's own log says why.
    expect(none.command).toMatch(/ -I /);
    expect(none.target?.details).toMatchObject({ ssl_client_verify: 'NONE', status: '400' });
    expect(none.handshake.clientCertificateRequested).toBe(true);
    const good = probe(report, 'clientA-certificate');
    expect(good.response?.status).toBe(200);
    expect(good.handshake.clientCertificateSent).toBe(true);
    expect(good.target?.details.ssl_client_s_dn).toContain('CN=clientA');
  });

  it('balances round robin across the two instances, as a CLB TCP listener does', () => {
    const answered = report.probes.map((p) => p.target?.name);
    for (let i = 1; i < answered.length; i++) expect(answered[i]).not.toBe(answered[i - 1]);
    expect(new Set(answered)).toEqual(new Set(['web-1', 'web-2']));
  });

  it('names the realized CLB listener in the component roles', () => {
    const haproxy = report.components.find((c) => c.kind === 'haproxy');
    expect(english(haproxy?.role)).toContain('CLB Clb listener TCP:443 → instances TCP:443');
  });
});
