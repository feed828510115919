// Our ALB emulator realizing one Application Load Balancer: a listener per HTTPS/HTTP listener in the template,
// trust stores from the stack's S3 objects (local PKI files standing in), targets already running.
import { mkdir } from 'node:fs/promises';
import type { AlbListenerConfig, AlbLiveUpdate, AlbTargetGroup, AlbTrustStore } from '../alb/config.js';
import { clientMtlsHeaderHandling } from '../alb/mtls-headers.js';
import { RENAMABLE_HEADERS, type RenamableHeader } from '../model/header-modification.js';
import { resolveSslPolicy } from '../model/security-policies.js';
import { realizedGroups } from '../tls/tls-policy.js';
import type { Listener, LoadBalancer, Topology } from '../model/topology.js';
import type { WebAcl } from '../model/web-acl.js';
import { list, type Message, msg } from '../messages.js';
import type { ComponentReport } from '../report.js';
import type { TargetHealthView } from '../alb/targets.js';
import type { Address, Driver, EmulatorHandle } from './driver.js';
import { caBundleRefusal, revocationRefusal, type AwsRefusal } from '../tls/trust-store-rules.js';
import { AwsApiError, TopologyError } from './errors.js';
import { withFreshPorts } from './ports.js';
import { fileSlug, inside } from './safe-path.js';
import { listenerAddresses } from '../listener-address.js';

export interface AlbInputs {
  /** Server certificate and key standing in for the listener's ACM certificate. */
  certificatePem: string;
  privateKeyPem: string;
  /** S3 object contents by key (the scenario's `objects`). */
  objects: Map<string, string>;
  /** Running targets of each target group, by target group logical id. */
  targetGroups: Map<string, AlbTargetGroup>;
  /** Write the TLS secrets of every connection to a key log (--pcap). */
  keyLog?: boolean;
}

export interface RunningAlb {
  component: ComponentReport;
  ports: Map<number, number>;
  connectionLogFiles: string[];
  /** JSON-lines AWS WAF logs, one per listener, when a web ACL is associated with this load balancer. */
  wafLogFiles: string[];
  /** JSON-lines request logs (each request and the rules it met), one per listener. */
  requestLogFiles: string[];
  /** NSS key logs of the listeners' TLS connections, when asked for (AlbInputs.keyLog). */
  keyLogFiles: string[];
  /** What the emulator does differently from AWS, or infers where AWS is silent, for this load balancer. */
  notes: Message[];
  /** Each listener as it runs, for the sandbox's ELBv2 API (sandbox/elbv2-api/) to read and change. */
  live: LiveAlbListener[];
}

/** One running ALB emulator listener, as the sandbox's ELBv2 API reads and changes it. */
export interface AlbListenerHandle {
  address: Address;
  /** Resolves once every target has had its first health check. */
  healthChecked(): Promise<void>;
  /** Changes the running listener at once (an emulator in this process; absent in a container). */
  update?(change: AlbLiveUpdate): void;
  /** Each target group's targets as health checks see them now (in-process only). */
  health?(): Record<string, TargetHealthView[]>;
}

/** What the ELBv2 API gets of a driver's handle: in-process emulators can be read and changed. */
function apiHandle(handle: EmulatorHandle<'alb'>): AlbListenerHandle {
  const local = handle.local;
  return {
    address: handle.addresses[0]!,
    healthChecked: () => handle.ready(),
    ...(local ? { update: (change: AlbLiveUpdate) => local.apply(change), health: () => local.health() } : {}),
  };
}

/** One running ALB listener: its place in the topology, the configuration it started with, and its handle. */
export interface LiveAlbListener {
  balancer: LoadBalancer;
  listener: Listener;
  config: AlbListenerConfig;
  handle: AlbListenerHandle;
}

/** The objects of every trust store of the topology that CreateTrustStore would accept, by logical id (what a
 * ModifyListener to verify mode can name). */
export function loadableTrustStores(topology: Topology, objects: Map<string, string>): Map<string, AlbTrustStore> {
  const stores = new Map<string, AlbTrustStore>();
  for (const store of topology.trustStores) {
    try {
      stores.set(store.logicalId, trustStoreFor(store.logicalId, topology, { objects }));
    } catch {
      // Its objects are missing or refused: a listener naming it fails the set-up with the reason; the API says
      // TrustStoreNotReady for it.
    }
  }
  return stores;
}

/** The component that realizes an ALB, and its folder in the run: alb-<path as a file-name segment>. */
export const albComponentName = (balancer: LoadBalancer): string => `alb-${fileSlug(balancer.path)}`;

/** Said in every ALB scenario's report: the emulator is faithful where documented, and honest where it is not. */
const EMULATOR_LIMITS = msg('note.alb-limits');

