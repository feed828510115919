// A listener's port, protocol and default actions as CreateListener (and CloudFormation's property validation before
// it) accept them, and the one-listener-per-port rule of a load balancer. Pure: each check throws the AwsApiError AWS
// would answer, naming the listener. Documented rules (ELB API Reference, CreateListener): Port 1–65535; Protocol
// HTTP or HTTPS on an Application Load Balancer, TCP, TLS, UDP or TCP_UDP on a Network Load Balancer; DefaultActions
// required; a second listener on a port the load balancer already listens on is DuplicateListener ("A listener with
// the specified port already exists"). The ValidationError wordings are the sandbox's (AWS publishes the codes, not
// every message), so each is marked assumed.
// Kept apart from the rule and action field checks (sandbox/model/rule-limits.ts and what replaces it), to be folded
// into one validation module with them.
import type { CfnValue } from './cfn.js';
import { AwsApiError } from './errors.js';
import type { Listener, ListenerProtocol, LoadBalancerKind } from './topology.js';

const PROTOCOLS: Record<Exclude<LoadBalancerKind, 'classic'>, readonly ListenerProtocol[]> = {
  application: ['HTTP', 'HTTPS'],
  network: ['TCP', 'TLS', 'UDP', 'TCP_UDP'],
};

/**
 * The Port property as written (resolved): an integer 1–65535, as a number or a string of digits (CloudFormation
 * accepts "443" for an Integer property). Anything else is refused as CloudFormation or CreateListener would.
 */
export function listenerPort(written: CfnValue, logicalId: string, resource: string): number {
  if (written === undefined || written === null)
    throw new AwsApiError(
      resource,
      'CreateListener',
      'ValidationError',
      'A listener port must be specified',
      `Port is ${written === null ? 'null' : 'missing'}; give the port the load balancer listens on (1–65535)`,
      true,
    );
  const integer =
    (typeof written === 'number' && Number.isInteger(written)) ||
    (typeof written === 'string' && /^-?\d+$/.test(written.trim()));
  if (!integer)
    throw new AwsApiError(
      resource,
      'CreateStack',
      'ValidationError',
      `Properties validation failed for resource ${logicalId} with message: #/Port: expected type: Integer, found: ${typeof written === 'number' ? 'Number' : typeof written === 'string' ? 'String' : typeof written === 'boolean' ? 'Boolean' : Array.isArray(written) ? 'JSONArray' : 'JSONObject'}`,
      `Port is ${JSON.stringify(written)}; a port is a whole number from 1 to 65535`,
      true,
    );
  const port = Number(written);
  if (port < 1 || port > 65535)
    throw new AwsApiError(
      resource,
      'CreateListener',
      'ValidationError',
      `1 validation error detected: Value '${port}' at 'port' failed to satisfy constraint: Member must have value ${port < 1 ? 'greater than or equal to 1' : 'less than or equal to 65535'}`,
      `Port is ${port}; a port is a whole number from 1 to 65535`,
      true,
    );
  return port;
}

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

/** DefaultActions is required and holds at least one action. */
export function checkDefaultActions(written: CfnValue, resource: string): void {
  if (Array.isArray(written) && written.length > 0) return;
  throw new AwsApiError(
    resource,
    'CreateListener',
    'ValidationError',
    "1 validation error detected: Value at 'defaultActions' failed to satisfy constraint: Member must not be null and must have length greater than or equal to 1",
    `DefaultActions is ${JSON.stringify(written ?? null)}; a listener needs at least one default action (forward, fixed-response, redirect…)`,
    true,
  );
}

/** A second listener on a port the load balancer already listens on: DuplicateListener (HTTP 409), documented. */
export function checkPortFree(listener: Listener, existing: Listener[], resource: string): void {
  const taken = existing.find((other) => other.port === listener.port);
  if (!taken) return;
  throw new AwsApiError(
    resource,
    'CreateListener',
    'DuplicateListener',
    'A listener with the specified port already exists.',
    `${taken.path} already listens on port ${listener.port} of this load balancer`,
    false,
  );
}
