// One certificate through every front door with real curl, nginx and the emulators: what each target learnt is
// checked against the certificate file, and the table in the record says the same.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

describe('who-tells-the-target', () => {
  let report: ScenarioReport;
  let cert: X509Certificate;
  let rfc2253: string;
  beforeAll(async () => {
    const run = await runInTemp(scenario);
    report = run.report;
    cert = new X509Certificate(readFileSync(`${run.state}/certs/clientA.crt`, 'utf8'));
    rfc2253 = cert.subject.split('\n').reverse().join(',');
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
  });

  it('nginx behind TCP passthrough reads the certificate from its own TLS session', () => {
    const details = probe(report, 'tcp-passthrough').target!.details;
    expect(details.ssl_client_s_dn).toBe(rfc2253);
    expect(details.ssl_client_serial).toBe(cert.serialNumber.toUpperCase());
  });

  it('has one row per front door, in the scenario order, with what the target learnt', () => {
    const rows = report.identityTable!.rows;
    expect(rows.map((row) => row.probe)).toEqual([
      'tcp-passthrough',
      'alb-verify',
      'alb-passthrough',
      'alb-renamed',
      'nlb-tls-verify',
      'cloudfront-required',
      'cloudfront-passthrough',
      'cloudfront-origin-mtls',
    ]);
    const field = (row: number, name: string) => rows[row]!.fields.find((f) => f.name === name);
    expect(field(0, 'ssl_client_s_dn')).toMatchObject({ source: 'tls', value: rfc2253, format: 'dn-rfc2253' });
    expect(field(0, 'ssl_client_serial')?.format).toBe('hex-upper');
    expect(field(1, 'x-amzn-mtls-clientcert-subject')).toMatchObject({ value: rfc2253, format: 'dn-rfc2253' });
    expect(field(1, 'x-amzn-mtls-clientcert-serial-number')).toMatchObject({
      value: cert.serialNumber.toUpperCase(),
      format: 'hex-upper',
    });
    expect(field(1, 'x-amzn-mtls-clientcert-leaf')?.format).toBe('pem-url-encoded');
    expect(rows[2]!.fields.map((f) => f.name)).toEqual(['x-amzn-mtls-clientcert']);
    expect(field(3, 'x-client-cert-subject')?.value).toBe(rfc2253);
    expect(field(3, 'x-amzn-tls-version')?.format).toBe('tls-version');
    expect(field(3, 'x-amzn-tls-cipher-suite')?.value).toBe(probe(report, 'alb-renamed').handshake.cipher);
    expect(field(3, 'x-amzn-tls-kx')).toMatchObject({ value: 'secp256r1', format: 'tls-group' });
    expect(rows[4]!.fields).toEqual([
      { source: 'tls', name: 'ssl_client_verify', value: 'NONE', format: 'verify-result' },
    ]);
    expect(rows.map((row) => row.verifiedBy)).toEqual([
      'nginx',
      'alb-trust-store',
      'target-after-alb-passthrough',
      'alb-trust-store',
      'nlb-trust-store',
      'cloudfront-trust-store',
      'origin-after-cloudfront-passthrough',
      'cloudfront-trust-store',
    ]);
    // CloudFront's own formats, from the same certificate: a colon-separated lowercase serial, a SHA-256 of the DER.
    const hex = cert.serialNumber.toLowerCase();
    const serial = hex.length % 2 ? `0${hex}` : hex;
    expect(field(5, 'cloudfront-viewer-cert-serial-number')).toMatchObject({
      value: serial.match(/../g)!.join(':'),
      format: 'hex-colon-lower',
    });
    expect(field(5, 'cloudfront-viewer-cert-sha256')?.value).toBe(
      cert.fingerprint256.replaceAll(':', '').toLowerCase(),
    );
    expect(field(5, 'cloudfront-viewer-cert-subject')).toMatchObject({ value: rfc2253, format: 'dn-rfc2253' });
    expect(field(6, 'client-cert')).toMatchObject({ value: `:${cert.raw.toString('base64')}:`, format: 'sf-binary' });
    // Origin mTLS: the ALB behind CloudFront names CloudFront's certificate; the viewer comes in CloudFront's headers.
    expect(field(7, 'x-amzn-mtls-clientcert-subject')?.value).toMatch(/^CN=cloudfront-origin\.example\.org,/);
    expect(field(7, 'x-amzn-mtls-clientcert-issuer')?.value).toMatch(/^CN=originClientCA,/);
    expect(field(7, 'cloudfront-viewer-cert-subject')).toMatchObject({ value: rfc2253, format: 'dn-rfc2253' });
  });

  it('says which doors let a client forge the identity header', () => {
    const results = report.identityTable!.rows.map((row) => [row.probe, row.forgery?.result]);
    expect(results).toEqual([
      ['tcp-passthrough', 'as-sent'],
      ['alb-verify', 'replaced'],
      ['alb-passthrough', 'dropped'],
      ['alb-renamed', 'replaced'],
      ['nlb-tls-verify', 'as-sent'],
      ['cloudfront-required', 'replaced'],
      ['cloudfront-passthrough', 'replaced'],
      ['cloudfront-origin-mtls', 'replaced'],
    ]);
    expect(report.identityTable!.rows[1]!.forgery!.received).toBe(rfc2253);
  });
});
