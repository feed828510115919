// Seed 003's second trade-off: the ALB keeps a user on one target with a cookie (target group stickiness lb_cookie,
// the AWSALB cookie); the NLB that replaces it can only keep a source address on one target (stickiness.type
// source_ip). Both load balancers side by side, two targets each.
import { Duration, type Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { httpsListener, httpTargetGroup } from '../common/alb-stack.js';
import { nlbTcpPassthrough } from '../common/nlb-stack.js';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });

  // Before the move: an ALB whose target group pins each browser with a load-balancer-generated cookie (AWSALB).
  const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc, internetFacing: true });
  const app = httpTargetGroup(scope, 'AppTargets', vpc, ['10.0.1.10', '10.0.1.11']);
  app.enableCookieStickiness(Duration.days(1)); // stickiness.enabled=true, stickiness.type=lb_cookie
  httpsListener(alb, 'Https', 443, elbv2.ListenerAction.forward([app]));

  // After: an NLB with a TCP listener (nginx does the client-certificate auth) and source-IP stickiness.
  const { targets: web } = nlbTcpPassthrough(scope, vpc, { targetIps: ['10.0.0.10', '10.0.0.11'] });
  // The only stickiness an NLB has (ELB "Edit target group attributes for your Network Load Balancer").
  web.setAttribute('stickiness.enabled', 'true');
  web.setAttribute('stickiness.type', 'source_ip');
}
