// Seed 000: a Classic Load Balancer whose listener is TCP:443 → TCP:443, so nginx on the instances does the TLS.
import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { clbTcpPassthrough } from '../common/clb-stack.js';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 1,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const web = ['Web1', 'Web2'].map(
    (id) =>
      new ec2.Instance(scope, id, {
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
        instanceType: new ec2.InstanceType('t3.micro'),
        // Seed 000 ran Amazon Linux 2 with nginx installed; the AMI id comes from SSM at deploy time.
        machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      }),
  );
  clbTcpPassthrough(scope, vpc, web);
}
