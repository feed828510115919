// Just enough TLS record parsing to gate a server's handshake output (RFC 8446 §5.1, RFC 5246 §6.2). Pure.

export const CONTENT_TYPE = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;
const HANDSHAKE_SERVER_HELLO = 2;
/** RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest. */
const HELLO_RETRY_RANDOM = Buffer.from('CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C', 'hex');
const PREFIX = 4 + 2 + 32; // handshake header, legacy_version, random

export interface RecordInfo {
  type: number;
  length: number;
  /** The first bytes of the body (up to 38, enough to classify a ServerHello). */
  prefix: Buffer;
}

/** Splits a byte stream into records, remembering only headers and short body prefixes. */
export class RecordReader {
  private header = Buffer.alloc(0);
  private current: { type: number; length: number; remaining: number; prefix: Buffer } | null = null;
  /** Set when the stream stops looking like TLS records (e.g. garbage instead of a ClientHello). */
  malformed = false;

  push(chunk: Buffer): RecordInfo[] {
    const done: RecordInfo[] = [];
    let pos = 0;
    while (pos < chunk.length && !this.malformed) {
      if (!this.current) {
        const need = 5 - this.header.length;
        this.header = Buffer.concat([this.header, chunk.subarray(pos, pos + need)]);
        pos += Math.min(need, chunk.length - pos);
        if (this.header.length < 5) break;
        const type = this.header[0]!;
        const length = this.header.readUInt16BE(3);
        this.header = Buffer.alloc(0);
        if (type < 20 || type > 24 || length > 16384 + 2048) {
          this.malformed = true;
          break;
        }
        this.current = { type, length, remaining: length, prefix: Buffer.alloc(0) };
      }
      const take = Math.min(this.current.remaining, chunk.length - pos);
      if (this.current.prefix.length < PREFIX) {
        this.current.prefix = Buffer.concat([
          this.current.prefix,
          chunk.subarray(pos, pos + Math.min(take, PREFIX - this.current.prefix.length)),
        ]);
      }
      this.current.remaining -= take;
      pos += take;
      if (this.current.remaining === 0) {
        done.push({ type: this.current.type, length: this.current.length, prefix: this.current.prefix });
        this.current = null;
      }
    }
    return done;
  }
}

export type ServerHelloKind = 'server-hello' | 'hello-retry-request' | 'other';

/** Classifies a handshake record that starts with a ServerHello. */
export function serverHelloKind(record: RecordInfo): ServerHelloKind {
  if (
    record.type !== CONTENT_TYPE.handshake ||
    record.prefix[0] !== HANDSHAKE_SERVER_HELLO ||
    record.prefix.length < PREFIX
  )
    return 'other';
  return record.prefix.subarray(6, 38).equals(HELLO_RETRY_RANDOM) ? 'hello-retry-request' : 'server-hello';
}
