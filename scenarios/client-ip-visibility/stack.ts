// Seed 003's third trade-off: who the target thinks the client is. Behind the ALB the target's peer is the ALB and
// the client is in X-Forwarded-For; behind an NLB the client's own address arrives when client IP preservation is on
// (the default for instance targets, not for IP targets of a TCP group), or in a Proxy Protocol v2 header; behind a
// CLB with a TCP listener, in a Proxy Protocol v1 header.
import { Duration, type Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elb from 'aws-cdk-lib/aws-elasticloadbalancing';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IpTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import { httpsListener, httpTargetGroup } from '../common/alb-stack.js';
import { clbTcpPassthrough } from '../common/clb-stack.js';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });

  // Before the move: the ALB ends TLS and HTTP; X-Forwarded-For carries the client (append mode, the default).
  const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc, internetFacing: true });
  httpsListener(
    alb,
    'Https',
    443,
    elbv2.ListenerAction.forward([httpTargetGroup(scope, 'AppTargets', vpc, ['10.0.1.10'])]),
  );

  // After: one NLB, three TCP listeners, three ways a target group can treat the client's address.
  const nlb = new elbv2.NetworkLoadBalancer(scope, 'Nlb', { vpc, internetFacing: true });
  const group = (id: string, address: string, props: Partial<elbv2.NetworkTargetGroupProps>) =>
    new elbv2.NetworkTargetGroup(scope, id, {
      vpc,
      port: 443,
      protocol: elbv2.Protocol.TCP,
      targetType: elbv2.TargetType.IP,
      targets: [new IpTarget(address, 443)],
      healthCheck: {
        protocol: elbv2.Protocol.TCP,
        interval: Duration.seconds(10),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
      },
      ...props,
    });
  // preserve_client_ip.enabled=true: the target sees the client's address as the connection's source.
  nlb.addListener('Tcp443', {
    port: 443,
    protocol: elbv2.Protocol.TCP,
    defaultTargetGroups: [group('PreservedTargets', '10.0.0.10', { preserveClientIp: true })],
  });
  // No attribute: IP targets of a TCP group do not preserve the client's address by default.
  nlb.addListener('Tcp8443', {
    port: 8443,
    protocol: elbv2.Protocol.TCP,
    defaultTargetGroups: [group('IpTargets', '10.0.0.11', {})],
  });
  // proxy_protocol_v2.enabled=true: the NLB's address as the source, the client's in a header before the TLS bytes.
  nlb.addListener('Tcp9443', {
    port: 9443,
    protocol: elbv2.Protocol.TCP,
    defaultTargetGroups: [group('ProxyV2Targets', '10.0.0.12', { proxyProtocolV2: true, preserveClientIp: false })],
  });

  // July 2026: listener rules on a dual-stack NLB. IPv6 clients go to their own target group (source-ip by address
  // family), IPv4 clients to the default action's. aws-cdk-lib 2.278.0's NLB listener has no rule API, so the rule
  // is its L1, CfnListenerRule, whose SourceIpConfig takes IpAddressType.
  const dual = new elbv2.NetworkLoadBalancer(scope, 'NlbDualStack', {
    vpc,
    internetFacing: true,
    ipAddressType: elbv2.IpAddressType.DUAL_STACK,
  });
  const dualListener = dual.addListener('Tcp443', {
    port: 443,
    protocol: elbv2.Protocol.TCP,
    defaultTargetGroups: [group('Ipv4Targets', '10.0.0.13', {})],
  });
  new elbv2.CfnListenerRule(scope, 'Ipv6Rule', {
    listenerArn: dualListener.listenerArn,
    priority: 10,
    conditions: [{ field: 'source-ip', sourceIpConfig: { ipAddressType: 'ipv6' } }],
    actions: [{ type: 'forward', targetGroupArn: group('Ipv6Targets', '10.0.0.14', {}).targetGroupArn }],
  });

  // Seed 000's CLB with a TCP listener, and Proxy Protocol v1 on the instance port (a ProxyProtocolPolicyType
  // policy; the console cannot set it, CloudFormation can).
  const instance = new ec2.Instance(scope, 'Web', {
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  });
  const clb = clbTcpPassthrough(scope, vpc, [instance]);
  (clb.node.defaultChild as elb.CfnLoadBalancer).policies = [
    {
      policyName: 'EnableProxyProtocol',
      policyType: 'ProxyProtocolPolicyType',
      attributes: [{ Name: 'ProxyProtocol', Value: 'true' }],
      instancePorts: ['443'],
    },
  ];
}
