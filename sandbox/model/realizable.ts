// What of a compiled template the sandbox can start (compile.ts, tolerant mode): a listener or rule that names
// something the template does not hold, or that the runtime cannot realize here (UDP, a CLB's HTTP listeners, an
// NLB target group of another template's ALB), is taken out of the topology with a finding saying why, so the rest
// starts. A scenario's own stack is never trimmed: there the runtime's own errors stand. Pure.
import { type Message, msg } from '../messages.js';
import { AwsApiError } from './errors.js';
import type { Listener, LoadBalancer, NotRealized, RuleAction, Topology } from './topology.js';

/** Why something naming `id` is not realized: `id` itself is not (then say so), or `fallback`. */
export function missingReason(id: string | null, absent: Set<string>, fallback: Message): Message {
  return id !== null && absent.has(id) ? msg('tpl.needs', { id }) : fallback;
}

const forwardsOf = (actions: RuleAction[]): string[] =>
  actions.flatMap((action) =>
    action.type === 'forward' ? action.targetGroups.map((group) => group.targetGroupId) : [],
  );

/** Takes out of the topology what cannot start, each with a finding; `absent` holds what was already left out. */
export function keepRealizable(topology: Topology, absent: Set<string>): void {
  const findings: NotRealized[] = [];
  const groups = new Set(topology.targetGroups.map((group) => group.logicalId));
  const stores = new Set(topology.trustStores.map((store) => store.logicalId));
  const missingGroup = (actions: RuleAction[]) => forwardsOf(actions).find((id) => !groups.has(id)) ?? null;
  // ALBs first: an NLB listener forwarding to an ALB needs to know which of its listeners stay.
  const ordered = [...topology.loadBalancers].sort((a, b) => rank(a) - rank(b));
  for (const balancer of ordered) {
    const kept: Listener[] = [];
    for (const listener of balancer.listeners) {
      const reason = listenerProblem(balancer, listener, topology, groups, stores, absent);
      if (reason) {
        findings.push(listenerFinding(listener, reason));
        for (const rule of listener.rules)
          findings.push({
            logicalId: rule.logicalId,
            type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
            reason: msg('tpl.needs', { id: listener.logicalId }),
          });
        continue;
      }
      listener.rules = listener.rules.filter((rule) => {
        const missing = missingGroup(rule.actions);
        const unfit = balancer.kind === 'application' ? albGroupProblem(rule.actions, topology, 'CreateRule') : null;
        if (missing === null && unfit === null) return true;
        findings.push({
          logicalId: rule.logicalId,
          type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
          property: 'Actions',
          reason:
            missing === null
              ? unfit!
              : missingReason(missing, absent, msg('tpl.outside-target-group', { id: missing })),
        });
        return false;
      });
      kept.push(listener);
    }
    balancer.listeners = kept;
  }
  topology.notRealized.push(...findings);
}

const rank = (balancer: LoadBalancer): number => (balancer.kind === 'application' ? 0 : 1);

function listenerFinding(listener: Listener, reason: Message): NotRealized {
  // A Classic Load Balancer's listeners are entries of its Listeners property, not resources of their own.
  const classic = listener.logicalId.includes('.Listeners[');
  return {
    logicalId: classic ? listener.logicalId.slice(0, listener.logicalId.indexOf('.Listeners[')) : listener.logicalId,
    type: classic ? 'AWS::ElasticLoadBalancing::LoadBalancer' : 'AWS::ElasticLoadBalancingV2::Listener',
    ...(classic ? { property: `Listeners (port ${listener.port})` } : {}),
    reason,
  };
}

