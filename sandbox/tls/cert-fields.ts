// The few certificate fields the ALB reports (headers and connection log), read straight from the DER so the
// output does not depend on how node formats names or dates.
import { X509Certificate } from 'node:crypto';
import {
  children,
  decodeIntegerHex,
  decodeTime,
  type DerNode,
  encoded,
  expectTag,
  pemToDer,
  readRoot,
  TAG,
} from './der.js';
import { formatRfc2253 } from './dn.js';

export type CertInput = X509Certificate | Buffer | string;

export interface CertFields {
  der: Buffer;
  /** Uppercase hex of the serial's magnitude, even length, no separators (seed 004: 6DD0CF55...). */
  serialHex: string;
  serialNegative: boolean;
  issuerDer: Buffer;
  subjectDer: Buffer;
  issuer: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  /** X.509 version: 1, 2 or 3 (the [0] field's value plus one; absent means version 1). */
  version: number;
  /** The signature algorithm's AlgorithmIdentifier (in TBSCertificate), for the OID and its parameters. */
  signatureAlgorithm: DerNode;
}

/** DER bytes of a certificate given as X509Certificate, DER or PEM. */
export function certDer(input: CertInput): Buffer {
  if (input instanceof X509Certificate) return input.raw;
  return pemToDer(input, typeof input === 'string' ? 'CERTIFICATE' : undefined);
}

export function readCertFields(input: CertInput): CertFields {
  const der = certDer(input);
  const cert = expectTag(readRoot(der), TAG.SEQUENCE, 'Certificate');
  const tbs = expectTag(children(cert)[0], TAG.SEQUENCE, 'TBSCertificate');
  const fields = children(tbs);
  let i = 0;
  let version = 1;
  if (fields[0] && fields[0].tag === 0xa0) {
    // [0] EXPLICIT Version: v1(0), v2(1), v3(2)
    version = Number.parseInt(decodeIntegerHex(expectTag(children(fields[0])[0], TAG.INTEGER, 'version')).hex, 16) + 1;
    i++;
  }
  const serial = decodeIntegerHex(expectTag(fields[i++], TAG.INTEGER, 'serialNumber'));
  const signatureAlgorithm = expectTag(fields[i++], TAG.SEQUENCE, 'signature');
  const issuer: DerNode = expectTag(fields[i++], TAG.SEQUENCE, 'issuer');
  const validity = children(expectTag(fields[i++], TAG.SEQUENCE, 'validity'));
  const subject: DerNode = expectTag(fields[i++], TAG.SEQUENCE, 'subject');
  if (!validity[0] || !validity[1]) throw new Error('malformed DER: validity needs notBefore and notAfter');
  return {
    der,
    serialHex: serial.hex,
    serialNegative: serial.negative,
    issuerDer: Buffer.from(encoded(issuer)),
    subjectDer: Buffer.from(encoded(subject)),
    issuer: formatRfc2253(issuer),
    subject: formatRfc2253(subject),
    notBefore: decodeTime(validity[0]),
    notAfter: decodeTime(validity[1]),
    version,
    signatureAlgorithm,
  };
}

/** ISO 8601 without milliseconds: 2024-11-03T04:09:55Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** NotBefore=…Z;NotAfter=…Z: the validity as the ALB's header and connection log write it (and the NLB's sandbox log). */
export function formatValidity(notBefore: Date, notAfter: Date): string {
  return `NotBefore=${isoSeconds(notBefore)};NotAfter=${isoSeconds(notAfter)}`;
}

/** PEM with 64-character lines and a trailing newline, as `openssl x509` writes it. */
export function derToPem(der: Buffer, label = 'CERTIFICATE'): string {
  const b64 = der.toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
