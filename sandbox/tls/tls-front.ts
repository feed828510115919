// One client connection on a listener that ends TLS (an ALB HTTPS listener, an NLB TLS listener): the TLS handshake
// under the listener's mutual authentication mode, the connection log entry, and the hand-over of the established
// connection to whoever serves it (the ALB's HTTP front, the NLB's connection to its target).
//   off          no CertificateRequest.
//   passthrough  (ALB) CertificateRequest; anything (or nothing) is accepted; the caller forwards the chain exactly
//                as the client presented it.
//   verify       CertificateRequest; the client's certificates are checked by the verifier (trust store; for an NLB
//                its identity filters; revocation) once the client's last flight is in, while the TLS gate holds
//                the server's answer back. A refusal ends the connection the way the listener's load balancer does:
//                  reset  (ALB) no alert, a TCP reset, as seed 004 observed (tls-gate.ts);
//                  alert  (NLB, assumed) a fatal TLS alert that names the failure (tls-alerts.ts), then a FIN.
//                Nothing reaches a target either way.
// CloudFront adds two things: an optional certificate (verify what is presented, admit none) and its own admission
// step after the listener's checks (the connection function), which holds the handshake in passthrough too.
// Every connection runs through the gate, whose tap (handshake-observer.ts) reads the key exchange group for the
// connection log's tls_keyexchange and the certificates as the client sent them.
// ELB "Mutual authentication with TLS": session resumption is not supported in passthrough or verify mode, so the
// callers' contexts disable tickets there.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import tls, { type DetailedPeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import type { IdentityFilter, MutualAuthentication } from '../model/topology.js';
import { type CertFields, formatValidity, isoSeconds, readCertFields } from './cert-fields.js';
import { type ConnectionLog, type ConnectionLogEntry, formatLatency, isoMicros } from './connection-log.js';
import { HandshakeObserver } from './handshake-observer.js';
import { type AlertName, alertFor } from './tls-alerts.js';
import { TlsGate } from './tls-gate.js';
import type { LoadedTrustStore } from './trust-store.js';
import { faultFields, faultNote } from '../emulator/fault.js';
import { FILTER_MISMATCH_CODE, NO_CERTIFICATE_CODE, type VerifyCache, type VerifyFailureCode } from './verifier.js';

/** Why a connection is refused: a verifier code, or (CloudFront) its connection function's verdict. */
export type FrontFailureCode = VerifyFailureCode | 'ConnectionFunctionDenied' | 'ConnectionFunctionError';

/** What a caller's own admission step (CloudFront's connection function) decides for a connection. */
export type Admission =
  | { ok: true; notes: string[]; logFields?: Partial<ConnectionLogEntry> }
  | { ok: false; code: FrontFailureCode; notes: string[]; logFields?: Partial<ConnectionLogEntry> };

/** A handshake that has not finished after this long is dropped (the ALB's default idle timeout). */
export const HANDSHAKE_TIMEOUT_MS = 60_000;

export interface TlsFrontContext {
  secureContext: SecureContext;
  mode: MutualAuthentication['mode'];
  ignoreClientCertificateExpiry: boolean;
  /** NLB verify mode: the listener's client certificate identity filters ([] when it has none). */
  identityFilters?: readonly IdentityFilter[];
  trustStore: LoadedTrustStore | null;
  /** Verify mode's checker over the trust store (caches per presented chain). */
  verifier: VerifyCache | null;
  /** How a refused certificate ends the connection: a reset (ALB) or a TLS alert (NLB). */
  refusal: 'reset' | 'alert';
  /** The protocols offered in ALPN, in the server's order of preference; empty: no ALPN. */
  alpn: string[];
  log: Pick<ConnectionLog, 'append'>;
  /** CloudFront optional mode: verify a certificate when one is presented, admit a connection without one. */
  certificateOptional?: boolean;
  /** Log fields this kind of listener adds for the leaf (CloudFront's own formats), on every entry. */
  leafLogFields?: (leaf: CertFields | null) => Partial<ConnectionLogEntry>;
  /**
   * Runs once the listener's own checks passed, while the handshake is held (CloudFront's connection function):
   * a refusal ends the connection as a refused certificate does.
   */
  admit?: (
    accepted: { chain: Buffer[]; leaf: CertFields | null },
    client: { ip: string; port: number; connTraceId: string },
  ) => Admission;
  listenerName: string;
  listenerPort: number;
  elb: string;
  ipAddress: string;
  /** Fields this kind of listener adds to every log entry (e.g. the NLB's sandbox log label). */
  logFields?: Partial<ConnectionLogEntry>;
  /** Receives the established connection, once it is admitted. */
  onSecure: (socket: TLSSocket, accepted: AcceptedConnection) => void;
  /** Where the handshake's secrets go (NSS key log lines), when packet captures are asked for. */
  keyLog?: { append(line: Buffer): void } | null;
}

