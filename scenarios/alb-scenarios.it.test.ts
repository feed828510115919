// The other ALB scenarios end to end with real curl, nginx and the ALB emulator: every probe's expectation holds.
import { describe, expect, it } from 'vitest';
import { probe, runInTemp } from '../sandbox/testing/run-in-temp.js';
import cnRouting from './alb-cn-routing-workarounds/scenario.js';
import edgeCases from './alb-mtls-certificate-edge-cases/scenario.js';
import passthrough from './alb-mtls-passthrough/scenario.js';
import termination from './alb-tls-termination/scenario.js';

describe('ALB scenarios', () => {
  it('alb-tls-termination: no CertificateRequest, nginx behind sees plain HTTP with X-Forwarded-*', async () => {
    const { report } = await runInTemp(termination);
    expect(report.probes.flatMap((p) => p.mismatches)).toEqual([]);
    for (const p of report.probes) {
      expect(p.handshake.clientCertificateRequested).toBe(false);
      expect(p.target?.receivedHeaders['x-forwarded-proto']).toBe('https');
    }
  });

  it('alb-mtls-passthrough: untrusted and trusted clients reach the target with the PEM chain', async () => {
    const { report } = await runInTemp(passthrough);
    expect(report.probes.flatMap((p) => p.mismatches)).toEqual([]);
    expect(
      decodeURIComponent(probe(report, 'untrusted-ca-gets-through').target!.receivedHeaders['x-amzn-mtls-clientcert']!),
    ).toContain('-----BEGIN CERTIFICATE-----');
    expect(probe(report, 'no-certificate').target?.receivedHeaders['x-amzn-mtls-clientcert']).toBeUndefined();
  });

  it('alb-cn-routing-workarounds: nginx routes on the verified subject; each trust store admits one class', async () => {
    const { report } = await runInTemp(cnRouting);
    expect(report.probes.flatMap((p) => p.mismatches)).toEqual([]);
    expect(probe(report, 'clientA-routed-to-app-a').response?.body.trim()).toBe('routed to app-a');
    expect(probe(report, 'spoofed-subject-does-not-route').response?.body.trim()).toBe('routed to app-b');
    expect(probe(report, 'class-a-client-refused-on-class-b-listener').connectionError).toBe(
      'Connection reset by peer',
    );
  });

  it('alb-mtls-certificate-edge-cases: each failure has its tls_verify_status; expiry can be waived, revocation not', async () => {
    const { report } = await runInTemp(edgeCases);
    expect(report.probes.flatMap((p) => p.mismatches)).toEqual([]);
    const status = (name: string) => probe(report, name).connectionLog.at(-1)?.tls_verify_status;
    expect(status('expired-refused')).toBe('Failed:ClientCertExpired');
    expect(status('expired-accepted-when-expiry-ignored')).toBe('Success');
    expect(status('revoked-refused')).toBe('Failed:ClientCertCrlHit');
    expect(status('revoked-refused-even-when-expiry-ignored')).toBe('Failed:ClientCertCrlHit');
    expect(status('untrusted-refused')).toBe('Failed:ClientCertUntrusted');
    expect(status('no-certificate-refused')).toBe('Failed:ClientCertNotFound');
  });
});
