// Our Application Load Balancer listener: one TCP port that behaves like an ALB HTTP or HTTPS listener, with mutual
// TLS modes, rules, target groups, stickiness, health checks and connection logs. Wires the modules together and
// owns every socket, server and timer, so close() leaves nothing running.
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net, { type Socket } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { constants, randomBytes } from 'node:crypto';
import type { AlbListenerConfig, AlbLiveUpdate } from './config.js';
import type { MutualAuthentication } from '../model/topology.js';
import { ConnectionLog, type ConnectionLogEntry, isoMicros } from '../tls/connection-log.js';
import { BoundedLog } from '../tls/bounded-log.js';
import { KeyLog } from '../tls/key-log.js';
import { type RequestLogEntry, RequestLogFile } from './request-log.js';
import { HealthChecker } from './health.js';
import { H2_MAX_HEADER_BLOCK, H2HeaderGuard } from './h2-header-guard.js';
import { CONNECTION_INFO, type ConnectionInfo, createRequestHandler, MAX_HEADER_TOTAL } from './http-front.js';
import { IDLE_TIMEOUT_MS } from './proxy.js';
import { ALB_SERVER, errorPage, reasonPhrase } from './responses.js';
import { handleAlbTlsConnection, tlsCaOption } from './tls-front.js';
import { resolveSslPolicy, secureContextOptions } from '../tls/tls-policy.js';
import { TargetGroupRuntime, type TargetHealthView } from './targets.js';
import { loadTrustStore, type LoadedTrustStore } from '../tls/trust-store.js';
import { VerifyCache } from '../tls/verifier.js';
import { WafLog } from './waf-log.js';

export interface RunningAlb {
  address: { host: string; port: number };
  close(): Promise<void>;
  /** Connection log entries so far (also appended as JSON lines to config.connectionLogFile; the most recent
   * 10,000 are kept in memory). */
  connectionLog(): ConnectionLogEntry[];
  /** One entry per HTTP request, with access-log field names and notes on inferred behaviour (memory only). */
  requestLog(): RequestLogEntry[];
  /** AWS WAF log entries, when the load balancer has a web ACL (also appended to config.wafLogFile). */
  wafLog(): Record<string, unknown>[];
  health(): Record<string, TargetHealthView[]>;
  /** Resolves when every target has had its first health check. */
  healthChecked(): Promise<void>;
  /**
   * Swaps part of the listener's configuration at once (the sandbox's ELBv2 API): requests that arrive after it
   * meet the new rules; connections that arrive after it meet the new mutual TLS mode and trust store (an open
   * connection keeps the handshake it made). Throws, changing nothing, when the result would not be a valid listener.
   */
  update(change: AlbLiveUpdate): void;
}

