// What CreateTrustStore and AddTrustStoreRevocations accept, as AWS documents it, so that a bundle or CRL AWS would
// refuse is refused here too, with the error AWS would answer (docs/aws-facts.md#alb-trust-store-rules). Pure.
//   ELB "Mutual authentication with TLS", CA certificate files: PEM, each certificate between BEGIN/END lines;
//     "Comments must be preceded by a # character and must not contain any - characters"; "There cannot be any
//     blank lines".
//   ELB quotas, Certificates: 25 CA certificates per trust store; CA certificate size 16 KB.
//   API Reference: CreateTrustStore → InvalidCaCertificatesBundle; AddTrustStoreRevocations →
//     InvalidRevocationContent. Which of them a bundle over the quotas, or a CRL no trust store CA signed, gets is
//     not documented: these are the sandbox's assumptions (`assumed: true`).
import { X509Certificate } from 'node:crypto';
import { crlSignedBy, parseCrl } from './crl.js';
import { pemBlocks } from './der.js';

export interface AwsRefusal {
  operation: 'CreateTrustStore' | 'AddTrustStoreRevocations';
  code: 'InvalidCaCertificatesBundle' | 'InvalidRevocationContent';
  /** AWS's message for the code (ELBv2 API Reference). */
  message: string;
  /** What in the file breaks which rule. */
  detail: string;
  /** The rule is documented but the code it yields is the sandbox's choice. */
  assumed: boolean;
}

export const CA_BUNDLE_LIMITS = { certificates: 25, certificateBytes: 16 * 1024 } as const;

const BUNDLE_MESSAGE = 'The specified ca certificate bundle is in an invalid format, or corrupt.';
const REVOCATION_MESSAGE = 'The provided revocation file is an invalid format, or uses an incorrect algorithm.';

const bundle = (detail: string, assumed = false): AwsRefusal => ({
  operation: 'CreateTrustStore',
  code: 'InvalidCaCertificatesBundle',
  message: BUNDLE_MESSAGE,
  detail,
  assumed,
});

/** Why CreateTrustStore would refuse this CA bundle, or null. */
export function caBundleRefusal(text: string): AwsRefusal | null {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  let inside = false;
  for (const [index, line] of lines.entries()) {
    const at = `line ${index + 1}`;
    if (line === '-----BEGIN CERTIFICATE-----') {
      if (inside) return bundle(`${at}: a BEGIN CERTIFICATE line inside another certificate`);
      inside = true;
    } else if (line === '-----END CERTIFICATE-----') {
      if (!inside) return bundle(`${at}: an END CERTIFICATE line without its BEGIN line`);
      inside = false;
    } else if (inside) {
      if (!/^[A-Za-z0-9+/=]+$/.test(line)) return bundle(`${at}: not base64 inside a certificate`);
    } else if (line.trim() === '') {
      return bundle(`${at}: a blank line ("There cannot be any blank lines")`);
    } else if (line.startsWith('#')) {
      if (line.includes('-')) return bundle(`${at}: a comment with a "-" ("must not contain any - characters")`);
    } else {
      return bundle(`${at}: text that is neither a certificate nor a # comment`);
    }
  }
  if (inside) return bundle('the last certificate has no END CERTIFICATE line');
  const ders = pemBlocks(text, 'CERTIFICATE');
  if (ders.length === 0) return bundle('the bundle holds no certificate');
  if (ders.length > CA_BUNDLE_LIMITS.certificates)
    return bundle(
      `${ders.length} CA certificates; the quota is ${CA_BUNDLE_LIMITS.certificates} per trust store`,
      true,
    );
  for (const [i, der] of ders.entries()) {
    if (der.length > CA_BUNDLE_LIMITS.certificateBytes)
      return bundle(
        `certificate ${i + 1} is ${der.length} bytes; the quota is ${CA_BUNDLE_LIMITS.certificateBytes} (16 KB) per CA certificate`,
        true,
      );
    try {
      new X509Certificate(der);
    } catch (err) {
      return bundle(`certificate ${i + 1} cannot be read: ${(err as Error).message}`);
    }
  }
  return null;
}

const revocation = (detail: string, assumed: boolean): AwsRefusal => ({
  operation: 'AddTrustStoreRevocations',
  code: 'InvalidRevocationContent',
  message: REVOCATION_MESSAGE,
  detail,
  assumed,
});

/** Why AddTrustStoreRevocations would refuse this CRL for a trust store made from `caBundle`, or null. */
export function revocationRefusal(crlText: string, caBundle: string): AwsRefusal | null {
  // "Application Load Balancers only support certificate revocation lists in the PEM format."
  if (!crlText.includes('-----BEGIN X509 CRL-----')) return revocation('the CRL is not in PEM format', false);
  let crl: ReturnType<typeof parseCrl>;
  try {
    crl = parseCrl(crlText);
  } catch (err) {
    return revocation(`the CRL cannot be read: ${(err as Error).message}`, false);
  }
  const cas = pemBlocks(caBundle, 'CERTIFICATE').flatMap((der) => {
    try {
      return [new X509Certificate(der)];
    } catch {
      return [];
    }
  });
  if (!cas.some((ca) => crlSignedBy(crl, ca)))
    return revocation("the CRL is not signed by any CA in the trust store's bundle", true);
  return null;
}
