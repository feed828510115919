// The load balancers of a topology, in template order, each after the backends behind it: an ALB as our ALB emulator
// (alb-lb.ts), the TCP listeners of an NLB or CLB as HAProxy (haproxy-lb.ts), and an NLB's TLS listeners as our NLB
// TLS listener emulator (nlb-tls-lb.ts).
import { type Message, msg } from '../messages.js';
import { readFile } from 'node:fs/promises';
import type { AlbTargetGroup } from '../alb/config.js';
import type { HealthCheck, LoadBalancer, Listener, TargetGroup, Topology } from '../model/topology.js';
import type { HaproxyBackend } from '../nlb/haproxy.js';
import { albComponentName, loadableTrustStores, startAlb, type AlbInputs } from './alb-lb.js';
import { isDualStack } from '../model/nlb-rules.js';
import { TopologyError } from './errors.js';
import { haproxyClientIpProblem } from './haproxy-features.js';
import { startHaproxyLoadBalancer, type PassthroughListener } from './haproxy-lb.js';
import { type NlbTlsListenerInputs, nlbTlsComponentName, startNlbTlsBalancer } from './nlb-tls-lb.js';
import { s3Objects } from './pki-objects.js';
import { backendsFor, startBackend } from './realize-backends.js';
import { componentReady, recordEndpoints, type Realization } from './realization.js';
import { fileSlug } from './safe-path.js';

/** Every load balancer of the topology, in template order; ALBs first when an NLB forwards to one. */
export async function startBalancers(run: Realization): Promise<void> {
  const albTargets = run.topology.targetGroups.some((group) => group.targetType === 'alb');
  const ordered = albTargets
    ? [...run.topology.loadBalancers].sort(
        (a, b) => Number(a.kind !== 'application') - Number(b.kind !== 'application'),
      )
    : run.topology.loadBalancers;
  for (const balancer of ordered) {
    if (balancer.kind === 'application') await startApplicationBalancer(run, balancer);
    else await startPassthroughBalancer(run, balancer);
  }
}

/** An ALB: the backends of the target groups its listeners forward to, then the emulator's listeners. */
async function startApplicationBalancer(run: Realization, balancer: LoadBalancer): Promise<void> {
  const groups = await startAlbTargetGroups(run, balancer);
  const name = albComponentName(balancer);
  run.events.starting(name, msg('role.alb', { path: balancer.path }));
  const inputs = await albInputs(run, groups);
  const running = await startAlb(run.driver, balancer, run.topology, inputs, run.dir);
  recordEndpoints(run, balancer.path, running.ports);
  run.albListeners.push(...running.live);
  for (const [id, store] of loadableTrustStores(run.topology, inputs.objects)) run.trustStores.set(id, store);
  run.connectionLogFiles.push(...running.connectionLogFiles);
  run.wafLogFiles.push(...running.wafLogFiles);
  run.requestLogFiles.push(...running.requestLogFiles);
  run.keyLogFiles.push(...running.keyLogFiles);
  const known = new Set(run.emulationNotes.map((note) => JSON.stringify(note)));
  run.emulationNotes.push(...running.notes.filter((note) => !known.has(JSON.stringify(note))));
  componentReady(run, running.component);
}

async function startAlbTargetGroups(run: Realization, balancer: LoadBalancer): Promise<Map<string, AlbTargetGroup>> {
  const groups = new Map<string, AlbTargetGroup>();
  for (const group of run.topology.targetGroups) {
    if (!albUses(balancer, group.logicalId)) continue;
    const targets = [];
    for (const [index, spec] of backendsFor(run.scenario, group.path, group.targets.length).entries()) {
      const running = await startBackend(
        run,
        spec,
        msg('role.target', {
          target: `${group.targets[index]?.id ?? index + 1}:${group.targets[index]?.port ?? group.port}`,
          group: group.path,
        }),
      );
      targets.push({ name: spec.name, host: running.host, port: running.port });
    }
    groups.set(group.logicalId, albTargetGroup(group, targets));
  }
  return groups;
}

