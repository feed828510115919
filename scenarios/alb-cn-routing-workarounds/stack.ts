// Seed 004's two ways out of "rules cannot see the verified subject":
//  1. Https:443 verifies against privateCA and forwards to nginx, which routes on X-Amzn-Mtls-Clientcert-Subject.
//  2. One trust store per client class: Https:443 trusts privateCA (class A), PartnerHttps:8443 trusts the
//     second CA (class B); each listener forwards to its own app, so the CA a client holds picks its route.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { albBase, httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';

export default function stack(scope: Stack): void {
  const { vpc, bucket, alb } = albBase(scope);
  const classA = trustStore(scope, 'ClassATrustStore', bucket, 'privateCA-bundle.pem');
  const classB = trustStore(scope, 'ClassBTrustStore', bucket, 'partnerCA-bundle.pem');
  const router = httpTargetGroup(scope, 'RouterTargets', vpc, ['10.0.1.20']);
  const partnerApp = httpTargetGroup(scope, 'PartnerAppTargets', vpc, ['10.0.1.30']);
  httpsListener(alb, 'Https', 443, elbv2.ListenerAction.forward([router]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: classA,
  });
  httpsListener(alb, 'PartnerHttps', 8443, elbv2.ListenerAction.forward([partnerApp]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: classB,
  });
}
