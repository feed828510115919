// The STS-shaped workload certificate through the NLB, the ALB and CloudFront with real curl and the emulators: what
// each target learnt is checked against the certificate file — an empty subject, the SPIFFE ID only in the leaf.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

describe('workload-certificate-from-sts', () => {
  let report: ScenarioReport;
  let cert: X509Certificate;
  beforeAll(async () => {
    const run = await runInTemp(scenario);
    report = run.report;
    cert = new X509Certificate(readFileSync(`${run.state}/certs/workload.crt`, 'utf8'));
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
  });

  it('the NLB admits it on its SAN URI and refuses it on a CN it does not have, before any target', () => {
    expect(probe(report, 'nlb-san-uri-prefix-admits').target).not.toBeNull();
    expect(probe(report, 'nlb-subject-cn-never-matches').target).toBeNull();
  });

  it("the ALB's target gets an empty subject header; the SPIFFE ID is only in the URL-encoded leaf", () => {
    const headers = probe(report, 'alb-subject-header-of-an-empty-subject').target!.receivedHeaders;
    expect(headers['x-amzn-mtls-clientcert-subject']).toBe('');
    const leaf = new X509Certificate(decodeURIComponent(headers['x-amzn-mtls-clientcert-leaf']!));
    expect(leaf.raw.equals(cert.raw)).toBe(true);
    expect(leaf.subjectAltName).toBe('URI:spiffe://example.org/payments/checkout');
  });

  it("CloudFront's origin gets Present 1 and an empty subject: a certificate without a subject, not none", () => {
    const headers = probe(report, 'cloudfront-subject-header-of-an-empty-subject').target!.receivedHeaders;
    expect(headers['cloudfront-viewer-cert-present']).toBe('1');
    expect(headers['cloudfront-viewer-cert-subject']).toBe('');
    expect(Object.values(headers).some((value) => value.includes('undefined'))).toBe(false);
  });
});
