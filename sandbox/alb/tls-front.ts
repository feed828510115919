// One client connection on an HTTPS listener: the TLS handshake under the listener's mutual authentication mode,
// the connection log entry, and the hand-over to HTTP/1.1 or HTTP/2 (ALPN h2 and http/1.1, like an ALB with
// HTTP/2 on, its default).
//   off          no CertificateRequest.
//   passthrough  CertificateRequest; anything (or nothing) is accepted; the chain goes to the target in
//                X-Amzn-Mtls-Clientcert exactly as the client presented it.
//   verify       CertificateRequest; a missing or failing certificate ends the connection with a TCP reset and no
//                alert (tls-gate.ts), as seed 004 observed; the verified leaf goes to the target in 5 headers.
// Every connection runs through the gate, whose tap (handshake-observer.ts) reads the key exchange group for the
// connection log's tls_keyexchange and the certificates as the client sent them.
// ELB "Mutual authentication with TLS": session resumption is not supported in passthrough or verify mode, so the
// context disables tickets there (listener.ts).
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import tls, { type DetailedPeerCertificate, type SecureContext, type TLSSocket } from 'node:tls';
import type { MutualAuthentication } from '../model/topology.js';
import { type CertFields, isoSeconds, readCertFields } from '../tls/cert-fields.js';
import { type ConnectionLog, type ConnectionLogEntry, formatLatency, isoMicros } from '../tls/connection-log.js';
import { HandshakeObserver } from '../tls/handshake-observer.js';
import { CONNECTION_INFO, type ConnectionInfo } from './http-front.js';
import { formatValidity, passthroughHeaders, verifyModeHeaders } from './mtls-headers.js';
import { TlsGate } from '../tls/tls-gate.js';
import type { LoadedTrustStore } from '../tls/trust-store.js';
import { NO_CERTIFICATE_CODE, type VerifyCache, type VerifyFailureCode } from '../tls/verifier.js';

/** A handshake that has not finished after this long is dropped (the ALB's default idle timeout). */
export const HANDSHAKE_TIMEOUT_MS = 60_000;

