// The same clients against three designs for client certificates, one per era, side by side in one stack:
// - Nlb2021 (seeds 000 and 001; the design seed 003 studied): an NLB TCP listener passes TLS through; nginx asks for
//   and verifies the certificate (ssl_verify_client on);
// - Alb2023: an ALB HTTPS listener in mutual TLS verify mode against a trust store, sending the target the
//   certificate's fields in X-Amzn-Mtls-Clientcert-* headers, with an AWS WAF web ACL in front;
// - Nlb2026: an NLB TLS listener in mutual TLS verify mode with client certificate identity filters, and a new TLS
//   connection of its own to nginx (which asks for no certificate), client IPs preserved.
import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';
import { nlbTargetGroup, nlbTlsListener } from '../common/nlb-mtls.js';
import { blockSqliInQueryString, webAclOnAlbs } from '../common/waf-stack.js';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const bucket = new s3.Bucket(scope, 'TrustStoreBucket');
  // One trust store (privateCA and its CRL) for both load balancers that verify: the same ELBv2 resource.
  const store = trustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem', 'privateCA.crl.pem');

  // 2021: TCP passthrough, nginx verifies.
  const then = new elbv2.NetworkLoadBalancer(scope, 'Nlb2021', { vpc, internetFacing: true });
  then.addListener('Tcp443', {
    port: 443,
    protocol: elbv2.Protocol.TCP,
    defaultTargetGroups: [
      // Seed 000's targets were EC2 instances, whose client IP preservation is on by default; the same here.
      nlbTargetGroup(scope, 'SeedTargets', vpc, {
        targetIps: ['10.0.1.10'],
        protocol: elbv2.Protocol.TCP,
        preserveClientIp: true,
      }),
    ],
  });

  // 2023: ALB mutual TLS, verify mode, headers to the target, AWS WAF in front.
  const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb2023', { vpc, internetFacing: true });
  httpsListener(
    alb,
    'Https',
    443,
    elbv2.ListenerAction.forward([httpTargetGroup(scope, 'AlbTargets', vpc, ['10.0.2.10'])]),
    {
      mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
      trustStore: store,
    },
  );
  // AWS WAF attaches to the ALB; it has no place in front of either NLB.
  webAclOnAlbs(scope, 'then-and-now-web-acl', [blockSqliInQueryString(0, ['URL_DECODE'])], { WebAclOnAlb2023: alb });

  // 2026: NLB TLS listener, mutual TLS verify with identity filters, TLS to the target, client IPs preserved.
  const now = new elbv2.NetworkLoadBalancer(scope, 'Nlb2026', { vpc, internetFacing: true });
  nlbTlsListener(now, 'Tls443', {
    targetGroup: nlbTargetGroup(scope, 'NlbTargets', vpc, {
      targetIps: ['10.0.3.10'],
      protocol: elbv2.Protocol.TLS,
      preserveClientIp: true,
    }),
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    mutualTls: {
      trustStore: store,
      identityFilters: [
        { field: 'subject-cn', matchType: 'exact', value: 'clientA' },
        { field: 'san-uri', matchType: 'prefix', value: 'spiffe://example.org/ns/prod/' },
      ],
    },
  });
}
