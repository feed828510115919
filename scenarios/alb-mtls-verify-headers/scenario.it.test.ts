// Seed 004 end to end with real curl against the ALB emulator: reset without a certificate, exact headers with one.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

describe('alb-mtls-verify-headers', () => {
  let report: ScenarioReport;
  let state: string;
  beforeAll(async () => {
    ({ report, state } = await runInTemp(scenario));
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
  });

  it('without a certificate: reset during the handshake, curl exit 35 as in seed 004, nothing reaches the target', () => {
    const p = probe(report, 'no-certificate');
    expect(p.response).toBeNull();
    expect(p.connectionError).toBe('Connection reset by peer');
    expect(p.transcript.some((line) => line.includes('curl: (35)'))).toBe(true);
    expect(p.transcript.some((line) => /TLS alert/.test(line) && !/close notify/i.test(line))).toBe(false);
    expect(p.target).toBeNull();
    expect(p.connectionLog.at(-1)?.tls_verify_status).toBe('Failed:ClientCertNotFound');
  });

  it('with clientA: the target receives the five headers, each equal to the certificate file', () => {
    const p = probe(report, 'clientA-verified');
    const pem = readFileSync(`${state}/certs/clientA.crt`, 'utf8');
    const cert = new X509Certificate(pem);
    const headers = p.target!.receivedHeaders;
    expect(headers['x-amzn-mtls-clientcert-serial-number']).toBe(cert.serialNumber.toUpperCase());
    expect(headers['x-amzn-mtls-clientcert-subject']).toBe(
      'CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
    );
    expect(headers['x-amzn-mtls-clientcert-issuer']).toBe(
      'CN=privateCA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
    );
    expect(headers['x-amzn-mtls-clientcert-validity']).toMatch(
      /^NotBefore=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ;NotAfter=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(decodeURIComponent(headers['x-amzn-mtls-clientcert-leaf']!)).toBe(pem);
    expect(headers['x-amzn-mtls-clientcert-leaf']).toMatch(/^-----BEGIN%20CERTIFICATE-----%0A/);
    expect(headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(p.response?.httpVersion).toBe('2');
    expect(p.handshake.tlsVersion).toBe('TLSv1.2');
  });

  it('with an untrusted CA: reset, logged as ClientCertUntrusted', () => {
    const p = probe(report, 'untrusted-ca');
    expect(p.connectionError).toBe('Connection reset by peer');
    expect(p.connectionLog.at(-1)?.tls_verify_status).toBe('Failed:ClientCertUntrusted');
  });
});
