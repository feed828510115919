// Our NLB TLS listener emulator realizing the TLS listeners of one Network Load Balancer (its TCP listeners are
// HAProxy's: haproxy-lb.ts): the listener's certificate (the PKI's server certificate stands in for ACM), security
// policy, ALPN policy, mutual TLS against the stack's trust store, and the target group behind it, already running.
import { mkdir } from 'node:fs/promises';
import type { AlbTarget } from '../alb/config.js';
import type { HealthCheck, Listener, LoadBalancer, Topology } from '../model/topology.js';
import type { NlbTlsListenerConfig, NlbTlsTargetGroup } from '../nlb/tls-config.js';
import { list, type Message, msg } from '../messages.js';
import type { ComponentReport } from '../report.js';
import { policyNotes, trustStoreFor, type AlbInputs } from './alb-lb.js';
import type { Driver } from './driver.js';
import { freePort, withFreshPorts } from './ports.js';
import { fileSlug, inside } from './safe-path.js';
import { listenerAddresses } from '../listener-address.js';

/** One TLS listener with the running targets of its target group. */
export interface NlbTlsListenerInputs {
  listener: Listener;
  group: {
    id: string;
    path: string;
    protocol: 'TCP' | 'TLS';
    healthCheck: HealthCheck;
    sourceIpStickiness: boolean;
    proxyProtocolV2: boolean;
    preserveClientIp: boolean;
    targets: AlbTarget[];
  };
}

export interface RunningNlbTlsBalancer {
  component: ComponentReport;
  ports: Map<number, number>;
  connectionLogFiles: string[];
  /** NSS key logs of the listeners' TLS connections, when asked for (--pcap). */
  keyLogFiles: string[];
  notes: Message[];
}

/** The component that realizes an NLB's TLS listeners: nlb-<path>. */
export const nlbTlsComponentName = (balancer: LoadBalancer): string => `nlb-${fileSlug(balancer.path)}`;

export async function startNlbTlsBalancer(
  driver: Driver,
  balancer: LoadBalancer,
  topology: Topology,
  listeners: NlbTlsListenerInputs[],
  inputs: Pick<AlbInputs, 'certificatePem' | 'privateKeyPem' | 'objects' | 'keyLog'>,
  dir: string,
): Promise<RunningNlbTlsBalancer> {
  const name = nlbTlsComponentName(balancer);
  const prefix = inside(dir, name);
  await mkdir(prefix, { recursive: true });
  const ports = new Map<number, number>();
  const connectionLogFiles: string[] = [];
  const keyLogFiles: string[] = [];
  const roles: Message[] = [];
  const notes: Message[] = [];
  for (const { listener, group } of listeners) {
    const mutual = listener.mutualAuthentication;
    const verify = mutual?.mode === 'verify';
    const targetGroup: NlbTlsTargetGroup = {
      id: group.id,
      protocol: group.protocol,
      targets: group.targets,
      healthCheck: group.healthCheck,
      sourceIpStickiness: group.sourceIpStickiness,
      proxyProtocolV2: group.proxyProtocolV2,
      preserveClientIp: group.preserveClientIp,
    };
    const config: NlbTlsListenerConfig = {
      name: `${balancer.path} TLS:${listener.port}`,
      host: '127.0.0.1',
      port: await freePort(),
      advertisedPort: listener.port,
      certificatePem: inputs.certificatePem,
      privateKeyPem: inputs.privateKeyPem,
      sslPolicy: listener.sslPolicy,
      alpnPolicy: listener.alpnPolicy ?? null,
      mutualAuthentication: mutual,
      // The same trust store resource an ALB listener uses, checked as CreateTrustStore would check it.
      trustStore: verify ? trustStoreFor(mutual.trustStoreId, topology, inputs) : null,
      targetGroup,
      connectionLogFile: inside(prefix, `connections-${listener.port}.json`),
      keyLogFile: inputs.keyLog ? inside(prefix, `tls-keys-${listener.port}.log`) : null,
    };
    if (config.keyLogFile) keyLogFiles.push(config.keyLogFile);
    // A port taken before it binds is replaced by another.
    const running = await withFreshPorts(1, ([port]) => driver.emulator('nlb-tls', { ...config, port: port! }));
    await running.ready();
    ports.set(listener.port, running.addresses[0]!.port);
    connectionLogFiles.push(config.connectionLogFile);
    roles.push(
      msg('role.nlb-tls-listener', {
        port: listener.port,
        group: group.path,
        targetProtocol: group.protocol,
        mode: mutual?.mode ?? 'off',
        filters: verify ? (mutual.identityFilters?.length ?? null) : null,
        ignoreExpiry: mutual?.ignoreClientCertificateExpiry === true,
        advertise: mutual?.advertiseTrustStoreCaNames === true,
        alpn: listener.alpnPolicy ?? null,
        certificates: listener.certificates.join(', ') || null,
      }),
    );
    const where = `${balancer.path} TLS:${listener.port} → ${group.path}`;
    notes.push(msg('note.nlb-tls', { where, verify, targetProtocol: group.protocol }));
    notes.push(...policyNotes(balancer, listener));
    if (group.preserveClientIp) notes.push(msg('note.nlb-client-ip-realized', { where }));
    if (group.proxyProtocolV2) notes.push(msg('note.nlb-proxy-protocol', { where }));
  }
  return {
    ports,
    connectionLogFiles,
    keyLogFiles,
    notes,
    component: {
      name,
      kind: 'nlb',
      address: listenerAddresses(ports),
      version: `mtls-sandbox NLB TLS listener emulator (node ${process.version})`,
      role: list('role.nlb-tls', { path: balancer.path }, roles),
    },
  };
}
