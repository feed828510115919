// Our Network Load Balancer TLS listener: one TCP port that behaves like an NLB listener with Protocol TLS. TLS ends
// here with the listener's certificate, security policy and ALPN policy, through the same TLS front, trust store and
// verifier as the ALB emulator (sandbox/tls/), with mutual TLS in verify mode and the client certificate identity
// filters (November 2026). An admitted connection gets a new connection to a target of the target group: plain TCP,
// or TLS of the NLB's own when the group's protocol is TLS, from the client's address when client IP preservation is
// on, after a Proxy Protocol v2 header when that is on. The target learns nothing of the client's certificate: AWS
// documents no way for it to (docs/aws-facts.md#nlb-mtls-target). Owns every socket, server and timer, so close()
// leaves nothing running. HAProxy keeps realizing the TCP listeners (sandbox/nlb/haproxy.ts).
import { constants } from 'node:crypto';
import net, { type Socket } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import { HealthChecker } from '../alb/health.js';
import { TargetGroupRuntime, type TargetHealthView } from '../alb/targets.js';
import { ConnectionLog, type ConnectionLogEntry } from '../tls/connection-log.js';
import { KeyLog } from '../tls/key-log.js';
import { type AcceptedConnection, handleTlsConnection, tlsCaOption } from '../tls/tls-front.js';
import { clientContextOptions, nlbBackendPolicy, resolveSslPolicy, secureContextOptions } from '../tls/tls-policy.js';
import { type LoadedTrustStore, loadTrustStore } from '../tls/trust-store.js';
import { VerifyCache } from '../tls/verifier.js';
import { flowTarget } from './flow-hash.js';
import { proxyProtocolV2Header } from './proxy-protocol.js';
import { ALPN_PREFERENCES, type NlbTlsListenerConfig, type NlbTlsTargetGroup } from './tls-config.js';

/** The NLB's idle timeout for TCP flows, TLS listeners included (ELB "Listeners": tcp.idle_timeout.seconds 350). */
export const NLB_IDLE_TIMEOUT_MS = 350_000;

/** The label every entry of the sandbox's connection log carries: AWS documents no NLB mutual TLS log. */
export const SANDBOX_LOG = 'sandbox-nlb-connection-log';

export interface RunningNlbTls {
  address: { host: string; port: number };
  close(): Promise<void>;
  /** The sandbox's connection log so far (also appended as JSON lines to config.connectionLogFile). */
  connectionLog(): ConnectionLogEntry[];
  health(): TargetHealthView[];
  /** Resolves when every target has had its first health check. */
  healthChecked(): Promise<void>;
}

function validate(config: NlbTlsListenerConfig): void {
  const where = `NLB TLS listener ${config.name}`;
  const mode = config.mutualAuthentication?.mode ?? 'off';
  if (mode === 'passthrough')
    throw new Error(`${where}: Network Load Balancers support mutual TLS in verify mode only`);
  if (mode === 'verify' && !config.trustStore) throw new Error(`${where}: verify mode needs a trust store`);
  if (config.targetGroup.targets.length === 0) throw new Error(`${where}: its target group has no targets`);
}

