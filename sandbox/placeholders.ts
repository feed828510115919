// Expectations that name a certificate's fields ({clientA.serial}, {clientA.leaf}…) get the real values of the
// sandbox's PKI, so a scenario can check the ALB's headers against the certificate itself. Pure.
import { createHash } from 'node:crypto';
import { cloudFrontSerial, rfc9440Item } from './cloudfront/viewer-headers.js';
import { readCertFields } from './tls/cert-fields.js';
import { pemBlocks } from './tls/der.js';
import type { CertificateFacts, Expectation } from './scenario.js';

/** CloudFront's forms of a certificate's fields ({clientA.cfSerial}…), computed from the certificate file itself. */
function cloudFrontField(facts: CertificateFacts, field: string): string {
  const der = pemBlocks(facts.pem, 'CERTIFICATE')[0];
  if (!der) throw new Error('Expectation placeholder names a certificate without a PEM block');
  switch (field) {
    case 'cfSerial':
      return cloudFrontSerial(readCertFields(der));
    case 'sha256':
      return createHash('sha256').update(der).digest('hex');
    case 'cfPem':
      return encodeURIComponent(facts.pem);
    case 'clientCert':
      return rfc9440Item(der);
    default:
      // clientCertChain: what the client presents after its leaf, RFC 9440 items in order.
      return pemBlocks(facts.chain ?? facts.pem, 'CERTIFICATE')
        .slice(1)
        .map(rfc9440Item)
        .join(', ');
  }
}

/** AWS's encoding of a PEM in X-Amzn-Mtls-Clientcert(-Leaf): URL-encoded with "+", "=" and "/" left as they are. */
export function awsUrlEncodePem(pem: string): string {
  return encodeURIComponent(pem).replace(/%2B/g, '+').replace(/%3D/g, '=').replace(/%2F/g, '/');
}

export function resolvePlaceholders(expect: Expectation, certificates: Record<string, CertificateFacts>): Expectation {
  const serial = expect.handshake?.serverCertificateSerial;
  if (serial !== undefined)
    expect = { ...expect, handshake: { ...expect.handshake, serverCertificateSerial: fill(serial, certificates) } };
  const target = expect.target;
  if (!target?.headers) return expect;
  const headers = Object.fromEntries(
    Object.entries(target.headers).map(([name, value]) => [name, value === null ? null : fill(value, certificates)]),
  );
  return { ...expect, target: { ...target, headers } };
}

function fill(text: string, certificates: Record<string, CertificateFacts>): string {
  return text.replace(
    /\{(\w+)\.(serial|subject|issuer|validity|leaf|pem|chain|cfSerial|sha256|cfPem|clientCert|clientCertChain)\}/g,
    (whole, name: string, field: string) => {
      const facts = certificates[name];
      if (!facts)
        throw new Error(
          `Expectation placeholder ${whole} names an unknown certificate "${name}" (known: ${Object.keys(certificates).join(', ')}).`,
        );
      switch (field) {
        case 'cfSerial':
        case 'sha256':
        case 'cfPem':
        case 'clientCert':
        case 'clientCertChain':
          return cloudFrontField(facts, field);
        case 'validity':
          return `NotBefore=${facts.notBefore};NotAfter=${facts.notAfter}`;
        case 'leaf':
          return awsUrlEncodePem(facts.pem);
        case 'chain':
          return awsUrlEncodePem(facts.chain ?? facts.pem);
        default:
          return facts[field as 'serial' | 'subject' | 'issuer' | 'pem'];
      }
    },
  );
}
