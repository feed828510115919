// The CDK building block the NLB passthrough scenarios share: an internet-facing NLB whose TCP:443 listener
// forwards to a TCP target group of IP targets (nginx does the TLS and the client auth behind it).
import { Duration, type Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IpTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';

export interface NlbPassthroughOptions {
  /** Registered target addresses (port 443); the scenario maps one local backend to each, in order. */
  targetIps: string[];
  /** The listener's port; 443 as in the seeds. */
  listenerPort?: number;
  /** Target group health check; by default TCP every 10 s, 2 healthy / 2 unhealthy. */
  healthCheck?: elbv2.HealthCheck;
  /** Other target group settings a seed names (e.g. its deregistration delay). */
  targetGroup?: Partial<elbv2.NetworkTargetGroupProps>;
}

export function nlbTcpPassthrough(
  scope: Stack,
  vpc: ec2.IVpc,
  options: NlbPassthroughOptions,
): { nlb: elbv2.NetworkLoadBalancer; targets: elbv2.NetworkTargetGroup } {
  const nlb = new elbv2.NetworkLoadBalancer(scope, 'Nlb', { vpc, internetFacing: true });
  const targets = new elbv2.NetworkTargetGroup(scope, 'WebTargets', {
    vpc,
    port: 443,
    protocol: elbv2.Protocol.TCP,
    targetType: elbv2.TargetType.IP,
    targets: options.targetIps.map((ip) => new IpTarget(ip, 443)),
    healthCheck: options.healthCheck ?? {
      protocol: elbv2.Protocol.TCP,
      interval: Duration.seconds(10),
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 2,
    },
    ...options.targetGroup,
  });
  // TCP, not TLS: a TLS listener would end the handshake at the load balancer and the client certificate
  // would never reach nginx (AWS re:Post, "For mTLS support, create a TCP listener instead of a TLS listener").
  nlb.addListener('Tcp443', {
    port: options.listenerPort ?? 443,
    protocol: elbv2.Protocol.TCP,
    defaultTargetGroups: [targets],
  });
  return { nlb, targets };
}
