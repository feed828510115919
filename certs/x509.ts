// Reading the certificate files back: as the KeyPairs the engine sees, and the subject and date forms openssl and
// node print, so a certificate on disk can be compared with its recipe.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CERTS, CHAINS, type CertName, type ChainName } from './recipes.js';
import type { KeyPair } from './types.js';

export async function loadCert(dir: string, stem: string): Promise<X509Certificate> {
  return new X509Certificate(await readFile(path.join(dir, `${stem}.crt`)));
}

/** node prints the subject one RDN per line, forward; RFC 2253 is the reverse, comma-joined. An empty subject (an
 * X509-SVID from STS) is undefined to node, and '' here, as `openssl x509 -nameopt RFC2253` prints it. */
export function rfc2253(nodeSubject: string | undefined): string {
  return (nodeSubject ?? '').split('\n').reverse().join(',');
}

export function slashToRfc2253(slashSubject: string): string {
  return slashSubject.split('/').filter(Boolean).reverse().join(',');
}

/** "Nov  3 04:09:55 2024 GMT" -> "2024-11-03T04:09:55Z". */
export function parseOpensslDate(text: string | undefined): string | undefined {
  const ms = text === undefined ? Number.NaN : Date.parse(text.trim());
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
}

export async function readKeyPair(dir: string, name: CertName): Promise<KeyPair> {
  const { stem } = CERTS[name];
  const cert = await loadCert(dir, stem);
  return {
    cert: path.join(dir, `${stem}.crt`),
    key: path.join(dir, `${stem}.key`),
    subject: rfc2253(cert.subject),
    issuer: rfc2253(cert.issuer),
    serial: cert.serialNumber.toUpperCase(),
    notBefore: parseOpensslDate(cert.validFrom) ?? cert.validFrom,
    notAfter: parseOpensslDate(cert.validTo) ?? cert.validTo,
  };
}

/** A chain file as a client presents it: the file for --cert, its leaf's key, and the leaf's facts. */
export async function readChainKeyPair(dir: string, name: ChainName): Promise<KeyPair> {
  const { stem, parts } = CHAINS[name];
  const leaf = await readKeyPair(dir, parts[0]!);
  return { ...leaf, cert: path.join(dir, `${stem}.pem`) };
}