/** ALB-made error on a connection the HTTP parser gave up on (it has no response object). */
function rawErrorResponse(status: number): string {
  const body = errorPage(status);
  return (
    `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\nServer: ${ALB_SERVER}\r\nDate: ${new Date().toUTCString()}\r\n` +
    `Content-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** Parser errors → status. ELB troubleshooting: 400 for malformed requests and headers over 16K/64K (where node
 * would say 431), 501 for an unsupported Transfer-Encoding. A request with both Content-Length and
 * Transfer-Encoding is refused with 400 and the connection closed, which is what the ALB's "strictest" desync
 * mode does; its default "defensive" mode would forward it and then close both connections (ELB "Application Load
 * Balancers", desync mitigation mode: BothTeClPresent is Ambiguous). */
function parserErrorStatus(err: Error & { code?: string }): number {
  if (err.code === 'HPE_INVALID_TRANSFER_ENCODING' && !/Content-Length/i.test(err.message)) return 501;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

function validate(config: AlbListenerConfig): void {
  const where = `ALB listener ${config.name}`;
  if (config.protocol === 'HTTPS' && (!config.certificatePem || !config.privateKeyPem)) {
    throw new Error(`${where}: an HTTPS listener needs certificatePem and privateKeyPem`);
  }
  const mode = config.mutualAuthentication?.mode ?? 'off';
  if (mode !== 'off' && config.protocol !== 'HTTPS')
    throw new Error(`${where}: mutual authentication needs an HTTPS listener`);
  if (mode === 'verify' && !config.trustStore) throw new Error(`${where}: verify mode needs a trust store`);
  const ids = new Set(config.targetGroups.map((g) => g.id));
  for (const action of [...config.defaultActions, ...config.rules.flatMap((r) => r.actions)]) {
    if (action.type !== 'forward') continue;
    for (const tg of action.targetGroups) {
      if (!ids.has(tg.targetGroupId))
        throw new Error(
          `${where}: forward action names target group ${tg.targetGroupId}, which is not in targetGroups`,
        );
    }
  }
}

/** What a connection's TLS front needs of the listener's mutual TLS set-up, made again when it changes. */
interface TlsState {
  mode: MutualAuthentication['mode'];
  ignoreClientCertificateExpiry: boolean;
  trustStore: LoadedTrustStore | null;
  verifier: VerifyCache | null;
  secureContext: tls.SecureContext | null;
}

const MUTUAL_OFF: MutualAuthentication = {
  mode: 'off',
  trustStoreId: null,
  ignoreClientCertificateExpiry: false,
  advertiseTrustStoreCaNames: false,
};

function tlsStateOf(config: AlbListenerConfig): TlsState {
  const mutual = config.mutualAuthentication ?? MUTUAL_OFF;
  const trustStore: LoadedTrustStore | null =
    mutual.mode === 'verify' && config.trustStore ? loadTrustStore(config.trustStore) : null;
  let secureContext: tls.SecureContext | null = null;
  if (config.protocol === 'HTTPS') {
    const policy = resolveSslPolicy(config.sslPolicy);
    secureContext = tls.createSecureContext({
      key: config.privateKeyPem!,
      cert: config.certificatePem!,
      ...secureContextOptions(policy),
      ca: tlsCaOption(mutual.mode, mutual.advertiseTrustStoreCaNames, trustStore),
      // ELB "Mutual authentication with TLS": no session resumption in passthrough or verify mode. Knowledge Center
      // "SSL/TLS renegotiation support": ALBs do not support client-initiated renegotiation (OpenSSL then answers a
      // renegotiating ClientHello with a no_renegotiation alert; what the ALB sends is assumed).
      secureOptions: constants.SSL_OP_NO_RENEGOTIATION | (mutual.mode === 'off' ? 0 : constants.SSL_OP_NO_TICKET),
    });
  }
  return {
    mode: mutual.mode,
    ignoreClientCertificateExpiry: mutual.ignoreClientCertificateExpiry,
    trustStore,
    verifier: trustStore ? new VerifyCache(trustStore) : null,
    secureContext,
  };
}

export async function startAlbListener(initial: AlbListenerConfig): Promise<RunningAlb> {
  validate(initial);
  // The configuration requests and connections read: update() replaces its fields.
  const config: AlbListenerConfig = { ...initial };
  let tlsState = tlsStateOf(config);

  const groups = new Map(config.targetGroups.map((g) => [g.id, new TargetGroupRuntime(g)]));
  const agentOptions = {
    keepAlive: true,
    maxSockets: 512,
    maxFreeSockets: 128,
    timeout: IDLE_TIMEOUT_MS,
    scheduling: 'lifo' as const,
  };
  const agents = {
    http: new http.Agent(agentOptions),
    https: new https.Agent({ ...agentOptions, rejectUnauthorized: false }),
  };
  const log = new ConnectionLog(config.connectionLogFile);
  const requestLog = new BoundedLog<RequestLogEntry>();
  const wafLog = new WafLog(config.webAcl ? (config.wafLogFile ?? null) : null);
  const requestLogFile = new RequestLogFile(config.requestLogFile ?? null);
  // TLS secrets in NSS key log format (SSLKEYLOGFILE), for Wireshark: the client leg and the HTTPS target leg.
  const keyLog = config.keyLogFile ? new KeyLog(config.keyLogFile) : null;
  if (keyLog) agents.https.on('keylog', (line) => keyLog.append(line));
  const handler = createRequestHandler({ config, groups, agents, requestLog, requestLogFile, wafLog });

  const h1 = http.createServer({ maxHeaderSize: MAX_HEADER_TOTAL }, handler);
  // Every header up to the 64K limit reaches the rules and the target, as over HTTP/2 (node drops those past 2000).
  h1.maxHeadersCount = 0;
  h1.keepAliveTimeout = IDLE_TIMEOUT_MS;
  h1.headersTimeout = IDLE_TIMEOUT_MS + 1000;
  h1.requestTimeout = 0;
  h1.on('clientError', (err: Error & { code?: string }, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(rawErrorResponse(parserErrorStatus(err)));
  });

  // CONNECT gets the ALB's answer like any other request (the handler's 405), not a closed connection.
  h1.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    const res = new http.ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    res.once('finish', () => {
      res.detachSocket(socket);
      socket.end();
    });
    handler(req, res);
  });

  // ALBs take up to 128 parallel requests on one HTTP/2 connection (ELB "Listeners": HTTP/2). The header limits are
  // the ALB's, as over HTTP/1.1 (the handler answers 400 past 16K for one header or 64K in all): node's session lets
  // up to 1 MiB of headers through, and H2HeaderGuard ends the connection for a field over 8K compressed.
  const h2 = http2.createSecureServer(
    {
      settings: { maxConcurrentStreams: 128, maxHeaderListSize: H2_MAX_HEADER_BLOCK },
      maxHeaderListPairs: 32 * 1024,
    },
    handler,
  );
  h2.on('connect', handler);
  const sessions = new Set<http2.ServerHttp2Session>();
  const sessionOf = new WeakMap<H2HeaderGuard, http2.ServerHttp2Session>();
  /** The connection being handed to the HTTP/2 server: its 'session' event comes synchronously, during the emit. */
  let arriving: { guard: H2HeaderGuard; info: ConnectionInfo | undefined } | null = null;
  h2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => {});
    if (!arriving) return;
    sessionOf.set(arriving.guard, session);
    // The session reads its socket through a wrapper of the guard: the connection's facts go on that wrapper.
    if (arriving.info) (session.socket as unknown as Record<symbol, ConnectionInfo>)[CONNECTION_INFO] = arriving.info;
  });

  const sockets = new Set<Socket>();
  const elb = `app/${config.name.replace(/\s+/g, '-')}`; // space-delimited log lines: no spaces in the name
  let onSecure: (socket: TLSSocket) => void = () => {};
  if (config.protocol === 'HTTPS') {
    onSecure = (socket) => {
      socket.on('error', () => {});
      if (socket.alpnProtocol !== 'h2') {
        h1.emit('connection', socket);
        return;
      }
      const guard = new H2HeaderGuard(socket, (violation) => {
        // ELB troubleshooting, response code 000: GOAWAY, then the connection closes with a FIN.
        const session = sessionOf.get(guard);
        if (!session || session.destroyed) return guard.destroy();
        session.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM, violation.lastStreamId);
        // Once the GOAWAY is on its way, the connection ends: close_notify and a FIN.
        setImmediate(() => guard.end());
      });
      arriving = { guard, info: (socket as unknown as Record<symbol, ConnectionInfo | undefined>)[CONNECTION_INFO] };
      try {
        h2.emit('secureConnection', guard);
      } finally {
        arriving = null;
      }
    };
  }

  const server = net.createServer({ noDelay: true }, (raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => {});
    const state = tlsState;
    if (state.secureContext) {
      handleAlbTlsConnection(raw, {
        secureContext: state.secureContext,
        mode: state.mode,
        ignoreClientCertificateExpiry: state.ignoreClientCertificateExpiry,
        trustStore: state.trustStore,
        verifier: state.verifier,
        log,
        listenerName: config.name,
        listenerPort: config.advertisedPort,
        elb,
        ipAddress: config.host,
        onSecure,
        keyLog,
      });
      return;
    }
    // HTTP listener: connection logs still record the connection, TLS fields "-" (ELB connection logs).
    const connTraceId = `TID_${randomBytes(16).toString('hex')}`;
    const info: ConnectionInfo = {
      clientIp: raw.remoteAddress ?? '-',
      clientPort: raw.remotePort ?? 0,
      protocol: 'http',
      mode: 'off',
      mtlsHeaders: () => [],
      stripClientMtls: false,
      connTraceId,
      tlsProtocol: '-',
      tlsCipher: '-',
    };
    (raw as unknown as Record<symbol, ConnectionInfo>)[CONNECTION_INFO] = info;
    log.append({
      timestamp: isoMicros(performance.timeOrigin + performance.now()),
      client_ip: info.clientIp,
      client_port: info.clientPort,
      listener_port: config.advertisedPort,
      tls_protocol: '-',
      tls_cipher: '-',
      tls_handshake_latency: '-',
      leaf_client_cert_subject: '-',
      leaf_client_cert_validity: '-',
      leaf_client_cert_serial_number: '-',
      tls_verify_status: '-',
      conn_trace_id: connTraceId,
      tls_keyexchange: '-',
      elb,
      ip_address: config.host,
      listener: config.name,
      notes: '',
    });
    h1.emit('connection', raw);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error & { code?: string }) =>
        reject(
          Object.assign(
            new Error(`ALB listener ${config.name}: cannot listen on ${config.host}:${config.port}: ${err.message}`),
            { code: err.code },
          ),
        );
      server.once('error', onError);
      server.listen(config.port, config.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
  } catch (err) {
    agents.http.destroy();
    agents.https.destroy();
    await log.close();
    throw err;
  }
  server.on('error', () => {});
  const health = new HealthChecker([...groups.values()]);
  const address = server.address() as net.AddressInfo;

  let closing: Promise<void> | null = null;
  return {
    address: { host: config.host, port: address.port },
    connectionLog: () => log.entries(),
    requestLog: () => requestLog.all(),
    wafLog: () => wafLog.entries(),
    health: () => Object.fromEntries([...groups].map(([id, g]) => [id, g.view()])),
    healthChecked: () => health.firstChecks(),
    update: (change) => {
      const { stickiness, registered, ...fields } = change;
      const next: AlbListenerConfig = { ...config, ...fields };
      validate(next);
      for (const id of [stickiness?.targetGroupId, registered?.targetGroupId])
        if (id !== undefined && !groups.has(id))
          throw new Error(`ALB listener ${config.name}: target group ${id} is not one of its own`);
      const changesTls = 'mutualAuthentication' in fields || 'trustStore' in fields;
      const state = changesTls ? tlsStateOf(next) : tlsState; // throws on a trust store it cannot load
      Object.assign(config, fields);
      tlsState = state;
      // Read per request (chooseTarget); the group object is shared with every listener forwarding to it.
      if (stickiness) groups.get(stickiness.targetGroupId)!.group.stickiness = stickiness.stickiness;
      if (registered) {
        const group = groups.get(registered.targetGroupId)!;
        const names = group.targets.map((t) => t.target.name);
        group.setRegistered(names, false);
        group.setRegistered(registered.targets, true);
      }
    },
    close: () => {
      closing ??= (async () => {
        health.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        h1.closeAllConnections();
        agents.http.destroy();
        agents.https.destroy();
        await closed;
        await log.close();
        keyLog?.close();
      })();
      return closing;
    },
  };
}
