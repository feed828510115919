// Header modification end to end with real curl against the ALB emulator: the renamed headers carry the
// certificate's own fields (read here from the certificate file), the TLS headers name what curl negotiated, and the
// response headers reach the client on the target's answers and on the ALB's own.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

describe('alb-header-modification', () => {
  let report: ScenarioReport;
  let state: string;
  beforeAll(async () => {
    ({ report, state } = await runInTemp(scenario));
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
  });

  it('renames the headers: values from the certificate file, under the new names only', () => {
    const p = probe(report, 'clientA-renamed-headers');
    const pem = readFileSync(`${state}/certs/clientA.crt`, 'utf8');
    const cert = new X509Certificate(pem);
    const headers = p.target!.receivedHeaders;
    expect(headers['x-client-cert-serial']).toBe(cert.serialNumber.toUpperCase());
    // node prints the DN one RDN a line, least specific first; RFC 2253 is most specific first, comma-joined.
    expect(headers['x-client-cert-subject']).toBe(cert.subject.split('\n').reverse().join(','));
    expect(headers['x-client-cert-issuer']).toBe(cert.issuer.split('\n').reverse().join(','));
    const [notBefore, notAfter] = headers['x-client-cert-validity']!.match(/\d{4}-[\d-]+T[\d:]+Z/g)!;
    expect(Date.parse(notBefore!)).toBe(Date.parse(cert.validFrom));
    expect(Date.parse(notAfter!)).toBe(Date.parse(cert.validTo));
    expect(decodeURIComponent(headers['x-amzn-mtls-clientcert-leaf']!)).toBe(pem);
    expect(Object.keys(headers).filter((name) => name.startsWith('x-amzn-mtls-'))).toEqual([
      'x-amzn-mtls-clientcert-leaf',
    ]);
  });

  it('adds the TLS version and cipher curl negotiated, in OpenSSL names', () => {
    const p = probe(report, 'tls-version-and-cipher');
    expect(p.handshake.cipher).toBeTruthy();
    expect(p.target!.receivedHeaders['x-amzn-tls-version']).toBe(p.handshake.tlsVersion);
    expect(p.target!.receivedHeaders['x-amzn-tls-cipher-suite']).toBe(p.handshake.cipher);
  });

  it("puts the response headers on the target's answer and on the ALB's own, without its Server header", () => {
    const target = probe(report, 'hsts-on-the-response');
    expect(target.response!.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const own = probe(report, 'alb-own-response-headers');
    expect(own.response!.status).toBe(503);
    expect(own.response!.headers.server).toBeUndefined();
    expect(own.response!.headers['x-content-type-options']).toBe('nosniff');
  });

  it("drops the client's own copy of a renamed header", () => {
    const p = probe(report, 'spoofed-renamed-header');
    expect(p.target!.receivedHeaders['x-client-cert-subject']).toMatch(/^CN=clientA,/);
    expect(p.command).toContain('X-Client-Cert-Subject: CN=admin');
  });
});
