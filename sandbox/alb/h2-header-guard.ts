// The ALB's HTTP/2 header field limit, which node's HTTP/2 server has no setting for. ELB "Troubleshoot your
// Application Load Balancers", response code 000: with HTTP/2, when the compressed length of any header exceeds 8K
// the load balancer sends a GOAWAY frame and closes the connection with a TCP FIN. This stream sits between the
// client's TLS connection and node's HTTP/2 session: it holds each header block (HEADERS and its CONTINUATION frames)
// until it is complete, reads the length of every HPACK string in it as sent, and passes the block on — or, when one
// is longer than 8K, drops it and asks for the connection to end (GOAWAY, then a FIN).
//
// What the GOAWAY carries is not documented: ENHANCE_YOUR_CALM, as nginx answers a header string longer than its
// buffers (ngx_http_v2_state_field_len, "client sent too large header field"), is the sandbox's assumption.
import { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';

/** "exceeds 8K": a string (name or value) of more than this many bytes, as sent (HPACK-compressed). */
export const H2_MAX_COMPRESSED_FIELD = 8 * 1024;
/** A header block larger than this is not held: the emulator's own limit (AWS documents none for a block). */
export const H2_MAX_HEADER_BLOCK = 1024 * 1024;

const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const HEADERS = 0x1;
const CONTINUATION = 0x9;
const END_HEADERS = 0x4;
const PADDED = 0x8;
const PRIORITY = 0x20;
/** After the connection is ended, how long the client's remaining bytes are read and dropped (so it sees a FIN). */
const LINGER_MS = 1000;

export interface HeaderViolation {
  kind: 'field' | 'block';
  /** The longest string (field) or the block's size so far (block), in bytes as sent. */
  length: number;
  /** The last stream whose headers reached the session: what the GOAWAY names as last processed. */
  lastStreamId: number;
}

/** The longest string (name or value) in an HPACK header block, as sent; null when the block is malformed. Pure. */
export function longestHpackString(block: Buffer): number | null {
  let at = 0;
  let longest = 0;
  const integer = (prefixBits: number): number | null => {
    if (at >= block.length) return null;
    const mask = (1 << prefixBits) - 1;
    let value = block[at++]! & mask;
    if (value < mask) return value;
    for (let shift = 0; ; shift += 7) {
      if (at >= block.length || shift > 28) return null;
      const byte = block[at++]!;
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
  };
  const string = (): boolean => {
    const length = integer(7);
    if (length === null || at + length > block.length) return false;
    longest = Math.max(longest, length);
    at += length;
    return true;
  };
  while (at < block.length) {
    const first = block[at]!;
    if (first & 0x80) {
      if (integer(7) === null) return null; // indexed field: no strings
    } else if ((first & 0xe0) === 0x20) {
      if (integer(5) === null) return null; // dynamic table size update
    } else {
      // A literal (with incremental indexing: 6-bit index; without or never indexed: 4-bit); index 0: a name string.
      const index = integer(first & 0x40 ? 6 : 4);
      if (index === null) return null;
      if (index === 0 && !string()) return null;
      if (!string()) return null;
    }
  }
  return longest;
}

/**
 * A duplex over the client's TLS socket for node's HTTP/2 session. `onViolation` is called once when a header block
 * breaks the limit; from then on nothing more reaches the session. Destroying it ends the TLS connection with a
 * close_notify and a FIN, after reading what the client still sends for a moment.
 */
export class H2HeaderGuard extends Duplex {
  readonly alpnProtocol = 'h2';
  readonly encrypted = true;
  private pending: Buffer = Buffer.alloc(0);
  private prefaceLeft = PREFACE.length;
  private held: Buffer[] = [];
  private block: Buffer[] = [];
  private blockLength = 0;
  private violated = false;
  private lastStreamId = 0;

  constructor(
    readonly inner: TLSSocket,
    private readonly onViolation: (violation: HeaderViolation) => void,
  ) {
    super({ allowHalfOpen: false });
    inner.on('data', (chunk: Buffer) => this.fromClient(chunk));
    inner.on('end', () => this.push(null));
    inner.on('close', () => this.destroy());
    inner.on('error', (error) => this.destroy(error));
  }

  get remoteAddress(): string | undefined {
    return this.inner.remoteAddress;
  }

  get remotePort(): number | undefined {
    return this.inner.remotePort;
  }

  /** HTTP/2 forbids renegotiation; node's session asks the socket to refuse it. */
  disableRenegotiation(): void {
    this.inner.disableRenegotiation();
  }

  override _read(): void {
    this.inner.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.inner.destroyed || this.inner.writableEnded) callback();
    else this.inner.write(chunk, callback);
  }

  override _final(callback: () => void): void {
    this.inner.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const inner = this.inner;
    if (!inner.destroyed) {
      // A FIN after what is queued, not a reset: keep reading (and dropping) what the client still sends.
      inner.removeAllListeners('data');
      inner.on('data', () => {});
      inner.resume();
      inner.end();
      setTimeout(() => inner.destroy(), LINGER_MS).unref();
    }
    callback(error);
  }

  private forward(chunk: Buffer): void {
    if (chunk.length > 0 && !this.push(chunk)) this.inner.pause();
  }

  private fromClient(chunk: Buffer): void {
    if (this.violated) return;
    if (this.prefaceLeft > 0) {
      const take = Math.min(this.prefaceLeft, chunk.length);
      this.forward(chunk.subarray(0, take));
      this.prefaceLeft -= take;
      chunk = chunk.subarray(take);
    }
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 9 && !this.violated) {
      const length = this.pending.readUIntBE(0, 3);
      // Whole frames only (at most 16 KB unless the session allowed more).
      if (this.pending.length < 9 + length) return;
      const frame = this.pending.subarray(0, 9 + length);
      this.pending = this.pending.subarray(9 + length);
      this.frame(frame);
    }
  }

  private frame(frame: Buffer): void {
    const type = frame[3]!;
    const flags = frame[4]!;
    if (type !== HEADERS && !(type === CONTINUATION && this.block.length > 0)) {
      this.forward(frame);
      return;
    }
    let payload = frame.subarray(9);
    if (type === HEADERS) {
      let pad = 0;
      if (flags & PADDED) {
        pad = payload[0] ?? 0;
        payload = payload.subarray(1);
      }
      if (flags & PRIORITY) payload = payload.subarray(5);
      payload = payload.subarray(0, Math.max(0, payload.length - pad));
    }
    this.held.push(frame);
    this.block.push(payload);
    this.blockLength += payload.length;
    if (this.blockLength > H2_MAX_HEADER_BLOCK) return this.violate('block', this.blockLength);
    if (!(flags & END_HEADERS)) return;
    const longest = longestHpackString(Buffer.concat(this.block));
    const held = this.held;
    this.held = [];
    this.block = [];
    this.blockLength = 0;
    // A malformed block is node's to refuse (COMPRESSION_ERROR), as the protocol says.
    if (longest !== null && longest > H2_MAX_COMPRESSED_FIELD) return this.violate('field', longest);
    this.lastStreamId = Math.max(this.lastStreamId, held[0]!.readUInt32BE(5) & 0x7fffffff);
    for (const piece of held) this.forward(piece);
  }

  private violate(kind: HeaderViolation['kind'], length: number): void {
    this.violated = true;
    this.held = [];
    this.block = [];
    this.onViolation({ kind, length, lastStreamId: this.lastStreamId });
  }
}
