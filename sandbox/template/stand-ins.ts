// What stands behind a template's target groups and Classic Load Balancers, and how each stand-in is labelled: one
// backend per registered target (one when none is registered), an echo server for HTTP, nginx where the target
// speaks TLS, nginx also where a Proxy Protocol header arrives (the echo server cannot read one). Every stand-in
// carries a label saying what it stands in for and, for a group with no registered targets, what AWS would do
// instead — shown on its component line and on every probe it answers. A target group of type alb has no stand-in:
// the NLB forwards to the ALB the sandbox realized. Pure.
import { type Message, msg } from '../messages.js';
import type { Listener, TargetGroup, Topology } from '../model/topology.js';
import type { BackendSpec } from '../scenario.js';
import { slug } from './slug.js';

const NETWORK_PROTOCOLS = new Set(['TCP', 'TLS', 'UDP', 'TCP_UDP']);

export function standIns(topology: Topology): Record<string, BackendSpec[]> {
  // No prototype: a construct path from the template is a key like any other.
  const targets: Record<string, BackendSpec[]> = Object.create(null);
  const taken = new Set<string>();
  // Two paths can slug alike ("A/B", "A-B"): each backend gets a name of its own, or they would be one process.
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; taken.has(name); n += 1) name = `${base}-${n}`;
    taken.add(name);
    return name;
  };
  for (const group of topology.targetGroups) {
    if (group.targetType === 'alb') continue;
    const count = Math.max(1, group.targets.length);
    const kind = NETWORK_PROTOCOLS.has(group.protocol) ? 'network' : 'application';
    targets[group.path] = Array.from({ length: count }, (_, index): BackendSpec => {
      const registered = group.targets[index];
      const standIn: Message = registered
        ? msg('tpl.stand-in-registered', {
            group: group.path,
            target: `${registered.id}:${registered.port ?? group.port ?? '?'}`,
          })
        : msg('tpl.stand-in-empty', { group: group.path, kind });
      return backend(unique(`${slug(group.path) || 'group'}-${index + 1}`), speaksTls(group, topology), group, standIn);
    });
  }
  for (const balancer of topology.loadBalancers.filter((candidate) => candidate.kind === 'classic')) {
    const count = Math.max(1, balancer.classicInstances.length);
    const tcp = balancer.listeners.some((listener) => listener.protocol === 'TCP' || listener.protocol === 'SSL');
    targets[balancer.path] = Array.from({ length: count }, (_, index): BackendSpec => {
      const instance = balancer.classicInstances[index];
      const standIn: Message = instance
        ? msg('tpl.stand-in-registered', { group: balancer.path, target: `instance ${instance}` })
        : msg('tpl.stand-in-empty', { group: balancer.path, kind: 'network' });
      const name = unique(`${slug(balancer.path) || 'clb'}-${index + 1}`);
      return tcp ? { kind: 'nginx', name, profile: 'tls', standIn } : { kind: 'echo', name, standIn };
    });
  }
  // A viewer-mTLS distribution's origin: your origin, an S3 bucket, a function URL — none of which runs here.
  for (const distribution of topology.cloudFront?.distributions ?? []) {
    const { origin } = distribution;
    const standIn = msg('tpl.stand-in-origin', {
      origin: origin.domainName,
      what: origin.kind === 's3' ? 'an S3 bucket (nor its origin access control)' : 'your origin',
    });
    const name = unique(`${slug(distribution.path) || 'distribution'}-origin`);
    // CloudFront reaches an HTTPS origin over TLS (S3 always): the stand-in must speak it.
    targets[distribution.path] = [
      origin.protocol === 'https' ? { kind: 'nginx', name, profile: 'tls', standIn } : { kind: 'echo', name, standIn },
    ];
  }
  return targets;
}

function backend(name: string, tls: boolean, group: TargetGroup, standIn: Message): BackendSpec {
  if (tls) return { kind: 'nginx', name, profile: 'tls', standIn };
  // The echo server cannot read the Proxy Protocol header the group sends; nginx can.
  if (group.proxyProtocolV2) return { kind: 'nginx', name, profile: 'plain-http', standIn };
  return { kind: 'echo', name, standIn };
}

/**
 * A TLS or HTTPS target group (the load balancer opens TLS to its targets), or a TCP one behind a TCP listener (the
 * client's TLS passes through): its stand-in must speak TLS.
 */
function speaksTls(group: TargetGroup, topology: Topology): boolean {
  if (group.protocol === 'TLS' || group.protocol === 'HTTPS') return true;
  if (group.protocol !== 'TCP') return false;
  return topology.loadBalancers.some((balancer) =>
    balancer.listeners.some(
      (listener) => listener.protocol === 'TCP' && forwardsTo(listener).includes(group.logicalId),
    ),
  );
}

export const forwardsTo = (listener: Listener): string[] =>
  [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)].flatMap((action) =>
    action.type === 'forward' ? action.targetGroups.map((group) => group.targetGroupId) : [],
  );
