// Seed 000/001: a Network Load Balancer with a TCP listener that passes the TLS stream to nginx untouched.
import { Duration, type Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IpTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
  const nlb = new elbv2.NetworkLoadBalancer(scope, 'Nlb', { vpc, internetFacing: true });
  const targets = new elbv2.NetworkTargetGroup(scope, 'WebTargets', {
    vpc,
    port: 443,
    protocol: elbv2.Protocol.TCP,
    targetType: elbv2.TargetType.IP,
    targets: [new IpTarget('10.0.0.10', 443), new IpTarget('10.0.0.11', 443)],
    healthCheck: { protocol: elbv2.Protocol.TCP, interval: Duration.seconds(10), healthyThresholdCount: 2, unhealthyThresholdCount: 2 },
  });
  // TCP, not TLS: a TLS listener would end the handshake at the load balancer and the client certificate
  // would never reach nginx (AWS re:Post, "For mTLS support, create a TCP listener instead of a TLS listener").
  nlb.addListener('Tcp443', { port: 443, protocol: elbv2.Protocol.TCP, defaultTargetGroups: [targets] });
}
