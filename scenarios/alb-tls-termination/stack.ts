// The ALB before November 2023 (seed 003's situation): an HTTPS listener with no mutual authentication.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { albBase, httpTargetGroup, httpsListener } from '../common/alb-stack.js';

export default function stack(scope: Stack): void {
  const { vpc, alb } = albBase(scope);
  const web = httpTargetGroup(scope, 'WebTargets', vpc, ['10.0.1.10']);
  httpsListener(alb, 'Https', 443, elbv2.ListenerAction.forward([web]));
}
