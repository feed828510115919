// Opening the client's encrypted TLS 1.3 handshake records with the client handshake traffic secret (RFC 8446 §7.1
// key schedule, §7.3 traffic keys, §5.2-5.3 record protection). The ALB forwards the certificate chain exactly as
// the client sent it; in TLS 1.3 that Certificate message is encrypted, and node offers only a chain it rebuilt
// from issuer links. The secret comes from node's 'keylog' event, as a key log file would hold it. The other way
// round, sealRecord protects one record the server sends (an NLB's TLS alert after the handshake). Pure.
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

interface Suite {
  hash: 'sha256' | 'sha384';
  cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  keyLength: number;
}

/** The TLS 1.3 cipher suites (RFC 8446 §B.4) by codepoint. */
const SUITES = new Map<number, Suite>([
  [0x1301, { hash: 'sha256', cipher: 'aes-128-gcm', keyLength: 16 }],
  [0x1302, { hash: 'sha384', cipher: 'aes-256-gcm', keyLength: 32 }],
  [0x1303, { hash: 'sha256', cipher: 'chacha20-poly1305', keyLength: 32 }],
]);

const TAG_LENGTH = 16;
const CONTENT_HANDSHAKE = 22;

/** HKDF-Expand (RFC 5869 §2.3). */
function hkdfExpand(hash: string, prk: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(blocks).length < length; i++) {
    previous = createHmac(hash, prk)
      .update(Buffer.concat([previous, info, Buffer.from([i])]))
      .digest();
    blocks.push(previous);
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** HKDF-Expand-Label with an empty context (RFC 8446 §7.1). */
function expandLabel(hash: string, secret: Buffer, label: string, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'latin1');
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([0])]);
  return hkdfExpand(hash, secret, info, length);
}

/** The per-record nonce: the IV with the sequence number XORed into its last 8 bytes (RFC 8446 §5.3). */
function nonceFor(iv: Buffer, seq: number): Buffer {
  const nonce = Buffer.from(iv);
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  for (let i = 0; i < 8; i++) nonce[4 + i]! ^= seqBytes[i]!;
  return nonce;
}

/** Decrypts one protected record (the 5-byte header is the additional data); null when it does not open. */
function openRecord(suite: Suite, key: Buffer, iv: Buffer, seq: number, body: Buffer): Buffer | null {
  if (body.length < TAG_LENGTH + 1) return null;
  const nonce = nonceFor(iv, seq);
  const header = Buffer.from([23, 3, 3, body.length >> 8, body.length & 0xff]);
  try {
    // ChaCha20-Poly1305 deciphers have the same AEAD methods as GCM ones; the cast only picks an overload.
    const decipher = createDecipheriv(suite.cipher as 'aes-128-gcm', key, nonce, { authTagLength: TAG_LENGTH });
    decipher.setAAD(header);
    decipher.setAuthTag(body.subarray(body.length - TAG_LENGTH));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_LENGTH)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * The handshake bytes inside the client's protected records, in order: records are opened with sequence numbers
 * 0, 1, 2… until one does not open (application data under the next keys) or is not handshake content.
 * null when the suite is unknown.
 */
export function clientHandshakePlaintext(cipherSuite: number, secret: Buffer, records: Buffer[]): Buffer | null {
  const suite = SUITES.get(cipherSuite);
  if (!suite) return null;
  const key = expandLabel(suite.hash, secret, 'key', suite.keyLength);
  const iv = expandLabel(suite.hash, secret, 'iv', 12);
  const out: Buffer[] = [];
  for (const [seq, body] of records.entries()) {
    const inner = openRecord(suite, key, iv, seq, body);
    if (!inner) break;
    // TLSInnerPlaintext: content, the real content type, zero padding.
    let end = inner.length - 1;
    while (end >= 0 && inner[end] === 0) end--;
    if (end < 0 || inner[end] !== CONTENT_HANDSHAKE) break;
    out.push(inner.subarray(0, end));
  }
  return Buffer.concat(out);
}

/**
 * One protected record (RFC 8446 §5.2): `content` of type `contentType` sealed with the traffic secret's key and IV
 * at sequence number `seq`, header included, ready to write. null when the suite is unknown.
 */
export function sealRecord(
  cipherSuite: number,
  secret: Buffer,
  seq: number,
  contentType: number,
  content: Buffer,
): Buffer | null {
  const suite = SUITES.get(cipherSuite);
  if (!suite) return null;
  const key = expandLabel(suite.hash, secret, 'key', suite.keyLength);
  const iv = expandLabel(suite.hash, secret, 'iv', 12);
  const inner = Buffer.concat([content, Buffer.from([contentType])]); // TLSInnerPlaintext, no padding
  const length = inner.length + TAG_LENGTH;
  const header = Buffer.from([23, 3, 3, length >> 8, length & 0xff]);
  const cipher = createCipheriv(suite.cipher as 'aes-128-gcm', key, nonceFor(iv, seq), { authTagLength: TAG_LENGTH });
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([header, body]);
}
