// The CDK building block of seed 000's Classic Load Balancer: an internet-facing CLB whose listener is TCP:443 →
// TCP:443 with a TCP health check, so the TLS stream (and the client auth) reaches nginx on the instances.
import { Duration, type Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elb from 'aws-cdk-lib/aws-elasticloadbalancing';

export function clbTcpPassthrough(scope: Stack, vpc: ec2.IVpc, instances: ec2.Instance[]): elb.LoadBalancer {
  return new elb.LoadBalancer(scope, 'Clb', {
    vpc,
    internetFacing: true,
    listeners: [
      {
        externalPort: 443,
        externalProtocol: elb.LoadBalancingProtocol.TCP,
        internalPort: 443,
        internalProtocol: elb.LoadBalancingProtocol.TCP,
      },
    ],
    healthCheck: {
      port: 443,
      protocol: elb.LoadBalancingProtocol.TCP,
      interval: Duration.seconds(10),
      healthyThreshold: 2,
      unhealthyThreshold: 2,
    },
    targets: instances.map((instance) => new elb.InstanceTarget(instance)),
  });
}
