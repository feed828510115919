// Certificate revocation lists as an ALB trust store holds them (ELB "Mutual authentication with TLS":
// "Add a certificate revocation list"). A minimal reader: issuer, dates, revoked serials, and the signature check.
import { constants, type KeyObject, verify, type X509Certificate } from 'node:crypto';
import { readCertFields } from './cert-fields.js';
import {
  children,
  decodeBitString,
  decodeIntegerHex,
  decodeOid,
  decodeTime,
  DerError,
  type DerNode,
  encoded,
  expectTag,
  pemToDer,
  readRoot,
  TAG,
} from './der.js';

export interface ParsedCrl {
  der: Buffer;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Uppercase hex magnitudes of the revoked serials. Negative serials are left out: the docs say ALBs "can't
   * revoke certificates that have a negative serial number". */
  revokedSerials: Set<string>;
  tbsDer: Buffer;
  signatureAlgorithm: DerNode;
  signature: Buffer;
}

export function parseCrl(input: string | Buffer): ParsedCrl {
  const der = pemToDer(input, typeof input === 'string' ? 'X509 CRL' : undefined);
  const [tbs, sigAlg, sig] = children(expectTag(readRoot(der), TAG.SEQUENCE, 'CertificateList'));
  const fields = children(expectTag(tbs, TAG.SEQUENCE, 'TBSCertList'));
  let i = 0;
  if (fields[i]?.tag === TAG.INTEGER) i++; // version v2
  expectTag(fields[i++], TAG.SEQUENCE, 'CRL signature algorithm');
  const issuer = expectTag(fields[i++], TAG.SEQUENCE, 'CRL issuer');
  const thisNode = fields[i++];
  if (!thisNode) throw new DerError('thisUpdate is missing');
  const thisUpdate = decodeTime(thisNode);
  let nextUpdate: Date | null = null;
  const next = fields[i];
  if (next && (next.tag === TAG.UTCTime || next.tag === TAG.GeneralizedTime)) {
    nextUpdate = decodeTime(next);
    i++;
  }
  const revokedSerials = new Set<string>();
  const revoked = fields[i];
  if (revoked && revoked.tag === TAG.SEQUENCE) {
    for (const entry of children(revoked)) {
      const serial = decodeIntegerHex(children(expectTag(entry, TAG.SEQUENCE, 'revoked certificate'))[0]!);
      if (!serial.negative) revokedSerials.add(serial.hex);
    }
  }
  return {
    der,
    issuerDer: Buffer.from(encoded(issuer)),
    thisUpdate,
    nextUpdate,
    revokedSerials,
    tbsDer: Buffer.from(encoded(tbs!)),
    signatureAlgorithm: expectTag(sigAlg, TAG.SEQUENCE, 'signatureAlgorithm'),
    signature: decodeBitString(sig!),
  };
}

const HASH_BY_OID: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const SIGNATURE_BY_OID: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null, // Ed25519
};

/** Verifies a signature over `data` made with the algorithm an AlgorithmIdentifier names. */
export function verifySignature(algorithm: DerNode, data: Buffer, key: KeyObject, signature: Buffer): boolean {
  const [oidNode, params] = children(algorithm);
  const oid = decodeOid(oidNode!);
  if (oid === '1.2.840.113549.1.1.10') {
    // RSASSA-PSS: hash and salt length come from the parameters (defaults: SHA-1, 20).
    let hash = 'sha1';
    let saltLength = 20;
    for (const p of params && params.tag === TAG.SEQUENCE ? children(params) : []) {
      if (p.tag === 0xa0) hash = HASH_BY_OID[decodeOid(children(children(p)[0]!)[0]!)] ?? hash;
      if (p.tag === 0xa2) saltLength = parseInt(decodeIntegerHex(children(p)[0]!).hex, 16);
    }
    return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
  }
  if (!(oid in SIGNATURE_BY_OID)) throw new Error(`unsupported signature algorithm ${oid}`);
  return verify(SIGNATURE_BY_OID[oid] ?? null, data, key, signature);
}

/** True when `issuer` is the CRL's issuer by name and its key made the CRL's signature. */
export function crlSignedBy(crl: ParsedCrl, issuer: X509Certificate): boolean {
  try {
    if (!readCertFields(issuer).subjectDer.equals(crl.issuerDer)) return false;
    return verifySignature(crl.signatureAlgorithm, crl.tbsDer, issuer.publicKey, crl.signature);
  } catch {
    return false;
  }
}
