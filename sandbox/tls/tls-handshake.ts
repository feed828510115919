// Reading the plaintext of a TLS handshake, just enough for what an ALB logs and forwards: which key exchange group
// the server chose, and which certificates the client presented, in the order it sent them (RFC 8446 §4, RFC 5246
// §7.4, RFC 8422 §5.4). Pure: bytes in, facts out; any malformed input yields nothing rather than an exception.

export const HANDSHAKE = {
  clientHello: 1,
  serverHello: 2,
  certificate: 11,
  serverKeyExchange: 12,
  serverHelloDone: 14,
  finished: 20,
} as const;

const EXT_SUPPORTED_VERSIONS = 0x002b;
const EXT_KEY_SHARE = 0x0033;
/** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
const HELLO_RETRY_RANDOM = Buffer.from('CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C', 'hex');

export interface TlsRecord {
  type: number;
  body: Buffer;
}

/** Splits a byte stream into whole records (RFC 8446 §5.1); stops for good at something that is not TLS. */
export class RecordSplitter {
  private pending: Buffer = Buffer.alloc(0);
  malformed = false;

  push(chunk: Buffer): TlsRecord[] {
    if (this.malformed) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: TlsRecord[] = [];
    while (this.pending.length >= 5) {
      const type = this.pending[0]!;
      const length = this.pending.readUInt16BE(3);
      if (type < 20 || type > 24 || this.pending[1] !== 3 || length > 16384 + 2048) {
        this.malformed = true;
        this.pending = Buffer.alloc(0);
        break;
      }
      if (this.pending.length < 5 + length) break;
      out.push({ type, body: this.pending.subarray(5, 5 + length) });
      this.pending = this.pending.subarray(5 + length);
    }
    return out;
  }
}

export interface HandshakeMessage {
  type: number;
  body: Buffer;
}

/** Joins handshake record bodies (a message may span records, a record may hold several) into messages. */
export class HandshakeReader {
  private pending: Buffer = Buffer.alloc(0);

  push(fragment: Buffer): HandshakeMessage[] {
    this.pending = this.pending.length === 0 ? fragment : Buffer.concat([this.pending, fragment]);
    const out: HandshakeMessage[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUIntBE(1, 3);
      if (this.pending.length < 4 + length) break;
      out.push({ type: this.pending[0]!, body: this.pending.subarray(4, 4 + length) });
      this.pending = this.pending.subarray(4 + length);
    }
    return out;
  }
}

/** A cursor over a message body that never reads past its end (a short read throws, the callers catch). */
class Cursor {
  constructor(
    private readonly buf: Buffer,
    public pos = 0,
  ) {}
  get left(): number {
    return this.buf.length - this.pos;
  }
  take(n: number): Buffer {
    if (n > this.left) throw new RangeError('short');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  u8(): number {
    return this.take(1)[0]!;
  }
  u16(): number {
    return this.take(2).readUInt16BE(0);
  }
  u24(): number {
    return this.take(3).readUIntBE(0, 3);
  }
  vector(lengthBytes: 1 | 2 | 3): Buffer {
    const n = lengthBytes === 1 ? this.u8() : lengthBytes === 2 ? this.u16() : this.u24();
    return this.take(n);
  }
}

export interface ServerHelloFacts {
  helloRetryRequest: boolean;
  /** 0x0304 for TLS 1.3 (from supported_versions), else the legacy version. */
  version: number;
  cipherSuite: number;
  /** TLS 1.3: the group of the server's key share (or, in a HelloRetryRequest, the group it asks for). */
  keyShareGroup: number | null;
}

export function parseServerHello(body: Buffer): ServerHelloFacts | null {
  try {
    const c = new Cursor(body);
    let version = c.u16();
    const random = c.take(32);
    c.vector(1); // legacy_session_id_echo
    const cipherSuite = c.u16();
    c.u8(); // legacy_compression_method
    let keyShareGroup: number | null = null;
    if (c.left > 0) {
      const extensions = new Cursor(c.vector(2));
      while (extensions.left > 0) {
        const type = extensions.u16();
        const data = new Cursor(extensions.vector(2));
        if (type === EXT_SUPPORTED_VERSIONS) version = data.u16();
        if (type === EXT_KEY_SHARE) keyShareGroup = data.u16();
      }
    }
    return { helloRetryRequest: random.equals(HELLO_RETRY_RANDOM), version, cipherSuite, keyShareGroup };
  } catch {
    return null;
  }
}

/** TLS 1.2 ECDHE: the named curve of a ServerKeyExchange (curve_type 3, named_curve); null for anything else. */
export function parseServerKeyExchangeGroup(body: Buffer): number | null {
  if (body.length < 3 || body[0] !== 3) return null;
  return body.readUInt16BE(1);
}

/** The certificates of a Certificate message, in the order sent; TLS 1.3 adds a request context and per-entry
 * extensions (RFC 8446 §4.4.2). An empty list is a client that had no certificate to send. */
export function parseCertificateMessage(body: Buffer, tls13: boolean): Buffer[] | null {
  try {
    const c = new Cursor(body);
    if (tls13) c.vector(1); // certificate_request_context
    const list = new Cursor(c.vector(3));
    const certificates: Buffer[] = [];
    while (list.left > 0) {
      certificates.push(Buffer.from(list.vector(3)));
      if (tls13) list.vector(2); // extensions of the entry
    }
    return certificates;
  } catch {
    return null;
  }
}
