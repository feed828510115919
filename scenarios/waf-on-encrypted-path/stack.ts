// Seed 003's trade-off: AWS WAF can only inspect what a load balancer decrypts. Three paths to the same kind of app:
// - AlbWaf: the design before the move — an ALB terminates TLS (no client certificate) and a web ACL inspects
//   every request (a SQL-injection rule on the query string, a string match on the URI path);
// - Nlb: "then" — an NLB TCP listener passes TLS through to nginx, which authenticates the client; the load
//   balancer never sees the plaintext, and AWS WAF cannot be associated with an NLB anyway;
// - AlbMtlsWaf: "now" — an ALB with mutual TLS in verify mode (since November 2023) and the same web ACL: client
//   certificate authentication and inspection at once.
import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';
import { nlbTcpPassthrough } from '../common/nlb-stack.js';
import { visibility, webAclOnAlbs, blockSqliInQueryString } from '../common/waf-stack.js';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const bucket = new s3.Bucket(scope, 'TrustStoreBucket');

  // Before the move: ALB + AWS WAF, TLS ends at the ALB, no client certificate.
  const albWaf = new elbv2.ApplicationLoadBalancer(scope, 'AlbWaf', { vpc, internetFacing: true });
  httpsListener(
    albWaf,
    'Https',
    443,
    elbv2.ListenerAction.forward([httpTargetGroup(scope, 'AppTargets', vpc, ['10.0.1.10'])]),
  );

  // Then: NLB TCP passthrough to nginx, which asks for and checks the client certificate.
  nlbTcpPassthrough(scope, vpc, { targetIps: ['10.0.2.10'] });

  // Now: ALB with mutual TLS in verify mode against a trust store, and the same web ACL.
  const albMtlsWaf = new elbv2.ApplicationLoadBalancer(scope, 'AlbMtlsWaf', { vpc, internetFacing: true });
  const store = trustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem');
  httpsListener(
    albMtlsWaf,
    'Https',
    443,
    elbv2.ListenerAction.forward([httpTargetGroup(scope, 'NowTargets', vpc, ['10.0.3.10'])]),
    {
      mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
      trustStore: store,
    },
  );

  // The web ACL: allow by default; block SQL injection in the (URL-decoded) query string and anything under /admin.
  // AWS WAF attaches to ALBs (and CloudFront, API Gateway…), never to an NLB: both associations are to ALBs.
  webAclOnAlbs(
    scope,
    'sandbox-web-acl',
    [
      blockSqliInQueryString(0, ['URL_DECODE', 'LOWERCASE']),
      {
        name: 'BlockAdminPath',
        priority: 1,
        action: { block: {} },
        visibilityConfig: visibility('BlockAdminPath'),
        statement: {
          byteMatchStatement: {
            fieldToMatch: { uriPath: {} },
            positionalConstraint: 'STARTS_WITH',
            searchString: '/admin',
            textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
          },
        },
      },
    ],
    { WebAclOnAlbWaf: albWaf, WebAclOnAlbMtlsWaf: albMtlsWaf },
  );
}
