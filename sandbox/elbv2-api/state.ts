// The ELBv2 state the sandbox's API serves: the load balancers, listeners, rules, target groups and trust stores the
// sandbox realized, under deterministic ARNs, as the API model names them. Built once from the compiled topology and
// what runs; every change makes a new state (actions.ts). Pure.
import type { AlbTrustStore } from '../alb/config.js';
import type { ListenerRule, MutualAuthentication, RuleAction, TargetGroup, Topology } from '../model/topology.js';
import { parseCrl } from '../tls/crl.js';
import { pemBlocks } from '../tls/der.js';
import { awsName, listenerArn, loadBalancerArn, resourceId, ruleArn, targetGroupArn, trustStoreArn } from './arns.js';

export interface ApiLoadBalancer {
  arn: string;
  id: string;
  name: string;
  /** The construct path, as scenarios and the sandbox's messages name it. */
  path: string;
  logicalId: string;
  scheme: string;
  createdTime: string;
  /** LoadBalancerAttributes as the stack wrote them. */
  attributes: Record<string, string>;
}

export interface ApiRule {
  arn: string;
  rule: ListenerRule;
}

export interface ApiListener {
  arn: string;
  id: string;
  loadBalancerArn: string;
  /** "Alb HTTPS:443": how the sandbox's messages name the listener. */
  label: string;
  logicalId: string;
  port: number;
  protocol: string;
  certificates: string[];
  sslPolicy: string | null;
  defaultActions: RuleAction[];
  mutualAuthentication: MutualAuthentication | null;
  /** In priority order. */
  rules: ApiRule[];
  /** Target groups (logical ids) the emulator runs behind this listener: what its actions can forward to. */
  runningGroups: string[];
  /** False when the emulator cannot be changed while it runs (a container): changes are refused. */
  changeable: boolean;
}

export interface ApiTargetGroup {
  arn: string;
  name: string;
  group: TargetGroup;
  stickiness: { enabled: boolean; durationSeconds: number };
  loadBalancerArns: string[];
  /** Whether each target of the template (group.targets, in order) is registered. */
  registered: boolean[];
}

export interface ApiRevocation {
  id: number;
  crlPem: string;
  entries: number;
}

export interface ApiTrustStore {
  arn: string;
  name: string;
  logicalId: string;
  /** null: its objects could not be read or CreateTrustStore would refuse them (the listener cannot use it). */
  caBundlePem: string | null;
  revocations: ApiRevocation[];
}

export interface ElbState {
  loadBalancers: ApiLoadBalancer[];
  listeners: ApiListener[];
  targetGroups: ApiTargetGroup[];
  trustStores: ApiTrustStore[];
  /** Counters for the ids of rules, trust stores and revocations created through the API. */
  nextRule: number;
  nextTrustStore: number;
  nextRevocation: number;
}

/** A running ALB listener as the state is built from it (sandbox/runtime/alb-lb.ts LiveAlbListener, reduced). */
export interface RunningListener {
  balancerLogicalId: string;
  listenerLogicalId: string;
  runningGroups: string[];
  changeable: boolean;
}

export function buildState(
  topology: Topology,
  running: RunningListener[],
  trustStores: Map<string, AlbTrustStore>,
  createdTime: string,
): ElbState {
  const stack = topology.stackName;
  const loadBalancers: ApiLoadBalancer[] = [];
  const listeners: ApiListener[] = [];
  const served = new Set(running.map((entry) => entry.balancerLogicalId));
  for (const balancer of topology.loadBalancers) {
    if (balancer.kind !== 'application' || !served.has(balancer.logicalId)) continue;
    const name = awsName(balancer.name);
    const id = resourceId(stack, balancer.logicalId);
    const arn = loadBalancerArn(name, id);
    loadBalancers.push({
      arn,
      id,
      name,
      path: balancer.path,
      logicalId: balancer.logicalId,
      scheme: balancer.scheme,
      createdTime,
      attributes: balancer.attributes,
    });
    for (const listener of balancer.listeners) {
      const live = running.find((entry) => entry.listenerLogicalId === listener.logicalId);
      if (!live) continue;
      const listenerId = resourceId(stack, listener.logicalId);
      listeners.push({
        arn: listenerArn(name, id, listenerId),
        id: listenerId,
        loadBalancerArn: arn,
        label: `${balancer.path} ${listener.protocol}:${listener.port}`,
        logicalId: listener.logicalId,
        port: listener.port,
        protocol: listener.protocol,
        certificates: listener.certificates,
        sslPolicy: listener.sslPolicy,
        defaultActions: listener.defaultActions,
        mutualAuthentication: listener.mutualAuthentication,
        rules: listener.rules.map((rule) => ({
          arn: ruleArn(name, id, listenerId, resourceId(stack, rule.logicalId)),
          rule,
        })),
        runningGroups: live.runningGroups,
        changeable: live.changeable,
      });
    }
  }
  const targetGroups = topology.targetGroups.map((group): ApiTargetGroup => {
    const name = awsName(group.path);
    const users = listeners.filter((listener) =>
      [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.rule.actions)].some(
        (action) => action.type === 'forward' && action.targetGroups.some((t) => t.targetGroupId === group.logicalId),
      ),
    );
    return {
      arn: targetGroupArn(name, resourceId(stack, group.logicalId)),
      name,
      group,
      stickiness: {
        enabled: group.stickiness.enabled && group.stickiness.type !== 'source_ip',
        durationSeconds: group.stickiness.durationSeconds ?? 86400,
      },
      loadBalancerArns: [...new Set(users.map((listener) => listener.loadBalancerArn))],
      registered: group.targets.map(() => true),
    };
  });
  let nextRevocation = 1;
  const stores = topology.trustStores.map((store): ApiTrustStore => {
    const name = awsName(store.name);
    const objects = trustStores.get(store.logicalId);
    return {
      arn: trustStoreArn(name, resourceId(stack, store.logicalId)),
      name,
      logicalId: store.logicalId,
      caBundlePem: objects?.caBundlePem ?? null,
      revocations: (objects?.crlPems ?? []).map((crlPem) => ({
        id: nextRevocation++,
        crlPem,
        entries: revokedEntries(crlPem),
      })),
    };
  });
  return {
    loadBalancers,
    listeners,
    targetGroups,
    trustStores: stores,
    nextRule: 1,
    nextTrustStore: 1,
    nextRevocation,
  };
}

/** How many certificates a CRL revokes (0 for one that cannot be read: AddTrustStoreRevocations checked it). */
export function revokedEntries(crlPem: string): number {
  try {
    return parseCrl(crlPem).revokedSerials.size;
  } catch {
    return 0;
  }
}

export function caCount(bundlePem: string | null): number {
  return bundlePem ? pemBlocks(bundlePem, 'CERTIFICATE').length : 0;
}

/** The trust store objects a verify-mode listener of this state runs with. */
export function trustStoreObjects(state: ElbState, logicalId: string | null): AlbTrustStore | null {
  const store = state.trustStores.find((candidate) => candidate.logicalId === logicalId);
  if (!store?.caBundlePem) return null;
  return { id: store.logicalId, caBundlePem: store.caBundlePem, crlPems: store.revocations.map((r) => r.crlPem) };
}