export async function startAlb(
  driver: Driver,
  balancer: LoadBalancer,
  topology: Topology,
  inputs: AlbInputs,
  dir: string,
): Promise<RunningAlb> {
  const prefix = inside(dir, albComponentName(balancer));
  await mkdir(prefix, { recursive: true });
  const ports = new Map<number, number>();
  const connectionLogFiles: string[] = [];
  const roles: Message[] = [];
  const notes: Message[] = [EMULATOR_LIMITS];
  const wafLogFiles: string[] = [];
  const requestLogFiles: string[] = [];
  const keyLogFiles: string[] = [];
  const live: LiveAlbListener[] = [];
  const webAcl = topology.webAcls?.find((acl) => acl.associations.includes(balancer.logicalId)) ?? null;
  if (webAcl) notes.push(wafNote(balancer, webAcl));
  for (const listener of balancer.listeners) {
    if (listener.protocol !== 'HTTPS' && listener.protocol !== 'HTTP') {
      throw new TopologyError(
        `${balancer.path} listener ${listener.port} uses ${listener.protocol}; an Application Load Balancer listener is HTTP or HTTPS.`,
        msg('topo.alb-protocol', { path: balancer.path, port: listener.port, protocol: listener.protocol }),
      );
    }
    const config: AlbListenerConfig = {
      ...listenerConfig(balancer, listener, topology, inputs, 0, inside(prefix, `connections-${listener.port}.json`)),
      webAcl,
      wafLogFile: webAcl ? inside(prefix, `waf-${listener.port}.json`) : null,
      requestLogFile: inside(prefix, `requests-${listener.port}.json`),
      keyLogFile: inputs.keyLog ? inside(prefix, `tls-keys-${listener.port}.log`) : null,
    };
    if (config.wafLogFile) wafLogFiles.push(config.wafLogFile);
    requestLogFiles.push(config.requestLogFile!);
    if (config.keyLogFile) keyLogFiles.push(config.keyLogFile);
    // The driver stops it with the rest of the run; a port taken before it binds is replaced by another.
    const running = await withFreshPorts(1, ([port]) => driver.emulator('alb', { ...config, port: port! }));
    // Ready once every target has had its first health check (each check ends within its timeout), so probes meet a
    // settled target group — round robin over the healthy targets — not the first moments of fail-open routing.
    await running.ready();
    const local = running.addresses[0]!;
    ports.set(listener.port, local.port);
    live.push({ balancer, listener, config: { ...config, port: local.port }, handle: apiHandle(running) });
    connectionLogFiles.push(config.connectionLogFile);
    roles.push(describeListener(listener, webAcl));
    if (listener.protocol === 'HTTPS') notes.push(...policyNotes(balancer, listener));
    const modification = listener.headerModification;
    if (modification || balancer.tlsInfoHeaders || balancer.tlsKxHeader)
      notes.push(
        msg('note.alb-header-modification', {
          balancer: balancer.path,
          protocol: listener.protocol,
          port: listener.port,
          renames:
            Object.entries(modification?.requestHeaderNames ?? {})
              .map(([key, name]) => `${RENAMABLE_HEADERS[key as RenamableHeader]} → ${name}`)
              .join(', ') || null,
          responses: modification?.responseHeaders.map(([name, value]) => `${name}: ${value}`).join(', ') || null,
          server: modification?.serverHeader ?? true,
          tlsInfo: balancer.tlsInfoHeaders === true && listener.protocol === 'HTTPS',
          tlsKx: balancer.tlsKxHeader === true && listener.protocol === 'HTTPS',
        }),
      );
    const handling = clientMtlsHeaderHandling(listener.mutualAuthentication?.mode ?? 'off');
    notes.push(
      msg('note.alb-client-mtls-headers', {
        balancer: balancer.path,
        protocol: listener.protocol,
        port: listener.port,
        mode: handling.mode,
        inferred: handling.inferred,
      }),
    );
  }
  return {
    ports,
    connectionLogFiles,
    wafLogFiles,
    requestLogFiles,
    keyLogFiles,
    notes,
    live,
    component: {
      name: albComponentName(balancer),
      kind: 'alb',
      address: listenerAddresses(ports),
      version: `mtls-sandbox ALB emulator (node ${process.version})`,
      role: list('role.alb', { path: balancer.path }, roles),
    },
  };
}

/** What the listener's security policy cannot be here: the hybrid post-quantum groups node's OpenSSL lacks
 * (docs/aws-facts.md#alb-security-policies). ALB HTTPS and NLB TLS listeners alike; a name the table does not hold
 * never gets this far (the compiler answers SSLPolicyNotFound). */
export function policyNotes(balancer: LoadBalancer, listener: Listener): Message[] {
  const policy = resolveSslPolicy(listener.sslPolicy);
  const where = { balancer: balancer.path, protocol: listener.protocol, port: listener.port, policy: policy.name };
  const notes: Message[] = [];
  const { unrealized } = realizedGroups(policy);
  if (unrealized.length > 0)
    notes.push(
      msg('note.alb-pq-groups', { ...where, openssl: process.versions.openssl, groups: unrealized.join(', ') }),
    );
  return notes;
}

