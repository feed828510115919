// What CreateListener and CreateLoadBalancer check of a listener beyond the shared field checks (validate/): the
// protocols a load balancer of each kind listens with, and a Classic Load Balancer's ports. Pure: each check throws
// the AwsApiError AWS would answer, naming the listener. Documented rules (ELB API Reference, CreateListener):
// Protocol HTTP or HTTPS on an Application Load Balancer, TCP, TLS, UDP or TCP_UDP on a Network Load Balancer; the
// ValidationError wordings are the sandbox's (AWS publishes the codes, not every message), so each is marked assumed.
import { AwsApiError } from './errors.js';
import type { Listener, ListenerProtocol, LoadBalancerKind } from './topology.js';
import { Refusal, readListenerPort } from './validate/index.js';

const PROTOCOLS: Record<Exclude<LoadBalancerKind, 'classic'>, readonly ListenerProtocol[]> = {
  application: ['HTTP', 'HTTPS'],
  network: ['TCP', 'TLS', 'UDP', 'TCP_UDP'],
};

/** The protocol a load balancer of this kind accepts on a listener (a Classic Load Balancer's are checked elsewhere). */
export function checkListenerProtocol(listener: Listener, kind: LoadBalancerKind, resource: string): void {
  if (kind === 'classic') return;
  const allowed = PROTOCOLS[kind];
  if (!allowed.includes(listener.protocol))
    throw new AwsApiError(
      resource,
      'CreateListener',
      'ValidationError',
      `Listener protocol '${listener.protocol}' must be one of '${allowed.join(', ')}'`,
      `Protocol is ${listener.protocol}; ${kind === 'application' ? 'an Application' : 'a Network'} Load Balancer listens with ${allowed.join(', ')}`,
      true,
    );
}

/** A Classic Load Balancer listener's LoadBalancerPort or InstancePort: the same whole number 1–65535. */
export function classicPort(written: unknown, member: string, resource: string): number {
  try {
    return readListenerPort(written, member);
  } catch (error) {
    if (error instanceof Refusal)
      throw new AwsApiError(resource, 'CreateLoadBalancer', error.code, error.awsMessage, error.detail, error.assumed);
    throw error;
  }
}