/** What the handshake established about an admitted connection. */
export interface AcceptedConnection {
  clientIp: string;
  clientPort: number;
  connTraceId: string;
  tlsProtocol: string;
  tlsCipher: string;
  /** The key exchange group the server chose, IANA TLS Supported Groups name ('-' when not known). */
  tlsKeyExchange: string;
  /** The certificates the client presented (passthrough and verify), leaf first, exactly as sent. */
  chain: Buffer[];
  /** The leaf's fields, when there is a readable leaf. */
  leaf: CertFields | null;
  /** Writes the connection's log entry as a success (once), with what the caller adds (e.g. the target); its
   * `notes` are added to the front's own. */
  logSuccess(extra?: Partial<ConnectionLogEntry>): void;
  /** Writes one more entry for this connection: the emulator failed serving it (a request on it) at `stage`. */
  logFault(stage: string, error: unknown): void;
}

/** The client's chain as node rebuilds it (leaf first, then issuer by issuer among what was presented, then the
 * context's CA store): the fallback when the handshake observer could not read the presented order. */
function nodeChain(socket: TLSSocket): Buffer[] {
  let cert: DetailedPeerCertificate | undefined;
  try {
    cert = socket.getPeerCertificate(true);
  } catch {
    return [];
  }
  if (!cert?.raw) return [];
  const out: Buffer[] = [cert.raw];
  const seen = new Set([cert.fingerprint256]);
  while (cert.issuerCertificate && !seen.has(cert.issuerCertificate.fingerprint256)) {
    cert = cert.issuerCertificate;
    seen.add(cert.fingerprint256);
    out.push(cert.raw);
  }
  return out;
}

type LeafLogFields = Pick<
  ConnectionLogEntry,
  'leaf_client_cert_subject' | 'leaf_client_cert_validity' | 'leaf_client_cert_serial_number'
>;

function leafLogFields(fields: CertFields | null): LeafLogFields {
  if (!fields)
    return { leaf_client_cert_subject: '-', leaf_client_cert_validity: '-', leaf_client_cert_serial_number: '-' };
  return {
    leaf_client_cert_subject: fields.subject,
    leaf_client_cert_validity: formatValidity(fields.notBefore, fields.notAfter),
    leaf_client_cert_serial_number: fields.serialHex,
  };
}

function tryFields(der: Buffer | undefined): CertFields | null {
  if (!der) return null;
  try {
    return readCertFields(der);
  } catch {
    return null;
  }
}

/** The alert a refusal sends: the verifier's failures as tls-alerts.ts maps them; a connection function's deny is
 * access_denied (a valid certificate refused by access control, RFC 8446 §6.2), its error internal_error (assumed). */
function frontAlert(code: FrontFailureCode, tls13: boolean): AlertName {
  if (code === 'ConnectionFunctionDenied') return 'access_denied';
  if (code === 'ConnectionFunctionError') return 'internal_error';
  return alertFor(code, tls13);
}

/** Maps a handshake error to a documented reason code: certificate parsing problems are ClientCertInvalid, the
 * rest (not TLS, version or cipher mismatch, client gone) UnmappedConnectionError. */
