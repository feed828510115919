// Listener rules on a Network Load Balancer (July 2026), checked when a rule is attached to its listener: what
// CreateRule accepts on an NLB, and the NLB-only field an ALB rule must not carry (docs/aws-facts.md#nlb-listener-rules).
// Pure. Documented (ELB API Reference, botocore 1.44.18):
//   CreateRule: "The listener must be associated with an Application Load Balancer or a dual-stack Network Load
//     Balancer."
//   RuleCondition: "For Network Load Balancer listener rules, the only supported condition is source-ip. Use
//     SourceIpConfig with IpAddressType to match on the IP address type of the source traffic (ipv4 or ipv6)."
//   SourceIpConditionConfig: "For Application Load Balancers, use Values to specify CIDR ranges. For Network Load
//     Balancers, use IpAddressType"; IpAddressType is "The IP address type for Network Load Balancers".
//   Action: fixed-response and redirect are "[Application Load Balancer]"; the NLB guide's rules forward to target
//     groups ("Add a listener rule").
//   LoadBalancer IpAddressType: ipv4 | dualstack | dualstack-without-public-ipv4; SourceIpAddressTypeEnum: ipv4 | ipv6.
// AWS publishes no error code or message for breaking these; the ValidationError answers here are assumed, like the
// other rule refusals of the compiler (model/rule-limits.ts).
import { AwsApiError } from './errors.js';
import type { ListenerRule, LoadBalancer } from './topology.js';

const VALIDATION = 'ValidationError';
const LB_TYPES = ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'] as const;
const SOURCE_TYPES = ['ipv4', 'ipv6'] as const;

/** The API's own wording for a value outside a modeled enum (as real AWS answers for other enum members). */
const enumConstraint = (value: string, member: string, allowed: readonly string[]) =>
  `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`;

/** A load balancer's IpAddressType as written; absent is ipv4 (the API's default). */
export function readIpAddressType(written: string | null): NonNullable<LoadBalancer['ipAddressType']> {
  const value = written ?? 'ipv4';
  if (!(LB_TYPES as readonly string[]).includes(value))
    throw new Error(enumConstraint(value, 'ipAddressType', LB_TYPES));
  return value as NonNullable<LoadBalancer['ipAddressType']>;
}

/** SourceIpConfig.IpAddressType as written. */
export function readSourceIpAddressType(written: unknown): 'ipv4' | 'ipv6' {
  const value = String(written);
  if (!(SOURCE_TYPES as readonly string[]).includes(value))
    throw new Error(enumConstraint(value, 'conditions.member.sourceIpConfig.ipAddressType', SOURCE_TYPES));
  return value as 'ipv4' | 'ipv6';
}

/** True for an NLB whose clients can come over IPv6 as well as IPv4. */
export function isDualStack(balancer: Pick<LoadBalancer, 'ipAddressType'>): boolean {
  return balancer.ipAddressType === 'dualstack' || balancer.ipAddressType === 'dualstack-without-public-ipv4';
}

/** Throws the AwsApiError CreateRule would answer for this rule on this load balancer, if any. */
export function checkRuleForLoadBalancer(
  rule: ListenerRule,
  balancer: Pick<LoadBalancer, 'kind' | 'path' | 'ipAddressType'>,
  resource: string,
): void {
  const refuse = (message: string, detail: string): never => {
    throw new AwsApiError(resource, 'CreateRule', VALIDATION, message, detail, true);
  };
  if (balancer.kind !== 'network') {
    for (const condition of rule.conditions)
      if (condition.field === 'source-ip' && condition.ipAddressType !== undefined)
        refuse(
          'IpAddressType is supported only for Network Load Balancer listener rules',
          `an Application Load Balancer's source-ip condition takes Values (CIDR blocks), not IpAddressType ${condition.ipAddressType}`,
        );
    return;
  }
  if (!isDualStack(balancer))
    refuse(
      'Listener rules are supported only for dual-stack Network Load Balancers',
      `${balancer.path} has IpAddressType ${balancer.ipAddressType ?? 'ipv4'}; give it IpAddressType dualstack (in CDK, ipAddressType: IpAddressType.DUAL_STACK) or route with the default action alone`,
    );
  if (rule.conditions.length === 0)
    refuse('A rule must have at least one condition', 'give the rule a source-ip condition with IpAddressType');
  for (const condition of rule.conditions) {
    if (condition.field !== 'source-ip')
      refuse(
        `The condition field '${condition.field}' is not supported for Network Load Balancer listener rules`,
        'for Network Load Balancer listener rules the only supported condition is source-ip (SourceIpConfig with IpAddressType ipv4 or ipv6)',
      );
    else if (condition.ipAddressType === undefined)
      refuse(
        'A source-ip condition of a Network Load Balancer listener rule must have an IpAddressType',
        `SourceIpConfig has ${condition.values.length > 0 ? `Values ${condition.values.join(', ')}` : 'nothing'}; an NLB matches the address type of the source (IpAddressType ipv4 or ipv6), not CIDR blocks`,
      );
    else if (condition.values.length > 0)
      refuse(
        'A source-ip condition of a Network Load Balancer listener rule takes IpAddressType, not Values',
        `SourceIpConfig has IpAddressType ${condition.ipAddressType} and Values ${condition.values.join(', ')}; AWS documents Values for Application Load Balancers only`,
      );
  }
  for (const action of rule.actions)
    if (action.type !== 'forward')
      refuse(
        `The action type '${action.type}' is not supported for Network Load Balancer listener rules`,
        'a Network Load Balancer listener rule forwards to target groups; fixed-response and redirect are Application Load Balancer actions',
      );
}