export interface TlsFrontContext {
  secureContext: SecureContext;
  mode: MutualAuthentication['mode'];
  ignoreClientCertificateExpiry: boolean;
  trustStore: LoadedTrustStore | null;
  /** Verify mode's checker over the trust store (caches per presented chain). */
  verifier: VerifyCache | null;
  log: ConnectionLog;
  listenerName: string;
  listenerPort: number;
  elb: string;
  ipAddress: string;
  /** Receives the established connection (ALPN decides HTTP/1.1 or HTTP/2). */
  onSecure: (socket: TLSSocket) => void;
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

/** Maps a handshake error to a documented reason code: certificate parsing problems are ClientCertInvalid, the
 * rest (not TLS, version or cipher mismatch, client gone) UnmappedConnectionError. */
export function handshakeFailureCode(err: Error & { code?: string }): VerifyFailureCode {
  const text = `${err.code ?? ''} ${err.message}`.toUpperCase();
  return /CERTIFICATE|X509|ASN1|DECODE|SIGNATURE/.test(text) ? 'ClientCertInvalid' : 'UnmappedConnectionError';
}

type Decision =
  | { ok: true; mtlsHeaders: () => [string, string][]; stripClientMtls: boolean; leaf: CertFields | null }
  | { ok: false; code: VerifyFailureCode; leaf: CertFields | null };

/** Computes once, on first use: the mTLS headers only matter when a request is forwarded. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

const NO_HEADERS = (): [string, string][] => [];

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
  if (ctx.mode === 'off') return { ok: true, mtlsHeaders: NO_HEADERS, stripClientMtls: false, leaf: null };
  const chain = presented(socket, observer, notes);
  const leafDer = chain[0];
  if (ctx.mode === 'passthrough') {
    const leaf = tryFields(leafDer);
    if (leafDer && !leaf) notes.push('the leaf certificate could not be parsed; forwarded as presented');
    return { ok: true, mtlsHeaders: once(() => passthroughHeaders(chain)), stripClientMtls: true, leaf };
  }
  const options = { ignoreClientCertificateExpiry: ctx.ignoreClientCertificateExpiry };
  const result = ctx.verifier!.verify(chain, options);
  if (!result.ok) {
    if (result.code === NO_CERTIFICATE_CODE)
      notes.push(`inferred reason code ${NO_CERTIFICATE_CODE}: AWS documents none for a missing certificate`);
    notes.push(result.detail);
    return { ok: false, code: result.code, leaf: result.leafFields ?? tryFields(leafDer) };
  }
  if (ctx.ignoreClientCertificateExpiry && result.leafFields.notAfter.getTime() < Date.now()) {
    notes.push(
      `expired ${isoSeconds(result.leafFields.notAfter)}, accepted because IgnoreClientCertificateExpiry is on`,
    );
  }
  const fields = result.leafFields;
  return { ok: true, mtlsHeaders: once(() => verifyModeHeaders(fields)), stripClientMtls: true, leaf: fields };
}

const nowMs = () => performance.timeOrigin + performance.now();

export function handleTlsConnection(raw: Socket, ctx: TlsFrontContext): void {
  const started = nowMs();
  const clientIp = raw.remoteAddress ?? '-';
  const clientPort = raw.remotePort ?? 0;
  const observer = new HandshakeObserver();
  const gate = new TlsGate(raw, { hold: ctx.mode === 'verify', tap: observer });
  const socket = new tls.TLSSocket(gate, {
    isServer: true,
    secureContext: ctx.secureContext,
    requestCert: ctx.mode !== 'off',
    rejectUnauthorized: false, // we decide: failures reset instead of alerting (verify) or pass (passthrough)
    ALPNProtocols: ['h2', 'http/1.1'],
  });
  const notes: string[] = [];
  const connTraceId = `TID_${randomBytes(16).toString('hex')}`;
  let logged = false;

  const log = (status: string, extra: Partial<ConnectionLogEntry> = {}) => {
    if (logged) return;
    logged = true;
    ctx.log.append({
      timestamp: isoMicros(nowMs()),
      client_ip: clientIp,
      client_port: clientPort,
      listener_port: ctx.listenerPort,
      tls_protocol: '-',
      tls_cipher: '-',
      tls_handshake_latency: '-',
      ...leafLogFields(null),
      tls_verify_status: status,
      conn_trace_id: connTraceId,
      // node does not expose the negotiated group on the server side; the observer read it from the handshake
      tls_keyexchange: observer.keyExchange() ?? '-',
      elb: ctx.elb,
      ip_address: ctx.ipAddress,
      listener: ctx.listenerName,
      notes: notes.join('; '),
      ...extra,
    });
  };

  const fail = (code: VerifyFailureCode, extra: Partial<ConnectionLogEntry> = {}) => {
    clearTimeout(timer);
    log(`Failed:${code}`, extra);
    gate.reject();
    socket.destroy();
    // An alert that went out before the ServerHello must reach the client: the gate closes that socket itself.
    if (!raw.destroyed && gate.state !== 'alerted') raw.destroy();
  };

  // TLS 1.3 encrypts the client's Certificate message: the observer opens it with the client handshake secret.
  if (ctx.mode !== 'off') socket.on('keylog', (line: Buffer) => observer.keylog(line));

  const timer = setTimeout(() => {
    notes.push(`handshake not finished within ${HANDSHAKE_TIMEOUT_MS} ms`);
    fail('UnmappedConnectionError');
  }, HANDSHAKE_TIMEOUT_MS);
  timer.unref();

  gate.whenAlert(() => {
    notes.push(
      gate.alertSent
        ? 'no protocol version or cipher in common with the client: the TLS alert went out and the connection closed (assumed: AWS does not document what the client sees)'
        : 'the TLS engine raised an alert during the handshake; the connection was reset instead, as the ALB does',
    );
    fail('UnmappedConnectionError');
  });

  socket.on('error', (err: Error & { code?: string }) => {
    if (logged) return;
    notes.push(`handshake error: ${err.message}`);
    fail(handshakeFailureCode(err));
  });

  socket.on('close', () => {
    clearTimeout(timer);
    // Connecting and leaving without a byte (port probes) is not worth an entry.
    if (!logged && gate.clientBytes > 0) {
      notes.push('the client closed the connection during the handshake');
      log('Failed:UnmappedConnectionError');
    }
  });

  socket.once('secure', () => {
    clearTimeout(timer);
    const latencyMs = nowMs() - started;
    const base: Partial<ConnectionLogEntry> = {
      tls_protocol: socket.getProtocol() ?? '-',
      tls_cipher: socket.getCipher()?.name ?? '-',
    };
    let decision: Decision;
    try {
      decision = decide(socket, ctx, observer, notes);
    } catch (err) {
      notes.push(`internal error: ${(err as Error).message}`);
      fail('UnmappedConnectionError', base);
      return;
    }
    if (!decision.ok) {
      fail(decision.code, { ...base, ...leafLogFields(decision.leaf) });
      return;
    }
    gate.accept();
    const info: ConnectionInfo = {
      clientIp,
      clientPort,
      protocol: 'https',
      mode: ctx.mode,
      mtlsHeaders: decision.mtlsHeaders,
      stripClientMtls: decision.stripClientMtls,
      connTraceId,
      tlsProtocol: String(base.tls_protocol),
      tlsCipher: String(base.tls_cipher),
    };
    (socket as unknown as Record<symbol, ConnectionInfo>)[CONNECTION_INFO] = info;
    // node only marks server sockets made by tls.Server as connected; http2 waits for that flag.
    (socket as unknown as { secureConnecting: boolean }).secureConnecting = false;
    ctx.onSecure(socket);
    // Logged after the hand-over: the client's handshake should not wait for our bookkeeping.
    log('Success', { ...base, tls_handshake_latency: formatLatency(latencyMs), ...leafLogFields(decision.leaf) });
  });
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