export function handshakeFailureCode(err: Error & { code?: string }): VerifyFailureCode {
  const text = `${err.code ?? ''} ${err.message}`.toUpperCase();
  return /CERTIFICATE|X509|ASN1|DECODE|SIGNATURE/.test(text) ? 'ClientCertInvalid' : 'UnmappedConnectionError';
}

type Decision =
  | { ok: true; chain: Buffer[]; leaf: CertFields | null }
  | { ok: false; code: FrontFailureCode; leaf: CertFields | null };

/** The leaf's DER. Not getPeerX509Certificate(): on node 20 calling it makes a later getPeerCertificate(true)
 * lose the rest of the presented chain (seen on a server-side TLSSocket); getPeerCertificate(false) does not. */
function peerLeaf(socket: TLSSocket): Buffer | undefined {
  try {
    const cert = socket.getPeerCertificate(false);
    return cert?.raw ? cert.raw : undefined;
  } catch {
    return undefined;
  }
}

/** The certificates exactly as the client presented them (leaf first, as sent); node's rebuilt chain, said so in
 * the notes, when the observer could not read them. */
function presented(socket: TLSSocket, observer: HandshakeObserver, notes: string[]): Buffer[] {
  const chain = observer.presentedChain();
  if (chain) return chain;
  notes.push('the presented chain could not be read from the handshake; node rebuilt it from issuer links');
  const leaf = peerLeaf(socket);
  return leaf ? nodeChain(socket) : [];
}

function decide(socket: TLSSocket, ctx: TlsFrontContext, observer: HandshakeObserver, notes: string[]): Decision {
  if (ctx.mode === 'off') return { ok: true, chain: [], leaf: null };
  const chain = presented(socket, observer, notes);
  const leafDer = chain[0];
  if (ctx.mode === 'passthrough') {
    const leaf = tryFields(leafDer);
    if (leafDer && !leaf) notes.push('the leaf certificate could not be parsed; forwarded as presented');
    return { ok: true, chain, leaf };
  }
  if (ctx.certificateOptional && chain.length === 0) {
    notes.push('no client certificate, admitted: the certificate is optional');
    return { ok: true, chain, leaf: null };
  }
  const options = {
    ignoreClientCertificateExpiry: ctx.ignoreClientCertificateExpiry,
    ...(ctx.identityFilters ? { identityFilters: ctx.identityFilters } : {}),
  };
  const result = ctx.verifier!.verify(chain, options);
  if (!result.ok) {
    if (result.code === NO_CERTIFICATE_CODE)
      notes.push(`inferred reason code ${NO_CERTIFICATE_CODE}: AWS documents none for a missing certificate`);
    if (result.code === FILTER_MISMATCH_CODE)
      notes.push(`sandbox reason code ${FILTER_MISMATCH_CODE}: AWS documents no NLB mutual TLS log`);
    notes.push(result.detail);
    return { ok: false, code: result.code, leaf: result.leafFields ?? tryFields(leafDer) };
  }
  if (result.filterMatch) notes.push(result.filterMatch);
  if (ctx.ignoreClientCertificateExpiry && result.leafFields.notAfter.getTime() < Date.now()) {
    notes.push(
      `expired ${isoSeconds(result.leafFields.notAfter)}, accepted because IgnoreClientCertificateExpiry is on`,
    );
  }
  return { ok: true, chain, leaf: result.leafFields };
}

const nowMs = () => performance.timeOrigin + performance.now();

/** What a connection log entry needs of the listener, whichever connection it is about. */
type EntryContext = Pick<
  TlsFrontContext,
  'log' | 'leafLogFields' | 'listenerPort' | 'elb' | 'ipAddress' | 'listenerName' | 'logFields'
>;

