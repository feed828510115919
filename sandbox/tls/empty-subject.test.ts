// A certificate whose only identity is a URI: the X509-SVID shape STS GetCertificate issues (empty subject DN, one
// critical URI SAN). Every place that turns a certificate into text must cope — no crash, no "undefined".
// fixtures/workload-svid.pem was made by certs/ (the `workload` recipe: openssl req -subj / -addext
// subjectAltName=critical,URI:spiffe://example.org/payments/checkout …; openssl ca -name workloadCA …) and copied
// here with its CA; only public certificates, no key. Its dates are of the day it was made: nothing here checks them.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rfc2253 } from '../../certs/x509.js';
import { verifyModeHeaders } from '../alb/mtls-headers.js';
import { logStyleDn } from '../cloudfront/connection-log.js';
import { viewerCertHeaders } from '../cloudfront/viewer-headers.js';
import { readCertFields } from './cert-fields.js';
import { readCertIdentity } from './cert-identity.js';
import { readRoot } from './der.js';
import { formatRfc2253 } from './dn.js';
import { evaluateIdentityFilters } from './identity-filters.js';

const svid = readFileSync(new URL('./fixtures/workload-svid.pem', import.meta.url), 'utf8');
const SPIFFE_ID = 'spiffe://example.org/payments/checkout';

describe('an empty subject DN', () => {
  it('is an empty RFC 2253 string, as `openssl x509 -nameopt RFC2253` prints it ("subject=")', () => {
    expect(formatRfc2253(readRoot(Buffer.from([0x30, 0x00])))).toBe('');
    const fields = readCertFields(svid);
    expect(fields.subject).toBe('');
    expect(fields.issuer).toBe('CN=Workload Identity CA,O=example.org');
  });

  it('is undefined to node, and reading it the way the PKI does gives "" rather than a crash', () => {
    const cert = new X509Certificate(svid);
    expect(cert.subject).toBeUndefined();
    expect(rfc2253(cert.subject)).toBe('');
  });

  it('gives the ALB verify-mode headers an empty subject value, never the word undefined', () => {
    const headers = Object.fromEntries(verifyModeHeaders(svid));
    expect(headers['X-Amzn-Mtls-Clientcert-Subject']).toBe('');
    expect(headers['X-Amzn-Mtls-Clientcert-Issuer']).toBe('CN=Workload Identity CA,O=example.org');
    expect(Object.values(headers).some((value) => value.includes('undefined'))).toBe(false);
  });

  it("gives CloudFront's headers and connection log an empty subject too", () => {
    const fields = readCertFields(svid);
    const headers = viewerCertHeaders('required', [fields.der], fields);
    expect(headers['CloudFront-Viewer-Cert-Subject']).toBe('');
    expect(headers['CloudFront-Viewer-Cert-Present']).toBe('1');
    expect(Object.values(headers).some((value) => value.includes('undefined'))).toBe(false);
    expect(logStyleDn(fields.subject)).toBe('');
  });
});

describe('a certificate whose only identity is a URI', () => {
  const identity = readCertIdentity(svid);

  it('has no CN and no OU, and one SAN URI', () => {
    expect(identity).toEqual({ subjectCn: [], subjectOu: [], sanDns: [], sanUri: [SPIFFE_ID] });
  });

  it('is admitted by a san-uri prefix filter, never by a subject-cn filter (a missing field never matches)', () => {
    const uriPrefix = {
      field: 'san-uri',
      matchType: 'prefix',
      value: 'spiffe://example.org/payments/',
      action: 'accept',
    } as const;
    const cn = { field: 'subject-cn', matchType: 'exact', value: 'checkout', action: 'accept' } as const;
    const cnPrefix = { ...cn, matchType: 'prefix', value: '' } as const;
    expect(evaluateIdentityFilters([uriPrefix], identity).admitted).toBe(true);
    expect(evaluateIdentityFilters([cn], identity).admitted).toBe(false);
    expect(evaluateIdentityFilters([cnPrefix], identity).admitted).toBe(false);
    expect(evaluateIdentityFilters([cn, uriPrefix], identity).admitted).toBe(true);
  });
});