/** What the emulator's AWS WAF does for this load balancer, in one line for the report (docs/aws-facts.md, AWS WAF). */
function wafNote(balancer: LoadBalancer, acl: WebAcl): Message {
  const skipped = acl.rules.filter((rule) => rule.unsupported !== null).map((rule) => rule.name);
  return msg('note.alb-waf', { balancer: balancer.path, acl: acl.path, skipped: skipped.join(', ') || null });
}

function listenerConfig(
  balancer: LoadBalancer,
  listener: Listener,
  topology: Topology,
  inputs: AlbInputs,
  port: number,
  connectionLogFile: string,
): AlbListenerConfig {
  const mutual = listener.mutualAuthentication;
  return {
    name: `${balancer.path} ${listener.protocol}:${listener.port}`,
    host: '127.0.0.1',
    port,
    advertisedPort: listener.port,
    protocol: listener.protocol as 'HTTP' | 'HTTPS',
    certificatePem: listener.protocol === 'HTTPS' ? inputs.certificatePem : null,
    privateKeyPem: listener.protocol === 'HTTPS' ? inputs.privateKeyPem : null,
    sslPolicy: listener.sslPolicy,
    mutualAuthentication: mutual,
    trustStore: mutual?.mode === 'verify' ? trustStoreFor(mutual.trustStoreId, topology, inputs) : null,
    rules: listener.rules,
    defaultActions: listener.defaultActions,
    targetGroups: [...referencedGroups(listener)].map((id) => {
      const group = inputs.targetGroups.get(id);
      if (!group)
        throw new TopologyError(
          `${balancer.path} listener ${listener.port} forwards to ${id}, which is not a target group of this stack.`,
          msg('topo.not-a-group', { path: balancer.path, port: listener.port, group: id }),
        );
      return group;
    }),
    connectionLogFile,
    headerModification: listener.headerModification ?? null,
    tlsInfoHeaders: balancer.tlsInfoHeaders === true,
    tlsKxHeader: balancer.tlsKxHeader === true,
  };
}

function referencedGroups(listener: Listener): Set<string> {
  const ids = new Set<string>();
  for (const action of [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)]) {
    if (action.type === 'forward') for (const group of action.targetGroups) ids.add(group.targetGroupId);
  }
  return ids;
}

/** The trust store a verify-mode listener names, its objects checked as CreateTrustStore and
 * AddTrustStoreRevocations would check them (exported for its tests). */
export function trustStoreFor(
  id: string | null,
  topology: Topology,
  inputs: Pick<AlbInputs, 'objects'>,
): AlbTrustStore {
  const store = topology.trustStores.find((candidate) => candidate.logicalId === id);
  if (!store)
    throw new TopologyError(
      `A verify-mode listener names trust store ${id ?? '(none)'}, which is not in this stack. Verify mode needs a TrustStoreArn.`,
      msg('topo.no-trust-store', { id }),
    );
  const object = (key: string) => {
    const content = inputs.objects.get(key);
    if (content === undefined) {
      throw new TopologyError(
        `Trust store ${store.path} reads S3 object "${key}", but the scenario does not say what it holds. Add objects: { '${key}': 'privateCA' } (or another PKI file) to the scenario.`,
        msg('topo.trust-store-object', { store: store.path, key }),
      );
    }
    return content;
  };
  const caBundlePem = object(store.bundle.key);
  const refuse = (resource: string, refusal: AwsRefusal, key: string) =>
    new AwsApiError(
      resource,
      refusal.operation,
      refusal.code,
      refusal.message,
      `S3 object "${key}": ${refusal.detail}`,
      refusal.assumed,
    );
  // As the deploy would: CreateTrustStore checks the bundle, AddTrustStoreRevocations each CRL.
  const bundleRefusal = caBundleRefusal(caBundlePem);
  if (bundleRefusal)
    throw refuse(`${store.path} (AWS::ElasticLoadBalancingV2::TrustStore)`, bundleRefusal, store.bundle.key);
  const crlPems = store.revocations.map((revocation) => {
    const pem = object(revocation.key);
    const refusal = revocationRefusal(pem, caBundlePem);
    if (refusal)
      throw refuse(
        `${revocation.logicalId} (AWS::ElasticLoadBalancingV2::TrustStoreRevocation)`,
        refusal,
        revocation.key,
      );
    return pem;
  });
  return { id: store.logicalId, caBundlePem, crlPems };
}

function describeListener(listener: Listener, webAcl: WebAcl | null): Message {
  return msg('role.alb-listener', {
    protocol: listener.protocol,
    port: listener.port,
    mode: listener.mutualAuthentication?.mode ?? 'off',
    ignoreExpiry: listener.mutualAuthentication?.ignoreClientCertificateExpiry === true,
    advertise: listener.mutualAuthentication?.advertiseTrustStoreCaNames === true,
    rules: listener.rules.length,
    certificates: listener.certificates.join(', ') || null,
    webAcl: webAcl?.path ?? null,
  });
}