/** One connection log entry in the listener's shape: the TLS fields "-" until `extra` says otherwise. */
function entryOf(
  ctx: EntryContext,
  client: { ip: string; port: number; connTraceId: string; keyExchange: string },
  status: string,
  notes: string[],
  extra: Partial<ConnectionLogEntry>,
): ConnectionLogEntry {
  return {
    timestamp: isoMicros(nowMs()),
    ...(ctx.leafLogFields?.(null) ?? {}),
    client_ip: client.ip,
    client_port: client.port,
    listener_port: ctx.listenerPort,
    tls_protocol: '-',
    tls_cipher: '-',
    tls_handshake_latency: '-',
    ...leafLogFields(null),
    tls_verify_status: status,
    conn_trace_id: client.connTraceId,
    tls_keyexchange: client.keyExchange,
    elb: ctx.elb,
    ip_address: ctx.ipAddress,
    listener: ctx.listenerName,
    ...ctx.logFields,
    notes: notes.join('; '),
    ...extra,
  };
}

/**
 * The listener's connection handler threw before the TLS front took the connection (the server base caught it and
 * closed that one connection): logged as a failed connection with the fault, so the client's trace is not silent.
 */
export function logConnectionFault(raw: Socket, ctx: EntryContext, error: unknown): void {
  const client = {
    ip: raw.remoteAddress ?? '-',
    port: raw.remotePort ?? 0,
    connTraceId: `TID_${randomBytes(16).toString('hex')}`,
    keyExchange: '-',
  };
  const stage = 'connection';
  ctx.log.append(
    entryOf(ctx, client, 'Failed:UnmappedConnectionError', [faultNote(stage, error)], faultFields(stage, error)),
  );
}

export function handleTlsConnection(raw: Socket, ctx: TlsFrontContext): void {
  new FrontConnection(raw, ctx).start();
}

