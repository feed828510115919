// Sits between the client's TCP socket and node's TLS engine so that a failed client certificate check ends the
// connection the way the load balancer does: an ALB in verify mode with no HTTP response, no TLS alert, a TCP reset
// after the client's Finished (seed 004: "Recv failure: Connection reset by peer", curl exit 35) — OpenSSL alone
// would send an alert; the sandbox's NLB with an alert of its choosing (rejectWithAlert).
// It also lets a tap see the handshake's bytes both ways (handshake-observer.ts), in every mode.
//
//   hello    server output passes through (its first flight). With `hold` (verify mode), an alert after the
//            server's ServerHello is swallowed and turned into a reset; an alert before it (the ClientHello found no
//            common protocol version or cipher) goes out, and the connection is closed after it (assumed: AWS does
//            not document it; s2n-tls, which ALB mTLS is built on, sends protocol_version for an unsupported
//            version). Without `hold` every alert goes out, as OpenSSL sends it.
//   holding  (hold only) entered when the client sends its final flight (Certificate … Finished) after the server's
//            real ServerHello: server output (TLS 1.2: ChangeCipherSpec + Finished; TLS 1.3: tickets) is held back.
//   open     accept(): held bytes are flushed; from then on bytes pass untouched, without inspection.
//   alerted  an alert went out — before the ServerHello, or (an NLB, swallowAlerts off) the engine's own, or our
//            refusal alert (rejectWithAlert) in place of the held flight; the connection ends with a FIN, not a reset.
//   closed   reject(): held bytes are dropped and the socket is reset.
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { CONTENT_TYPE, RecordReader, serverHelloKind } from './tls-records.js';

export type GateState = 'hello' | 'holding' | 'open' | 'alerted' | 'closed';

/** Sees the bytes of the handshake as they pass, until accept(). */
export interface HandshakeTap {
  client(chunk: Buffer): void;
  server(chunk: Buffer): void;
}

export interface GateOptions {
  /** Verify mode: hold the server's last flight until accept() (or a refusal). */
  hold: boolean;
  /**
   * With `hold`: turn the TLS engine's own alerts after the ServerHello into a reset, as the ALB does (seed 004).
   * Off (an NLB): they go out as OpenSSL sends them. Default: as `hold`.
   */
  swallowAlerts?: boolean;
  tap?: HandshakeTap;
}

/** How long a connection that got an alert before the ServerHello may take to close by itself. */
const ALERT_LINGER_MS = 1000;

export class TlsGate extends Duplex {
  state: GateState = 'hello';
  /** Set when the TLS engine tried to send an alert during the handshake (the gate reset instead). */
  alertSuppressed = false;
  /** Set when an alert before the ServerHello went out to the client (no common protocol version or cipher). */
  alertSent = false;
  clientBytes = 0;
  /** HelloRetryRequests the server sent (TLS 1.3 key share renegotiation). */
  helloRetries = 0;
  private readonly serverRecords = new RecordReader();
  private readonly clientRecords = new RecordReader();
  private serverHelloSent = false;
  private held: Buffer[] = [];
  private onAlert: (() => void) | null = null;
  /** The client's first record was a ClientHello (so it speaks TLS, and a negotiation alert may go out). */
  private clientHello = false;
  private readonly hold: boolean;
  private readonly swallowAlerts: boolean;
  private readonly tap: HandshakeTap | null;

