// Verify mode against a trust store with a CRL: Https:443 checks expiry; Lenient:8443 sets IgnoreClientCertificateExpiry.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { albBase, httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';

export default function stack(scope: Stack): void {
  const { vpc, bucket, alb } = albBase(scope);
  const store = trustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem', 'privateCA.crl.pem');
  const echo = httpTargetGroup(scope, 'EchoTargets', vpc, ['10.0.1.10']);
  httpsListener(alb, 'Https', 443, elbv2.ListenerAction.forward([echo]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: store,
  });
  httpsListener(alb, 'Lenient', 8443, elbv2.ListenerAction.forward([echo]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: store,
    ignoreClientCertificateExpiry: true,
  });
}
