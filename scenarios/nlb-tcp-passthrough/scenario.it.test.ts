import { english } from '../../cli/testing/english.js';
// End to end with real nginx, HAProxy, openssl and curl: seed 000/001's NLB TCP passthrough.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

describe('nlb-tcp-passthrough', () => {
  let report: ScenarioReport;
  beforeAll(async () => {
    ({ report } = await runInTemp(scenario));
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
    expect(report.pass).toBe(true);
  });

  it('starts two nginx targets and HAProxy for the NLB, all on loopback', () => {
    expect(report.components.map((c) => c.kind).sort()).toEqual(['haproxy', 'nginx', 'nginx']);
    for (const component of report.components) expect(component.address).toMatch(/^(:\d+ → )?127\.0\.0\.1:\d+/);
    expect(report.components.find((c) => c.kind === 'haproxy')?.version).toMatch(/^HAProxy version 2\./);
    expect(report.components.find((c) => c.kind === 'nginx')?.version).toMatch(/^nginx\/1\./);
  });

  it('without a certificate (seed 000 form, -I): nginx requests one, none is sent, nginx answers 400 to the HEAD', () => {
    const p = probe(report, 'no-certificate');
    expect(p.command).toMatch(/^curl -v .*-I .*--cacert \S+sandboxServerCA\.crt /);
    expect(p.command).not.toMatch(/ -k /);
    expect(p.handshake.clientCertificateRequested).toBe(true);
    expect(p.handshake.clientCertificateSent).toBe(false);
    expect(p.response?.status).toBe(400);
    expect(p.response?.body).toBe('');
    expect(p.response?.headers['content-type']).toBe('text/html');
    expect(p.response?.headers.server).toMatch(/^nginx\//);
    expect(p.target?.details.ssl_client_verify).toBe('NONE');
    expect(['web-1', 'web-2']).toContain(p.target?.name);
    // The empty 400 says nothing; nginx's error log says why.
    expect(p.target?.details.error_log).toBe(
      'client sent no required SSL certificate while reading client request headers',
    );
  });

  it("without a certificate, asking with GET: the 400 carries nginx's page, and the same reason in its log", () => {
    const p = probe(report, 'no-certificate-get');
    expect(p.command).not.toMatch(/ -I /);
    expect(p.response?.status).toBe(400);
    expect(p.response?.body).toContain('No required SSL certificate was sent');
    expect(p.outcome.fact).toBe('400 No required SSL certificate was sent');
    expect(p.target?.details.ssl_client_verify).toBe('NONE');
    expect(p.target?.details.error_log).toContain('client sent no required SSL certificate');
  });

  it('with clientA (seed 000 form, -I): 200 and nginx saw CN=clientA verified', () => {
    const p = probe(report, 'clientA-certificate');
    expect(p.command).toMatch(
      /^curl -v .*-I --key \S+clientA\.key --cert \S+clientA\.crt .*--cacert \S+sandboxServerCA\.crt /,
    );
    expect(p.command).not.toMatch(/ -k /);
    expect(p.response?.status).toBe(200);
    expect(p.response?.body).toBe('');
    expect(p.target?.details.ssl_client_verify).toBe('SUCCESS');
    expect(p.target?.details.ssl_client_s_dn).toBe(
      'CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
    );
    expect(p.target?.details.ssl_client_i_dn).toBe(
      'CN=privateCA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
    );
  });

  it('with a certificate from an untrusted CA: 400 "The SSL certificate error", nginx recorded FAILED', () => {
    const p = probe(report, 'untrusted-ca');
    expect(p.response?.status).toBe(400);
    expect(p.response?.body).toContain('The SSL certificate error');
    expect(p.target?.details.ssl_client_verify).toMatch(/^FAILED:/);
    expect(p.target?.details.error_log).toMatch(/^client SSL certificate verify error: \(\d+:.+\) while reading/);
  });

  it('with the PKCS#12 bundle: 200 and the page names the instance that answered', () => {
    const p = probe(report, 'pkcs12-bundle');
    expect(p.command).toContain('--cert-type P12 --cert');
    expect(p.response?.status).toBe(200);
    expect(p.response?.body).toContain(`Hello from ${p.target?.name}`);
  });

  it('passes the client through without rewriting: nginx sees the TLS session curl negotiated', () => {
    for (const p of report.probes) {
      expect(p.target?.details.ssl_protocol).toBe(p.handshake.tlsVersion);
      expect(p.transcript.some((line) => line.includes('Request CERT'))).toBe(true);
    }
  });

  it('reports the stack resources it does not realize, by logical id, with reasons', () => {
    expect(report.notRealized.some((n) => n.type === 'AWS::EC2::VPC' && /loopback/.test(english(n.reason)))).toBe(true);
    expect(
      report.notRealized.some(
        (n) => n.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && n.property === 'Subnets',
      ),
    ).toBe(true);
  });
});