/** The ALB's certificate (the PKI's server certificate stands in for ACM) and the trust stores' S3 objects. */
async function albInputs(run: Realization, targetGroups: Map<string, AlbTargetGroup>): Promise<AlbInputs> {
  return {
    certificatePem: await readFile(run.pki.server.cert, 'utf8'),
    privateKeyPem: await readFile(run.pki.server.key, 'utf8'),
    objects: run.extras.objects ?? (await s3Objects(run.scenario, run.pki)),
    targetGroups,
    keyLog: run.extras.keyLog,
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

/**
 * An NLB or CLB: the backends behind each listener, then one HAProxy for its TCP listeners and, for an NLB with TLS
 * listeners, our NLB TLS listener emulator for those.
 */
async function startPassthroughBalancer(run: Realization, balancer: LoadBalancer): Promise<void> {
  const tlsListeners = balancer.kind === 'network' ? balancer.listeners.filter((l) => l.protocol === 'TLS') : [];
  const tcpListeners = balancer.listeners.filter((listener) => !tlsListeners.includes(listener));
  if (tlsListeners.length > 0) await startNlbTlsListeners(run, balancer, tlsListeners);
  if (tcpListeners.length > 0 || tlsListeners.length === 0) await startHaproxyListeners(run, balancer, tcpListeners);
}

/** The TLS listeners of an NLB: the target groups behind them started, then the emulator's listeners. */
async function startNlbTlsListeners(run: Realization, balancer: LoadBalancer, listeners: Listener[]): Promise<void> {
  const inputs: NlbTlsListenerInputs[] = [];
  for (const listener of listeners) {
    if (listener.rules.length > 0)
      run.emulationNotes.push(
        msg('note.nlb-tls-rules-not-realized', {
          where: `${balancer.path} TLS:${listener.port}`,
          rules: listener.rules.map((rule) => rule.logicalId).join(', '),
        }),
      );
    const group = groupBehind(balancer, listener, run.topology);
    const compiled = run.topology.targetGroups.find((candidate) => candidate.path === group.path)!;
    if (compiled.protocol !== 'TCP' && compiled.protocol !== 'TLS')
      throw new TopologyError(
        `${balancer.path} listener TLS:${listener.port} forwards to ${group.path}, a ${compiled.protocol} target group; an NLB TLS listener's target group is TCP or TLS.`,
        msg('topo.nlb-tls-group', {
          path: balancer.path,
          port: listener.port,
          group: group.path,
          protocol: compiled.protocol,
        }),
      );
    const targets = [];
    for (const [index, spec] of backendsFor(run.scenario, group.path, group.targetCount).entries()) {
      const running = await startBackend(
        run,
        spec,
        msg('role.target', { target: group.targetLabels[index] ?? String(index + 1), group: group.path }),
        group.proxyProtocol !== null,
      );
      targets.push({ name: spec.name, host: running.host, port: running.port });
    }
    inputs.push({
      listener,
      group: {
        id: compiled.logicalId,
        path: group.path,
        protocol: compiled.protocol,
        healthCheck: localHealthCheck(group.healthCheck),
        sourceIpStickiness: group.sourceIpStickiness,
        proxyProtocolV2: group.proxyProtocol === 'v2',
        preserveClientIp: group.preserveClientIp,
        targets,
      },
    });
  }
  const name = nlbTlsComponentName(balancer);
  run.events.starting(name, msg('role.nlb-tls', { path: balancer.path }));
  const running = await startNlbTlsBalancer(
    run.driver,
    balancer,
    run.topology,
    inputs,
    {
      certificatePem: await readFile(run.pki.server.cert, 'utf8'),
      privateKeyPem: await readFile(run.pki.server.key, 'utf8'),
      objects: run.extras.objects ?? (await s3Objects(run.scenario, run.pki)),
      keyLog: run.extras.keyLog,
    },
    run.dir,
  );
  recordEndpoints(run, balancer.path, running.ports);
  run.connectionLogFiles.push(...running.connectionLogFiles);
  run.keyLogFiles.push(...running.keyLogFiles);
  const known = new Set(run.emulationNotes.map((note) => JSON.stringify(note)));
  run.emulationNotes.push(...running.notes.filter((note) => !known.has(JSON.stringify(note))));
  componentReady(run, running.component);
}

/** The TCP listeners of an NLB or CLB: the backends behind each, then one HAProxy for them. */
async function startHaproxyListeners(run: Realization, balancer: LoadBalancer, tcp: Listener[]): Promise<void> {
  const listeners: PassthroughListener[] = [];
  for (const listener of tcp) listeners.push(await startPassthroughListener(run, balancer, listener));
  const name = `haproxy-${fileSlug(balancer.path)}`;
  run.events.starting(
    name,
    msg('role.passthrough', { kind: balancer.kind === 'classic' ? 'CLB' : 'NLB', path: balancer.path }),
  );
  const running = await startHaproxyLoadBalancer(run.driver, balancer, listeners, run.dir);
  recordEndpoints(run, balancer.path, running.ports);
  componentReady(run, running.component);
}

/** One TCP listener: the backends of the group behind it started, and its HAProxy backend described. */
async function startPassthroughListener(
  run: Realization,
  balancer: LoadBalancer,
  listener: Listener,
): Promise<PassthroughListener> {
  assertPassthrough(balancer, listener);
  const group = groupBehind(balancer, listener, run.topology);
  const backend = await haproxyBackend(run, balancer, listener, group);
  const role = describeListener(balancer, listener, group.path);
  const rules = await nlbRuleBackends(run, balancer, listener, backend);
  return {
    port: listener.port,
    description: configComment(balancer, listener, group.path),
    role,
    backend,
    ...(balancer.kind === 'network' && isDualStack(balancer) ? { ipv6: true } : {}),
    ...(rules.length > 0 ? { rules } : {}),
  };
}

/** The targets of one group started, and the HAProxy backend that stands for the group. */
async function haproxyBackend(
  run: Realization,
  balancer: LoadBalancer,
  listener: Listener,
  group: GroupBehind,
): Promise<HaproxyBackend> {
  // An NLB target group of type alb: the ALB the sandbox realized from the same template is its one server.
  const servers = group.alb ? [albServer(run, balancer, listener, group.alb)] : [];
  const backends = group.alb ? [] : backendsFor(run.scenario, group.path, group.targetCount);
  for (const [index, spec] of backends.entries()) {
    const running = await startBackend(
      run,
      spec,
      msg('role.target', { target: group.targetLabels[index] ?? String(index + 1), group: group.path }),
      group.proxyProtocol !== null,
    );
    servers.push({ name: spec.name, host: running.host, port: running.port });
  }
  const clientIpProblem = group.preserveClientIp ? await haproxyClientIpProblem() : null;
  notePassthrough(run, balancer, listener, group, clientIpProblem);
  return {
    name: `tg_${group.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
    balancer: balancer.kind === 'classic' ? 'classic' : 'network',
    sourceIpStickiness: group.sourceIpStickiness,
    healthCheck: localHealthCheck(group.healthCheck),
    proxyProtocol: group.proxyProtocol,
    preserveClientIp: group.preserveClientIp && !clientIpProblem,
    servers,
  };
}

/**
 * An NLB TCP listener's rules (July 2026; the compiler let through only what CreateRule takes: source-ip by address
 * family, forward): the backend of each rule's target group, in priority order. A group the default action already
 * forwards to keeps its one backend.
 */
async function nlbRuleBackends(
  run: Realization,
  balancer: LoadBalancer,
  listener: Listener,
  defaultBackend: HaproxyBackend,
): Promise<NonNullable<PassthroughListener['rules']>> {
  const rules: NonNullable<PassthroughListener['rules']> = [];
  const started = new Map([[defaultBackend.name, defaultBackend]]);
  for (const rule of listener.rules) {
    const condition = rule.conditions.find((candidate) => candidate.field === 'source-ip');
    const action = rule.actions[0];
    if (condition?.field !== 'source-ip' || !condition.ipAddressType || action?.type !== 'forward') continue;
    if (action.targetGroups.length !== 1)
      throw new TopologyError(
        `${balancer.path} listener ${listener.port} rule ${rule.logicalId} forwards to ${action.targetGroups.length} weighted target groups; the sandbox realizes a rule that forwards to one target group.`,
        msg('topo.weighted', {
          path: balancer.path,
          port: listener.port,
          rule: rule.logicalId,
          count: action.targetGroups.length,
        }),
      );
    const group = groupById(balancer, listener, run.topology, action.targetGroups[0]!.targetGroupId);
    const name = `tg_${group.path.replace(/[^A-Za-z0-9]+/g, '_')}`;
    const backend = started.get(name) ?? (await haproxyBackend(run, balancer, listener, group));
    started.set(name, backend);
    rules.push({ priority: rule.priority, family: condition.ipAddressType, backend });
  }
  if (rules.length > 0)
    run.emulationNotes.push(
      msg('note.nlb-listener-rules', {
        where: `${balancer.path} ${listener.protocol}:${listener.port}`,
        rules: rules
          .map((rule) => `${rule.priority} ${rule.family} → ${rule.backend.name.replace(/^tg_/, '')}`)
          .join(', '),
      }),
    );
  return rules;
}

/** How client IP preservation and Proxy Protocol are realized for a listener, or why they cannot be here. */
function notePassthrough(
  run: Realization,
  balancer: LoadBalancer,
  listener: Listener,
  group: GroupBehind,
  clientIpProblem: Message | null,
): void {
  const where = { where: `${balancer.path} TCP:${listener.port} → ${group.path}` };
  if (clientIpProblem) {
    run.limitations.set(
      `${balancer.path}:${listener.port}`,
      msg('skip.client-ip-not-realized', where, clientIpProblem),
    );
    run.emulationNotes.push(msg('note.client-ip-not-realized', where, clientIpProblem));
  } else if (group.preserveClientIp) {
    run.emulationNotes.push(msg('note.client-ip-realized', where));
  }
  if (group.proxyProtocol)
    run.emulationNotes.push(msg('note.proxy-protocol', { ...where, version: group.proxyProtocol }));
}

function assertPassthrough(balancer: LoadBalancer, listener: Listener): void {
  if (listener.protocol !== 'TCP') {
    throw new TopologyError(
      balancer.kind === 'network'
        ? `${balancer.path} listener ${listener.port} uses ${listener.protocol}; the sandbox realizes NLB TCP listeners (HAProxy) and TLS listeners (its NLB TLS emulator), not UDP or TCP_UDP.`
        : `${balancer.path} listener ${listener.port} uses ${listener.protocol}; the sandbox realizes CLB TCP listeners (TLS passthrough). An SSL listener would end the handshake at the load balancer and no client certificate would reach the target.`,
      msg(balancer.kind === 'network' ? 'topo.nlb-protocol' : 'topo.clb-protocol', {
        path: balancer.path,
        port: listener.port,
        protocol: listener.protocol,
      }),
    );
  }
}

interface GroupBehind {
  path: string;
  /** A target group of type alb: the ALB of this topology it registers, and the port it sends to. */
  alb?: { path: string; port: number };
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
      msg('topo.nlb-default', { path: balancer.path, port: listener.port }),
    );
  return groupById(balancer, listener, topology, action.targetGroups[0]?.targetGroupId);
}

/** An NLB target group by its logical id, as the listener's actions name it. */
function groupById(
  balancer: LoadBalancer,
  listener: Listener,
  topology: Topology,
  groupId: string | undefined,
): GroupBehind {
  const group: TargetGroup | undefined = topology.targetGroups.find((candidate) => candidate.logicalId === groupId);
  if (!group)
    throw new TopologyError(
      `${balancer.path} listener ${listener.port} forwards to ${groupId}, which is not a target group in this stack.`,
      msg('topo.not-a-group', { path: balancer.path, port: listener.port, group: groupId ?? null }),
    );
  const registered = group.targets[0];
  const alb =
    group.targetType === 'alb'
      ? topology.loadBalancers.find(
          (candidate) => candidate.logicalId === registered?.id && candidate.kind === 'application',
        )
      : undefined;
  return {
    path: group.path,
    ...(alb ? { alb: { path: alb.path, port: registered?.port ?? group.port ?? listener.port } } : {}),
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
 * An NLB target group of type alb forwards to the ALB the sandbox realized, at its listener on the registered port
 * (the ALBs start first).
 */
function albServer(
  run: Realization,
  balancer: LoadBalancer,
  listener: Listener,
  alb: { path: string; port: number },
): { name: string; host: string; port: number } {
  const endpoint = run.endpoints.get(`${alb.path}:${alb.port}`);
  if (!endpoint)
    throw new TopologyError(
      `${balancer.path} listener ${listener.port} forwards to ALB ${alb.path} on port ${alb.port}, which has no listener there.`,
      msg('topo.alb-no-listener', { path: balancer.path, port: listener.port, alb: alb.path, albPort: alb.port }),
    );
  return { name: `alb-${fileSlug(alb.path)}-${alb.port}`, ...endpoint };
}

/**
 * Targets listen on allocated local ports, so a health check port from the template (usually the traffic port,
 * 443) is checked on the target's local traffic port instead.
 */
function localHealthCheck(check: HealthCheck): HealthCheck {
  return { ...check, port: 'traffic-port' };
}

/** The listener in the rendered HAProxy configuration: what it stands in for, in the template's terms. */
function configComment(balancer: LoadBalancer, listener: Listener, groupPath: string): string {
  const to =
    balancer.kind === 'classic' ? `instances ${listener.instanceProtocol}:${listener.instancePort}` : groupPath;
  return `${balancer.kind === 'classic' ? 'CLB' : 'NLB'} ${balancer.path} ${listener.protocol}:${listener.port} -> ${to}`;
}

function describeListener(balancer: LoadBalancer, listener: Listener, groupPath: string): Message {
  return msg('role.passthrough-listener', {
    kind: balancer.kind === 'classic' ? 'CLB' : 'NLB',
    path: balancer.path,
    protocol: listener.protocol,
    port: listener.port,
    instances: balancer.kind === 'classic' ? `${listener.instanceProtocol}:${listener.instancePort}` : null,
    group: balancer.kind === 'classic' ? null : groupPath,
  });
}
