// Our Network Load Balancer TLS listener: one TCP port that behaves like an NLB listener with Protocol TLS. TLS ends
// here with the listener's certificate, security policy and ALPN policy, through the same TLS front, trust store and
// verifier as the ALB emulator (sandbox/tls/), with mutual TLS in verify mode and the client certificate identity
// filters (November 2026). An admitted connection gets a new connection to a target of the target group: plain TCP,
// or TLS of the NLB's own when the group's protocol is TLS, from the client's address when client IP preservation is
// on, after a Proxy Protocol v2 header when that is on. The target learns nothing of the client's certificate: AWS
// documents no way for it to (docs/aws-facts.md#nlb-mtls-target). Owns every socket, server and timer, so close()
// leaves nothing running. HAProxy keeps realizing the TCP listeners (sandbox/nlb/haproxy.ts).
import { constants } from 'node:crypto';
import tls from 'node:tls';
import { HealthChecker } from '../alb/health.js';
import { TargetGroupRuntime, type TargetHealthView } from '../alb/targets.js';
import { ServerBase } from '../emulator/server-base.js';
import { type RunningEmulator, takesNoUpdates } from '../emulator/shape.js';
import type { MutualAuthentication } from '../model/topology.js';
import { ConnectionLog, type ConnectionLogEntry } from '../tls/connection-log.js';
import { KeyLog } from '../tls/key-log.js';
import { handleTlsConnection, logConnectionFault, tlsCaOption, type TlsFrontContext } from '../tls/tls-front.js';
import { nlbBackendPolicy, resolveSslPolicy } from '../model/security-policies.js';
import { clientContextOptions, secureContextOptions } from '../tls/tls-policy.js';
import { type LoadedTrustStore, loadTrustStore } from '../tls/trust-store.js';
import { VerifyCache } from '../tls/verifier.js';
import { ALPN_PREFERENCES, type NlbTlsListenerConfig, type NlbTlsTargetGroup } from './tls-config.js';
import { forwardToTarget } from './tls-forward.js';

export { NLB_IDLE_TIMEOUT_MS } from './tls-forward.js';

/** The label every entry of the sandbox's connection log carries: AWS documents no NLB mutual TLS log. */
export const SANDBOX_LOG = 'sandbox-nlb-connection-log';

export interface NlbTlsLogs {
  /** The sandbox's connection log so far (also appended as JSON lines to config.connectionLogFile). */
  connections(): ConnectionLogEntry[];
}

/** A running NLB TLS listener: the emulator shape (sandbox/emulator/shape.ts), and its target group's health. */
export interface RunningNlbTls extends RunningEmulator<never, NlbTlsLogs> {
  health(): TargetHealthView[];
}

function validate(config: NlbTlsListenerConfig): void {
  const where = `NLB TLS listener ${config.name}`;
  const mode = config.mutualAuthentication?.mode ?? 'off';
  if (mode === 'passthrough')
    throw new Error(`${where}: Network Load Balancers support mutual TLS in verify mode only`);
  if (mode === 'verify' && !config.trustStore) throw new Error(`${where}: verify mode needs a trust store`);
  if (config.targetGroup.targets.length === 0) throw new Error(`${where}: its target group has no targets`);
}

const MUTUAL_OFF: MutualAuthentication = {
  mode: 'off',
  trustStoreId: null,
  ignoreClientCertificateExpiry: false,
  advertiseTrustStoreCaNames: false,
};

/** What every connection's TLS front shares: the listener's certificate, policy, ALPN and mutual TLS set-up. */
function tlsFrontOf(config: NlbTlsListenerConfig): Omit<TlsFrontContext, 'onSecure' | 'log' | 'keyLog'> {
  const mutual = config.mutualAuthentication ?? MUTUAL_OFF;
  const verify = mutual.mode === 'verify';
  const trustStore: LoadedTrustStore | null = verify && config.trustStore ? loadTrustStore(config.trustStore) : null;
  const policy = resolveSslPolicy(config.sslPolicy);
  const secureContext = tls.createSecureContext({
    key: config.privateKeyPem,
    cert: config.certificatePem,
    ...secureContextOptions(policy),
    ca: tlsCaOption(mutual.mode, mutual.advertiseTrustStoreCaNames, trustStore),
    // Assumed, as documented for the ALB: no session resumption with mutual TLS, so every connection is verified.
    secureOptions: verify ? constants.SSL_OP_NO_TICKET : 0,
  });
  return {
    secureContext,
    mode: mutual.mode,
    ignoreClientCertificateExpiry: mutual.ignoreClientCertificateExpiry,
    ...(verify ? { identityFilters: mutual.identityFilters ?? [] } : {}),
    trustStore,
    verifier: trustStore ? new VerifyCache(trustStore) : null,
    refusal: 'alert',
    alpn: config.alpnPolicy ? ALPN_PREFERENCES[config.alpnPolicy] : [],
    listenerName: config.name,
    listenerPort: config.advertisedPort,
    elb: `net/${config.name.replace(/\s+/g, '-')}`, // space-delimited log lines: no spaces in the name
    ipAddress: config.host,
    logFields: { log: SANDBOX_LOG, target: '-', tls_alert_sent: '-' },
  };
}

export async function startNlbTlsListener(config: NlbTlsListenerConfig): Promise<RunningNlbTls> {
  validate(config);
  const what = `NLB TLS listener ${config.name}`;
  const front = tlsFrontOf(config);
  const group = new TargetGroupRuntime<NlbTlsTargetGroup>(config.targetGroup);
  const log = new ConnectionLog(config.connectionLogFile);
  const keyLog = config.keyLogFile ? new KeyLog(config.keyLogFile) : null;
  // Towards a TLS target group the NLB uses the backend policy AWS picks from the listener's (nlbBackendPolicy).
  const backendTls = clientContextOptions(nlbBackendPolicy(resolveSslPolicy(config.sslPolicy)));
  const base: ServerBase = new ServerBase({
    what,
    connection: (raw) => {
      const listenerAddress = { host: raw.localAddress ?? config.host, port: raw.localPort ?? config.port };
      handleTlsConnection(raw, {
        ...front,
        log,
        keyLog,
        onSecure: (socket, accepted) =>
          forwardToTarget(socket, accepted, {
            group,
            config: config.targetGroup,
            listenerAddress,
            keyLog,
            backendTls,
            base,
          }),
      });
    },
    onFault: (error, raw) => logConnectionFault(raw, { ...front, log }, error),
  });
  base.whenClosed(() => log.close());
  base.whenClosed(() => keyLog?.close());
  const address = await base.listen(config.host, config.port);
  const health = new HealthChecker([group]);
  base.whenClosing(() => health.stop());

  return {
    addresses: [address],
    logs: { connections: () => log.entries() },
    ready: () => health.firstChecks(),
    health: () => group.view(),
    apply: takesNoUpdates(what),
    close: () => base.close(),
  };
}
