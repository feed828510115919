// Certificate chains through an ALB: two verify-mode listeners (AWS allows two per load balancer), one whose trust
// store holds the root alone and one that also holds the intermediate CA, and a passthrough listener.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { albBase, httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';

export default function stack(scope: Stack): void {
  const { vpc, bucket, alb } = albBase(scope);
  const rootOnly = trustStore(scope, 'RootOnlyStore', bucket, 'privateCA-bundle.pem');
  const withIntermediate = trustStore(scope, 'WithIntermediateStore', bucket, 'privateCA-intermediateCA-bundle.pem');
  const echo = httpTargetGroup(scope, 'EchoTargets', vpc, ['10.0.1.10']);
  httpsListener(alb, 'RootOnly', 443, elbv2.ListenerAction.forward([echo]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: rootOnly,
  });
  httpsListener(alb, 'WithIntermediate', 8443, elbv2.ListenerAction.forward([echo]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: withIntermediate,
  });
  httpsListener(alb, 'Passthrough', 9443, elbv2.ListenerAction.forward([echo]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.PASS_THROUGH,
  });
}
