// One client certificate through every front door the sandbox has, side by side in one stack:
// - Nlb (TCP 443): passes TLS through; nginx ends it and verifies (ssl_verify_client on);
// - Alb (HTTPS 443 verify, HTTPS 8443 passthrough): ends TLS, verifies (or not) and tells the target in headers;
// - AlbRenamed (HTTPS 443 verify): the same, its mTLS headers renamed and the TLS version and cipher added;
// - NlbTls (TLS 443 verify): ends TLS and verifies, then opens a TLS connection of its own to nginx;
// - CfRequired, CfPassthrough: CloudFront viewer mTLS, required (CloudFront-Viewer-Cert-* headers to the origin) and
//   passthrough (Client-Cert to the origin, which must verify it);
// - CfOriginMtls → AlbBehindCf: CloudFront viewer mTLS in front, origin mTLS (2026) towards an ALB in verify mode
//   whose trust store holds only the CA of CloudFront's own client certificate: the ALB verifies CloudFront, not the
//   viewer; the viewer's identity travels on in the CloudFront-Viewer-Cert-* headers the origin request policy lists.
import type { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addTlsHeaders, addTlsKxHeader, renameHeaders } from '../common/alb-header-modification.js';
import { httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';
import {
  cloudFrontTrustStore,
  originRequestPolicy,
  PASSTHROUGH_HEADERS,
  VIEWER_CERT_HEADERS,
  viewerMtlsDistribution,
} from '../common/cloudfront-mtls.js';
import { nlbTargetGroup, nlbTlsListener } from '../common/nlb-mtls.js';

/** The origin both distributions forward to (an echo target each). */
const ORIGIN = 'origin.example.test';

export default function stack(scope: Stack): void {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const bucket = new s3.Bucket(scope, 'TrustStoreBucket');
  const store = trustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem');

  const tcp = new elbv2.NetworkLoadBalancer(scope, 'Nlb', { vpc, internetFacing: true });
  tcp.addListener('Tcp443', {
    port: 443,
    protocol: elbv2.Protocol.TCP,
    defaultTargetGroups: [
      nlbTargetGroup(scope, 'NginxTargets', vpc, { targetIps: ['10.0.1.10'], protocol: elbv2.Protocol.TCP }),
    ],
  });

  const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc, internetFacing: true });
  const app = httpTargetGroup(scope, 'AlbTargets', vpc, ['10.0.2.10']);
  httpsListener(alb, 'Verify', 443, elbv2.ListenerAction.forward([app]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: store,
  });
  httpsListener(alb, 'Passthrough', 8443, elbv2.ListenerAction.forward([app]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.PASS_THROUGH,
  });

  const renamed = new elbv2.ApplicationLoadBalancer(scope, 'AlbRenamed', { vpc, internetFacing: true });
  const renamedApp = httpTargetGroup(scope, 'RenamedTargets', vpc, ['10.0.3.10']);
  const listener = httpsListener(renamed, 'Verify', 443, elbv2.ListenerAction.forward([renamedApp]), {
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: store,
  });
  renameHeaders(listener, {
    serialNumber: 'X-Client-Cert-Serial',
    issuer: 'X-Client-Cert-Issuer',
    subject: 'X-Client-Cert-Subject',
    validity: 'X-Client-Cert-Validity',
    leaf: 'X-Client-Cert-Leaf',
  });
  addTlsHeaders(renamed);
  addTlsKxHeader(renamed);

  const nlbTls = new elbv2.NetworkLoadBalancer(scope, 'NlbTls', { vpc, internetFacing: true });
  nlbTlsListener(nlbTls, 'Tls443', {
    targetGroup: nlbTargetGroup(scope, 'NlbTlsTargets', vpc, {
      targetIps: ['10.0.4.10'],
      protocol: elbv2.Protocol.TLS,
    }),
    sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
    mutualTls: { trustStore: store },
  });

  // CloudFront has its own trust store resource; it reads the same bundle.
  const cfTrustStore = cloudFrontTrustStore(scope, 'CfTrustStore', bucket, 'privateCA-bundle.pem');
  viewerMtlsDistribution(scope, 'CfRequired', {
    mode: 'required',
    trustStore: cfTrustStore,
    originDomainName: ORIGIN,
    originRequestPolicy: originRequestPolicy(scope, 'CfCertHeaders', VIEWER_CERT_HEADERS),
  });
  viewerMtlsDistribution(scope, 'CfPassthrough', {
    mode: 'passthrough',
    originDomainName: ORIGIN,
    originRequestPolicy: originRequestPolicy(scope, 'CfClientCert', PASSTHROUGH_HEADERS),
  });

  // Origin mTLS: the ALB trusts only originClientCA, the CA of the certificate CloudFront presents.
  const albBehindCf = new elbv2.ApplicationLoadBalancer(scope, 'AlbBehindCf', { vpc, internetFacing: true });
  httpsListener(
    albBehindCf,
    'Verify',
    443,
    elbv2.ListenerAction.forward([httpTargetGroup(scope, 'CfAlbTargets', vpc, ['10.0.5.10'])]),
    {
      mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
      trustStore: trustStore(scope, 'OriginClientTrustStore', bucket, 'origin-client-ca-bundle.pem'),
    },
  );
  viewerMtlsDistribution(scope, 'CfOriginMtls', {
    mode: 'required',
    trustStore: cfTrustStore,
    originDomainName: albBehindCf.loadBalancerDnsName,
    originRequestPolicy: originRequestPolicy(scope, 'CfViewerCertToAlb', VIEWER_CERT_HEADERS),
    originMtls: { clientCertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/cloudfront-origin-client' },
  });
}