/** Why this listener cannot start here, or null when it can. */
function listenerProblem(
  balancer: LoadBalancer,
  listener: Listener,
  topology: Topology,
  groups: Set<string>,
  stores: Set<string>,
  absent: Set<string>,
): Message | null {
  const where = { protocol: listener.protocol, port: listener.port };
  if (balancer.kind === 'classic') return listener.protocol === 'TCP' ? null : msg('tpl.clb-listener', where);
  if (listener.protocol === 'UDP' || listener.protocol === 'TCP_UDP') return msg('tpl.udp-listener', where);
  const missing = forwardsOf(listener.defaultActions).find((id) => !groups.has(id));
  if (missing !== undefined) return missingReason(missing, absent, msg('tpl.outside-target-group', { id: missing }));
  const mutual = listener.mutualAuthentication;
  if (mutual?.mode === 'verify' && (mutual.trustStoreId === null || !stores.has(mutual.trustStoreId)))
    return missingReason(mutual.trustStoreId, absent, msg('tpl.outside-trust-store', { id: mutual.trustStoreId }));
  if (balancer.kind === 'network') return networkListenerProblem(listener, topology);
  return albGroupProblem(listener.defaultActions, topology, 'CreateListener');
}

/** An ALB forwards to HTTP or HTTPS target groups of instances, addresses or Lambda functions, never to an ALB. */
function albGroupProblem(actions: RuleAction[], topology: Topology, operation: string): Message | null {
  for (const id of forwardsOf(actions)) {
    const group = topology.targetGroups.find((candidate) => candidate.logicalId === id);
    if (!group) continue;
    if (group.targetType === 'alb' || (group.protocol !== 'HTTP' && group.protocol !== 'HTTPS'))
      return refusal(
        new AwsApiError(
          group.path,
          operation,
          'ValidationError',
          `The target group '${group.path}' is not compatible with an Application Load Balancer`,
          `${group.path} is a ${group.protocol} target group${group.targetType === 'alb' ? ' of type alb' : ''}; an ALB forwards to HTTP or HTTPS target groups`,
          true,
        ),
      );
  }
  return null;
}

/** An NLB listener forwards to one target group (NLB actions are forward only), of a protocol that fits. */
function networkListenerProblem(listener: Listener, topology: Topology): Message | null {
  const resource = `${listener.path} (AWS::ElasticLoadBalancingV2::Listener)`;
  const action = listener.defaultActions[0];
  if (action?.type !== 'forward' || listener.defaultActions.length !== 1)
    return refusal(
      new AwsApiError(
        resource,
        'CreateListener',
        'ValidationError',
        'A Network Load Balancer listener supports only a forward action',
        `the default actions are ${listener.defaultActions.map((one) => one.type).join(', ')}; an NLB listener forwards to a target group`,
        true,
      ),
    );
  const group = topology.targetGroups.find(
    (candidate) => candidate.logicalId === action.targetGroups[0]?.targetGroupId,
  )!;
  const tlsGroup = group.protocol === 'TCP' || group.protocol === 'TLS';
  if (listener.protocol === 'TLS' ? !tlsGroup : group.protocol !== 'TCP' && group.protocol !== 'TCP_UDP')
    return refusal(
      new AwsApiError(
        resource,
        'CreateListener',
        'ValidationError',
        `Listener protocol '${listener.protocol}' is not supported with a target group with the protocol '${group.protocol}'`,
        `${group.path} is a ${group.protocol} target group behind a ${listener.protocol} listener`,
        true,
      ),
    );
  if (group.targetType === 'alb') {
    if (listener.protocol !== 'TCP') return msg('tpl.alb-target-tls', { group: group.path });
    const albId = group.targets[0]?.id ?? null;
    const alb = topology.loadBalancers.find(
      (candidate) => candidate.logicalId === albId && candidate.kind === 'application',
    );
    const port = group.targets[0]?.port ?? group.port;
    if (!alb) return msg('tpl.alb-target-missing', { group: group.path, id: albId });
    if (!alb.listeners.some((candidate) => candidate.port === port))
      return msg('tpl.alb-target-port', { group: group.path, alb: alb.path, port });
  }
  return null;
}

function refusal(error: AwsApiError): Message {
  return msg('tpl.refused', {
    operation: error.operation,
    code: error.code,
    awsMessage: error.awsMessage,
    detail: error.detail,
    assumed: error.assumed,
  });
}
