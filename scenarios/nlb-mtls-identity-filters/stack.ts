// NLB mutual TLS (November 2026): three TLS listeners in verify mode against one trust store (privateCA and its CRL),
// in front of one TCP target group (an echo target, client IPs preserved):
// - Tls443 (TLS 1.3 policy): four identity filters, one per field — a SPIFFE ID prefix, a partner's DNS name, a
//   team's OU, an operator console's CN;
// - Tls8443 (the default policy, TLS 1.2): an empty filter list, so every certificate the trust store verifies;
// - Tls9443: the partner's DNS name as a prefix instead of exact, to show what a prefix lets through.
// aws-cdk-lib 2.276.0 has no NLB mutual TLS, so scenarios/common/nlb-mtls.ts writes it with addPropertyOverride.
import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { trustStore } from '../common/alb-stack.js';
import { nlbTargetGroup, nlbTlsListener } from '../common/nlb-mtls.js';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 1,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const bucket = new s3.Bucket(scope, 'TrustStoreBucket');
  // The same kind of trust store an ALB uses: a CA bundle in S3 and a CRL added to it.
  const store = trustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem', 'privateCA.crl.pem');
  const nlb = new elbv2.NetworkLoadBalancer(scope, 'Nlb', { vpc, internetFacing: true });
  const targets = nlbTargetGroup(scope, 'AppTargets', vpc, {
    targetIps: ['10.0.0.10'],
    protocol: elbv2.Protocol.TCP,
    port: 8080,
    preserveClientIp: true,
  });
  nlbTlsListener(nlb, 'Tls443', {
    targetGroup: targets,
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    mutualTls: {
      trustStore: store,
      identityFilters: [
        { field: 'san-uri', matchType: 'prefix', value: 'spiffe://example.org/ns/prod/' },
        { field: 'san-dns', matchType: 'exact', value: 'api.partner.example.com' },
        { field: 'subject-ou', matchType: 'exact', value: 'payments' },
        { field: 'subject-cn', matchType: 'exact', value: 'ops-console' },
      ],
    },
  });
  nlbTlsListener(nlb, 'Tls8443', {
    port: 8443,
    targetGroup: targets,
    mutualTls: { trustStore: store, identityFilters: [] },
  });
  nlbTlsListener(nlb, 'Tls9443', {
    port: 9443,
    targetGroup: targets,
    mutualTls: {
      trustStore: store,
      identityFilters: [{ field: 'san-dns', matchType: 'prefix', value: 'api.partner.example.com' }],
    },
  });
}
