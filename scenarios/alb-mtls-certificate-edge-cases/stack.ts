// Verify mode against a trust store with a CRL: Https:443 checks expiry; Lenient:8443 sets IgnoreClientCertificateExpiry.
// A second ALB (AWS allows two verify-mode listeners per load balancer) has a trust store whose CRL has expired.
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
  const staleAlb = new elbv2.ApplicationLoadBalancer(scope, 'AlbStale', { vpc, internetFacing: true });
  const stale = trustStore(scope, 'StaleCrlStore', bucket, 'privateCA-bundle.pem', 'privateCA-expired.crl.pem');
  // A target group belongs to one load balancer (ELB quotas: load balancers per target group, 1).
  const staleEcho = httpTargetGroup(scope, 'StaleEchoTargets', vpc, ['10.0.1.11']);
  httpsListener(staleAlb, 'Https', 443, elbv2.ListenerAction.forward([staleEcho]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: stale,
  });
}