export async function startNlbTlsListener(config: NlbTlsListenerConfig): Promise<RunningNlbTls> {
  validate(config);
  const mutual = config.mutualAuthentication ?? {
    mode: 'off' as const,
    trustStoreId: null,
    ignoreClientCertificateExpiry: false,
    advertiseTrustStoreCaNames: false,
  };
  const verify = mutual.mode === 'verify';
  const trustStore: LoadedTrustStore | null = verify && config.trustStore ? loadTrustStore(config.trustStore) : null;
  const verifier = trustStore ? new VerifyCache(trustStore) : null;
  const group = new TargetGroupRuntime<NlbTlsTargetGroup>(config.targetGroup);
  const log = new ConnectionLog(config.connectionLogFile);
  const keyLog = config.keyLogFile ? new KeyLog(config.keyLogFile) : null;
  const policy = resolveSslPolicy(config.sslPolicy);
  // Towards a TLS target group the NLB uses the backend policy AWS picks from the listener's (nlbBackendPolicy).
  const backendTls = clientContextOptions(nlbBackendPolicy(policy));
  const secureContext = tls.createSecureContext({
    key: config.privateKeyPem,
    cert: config.certificatePem,
    ...secureContextOptions(policy),
    ca: tlsCaOption(mutual.mode, mutual.advertiseTrustStoreCaNames, trustStore),
    // Assumed, as documented for the ALB: no session resumption with mutual TLS, so every connection is verified.
    secureOptions: verify ? constants.SSL_OP_NO_TICKET : 0,
  });
  const alpn = config.alpnPolicy ? ALPN_PREFERENCES[config.alpnPolicy] : [];
  const elb = `net/${config.name.replace(/\s+/g, '-')}`; // space-delimited log lines: no spaces in the name

  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  /** The new connection to a target for an admitted client, then bytes both ways until either side closes. */
  const forward = (
    client: TLSSocket,
    accepted: AcceptedConnection,
    listenerAddress: { host: string; port: number },
  ) => {
    track(client);
    const pool = group.eligible();
    const chosen =
      pool[flowTarget(pool.length, accepted.clientIp, accepted.clientPort, config.targetGroup.sourceIpStickiness)];
    const tg = config.targetGroup;
    if (!chosen) {
      accepted.logSuccess({ target: '-', notes: 'no target registered' });
      client.destroy();
      return;
    }
    const failOpen = !group.hasHealthy();
    const { host, port } = chosen.target;
    const tcp = net.connect({
      host,
      port,
      noDelay: true,
      // Client IP preservation on loopback: every 127/8 address is local, so the client's own can be bound.
      ...(tg.preserveClientIp ? { localAddress: accepted.clientIp } : {}),
    });
    track(tcp);
    if (tg.proxyProtocolV2)
      tcp.write(
        proxyProtocolV2Header(
          { address: accepted.clientIp, port: accepted.clientPort },
          { address: listenerAddress.host, port: listenerAddress.port },
        ),
      );
    let upstream: Socket = tcp;
    if (tg.protocol === 'TLS') {
      // The NLB's own TLS connection: no client certificate (it has none to give), the client's ALPN choice offered.
      const protocol = client.alpnProtocol;
      upstream = tls.connect({
        socket: tcp,
        rejectUnauthorized: false,
        ...backendTls,
        ...(protocol ? { ALPNProtocols: [protocol] } : {}),
      });
      if (keyLog) upstream.on('keylog', (line) => keyLog.append(line));
      track(upstream);
    }
    const notes = [
      ...(failOpen ? [`no healthy target in ${tg.id}: routed across all its targets (fail open)`] : []),
      ...(tg.preserveClientIp ? [`client IP preserved: connected to the target from ${accepted.clientIp}`] : []),
      ...(tg.proxyProtocolV2 ? ['Proxy Protocol v2 header sent (addresses only)'] : []),
      'nothing of the client certificate is sent to the target',
    ];
    const fields = {
      target: `${chosen.target.name} ${host}:${port}`,
      target_protocol: tg.protocol,
      alpn_fe_protocol: client.alpnProtocol || '-',
    };
    let logged = false;
    const logOnce = (extra: Partial<ConnectionLogEntry> = {}) => {
      if (logged) return;
      logged = true;
      accepted.logSuccess({ ...fields, ...extra });
    };
    const ready = tg.protocol === 'TLS' ? 'secureConnect' : 'connect';
    upstream.once(ready, () => {
      logOnce({
        notes: notes.join('; '),
        ...(upstream instanceof tls.TLSSocket ? { alpn_be_protocol: upstream.alpnProtocol || '-' } : {}),
      });
      client.pipe(upstream);
      upstream.pipe(client);
    });
    const end = (why?: string) => {
      if (why) logOnce({ target_connection: 'failed', notes: [...notes, why].join('; ') });
      client.destroy();
      upstream.destroy();
      tcp.destroy();
    };
    upstream.on('error', (err: Error) =>
      end(logged ? undefined : `the target did not accept the connection: ${err.message}`),
    );
    tcp.on('error', () => {});
    client.on('error', () => end());
    upstream.on('close', () => end());
    client.on('close', () => end());
    client.setTimeout(NLB_IDLE_TIMEOUT_MS, () => end());
  };

  const server = net.createServer({ noDelay: true }, (raw) => {
    track(raw);
    raw.on('error', () => {});
    const listenerAddress = { host: raw.localAddress ?? config.host, port: raw.localPort ?? config.port };
    handleTlsConnection(raw, {
      secureContext,
      mode: mutual.mode,
      ignoreClientCertificateExpiry: mutual.ignoreClientCertificateExpiry,
      ...(verify ? { identityFilters: mutual.identityFilters ?? [] } : {}),
      trustStore,
      verifier,
      refusal: 'alert',
      alpn,
      log,
      listenerName: config.name,
      listenerPort: config.advertisedPort,
      elb,
      ipAddress: config.host,
      logFields: { log: SANDBOX_LOG, target: '-', tls_alert_sent: '-' },
      onSecure: (socket, accepted) => forward(socket, accepted, listenerAddress),
      keyLog,
    });
  });

  await new Promise<void>((resolve, reject) => {
    // The code travels with it: the driver turns EADDRINUSE into a PortInUseError that names the holder.
    const onError = (err: NodeJS.ErrnoException) =>
      reject(
        Object.assign(
          new Error(`NLB TLS listener ${config.name}: cannot listen on ${config.host}:${config.port}: ${err.message}`),
          { code: err.code },
        ),
      );
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve();
    });
  }).catch(async (err: unknown) => {
    await log.close();
    throw err;
  });
  server.on('error', () => {});
  const health = new HealthChecker([group]);
  const address = server.address() as net.AddressInfo;

  let closing: Promise<void> | null = null;
  return {
    address: { host: config.host, port: address.port },
    connectionLog: () => log.entries(),
    health: () => group.view(),
    healthChecked: () => health.firstChecks(),
    close: () => {
      closing ??= (async () => {
        health.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        await log.close();
        keyLog?.close();
      })();
      return closing;
    },
  };
}
