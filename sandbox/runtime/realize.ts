// The host driver: turns a compiled topology and the scenario's target mapping into running components on
// 127.0.0.1 — nginx targets, HAProxy for NLB/CLB TCP listeners — and tells the runner where everything is.
import { readFile, rm } from 'node:fs/promises';
import type { AlbTargetGroup } from '../alb/config.js';
import type { Pki } from '../../certs/types.js';
import type { HealthCheck, LoadBalancer, Listener, TargetGroup, Topology } from '../model/topology.js';
import type { HaproxyBackend } from '../nlb/haproxy.js';
import type { ComponentReport } from '../report.js';
import type { BackendSpec, ScenarioDefinition } from '../scenario.js';
import { startAlb } from './alb-lb.js';
import { TopologyError } from './errors.js';
import { startEcho } from './echo-target.js';
import { haproxyClientIpProblem } from './haproxy-features.js';
import { startHaproxyLoadBalancer, type PassthroughListener } from './haproxy-lb.js';
import { startNginxTarget } from './nginx-target.js';
import { s3Objects } from './pki-objects.js';
import type { OriginObject } from '../route53/cloudfront-standin.js';
import { realizeDns } from '../route53/realize-dns.js';
import type { HeldSettings, Route53Runtime } from '../route53/runtime.js';
import type { Driver } from './driver.js';
import type { TargetHandle } from './target-log.js';

export interface Realized {
  components: ComponentReport[];
  targets: TargetHandle[];
  /** JSON-lines connection logs of the load balancers (the ALB emulator's mTLS connection log). */
  connectionLogFiles: string[];
  /** Where the emulation differs from AWS or rests on inference (shown plainly in the UI and reports). */
  emulationNotes: string[];
  /**
   * Local address of a load balancer's listener, by construct path and the listener's port in the template — or of
   * whatever a Route 53 record name (e.g. "www.example.test") resolves to right now; then `hostname` is that name.
   */
  endpoint(loadBalancerPath: string, listenerPort: number): { host: string; port: number; hostname?: string };
  /** Replaces nginx targets (all when no names are given): each runs its start-up step again on the same port. */
  restartTargets(names?: string[]): Promise<void>;
  /** Stops nginx targets (all when no names are given); startTargets brings them back on the same ports. */
  stopTargets(names?: string[]): Promise<void>;
  startTargets(names?: string[]): Promise<void>;
  /** JSON-lines AWS WAF logs of the ALB emulator's web ACLs. */
  wafLogFiles: string[];
  /** The sandbox's Route 53 (health checks, failover answers, timeline); null when the stack has no records. */
  route53: Route53Runtime | null;
  /** Why probes through this listener cannot show AWS's behaviour on this machine (they are skipped), or null. */
  listenerLimitation?(loadBalancerPath: string, listenerPort: number): string | null;
}

/** What LocalStack provides when it runs (sandbox/localstack/scenario-aws.ts); without it, local PKI files. */
export interface RealizeExtras {
  /** The stack's S3 objects by key, as read back from LocalStack's S3. */
  objects?: Map<string, string>;
  /** The start-up step of targets whose certificates come from SSM (seed 001's init.sh). */
  certificates?: (
    spec: Extract<BackendSpec, { kind: 'nginx' }>,
    prefix: string,
  ) => Promise<{ serverCertificate: string; serverKey: string; clientCa: string }>;
  /** An object of one of the stack's buckets (by construct path), read from LocalStack's S3 (the CloudFront stand-in's origin). */
  bucketObject?: (bucketPath: string, key: string) => Promise<OriginObject | null>;
  /** Route 53 health check settings as LocalStack holds them, by logical id. */
  heldHealthChecks?: Map<string, HeldSettings>;
}

export { TopologyError };

export interface RealizeEvents {
  starting(name: string, role: string): void;
  ready(component: ComponentReport): void;
  /** A step of something running in the background (the sandbox's Route 53 checks and answers). */
  step?(name: string, detail: string, durationMs: number): void;
}

interface RunningBackend {
  host: string;
  port: number;
  /** The target expects a Proxy Protocol header before the stream (nginx listen ... proxy_protocol). */
  proxyProtocol: boolean;
}

