// A trust store loaded for verification: the CA bundle as certificates and the CRLs matched to their CA.
// ELB "Mutual authentication with TLS": the CA bundle is PEM, may hold comments, holds root and intermediate CAs;
// revocation lists are added to the trust store and must come from its CAs. A bundle or CRL that CreateTrustStore
// or AddTrustStoreRevocations would refuse is refused here with AWS's error (trust-store-rules.ts).
import { X509Certificate } from 'node:crypto';
import { readCertFields } from './cert-fields.js';
import { crlSignedBy, type ParsedCrl, parseCrl } from './crl.js';
import { pemBlocks } from './der.js';
import { type AwsRefusal, caBundleRefusal, revocationRefusal } from './trust-store-rules.js';

/** A trust store's objects as the listener gets them: the CA bundle and the revocation lists (S3 objects). */
export interface TrustStoreObjects {
  id: string;
  /** PEM bundle of CA certificates (the S3 object CaCertificatesBundleS3Key). */
  caBundlePem: string;
  /** PEM (or DER converted to PEM) CRLs added as the trust store's revocation contents. */
  crlPems: string[];
}

export interface TrustedCa {
  cert: X509Certificate;
  subjectDer: Buffer;
}

export interface LoadedCrl extends ParsedCrl {
  /** The trust store CA that signed it. */
  signer: X509Certificate;
}

export interface LoadedTrustStore {
  id: string;
  cas: TrustedCa[];
  /** CRLs keyed by the DER of their issuer name (hex), for a lookup per certificate. */
  crlsByIssuer: Map<string, LoadedCrl[]>;
  /** The bundle as given, for the TLS context (CA names in the CertificateRequest). */
  caPems: string[];
}

export class TrustStoreError extends Error {
  constructor(
    storeId: string,
    message: string,
    /** What AWS's API would have answered, when the problem is one it checks. */
    readonly refusal: AwsRefusal | null = null,
  ) {
    super(`trust store ${storeId}: ${message}`);
    this.name = 'TrustStoreError';
  }
}

/** "CreateTrustStore would fail with InvalidCaCertificatesBundle (The specified…): line 3: a blank line". */
export function describeRefusal(refusal: AwsRefusal): string {
  return `${refusal.operation} would fail with ${refusal.code} ("${refusal.message}"): ${refusal.detail}${refusal.assumed ? ' (the error code for this is assumed: AWS documents the rule, not the error)' : ''}`;
}

export function loadTrustStore(store: TrustStoreObjects): LoadedTrustStore {
  const ders = pemBlocks(store.caBundlePem, 'CERTIFICATE');
  if (ders.length === 0) throw new TrustStoreError(store.id, 'the CA bundle holds no PEM certificate');
  const bundleRefusal = caBundleRefusal(store.caBundlePem);
  if (bundleRefusal) throw new TrustStoreError(store.id, describeRefusal(bundleRefusal), bundleRefusal);
  const cas = ders.map((der, i) => {
    try {
      const cert = new X509Certificate(der);
      return { cert, subjectDer: readCertFields(der).subjectDer };
    } catch (err) {
      throw new TrustStoreError(
        store.id,
        `certificate ${i + 1} of the CA bundle cannot be read: ${(err as Error).message}`,
      );
    }
  });
  const crlsByIssuer = new Map<string, LoadedCrl[]>();
  store.crlPems.forEach((pem, i) => {
    const refusal = pem.includes('-----BEGIN') ? revocationRefusal(pem, store.caBundlePem) : null;
    if (refusal) throw new TrustStoreError(store.id, `revocation list ${i + 1}: ${describeRefusal(refusal)}`, refusal);
    let crl: ParsedCrl;
    try {
      crl = parseCrl(pem.includes('-----BEGIN') ? pem : Buffer.from(pem, 'base64'));
    } catch (err) {
      throw new TrustStoreError(store.id, `revocation list ${i + 1} cannot be read: ${(err as Error).message}`);
    }
    const signer = cas.find((ca) => crlSignedBy(crl, ca.cert));
    if (!signer) throw new TrustStoreError(store.id, `revocation list ${i + 1} is not signed by any CA in the bundle`);
    const key = crl.issuerDer.toString('hex');
    crlsByIssuer.set(key, [...(crlsByIssuer.get(key) ?? []), { ...crl, signer: signer.cert }]);
  });
  return { id: store.id, cas, crlsByIssuer, caPems: ders.map((d) => new X509Certificate(d).toString()) };
}
