// Seed 000/001: a Network Load Balancer with a TCP listener that passes the TLS stream to nginx untouched.
import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { nlbTcpPassthrough } from '../common/nlb-stack.js';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 1,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  nlbTcpPassthrough(scope, vpc, { targetIps: ['10.0.0.10', '10.0.0.11'] });
}
