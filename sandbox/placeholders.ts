// Expectations that name a certificate's fields ({clientA.serial}, {clientA.leaf}…) get the real values of the
// sandbox's PKI, so a scenario can check the ALB's headers against the certificate itself. Pure.
import type { CertificateFacts, Expectation } from './scenario.js';

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
    /\{(\w+)\.(serial|subject|issuer|validity|leaf|pem|chain)\}/g,
    (whole, name: string, field: string) => {
      const facts = certificates[name];
      if (!facts)
        throw new Error(
          `Expectation placeholder ${whole} names an unknown certificate "${name}" (known: ${Object.keys(certificates).join(', ')}).`,
        );
      switch (field) {
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
