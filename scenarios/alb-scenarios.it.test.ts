// The other ALB scenarios end to end with real curl, nginx and the ALB emulator: every probe's expectation holds.
import { describe, expect, it } from 'vitest';
import { probe, runInTemp } from '../sandbox/testing/run-in-temp.js';
import cnRouting from './alb-cn-routing-workarounds/scenario.js';
import chains from './alb-mtls-certificate-chains/scenario.js';
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
    expect(status('not-yet-valid-refused')).toBe('Failed:ClientCertNotYetValid');
    expect(status('expired-intermediate-refused-even-when-expiry-ignored')).toBe('Failed:ClientCertExpired');
    expect(status('expired-crl-processing-error')).toBe('Failed:ClientCertCrlProcessingError');
    expect(status('wrong-purpose-refused')).toBe('Failed:ClientCertPurposeInvalid');
    expect(status('x509-v1-refused')).toBe('Failed:ClientCertTypeUnsupported');
    // curl on this machine will not even send these (OpenSSL security level 2)
    for (const name of ['rsa-1024-not-sent-by-curl', 'sha1-not-sent-by-curl']) {
      expect(probe(report, name).transcript.join('\n'), name).toMatch(/could not load PEM client certificate/);
      expect(probe(report, name).connectionLog, name).toEqual([]);
    }
  });

  it('alb-mtls-certificate-chains: intermediates, the chain depth of 4, passthrough as presented', async () => {
    const { report } = await runInTemp(chains);
    expect(report.probes.flatMap((p) => p.mismatches)).toEqual([]);
    const status = (name: string) => probe(report, name).connectionLog.at(-1)?.tls_verify_status;
    expect(status('leaf-and-intermediate-accepted')).toBe('Success');
    expect(status('leaf-alone-untrusted')).toBe('Failed:ClientCertUntrusted');
    expect(status('depth-5-exceeded')).toBe('Failed:ClientCertMaxChainDepthExceeded');
    expect(status('depth-4-accepted')).toBe('Success');
    const forwarded = decodeURIComponent(
      probe(report, 'passthrough-keeps-the-order-sent').target!.receivedHeaders['x-amzn-mtls-clientcert']!,
    );
    expect(forwarded.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(3);
    // every probe says how we know: documented, observed or assumed, never nothing
    for (const p of report.probes) expect(['documented', 'observed', 'assumed']).toContain(p.evidence.level);
  });
});
