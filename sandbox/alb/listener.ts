// Our Application Load Balancer listener: one TCP port that behaves like an ALB HTTP or HTTPS listener, with mutual
// TLS modes, rules, target groups, stickiness, health checks and connection logs. Wires the modules together on the
// emulators' server base (sandbox/emulator/), which owns every socket, so close() leaves nothing running.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { constants, randomBytes } from 'node:crypto';
import type { AlbListenerConfig, AlbLiveUpdate } from './config.js';
import { ServerBase } from '../emulator/server-base.js';
import type { RunningEmulator } from '../emulator/shape.js';
import type { MutualAuthentication } from '../model/topology.js';
import { ConnectionLog, type ConnectionLogEntry, isoMicros } from '../tls/connection-log.js';
import { BoundedLog } from '../tls/bounded-log.js';
import { KeyLog } from '../tls/key-log.js';
import { type RequestLogEntry, RequestLogFile } from './request-log.js';
import { HealthChecker } from './health.js';
import { CONNECTION_INFO, type ConnectionInfo } from './connection-info.js';
import { createRequestHandler } from './http-front.js';
import { createHttp1Server, createTlsDispatch } from './http-servers.js';
import { IDLE_TIMEOUT_MS } from './proxy.js';
import { handleAlbTlsConnection, logConnectionFault, tlsCaOption } from './tls-front.js';
import { resolveSslPolicy } from '../model/security-policies.js';
import { secureContextOptions } from '../tls/tls-policy.js';
import { TargetGroupRuntime, type TargetHealthView } from './targets.js';
import { loadTrustStore, type LoadedTrustStore } from '../tls/trust-store.js';
import { VerifyCache } from '../tls/verifier.js';
import { WafLog } from './waf-log.js';

export interface AlbLogs {
  /** Connection log entries so far (also appended as JSON lines to config.connectionLogFile; the most recent
   * 10,000 are kept in memory). */
  connections(): ConnectionLogEntry[];
  /** One entry per HTTP request, with access-log field names and notes on inferred behaviour (memory only). */
  requests(): RequestLogEntry[];
  /** AWS WAF log entries, when the load balancer has a web ACL (also appended to config.wafLogFile). */
  waf(): Record<string, unknown>[];
}

/**
 * A running ALB listener: the emulator shape (sandbox/emulator/shape.ts). apply() swaps part of the listener's
 * configuration at once (the sandbox's ELBv2 API): requests that arrive after it meet the new rules; connections that
 * arrive after it meet the new mutual TLS mode and trust store (an open connection keeps the handshake it made).
 */
