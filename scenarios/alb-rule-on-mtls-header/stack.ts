// Seed 004's experiment in CDK: a verify-mode listener whose default action is a fixed "Default Action", plus
//   aws elbv2 create-rule --priority 100 --conditions http-header X-Amzn-Mtls-Clientcert-Subject=*CN=clientA*
//     --actions fixed-response 200 text/plain "Success!!"
// and (as seed 004 did with a Lambda) a forward to an echo target to see which headers actually arrive.
// A second listener (8443) has the same rule on a header name the ALB never adds, X-Client-Cert-Subject: what a
// client-sent header does to a rule there is documented, whatever the ALB does with its own X-Amzn-Mtls-* names.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { albBase, httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';

export default function stack(scope: Stack): void {
  const { vpc, bucket, alb } = albBase(scope);
  const store = trustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem');
  const listener = httpsListener(
    alb,
    'Https',
    443,
    elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'Default Action' }),
    {
      mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
      trustStore: store,
    },
  );
  listener.addAction('SubjectRule', {
    priority: 100,
    conditions: [elbv2.ListenerCondition.httpHeader('X-Amzn-Mtls-Clientcert-Subject', ['*CN=clientA*'])],
    action: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'Success!!' }),
  });
  const echo = httpTargetGroup(scope, 'EchoTargets', vpc, ['10.0.1.10']);
  const plain = httpsListener(
    alb,
    'PlainHeader',
    8443,
    elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'Default Action' }),
    { mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY, trustStore: store },
  );
  plain.addAction('PlainSubjectRule', {
    priority: 100,
    conditions: [elbv2.ListenerCondition.httpHeader('X-Client-Cert-Subject', ['*CN=clientA*'])],
    action: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'Success!!' }),
  });
  listener.addAction('EchoRule', {
    priority: 200,
    conditions: [elbv2.ListenerCondition.pathPatterns(['/echo*'])],
    action: elbv2.ListenerAction.forward([echo]),
  });
}
