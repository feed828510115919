// ALB mutual TLS in passthrough mode: the ALB asks for a certificate, accepts any, and hands the chain to the target.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { albBase, httpTargetGroup, httpsListener } from '../common/alb-stack.js';

export default function stack(scope: Stack): void {
  const { vpc, alb } = albBase(scope);
  const echo = httpTargetGroup(scope, 'EchoTargets', vpc, ['10.0.1.10']);
  httpsListener(alb, 'Https', 443, elbv2.ListenerAction.forward([echo]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.PASS_THROUGH,
  });
}