/** One connection through the TLS front, from the first byte to its hand-over (or its refusal). */
class FrontConnection {
  private readonly started = nowMs();
  private readonly clientIp: string;
  private readonly clientPort: number;
  private readonly observer = new HandshakeObserver();
  private readonly gate: TlsGate;
  private readonly socket: TLSSocket;
  private readonly notes: string[] = [];
  private readonly connTraceId = `TID_${randomBytes(16).toString('hex')}`;
  /** What the caller's admission step adds to the entry (a connection function's custom data). */
  private readonly admitted: Partial<ConnectionLogEntry> = {};
  private logged = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly raw: Socket,
    private readonly ctx: TlsFrontContext,
  ) {
    this.clientIp = raw.remoteAddress ?? '-';
    this.clientPort = raw.remotePort ?? 0;
    const verify = ctx.mode === 'verify';
    const hold = verify || ctx.admit !== undefined;
    this.gate = new TlsGate(raw, { hold, swallowAlerts: verify && ctx.refusal === 'reset', tap: this.observer });
    this.socket = new tls.TLSSocket(this.gate, {
      isServer: true,
      secureContext: ctx.secureContext,
      requestCert: ctx.mode !== 'off',
      rejectUnauthorized: false, // we decide: failures reset or alert (verify) or pass (passthrough)
      ...(ctx.alpn.length > 0 ? { ALPNProtocols: ctx.alpn } : {}),
    });
  }

  start(): void {
    const { ctx, socket, gate, notes } = this;
    if (ctx.keyLog) {
      const keyLog = ctx.keyLog;
      socket.on('keylog', (line) => keyLog.append(line));
    }
    // TLS 1.3 encrypts the client's Certificate message: the observer opens it with the client handshake secret
    // (and seals an NLB's refusal alert with the server's traffic secret).
    if (ctx.mode !== 'off')
      socket.on(
        'keylog',
        this.contain((line: Buffer) => this.observer.keylog(line)),
      );
    this.timer = setTimeout(
      this.contain(() => {
        notes.push(`handshake not finished within ${HANDSHAKE_TIMEOUT_MS} ms`);
        this.fail('UnmappedConnectionError');
      }),
      HANDSHAKE_TIMEOUT_MS,
    );
    this.timer.unref();
    gate.whenAlert(this.contain(() => this.alerted()));
    socket.on(
      'error',
      this.contain((err: Error & { code?: string }) => {
        if (this.logged) return;
        notes.push(`handshake error: ${err.message}`);
        this.fail(handshakeFailureCode(err));
      }),
    );
    socket.on(
      'close',
      this.contain(() => {
        clearTimeout(this.timer);
        // Connecting and leaving without a byte (port probes) is not worth an entry.
        if (!this.logged && gate.clientBytes > 0) {
          notes.push('the client closed the connection during the handshake');
          this.log('Failed:UnmappedConnectionError');
        }
      }),
    );
    socket.once(
      'secure',
      this.contain(() => this.secured()),
    );
  }

  /** Runs an event handler; a throw ends this connection only, logged as the front's own failure. */
  private contain<A extends unknown[]>(handler: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      try {
        handler(...args);
      } catch (error) {
        this.fault('TLS front', error);
      }
    };
  }

  private fault(stage: string, error: unknown): void {
    clearTimeout(this.timer);
    try {
      this.notes.push(faultNote(stage, error));
      this.log('Failed:UnmappedConnectionError', faultFields(stage, error));
    } catch {
      // the connection ends all the same
    }
    this.socket.destroy();
    this.raw.destroy();
  }

  private leafFields(fields: CertFields | null): Partial<ConnectionLogEntry> {
    return { ...leafLogFields(fields), ...(this.ctx.leafLogFields?.(fields) ?? {}) };
  }

  /** Who the entries are about: the client, the connection's trace id and its key exchange group. */
  private client() {
    return {
      ip: this.clientIp,
      port: this.clientPort,
      connTraceId: this.connTraceId,
      // node does not expose the negotiated group on the server side; the observer read it from the handshake
      keyExchange: this.observer.keyExchange() ?? '-',
    };
  }

  private log(status: string, extra: Partial<ConnectionLogEntry> = {}): void {
    if (this.logged) return;
    this.logged = true;
    this.ctx.log.append(entryOf(this.ctx, this.client(), status, this.notes, extra));
  }

  /** A certificate the listener refuses, or a handshake that broke: logged, then ended as the load balancer does. */
  private fail(code: FrontFailureCode, extra: Partial<ConnectionLogEntry> = {}, decided = false): void {
    const { ctx, gate, observer, notes } = this;
    clearTimeout(this.timer);
    const name = frontAlert(code, observer.tls13);
    const alert = decided && ctx.refusal === 'alert' ? observer.alertRecord(name) : null;
    if (decided && ctx.refusal === 'alert') {
      if (alert) notes.push(`refused with a TLS alert, ${name} (assumed: AWS does not document what the client sees)`);
      else notes.push(`the ${name} alert could not be made for this handshake; the connection was closed`);
    }
    this.log(`Failed:${code}`, { ...(alert ? { tls_alert_sent: name } : {}), ...extra });
    if (alert) gate.rejectWithAlert(alert);
    else if (ctx.refusal === 'alert' && !decided) gate.releaseAndClose();
    else gate.reject();
    this.socket.destroy();
    // An alert that went out must reach the client: the gate closes that socket itself.
    if (!this.raw.destroyed && gate.state !== 'alerted') this.raw.destroy();
  }

  /** The TLS engine raised an alert during the handshake. */
  private alerted(): void {
    const { gate } = this;
    this.notes.push(
      !gate.alertSent
        ? 'the TLS engine raised an alert during the handshake; the connection was reset instead, as the ALB does'
        : gate.afterServerHello
          ? 'the TLS engine sent an alert during the handshake and the connection closed'
          : 'no protocol version or cipher in common with the client: the TLS alert went out and the connection closed (assumed: AWS does not document what the client sees)',
    );
    this.fail('UnmappedConnectionError');
  }

  /** The handshake finished (the gate still holds the server's answer when it decides): decide, admit, hand over. */
  private secured(): void {
    const { socket } = this;
    clearTimeout(this.timer);
    const latencyMs = nowMs() - this.started;
    const base: Partial<ConnectionLogEntry> = {
      tls_protocol: socket.getProtocol() ?? '-',
      tls_cipher: socket.getCipher()?.name ?? '-',
    };
    let decision: Decision;
    try {
      decision = decide(socket, this.ctx, this.observer, this.notes);
    } catch (err) {
      this.notes.push(`internal error: ${(err as Error).message}`);
      this.fail('UnmappedConnectionError', base);
      return;
    }
    if (!decision.ok) {
      this.fail(decision.code, { ...base, ...this.leafFields(decision.leaf) }, true);
      return;
    }
    if (this.ctx.admit && !this.admit(decision, base)) return;
    this.gate.accept();
    // node only marks server sockets made by tls.Server as connected; http2 waits for that flag.
    socket.secureConnecting = false;
    this.handOver(decision, base, latencyMs);
  }

  /** The caller's own admission step (CloudFront's connection function); false when it refused the connection. */
  private admit(decision: Extract<Decision, { ok: true }>, base: Partial<ConnectionLogEntry>): boolean {
    let admission: Admission;
    try {
      admission = this.ctx.admit!(
        { chain: decision.chain, leaf: decision.leaf },
        { ip: this.clientIp, port: this.clientPort, connTraceId: this.connTraceId },
      );
    } catch (err) {
      admission = {
        ok: false,
        code: 'UnmappedConnectionError',
        notes: [`internal error: ${(err as Error).message}`],
      };
    }
    this.notes.push(...admission.notes);
    Object.assign(this.admitted, admission.logFields ?? {});
    if (admission.ok) return true;
    this.fail(admission.code, { ...base, ...this.leafFields(decision.leaf), ...this.admitted }, true);
    return false;
  }

  /** Gives the admitted connection to whoever serves it; if that throws, only this connection ends (logged). */
  private handOver(
    decision: Extract<Decision, { ok: true }>,
    base: Partial<ConnectionLogEntry>,
    latencyMs: number,
  ): void {
    const success: Partial<ConnectionLogEntry> = {
      ...base,
      tls_handshake_latency: formatLatency(latencyMs),
      ...this.leafFields(decision.leaf),
      ...this.admitted,
    };
    const accepted: AcceptedConnection = {
      clientIp: this.clientIp,
      clientPort: this.clientPort,
      connTraceId: this.connTraceId,
      tlsProtocol: String(base.tls_protocol),
      tlsCipher: String(base.tls_cipher),
      tlsKeyExchange: this.observer.keyExchange() ?? '-',
      chain: decision.chain,
      leaf: decision.leaf,
      logSuccess: ({ notes: more, ...extra } = {}) => {
        if (more) this.notes.push(String(more));
        this.log('Success', { ...success, ...extra });
      },
      logFault: (stage, error) => {
        const fields = { ...success, ...faultFields(stage, error) };
        this.ctx.log.append(entryOf(this.ctx, this.client(), 'Success', [faultNote(stage, error)], fields));
      },
    };
    try {
      this.ctx.onSecure(this.socket, accepted);
    } catch (error) {
      // The handshake succeeded; serving the connection failed: this connection ends, logged with the fault.
      const stage = 'connection hand-over';
      if (this.logged) accepted.logFault(stage, error);
      else accepted.logSuccess({ notes: faultNote(stage, error), ...faultFields(stage, error) });
      this.socket.destroy();
    }
  }
}

declare module 'node:tls' {
  interface TLSSocket {
    /** node's own flag (not in its types): true until a server socket made by tls.Server is connected. */
    secureConnecting?: boolean;
  }
}

/** The context's CA store: the trust store only when CA names are advertised (node lists the `ca` subjects in the
 * CertificateRequest); otherwise empty, which also keeps node's default roots out of the presented chain. */
export function tlsCaOption(
  mode: MutualAuthentication['mode'],
  advertise: boolean,
  store: LoadedTrustStore | null,
): string[] {
  return mode === 'verify' && advertise && store ? store.caPems : [];
}