export interface RunningAlb extends RunningEmulator<AlbLiveUpdate, AlbLogs> {
  /** Each target group's targets as health checks see them now. */
  health(): Record<string, TargetHealthView[]>;
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

/** Keep-alive connections to targets, one pool per protocol (ALBs do not validate target certificates). */
function targetAgents(): { http: http.Agent; https: https.Agent } {
  const options = {
    keepAlive: true,
    maxSockets: 512,
    maxFreeSockets: 128,
    timeout: IDLE_TIMEOUT_MS,
    scheduling: 'lifo' as const,
  };
  return { http: new http.Agent(options), https: new https.Agent({ ...options, rejectUnauthorized: false }) };
}

/** HTTP listener: connection logs still record the connection, TLS fields "-" (ELB connection logs). */
function admitPlainHttp(raw: Socket, config: AlbListenerConfig, log: ConnectionLog, elb: string): void {
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
  raw[CONNECTION_INFO] = info;
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
}

/** The listener's state a live update changes: its configuration (read per request) and its TLS set-up. */
interface LiveState {
  config: AlbListenerConfig;
  tls: TlsState;
  groups: Map<string, TargetGroupRuntime>;
}

/** Applies a live update, or throws and changes nothing (RunningAlb.apply). */
function applyUpdate(state: LiveState, change: AlbLiveUpdate): void {
  const { config, groups } = state;
  const { stickiness, registered, ...fields } = change;
  const next: AlbListenerConfig = { ...config, ...fields };
  validate(next);
  for (const id of [stickiness?.targetGroupId, registered?.targetGroupId])
    if (id !== undefined && !groups.has(id))
      throw new Error(`ALB listener ${config.name}: target group ${id} is not one of its own`);
  const changesTls = 'mutualAuthentication' in fields || 'trustStore' in fields;
  const tlsState = changesTls ? tlsStateOf(next) : state.tls; // throws on a trust store it cannot load
  Object.assign(config, fields);
  state.tls = tlsState;
  // Read per request (chooseTarget); the group object is shared with every listener forwarding to it.
  if (stickiness) groups.get(stickiness.targetGroupId)!.group.stickiness = stickiness.stickiness;
  if (registered) {
    const group = groups.get(registered.targetGroupId)!;
    const names = group.targets.map((t) => t.target.name);
    group.setRegistered(names, false);
    group.setRegistered(registered.targets, true);
  }
}

export async function startAlbListener(initial: AlbListenerConfig): Promise<RunningAlb> {
  validate(initial);
  // The configuration requests and connections read: apply() replaces its fields.
  const state: LiveState = {
    config: { ...initial },
    tls: tlsStateOf(initial),
    groups: new Map(initial.targetGroups.map((g) => [g.id, new TargetGroupRuntime(g)])),
  };
  const { config, groups } = state;
  const agents = targetAgents();
  const log = new ConnectionLog(config.connectionLogFile);
  const requestLog = new BoundedLog<RequestLogEntry>();
  const wafLog = new WafLog(config.webAcl ? (config.wafLogFile ?? null) : null);
  const requestLogFile = new RequestLogFile(config.requestLogFile ?? null);
  // TLS secrets in NSS key log format (SSLKEYLOGFILE), for Wireshark: the client leg and the HTTPS target leg.
  const keyLog = config.keyLogFile ? new KeyLog(config.keyLogFile) : null;
  if (keyLog) agents.https.on('keylog', (line) => keyLog.append(line));
  const handler = createRequestHandler({ config, groups, agents, requestLog, requestLogFile, wafLog });
  const h1 = createHttp1Server(handler);
  const elb = `app/${config.name.replace(/\s+/g, '-')}`; // space-delimited log lines: no spaces in the name

  const base: ServerBase = new ServerBase({
    what: `ALB listener ${config.name}`,
    connection: (raw) => {
      const tlsNow = state.tls;
      if (!tlsNow.secureContext) {
        admitPlainHttp(raw, config, log, elb);
        h1.emit('connection', raw);
        return;
      }
      handleAlbTlsConnection(raw, {
        secureContext: tlsNow.secureContext,
        mode: tlsNow.mode,
        ignoreClientCertificateExpiry: tlsNow.ignoreClientCertificateExpiry,
        trustStore: tlsNow.trustStore,
        verifier: tlsNow.verifier,
        log,
        listenerName: config.name,
        listenerPort: config.advertisedPort,
        elb,
        ipAddress: config.host,
        onSecure: (socket) => dispatch(base.track(socket)),
        keyLog,
      });
    },
    onFault: (error, raw) =>
      logConnectionFault(
        raw,
        { log, listenerName: config.name, listenerPort: config.advertisedPort, elb, ipAddress: config.host },
        error,
      ),
  });
  const dispatch = createTlsDispatch(handler, h1, (session) => base.track(session));
  base.whenClosing(() => h1.closeAllConnections());
  base.whenClosing(() => agents.http.destroy());
  base.whenClosing(() => agents.https.destroy());
  base.whenClosed(() => log.close());
  base.whenClosed(() => keyLog?.close());
  const address = await base.listen(config.host, config.port);
  const health = new HealthChecker([...groups.values()]);
  base.whenClosing(() => health.stop());

  return {
    addresses: [address],
    logs: { connections: () => log.entries(), requests: () => requestLog.all(), waf: () => wafLog.entries() },
    ready: () => health.firstChecks(),
    health: () => Object.fromEntries([...groups].map(([id, g]) => [id, g.view()])),
    apply: (change) => applyUpdate(state, change),
    close: () => base.close(),
  };
}