export async function realize(
  scenario: ScenarioDefinition,
  topology: Topology,
  pki: Pki,
  driver: Driver,
  dir: string,
  events: RealizeEvents,
  extras: RealizeExtras = {},
): Promise<Realized> {
  await rm(dir, { recursive: true, force: true });
  const components: ComponentReport[] = [];
  const targets: TargetHandle[] = [];
  const backends = new Map<string, RunningBackend>();
  const endpoints = new Map<string, { host: string; port: number }>();
  const restarts = new Map<string, () => Promise<void>>();
  const lifecycles = new Map<string, { stop(): Promise<void>; start(): Promise<void> }>();
  const wafLogFiles: string[] = [];

  const startBackend = async (spec: BackendSpec, role: string, proxyProtocol = false): Promise<RunningBackend> => {
    const existing = backends.get(spec.name);
    if (existing && existing.proxyProtocol !== proxyProtocol) {
      throw new TopologyError(
        `${spec.name} stands behind one target group that sends Proxy Protocol and another that does not; give each group its own backends.`,
      );
    }
    if (existing) return existing;
    events.starting(spec.name, role);
    let running: Omit<RunningBackend, 'proxyProtocol'> & { handle: TargetHandle; component: ComponentReport };
    if (spec.kind === 'echo') {
      if (proxyProtocol)
        throw new TopologyError(
          `${spec.name} is an echo target, which cannot read the Proxy Protocol header its target group sends; use an nginx target.`,
        );
      running = await startEcho(driver, spec.name, dir, role);
    } else {
      const fromSsm = spec.certificates && extras.certificates;
      if (spec.certificates && !fromSsm)
        throw new TopologyError(
          `${spec.name} reads its certificates from SSM Parameter Store, which needs LocalStack (run with --localstack auto or host).`,
        );
      const nginx = await startNginxTarget(driver, {
        name: spec.name,
        profile: spec.profile,
        dir,
        pki,
        role,
        routes: spec.routes,
        proxyProtocol,
        ...(fromSsm ? { certificates: (prefix: string) => fromSsm(spec, prefix) } : {}),
      });
      restarts.set(spec.name, nginx.restart);
      lifecycles.set(spec.name, nginx);
      running = nginx;
    }
    backends.set(spec.name, { ...running, proxyProtocol });
    targets.push(running.handle);
    components.push(running.component);
    events.ready(running.component);
    return { ...running, proxyProtocol };
  };
  const limitations = new Map<string, string>();

  const connectionLogFiles: string[] = [];
  const emulationNotes: string[] = [];
  for (const balancer of topology.loadBalancers) {
    if (balancer.kind === 'application') {
      const groups = new Map<string, AlbTargetGroup>();
      for (const group of topology.targetGroups) {
        if (!albUses(balancer, group.logicalId)) continue;
        const targets = [];
        for (const [index, spec] of backendsFor(scenario, group.path, group.targets.length).entries()) {
          const running = await startBackend(
            spec,
            `target ${group.targets[index]?.id ?? index + 1}:${group.targets[index]?.port ?? group.port} of ${group.path}`,
          );
          targets.push({ name: spec.name, host: running.host, port: running.port });
        }
        groups.set(group.logicalId, albTargetGroup(group, targets));
      }
      const name = `alb-${balancer.path.toLowerCase()}`;
      events.starting(name, `ALB ${balancer.path}`);
      const running = await startAlb(
        driver,
        balancer,
        topology,
        {
          certificatePem: await readFile(pki.server.cert, 'utf8'),
          privateKeyPem: await readFile(pki.server.key, 'utf8'),
          objects: extras.objects ?? (await s3Objects(scenario, pki)),
          targetGroups: groups,
        },
        dir,
      );
      for (const [listenerPort, localPort] of running.ports)
        endpoints.set(`${balancer.path}:${listenerPort}`, { host: '127.0.0.1', port: localPort });
      connectionLogFiles.push(...running.connectionLogFiles);
      wafLogFiles.push(...running.wafLogFiles);
      emulationNotes.push(...running.notes.filter((note) => !emulationNotes.includes(note)));
      components.push(running.component);
      events.ready(running.component);
      continue;
    }
    const listeners: PassthroughListener[] = [];
    for (const listener of balancer.listeners) {
      assertPassthrough(balancer, listener);
      const group = groupBehind(balancer, listener, topology);
      const specs = backendsFor(scenario, group.path, group.targetCount);
      const servers = [];
      for (const [index, spec] of specs.entries()) {
        const templateTarget = group.targetLabels[index] ?? `target ${index + 1}`;
        const running = await startBackend(
          spec,
          `target ${templateTarget} of ${group.path}`,
          group.proxyProtocol !== null,
        );
        servers.push({ name: spec.name, host: running.host, port: running.port });
      }
      const where = `${balancer.path} TCP:${listener.port} → ${group.path}`;
      const clientIpProblem = group.preserveClientIp ? await haproxyClientIpProblem() : null;
      if (clientIpProblem) {
        limitations.set(
          `${balancer.path}:${listener.port}`,
          `${where} preserves the client's IP address, but ${clientIpProblem}`,
        );
        emulationNotes.push(`${where}: client IP preservation not realized — ${clientIpProblem}`);
      } else if (group.preserveClientIp) {
        emulationNotes.push(
          `${where}: client IP preservation realized with HAProxy \`source 0.0.0.0 usesrc clientip\` — it connects to the target from the client's own loopback address (every 127/8 address is local on Linux, so no root or TPROXY routing is needed).`,
        );
      }
      if (group.proxyProtocol)
        emulationNotes.push(
          `${where}: Proxy Protocol ${group.proxyProtocol} realized with HAProxy \`${group.proxyProtocol === 'v2' ? 'send-proxy-v2' : 'send-proxy'}\`; the nginx targets listen with \`proxy_protocol\` and log the client as $proxy_protocol_addr.`,
        );
      const backend: HaproxyBackend = {
        name: `tg_${group.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
        balancer: balancer.kind === 'classic' ? 'classic' : 'network',
        sourceIpStickiness: group.sourceIpStickiness,
        healthCheck: localHealthCheck(group.healthCheck),
        proxyProtocol: group.proxyProtocol,
        preserveClientIp: group.preserveClientIp && !clientIpProblem,
        servers,
      };
      listeners.push({ port: listener.port, description: describeListener(balancer, listener, group.path), backend });
    }
    const name = `haproxy-${balancer.path.toLowerCase()}`;
    events.starting(name, `${balancer.kind === 'classic' ? 'CLB' : 'NLB'} ${balancer.path}`);
    const running = await startHaproxyLoadBalancer(driver, balancer, listeners, dir);
    for (const [listenerPort, localPort] of running.ports)
      endpoints.set(`${balancer.path}:${listenerPort}`, { host: '127.0.0.1', port: localPort });
    components.push(running.component);
    events.ready(running.component);
  }

  let route53: Route53Runtime | null = null;
  if (topology.dns) {
    const dns = await realizeDns({
      scenario,
      topology,
      dir,
      certificatePem: await readFile(pki.server.cert, 'utf8'),
      privateKeyPem: await readFile(pki.server.key, 'utf8'),
      listenerEndpoint: (path, port) => endpoints.get(`${path}:${port}`),
      bucketObject: extras.bucketObject,
      held: extras.heldHealthChecks,
      adopt: (name, stop) => driver.adopt(name, stop),
      starting: events.starting,
      ready: events.ready,
      step: (name, detail, durationMs) => events.step?.(name, detail, durationMs),
    });
    components.push(...dns.components.filter((component) => !components.includes(component)));
    targets.push(...dns.targets);
    emulationNotes.push(...dns.notes);
    route53 = dns.runtime;
  }
  const lifecycle = (names: string[] | undefined, verb: 'stop' | 'start') =>
    (names ?? [...lifecycles.keys()]).map((name) => {
      const target = lifecycles.get(name);
      if (!target)
        throw new TopologyError(
          `No nginx target "${name}" to ${verb} (targets: ${[...lifecycles.keys()].join(', ') || 'none'}).`,
        );
      return target;
    });

  return {
    components,
    targets,
    connectionLogFiles,
    wafLogFiles,
    route53,
    emulationNotes,
    async stopTargets(names) {
      await Promise.all(lifecycle(names, 'stop').map((target) => target.stop()));
    },
    async startTargets(names) {
      await Promise.all(lifecycle(names, 'start').map((target) => target.start()));
    },
    listenerLimitation: (path, port) => limitations.get(`${path}:${port}`) ?? null,
    async restartTargets(names) {
      for (const name of names ?? [...restarts.keys()]) {
        const restart = restarts.get(name);
        if (!restart)
          throw new TopologyError(
            `No nginx target "${name}" to restart (targets: ${[...restarts.keys()].join(', ') || 'none'}).`,
          );
        await restart();
      }
    },
    endpoint(path, port) {
      const named = endpoints.has(`${path}:${port}`) ? null : route53?.resolve(path, port);
      const found = named
        ? { host: named.host, port: named.port, hostname: named.hostname }
        : endpoints.get(`${path}:${port}`);
      if (!found) {
        const known = [...endpoints.keys()].join(', ') || 'none';
        throw new TopologyError(
          `No listener ${path}:${port} in this scenario's topology (listeners: ${known}). Check the probe's "via".`,
        );
      }
      return found;
    },
  };
}

function albUses(balancer: LoadBalancer, groupId: string): boolean {
  return balancer.listeners.some((listener) =>
    [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)].some(
      (action) => action.type === 'forward' && action.targetGroups.some((group) => group.targetGroupId === groupId),
    ),
  );
}

function albTargetGroup(group: TargetGroup, targets: { name: string; host: string; port: number }[]): AlbTargetGroup {
  return {
    id: group.logicalId,
    protocol: group.protocol === 'HTTPS' ? 'HTTPS' : 'HTTP',
    targets,
    healthCheck: localHealthCheck(group.healthCheck),
    stickiness:
      group.stickiness.enabled && group.stickiness.type !== 'source_ip'
        ? { enabled: true, durationSeconds: group.stickiness.durationSeconds ?? 86400 }
        : null,
  };
}

function assertPassthrough(balancer: LoadBalancer, listener: Listener): void {
  if (listener.protocol !== 'TCP') {
    throw new TopologyError(
      `${balancer.path} listener ${listener.port} uses ${listener.protocol}; the sandbox realizes NLB/CLB TCP listeners (TLS passthrough). A TLS/SSL listener would end the handshake at the load balancer and no client certificate would reach the target.`,
    );
  }
}

interface GroupBehind {
  path: string;
  targetCount: number;
  targetLabels: string[];
  healthCheck: HealthCheck;
  sourceIpStickiness: boolean;
  proxyProtocol: 'v1' | 'v2' | null;
  /** The target sees the client's address (NLB client IP preservation); a CLB never preserves it. */
  preserveClientIp: boolean;
}

/** The target group a TCP listener forwards to; for a CLB, its registered instances. */
function groupBehind(balancer: LoadBalancer, listener: Listener, topology: Topology): GroupBehind {
  if (balancer.kind === 'classic') {
    return {
      path: balancer.path,
      targetCount: balancer.classicInstances.length,
      targetLabels: balancer.classicInstances.map((id) => `instance ${id}:${listener.instancePort}`),
      // CLB defaults per the ELB Classic HealthCheck reference when the template has none.
      healthCheck: balancer.classicHealthCheck ?? {
        protocol: 'TCP',
        port: listener.instancePort ?? listener.port,
        path: null,
        intervalSeconds: 30,
        timeoutSeconds: 5,
        healthyThreshold: 10,
        unhealthyThreshold: 2,
        matcher: null,
      },
      sourceIpStickiness: false,
      proxyProtocol: balancer.classicProxyProtocolPorts.includes(listener.instancePort ?? -1) ? 'v1' : null,
      preserveClientIp: false,
    };
  }
  const action = listener.defaultActions[0];
  if (action?.type !== 'forward')
    throw new TopologyError(
      `${balancer.path} listener ${listener.port}: an NLB listener's default action must forward to a target group.`,
    );
  const groupId = action.targetGroups[0]?.targetGroupId;
  const group: TargetGroup | undefined = topology.targetGroups.find((candidate) => candidate.logicalId === groupId);
  if (!group)
    throw new TopologyError(
      `${balancer.path} listener ${listener.port} forwards to ${groupId}, which is not a target group in this stack.`,
    );
  return {
    path: group.path,
    targetCount: group.targets.length,
    targetLabels: group.targets.map((target) => `${target.id}:${target.port ?? group.port}`),
    healthCheck: group.healthCheck,
    sourceIpStickiness: group.stickiness.enabled && group.stickiness.type === 'source_ip',
    proxyProtocol: group.proxyProtocolV2 ? 'v2' : null,
    // preserve_client_ip.enabled, else its default: on for instance targets, off for IP targets of TCP/TLS groups
    // (ELB "Edit target group attributes for your Network Load Balancer", client IP preservation).
    preserveClientIp: group.preserveClientIp ?? group.targetType === 'instance',
  };
}

/**
 * Targets listen on allocated local ports, so a health check port from the template (usually the traffic port,
 * 443) is checked on the target's local traffic port instead.
 */
function localHealthCheck(check: HealthCheck): HealthCheck {
  return { ...check, port: 'traffic-port' };
}

function backendsFor(scenario: ScenarioDefinition, groupPath: string, templateCount: number): BackendSpec[] {
  const specs = scenario.targets[groupPath];
  if (!specs || specs.length === 0) {
    throw new TopologyError(
      `Scenario ${scenario.id} says nothing about what stands behind ${groupPath}. Add targets["${groupPath}"] with one backend per registered target.`,
    );
  }
  if (templateCount > 0 && specs.length !== templateCount) {
    throw new TopologyError(
      `${groupPath} registers ${templateCount} targets in the stack but the scenario maps ${specs.length} backends to it; make them match.`,
    );
  }
  return specs;
}

function describeListener(balancer: LoadBalancer, listener: Listener, groupPath: string): string {
  const kind = balancer.kind === 'classic' ? 'CLB' : 'NLB';
  const to =
    balancer.kind === 'classic'
      ? `instances ${listener.instanceProtocol}:${listener.instancePort}`
      : `target group ${groupPath}`;
  return `${kind} ${balancer.path} listener ${listener.protocol}:${listener.port} → ${to} (TCP passthrough: TLS ends at the target)`;
}
