// Sits between the client's TCP socket and node's TLS engine so that a failed client certificate check ends the
// connection the way an ALB in verify mode does: no HTTP response, no TLS alert, a TCP reset after the client's
// Finished (seed 004: "Recv failure: Connection reset by peer", curl exit 35). OpenSSL alone would send an alert.
//
//   hello    server output passes through (its first flight); alert records are swallowed and turned into a reset.
//   holding  entered when the client sends its final flight (Certificate … Finished) after the server's real
//            ServerHello: server output (TLS 1.2: ChangeCipherSpec + Finished; TLS 1.3: tickets) is held back.
//   open     accept(): held bytes are flushed; from then on bytes pass untouched, without inspection.
//   closed   reject(): held bytes are dropped and the socket is reset.
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { CONTENT_TYPE, RecordReader, serverHelloKind } from './tls-records.js';

export type GateState = 'hello' | 'holding' | 'open' | 'closed';

export class TlsGate extends Duplex {
  state: GateState = 'hello';
  /** Set when the TLS engine tried to send an alert during the handshake (the gate reset instead). */
  alertSuppressed = false;
  clientBytes = 0;
  /** HelloRetryRequests the server sent (TLS 1.3 key share renegotiation). */
  helloRetries = 0;
  private readonly serverRecords = new RecordReader();
  private readonly clientRecords = new RecordReader();
  private serverHelloSent = false;
  private held: Buffer[] = [];
  private onAlert: (() => void) | null = null;

  constructor(readonly raw: Socket) {
    super({ allowHalfOpen: true });
    raw.on('data', (chunk: Buffer) => {
      if (this.state !== 'open') {
        this.clientBytes += chunk.length;
        // The client's final flight: any record but a (TLS 1.3 compatibility) ChangeCipherSpec after ServerHello.
        const records = this.state === 'hello' ? this.clientRecords.push(chunk) : [];
        if (this.serverHelloSent && records.some((r) => r.type !== CONTENT_TYPE.changeCipherSpec))
          this.state = 'holding';
      }
      if (!this.push(chunk)) raw.pause();
    });
    raw.on('end', () => this.push(null));
    raw.on('error', () => {}); // the 'close' below tears down; errors are the client's doing
    raw.on('close', () => {
      if (!this.destroyed) this.destroy();
    });
  }

  /** Called (once) when the TLS engine tries to send an alert during the handshake. */
  whenAlert(callback: () => void): void {
    this.onAlert = callback;
  }

  override _read(): void {
    this.raw.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    switch (this.state) {
      case 'open':
        this.passThrough(chunk, callback);
        return;
      case 'closed':
        callback();
        return;
      case 'holding':
        this.held.push(chunk);
        callback();
        return;
      case 'hello': {
        const records = this.serverRecords.push(chunk);
        if (records.some((r) => r.type === CONTENT_TYPE.alert)) {
          this.alertSuppressed = true;
          callback();
          const notify = this.onAlert;
          this.onAlert = null;
          if (notify) notify();
          else this.reject();
          return;
        }
        for (const r of records) {
          const kind = serverHelloKind(r);
          // After a HelloRetryRequest the client sends a second ClientHello: still the hello phase.
          if (kind === 'server-hello') this.serverHelloSent = true;
          if (kind === 'hello-retry-request') {
            this.serverHelloSent = false;
            this.helloRetries++;
          }
        }
        this.passThrough(chunk, callback);
      }
    }
  }

  /** node's TLS engine hands over a flight as several buffers: one write (one syscall) for all of them. */
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this._write(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk)), 'binary', callback);
  }

  private passThrough(chunk: Buffer, callback: (error?: Error | null) => void): void {
    if (this.raw.destroyed) {
      callback();
      return;
    }
    if (this.raw.write(chunk)) callback();
    else this.raw.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.state !== 'closed' && !this.raw.destroyed) this.raw.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.raw.destroyed) {
      if (this.state === 'closed') this.raw.resetAndDestroy();
      else this.raw.destroy();
    }
    callback(error);
  }

  /** The handshake is acceptable: let the held server Finished out and stop inspecting. */
  accept(): void {
    if (this.state === 'closed') return;
    this.state = 'open';
    const held = this.held;
    this.held = [];
    if (held.length > 0 && !this.raw.destroyed) this.raw.write(held.length === 1 ? held[0]! : Buffer.concat(held));
  }

  /** Refuse the connection: drop what the server would have said and reset the TCP connection. */
  reject(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.held = [];
    if (!this.raw.destroyed) this.raw.resetAndDestroy();
  }
}
