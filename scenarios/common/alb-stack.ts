// The CDK building blocks the ALB scenarios share: a VPC, an S3 bucket holding the trust store's CA bundle and
// CRL, an internet-facing ALB, and HTTP target groups of IP targets (the sandbox's echo targets stand behind them).
import { Duration, type Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IpTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** The ACM certificate the listeners name; locally the sandbox's localhost certificate stands in for it. */
export const LISTENER_CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:000000000000:certificate/sandbox-localhost';

export interface AlbBase {
  vpc: ec2.Vpc;
  bucket: s3.Bucket;
  alb: elbv2.ApplicationLoadBalancer;
}

export function albBase(scope: Stack): AlbBase {
  const vpc = new ec2.Vpc(scope, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  const bucket = new s3.Bucket(scope, 'TrustStoreBucket');
  const alb = new elbv2.ApplicationLoadBalancer(scope, 'Alb', { vpc, internetFacing: true });
  return { vpc, bucket, alb };
}

/** A trust store from a CA bundle in S3 (ELB "Mutual authentication with TLS": trust stores), optionally with a CRL. */
export function trustStore(
  scope: Stack,
  id: string,
  bucket: s3.IBucket,
  bundleKey: string,
  crlKey?: string,
): elbv2.TrustStore {
  const store = new elbv2.TrustStore(scope, id, { bucket, key: bundleKey });
  if (crlKey)
    new elbv2.TrustStoreRevocation(scope, `${id}Revocations`, {
      trustStore: store,
      revocationContents: [{ bucket, key: crlKey }],
    });
  return store;
}

/** An HTTP target group of IP targets with a /health check, as an ALB in front of small web apps would have. */
export function httpTargetGroup(
  scope: Stack,
  id: string,
  vpc: ec2.IVpc,
  addresses: string[],
): elbv2.ApplicationTargetGroup {
  return new elbv2.ApplicationTargetGroup(scope, id, {
    vpc,
    port: 80,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targetType: elbv2.TargetType.IP,
    targets: addresses.map((address) => new IpTarget(address, 80)),
    healthCheck: {
      path: '/health',
      interval: Duration.seconds(10),
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 2,
    },
  });
}

export function httpsListener(
  alb: elbv2.ApplicationLoadBalancer,
  id: string,
  port: number,
  defaultAction: elbv2.ListenerAction,
  mutualAuthentication?: elbv2.MutualAuthentication,
): elbv2.ApplicationListener {
  return alb.addListener(id, {
    port,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    certificates: [elbv2.ListenerCertificate.fromArn(LISTENER_CERTIFICATE_ARN)],
    defaultAction,
    mutualAuthentication,
  });
}
