// An application that expects its client's identity in X-Client-Cert-* headers, behind an ALB in mutual TLS verify
// mode that renames its mTLS headers, adds the TLS version and cipher, and puts HSTS on every response.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { addResponseHeaders, addTlsHeaders, addTlsKxHeader, renameHeaders } from '../common/alb-header-modification.js';
import { albBase, httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';

export default function stack(scope: Stack): void {
  const { vpc, bucket, alb } = albBase(scope);
  const store = trustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem');
  const app = httpTargetGroup(scope, 'AppTargets', vpc, ['10.0.1.10']);
  const listener = httpsListener(alb, 'Https', 443, elbv2.ListenerAction.forward([app]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: store,
  });
  renameHeaders(listener, {
    serialNumber: 'X-Client-Cert-Serial',
    issuer: 'X-Client-Cert-Issuer',
    subject: 'X-Client-Cert-Subject',
    validity: 'X-Client-Cert-Validity',
  });
  addTlsHeaders(alb);
  addTlsKxHeader(alb);
  addResponseHeaders(listener, {
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xContentTypeOptions: 'nosniff',
    server: false,
  });
  // The ALB answers this path itself: its own responses get the headers too.
  listener.addAction('Maintenance', {
    priority: 10,
    conditions: [elbv2.ListenerCondition.pathPatterns(['/maintenance'])],
    action: elbv2.ListenerAction.fixedResponse(503, { contentType: 'text/plain', messageBody: 'down for maintenance' }),
  });
}