  constructor(
    readonly raw: Socket,
    options: GateOptions = { hold: true },
  ) {
    super({ allowHalfOpen: true });
    this.hold = options.hold;
    this.swallowAlerts = options.swallowAlerts ?? options.hold;
    this.tap = options.tap ?? null;
    raw.on('data', (chunk: Buffer) => {
      if (this.state !== 'open') {
        this.clientBytes += chunk.length;
        this.tap?.client(chunk);
        // The client's final flight: any record but a (TLS 1.3 compatibility) ChangeCipherSpec after ServerHello.
        const records = this.state === 'hello' ? this.clientRecords.push(chunk) : [];
        if (!this.clientHello && records[0]?.type === CONTENT_TYPE.handshake && records[0].prefix[0] === 1)
          this.clientHello = true;
        if (this.hold && this.serverHelloSent && records.some((r) => r.type !== CONTENT_TYPE.changeCipherSpec))
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

  /** The server's real ServerHello has gone out (not a HelloRetryRequest). */
  get afterServerHello(): boolean {
    return this.serverHelloSent;
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
      case 'alerted':
        callback();
        return;
      case 'holding':
        this.tap?.server(chunk);
        this.held.push(chunk);
        callback();
        return;
      case 'hello': {
        this.tap?.server(chunk);
        const records = this.serverRecords.push(chunk);
        if (!this.hold) {
          this.passThrough(chunk, callback);
          return;
        }
        const alert = records.some((r) => r.type === CONTENT_TYPE.alert);
        if (alert && ((!this.serverHelloSent && this.clientHello) || !this.swallowAlerts)) {
          // The ClientHello could not be served (no common version or cipher), or alerts go out as sent (an NLB):
          // the alert goes out, then a FIN.
          this.state = 'alerted';
          this.alertSent = true;
          this.passThrough(chunk, callback);
          this.raw.end();
          setTimeout(() => this.raw.destroy(), ALERT_LINGER_MS).unref();
          const notify = this.onAlert;
          this.onAlert = null;
          notify?.();
          return;
        }
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
    if (this.state !== 'closed' && this.state !== 'alerted' && !this.raw.destroyed) this.raw.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // An alert that went out must reach the client: the raw socket ends by itself (FIN, then the linger timer).
    if (!this.raw.destroyed && this.state !== 'alerted') {
      if (this.state === 'closed' && this.hold) this.raw.resetAndDestroy();
      else this.raw.destroy();
    }
    callback(error);
  }

  /** The handshake is acceptable: let the held server Finished out and stop inspecting. */
  accept(): void {
    if (this.state === 'closed' || this.state === 'alerted') return;
    this.state = 'open';
    const held = this.held;
    this.held = [];
    if (held.length > 0 && !this.raw.destroyed) this.raw.write(held.length === 1 ? held[0]! : Buffer.concat(held));
  }

  /**
   * Refuse the connection with a TLS alert of our own (an NLB): what the server would have said next is dropped,
   * the alert record goes out instead, then a FIN. The record must fit the negotiated protocol (tls-alerts.ts).
   */
  rejectWithAlert(record: Buffer): void {
    if (this.state === 'closed' || this.state === 'alerted') return;
    this.state = 'alerted';
    this.alertSent = true;
    this.held = [];
    if (this.raw.destroyed) return;
    this.raw.write(record);
    this.raw.end();
    setTimeout(() => this.raw.destroy(), ALERT_LINGER_MS).unref();
  }

  /**
   * The TLS engine failed while the server's output was held (it may hold the engine's own alert, encrypted under
   * TLS 1.3): let it out and close, without a reset.
   */
  releaseAndClose(): void {
    if (this.state === 'closed' || this.state === 'alerted') return;
    this.state = 'alerted';
    const held = this.held;
    this.held = [];
    if (this.raw.destroyed) return;
    if (held.length > 0) this.raw.write(held.length === 1 ? held[0]! : Buffer.concat(held));
    this.raw.end();
    setTimeout(() => this.raw.destroy(), ALERT_LINGER_MS).unref();
  }

  /** Refuse the connection: drop what the server would have said and reset the TCP connection. Without `hold`
   * the connection just closes: what OpenSSL sent (an alert) has already gone out. */
  reject(): void {
    if (this.state === 'closed' || this.state === 'alerted') return;
    this.state = 'closed';
    this.held = [];
    if (this.raw.destroyed) return;
    if (this.hold) this.raw.resetAndDestroy();
    else this.raw.destroy();
  }
}
