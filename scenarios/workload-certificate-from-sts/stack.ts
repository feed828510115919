// A workload's certificate from STS (December 2026): an X509-SVID with an empty subject DN and one URI SAN, signed by
// the CA of a workload identity provider (workloadCA stands in for its AWS Private CA; a trust bundle's root). The
// same certificate against every front door that can verify it, each trusting workloadCA:
// - Nlb: TLS listeners in verify mode — Tls443 filters on a SAN URI prefix (the SPIFFE ID's path), Tls8443 on a
//   subject CN, which such a certificate does not have;
// - Alb: an HTTPS listener in verify mode, telling its target the certificate's fields in X-Amzn-Mtls-Clientcert-*;
// - Cf: CloudFront viewer mTLS, required, forwarding CloudFront-Viewer-Cert-* to its origin.
import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';
import {
  cloudFrontTrustStore,
  originRequestPolicy,
  VIEWER_CERT_HEADERS,
  viewerMtlsDistribution,
} from '../common/cloudfront-mtls.js';
import { nlbTargetGroup, nlbTlsListener } from '../common/nlb-mtls.js';

/** The SPIFFE ID path the workload's trust domain gives the payments team (certs/recipes.ts: the workload recipe). */
const PAYMENTS_PREFIX = 'spiffe://example.org/payments/';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const bucket = new s3.Bucket(scope, 'TrustBundleBucket');
  // The provider's trust bundle (GetTrustBundles: the root CA in the x509-svid key's x5c), as a PEM CA bundle.
  const store = trustStore(scope, 'WorkloadTrustStore', bucket, 'workload-trust-bundle.pem');

  const nlb = new elbv2.NetworkLoadBalancer(scope, 'Nlb', { vpc, internetFacing: true });
  const nlbTargets = nlbTargetGroup(scope, 'NlbTargets', vpc, {
    targetIps: ['10.0.0.10'],
    protocol: elbv2.Protocol.TCP,
    port: 8080,
  });
  nlbTlsListener(nlb, 'Tls443', {
    targetGroup: nlbTargets,
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    mutualTls: {
      trustStore: store,
      identityFilters: [{ field: 'san-uri', matchType: 'prefix', value: PAYMENTS_PREFIX }],
    },
  });
  nlbTlsListener(nlb, 'Tls8443', {
    port: 8443,
    targetGroup: nlbTargets,
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    mutualTls: { trustStore: store, identityFilters: [{ field: 'subject-cn', matchType: 'exact', value: 'checkout' }] },
  });

  const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc, internetFacing: true });
  httpsListener(
    alb,
    'Verify',
    443,
    elbv2.ListenerAction.forward([httpTargetGroup(scope, 'AlbTargets', vpc, ['10.0.1.10'])]),
    {
      mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
      trustStore: store,
    },
  );

  viewerMtlsDistribution(scope, 'Cf', {
    mode: 'required',
    trustStore: cloudFrontTrustStore(scope, 'CfTrustStore', bucket, 'workload-trust-bundle.pem'),
    originDomainName: 'origin.example.test',
    originRequestPolicy: originRequestPolicy(scope, 'CfCertHeaders', VIEWER_CERT_HEADERS),
  });
}
