// What AWS requires of client certificates (ELB "Mutual authentication with TLS in Application Load Balancer",
// "Before you begin › Requirements for certificates"): X.509v3 ("X.509v1 client certificates are not supported",
// in the page's earlier wording); RSA keys of 2K to 8K bits or ECDSA on secp256r1, secp384r1, secp521r1; signatures
// SHA256/384/512 with RSA, SHA256/384/512 with EC, or SHA256/384/512 with RSASSA-PSS (MGF1). Pure.
// Which connection-log code a certificate outside these lists gets is not documented; the verifier logs
// ClientCertTypeUnsupported ("Client certificate type is unsupported"), the code whose wording fits (assumed).
import type { X509Certificate } from 'node:crypto';
import type { CertFields } from './cert-fields.js';
import { children, decodeOid, TAG } from './der.js';

const RSA_SHA2 = new Set(['1.2.840.113549.1.1.11', '1.2.840.113549.1.1.12', '1.2.840.113549.1.1.13']);
const ECDSA_SHA2 = new Set(['1.2.840.10045.4.3.2', '1.2.840.10045.4.3.3', '1.2.840.10045.4.3.4']);
const RSASSA_PSS = '1.2.840.113549.1.1.10';
/** id-sha256, id-sha384, id-sha512 (RSASSA-PSS hashAlgorithm). */
const SHA2_HASHES = new Set(['2.16.840.1.101.3.4.2.1', '2.16.840.1.101.3.4.2.2', '2.16.840.1.101.3.4.2.3']);

const SIGNATURE_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.3.101.112': 'Ed25519',
};

/** Why the key is outside AWS's list, or null. */
export function unsupportedKey(cert: X509Certificate): string | null {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = details.modulusLength ?? 0;
    return bits >= 2048 && bits <= 8192 ? null : `an RSA key of ${bits} bits (AWS: 2048 to 8192)`;
  }
  if (key.asymmetricKeyType === 'ec') {
    const curve = details.namedCurve ?? 'unknown';
    return ['prime256v1', 'secp384r1', 'secp521r1'].includes(curve)
      ? null
      : `an ECDSA key on ${curve} (AWS: secp256r1, secp384r1, secp521r1)`;
  }
  return `a key of type ${key.asymmetricKeyType} (AWS: RSA or ECDSA)`;
}

/** Why the signature algorithm is outside AWS's list, or null. */
export function unsupportedSignature(fields: CertFields): string | null {
  const [oidNode, params] = children(fields.signatureAlgorithm);
  const oid = oidNode ? decodeOid(oidNode) : '';
  if (RSA_SHA2.has(oid) || ECDSA_SHA2.has(oid)) return null;
  if (oid === RSASSA_PSS) {
    // RSASSA-PSS-params: hashAlgorithm [0] (SHA-1 when absent)
    const hash = params && params.tag === TAG.SEQUENCE ? children(params).find((p) => p.tag === 0xa0) : undefined;
    const hashOid = hash ? decodeOid(children(children(hash)[0]!)[0]!) : '1.3.14.3.2.26';
    return SHA2_HASHES.has(hashOid) ? null : 'RSASSA-PSS with a hash other than SHA-256/384/512';
  }
  return `a ${SIGNATURE_NAMES[oid] ?? oid} signature (AWS: SHA-256/384/512 with RSA, ECDSA or RSASSA-PSS)`;
}

/** Why the certificate's version is not AWS's X.509v3, or null. */
export function unsupportedVersion(fields: CertFields): string | null {
  return fields.version === 3 ? null : `an X.509 v${fields.version} certificate (AWS: X.509v3)`;
}
