// Seed 004: an ALB HTTPS listener with mutual TLS in verify mode against a trust store; an echo target behind it.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { albBase, httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';

export default function stack(scope: Stack): void {
  const { vpc, bucket, alb } = albBase(scope);
  const store = trustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem');
  const echo = httpTargetGroup(scope, 'EchoTargets', vpc, ['10.0.1.10']);
  httpsListener(alb, 'Https', 443, elbv2.ListenerAction.forward([echo]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: store,
  });
}
