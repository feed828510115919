// Seed 003's design for a move to an NLB (studied, not yet carried out): nginx authenticates clients behind an NLB
// TCP listener, and Route 53 failover sends visitors to a sorry page (static HTML in S3, served over HTTPS by
// CloudFront) when the NLB's endpoint fails its Route 53 health check.
import { Duration, type Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { nlbTcpPassthrough } from '../common/nlb-stack.js';
import { SITE_NAME, ZONE_NAME } from './names.js';

export default function stack(scope: Stack): void {
  // An existing VPC (imported, not created), as in seed 001: the stack holds no EC2 resources.
  const vpc = ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: 'vpc-0a1b2c3d4e5f60003',
    availabilityZones: ['us-east-1a'],
    publicSubnetIds: ['subnet-0a1b2c3d4e5f60003'],
    publicSubnetRouteTableIds: ['rtb-0a1b2c3d4e5f60003'],
  });

  // The NLB of the design seed 003 proposed: TCP passthrough to nginx, which does the client-certificate authentication.
  const { nlb } = nlbTcpPassthrough(scope, vpc, { targetIps: ['10.0.3.10', '10.0.3.11'] });

  // Seed 003's sorry page: static HTML in an S3 bucket, served over HTTPS by CloudFront (S3 alone cannot serve a
  // custom domain over HTTPS). The page itself is uploaded after the deploy (aws s3 cp), not by the template.
  const bucket = new s3.Bucket(scope, 'SorryPageBucket');
  const site = new cloudfront.Distribution(scope, 'SorrySite', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) },
    defaultRootObject: 'index.html',
  });

  // Route 53 failover: PRIMARY → the NLB while its health check passes, SECONDARY → the sorry page otherwise. The
  // records name their zone by HostedZoneName: the zone exists before this stack (in seed 003 it already served the ALB).
  // TCP, not HTTPS: nginx demands a client certificate, which Route 53's health checkers do not have, so an HTTPS
  // check would get nginx's 400 and call a working site unhealthy. RequestInterval 10 s is the shortest Route 53 has.
  const healthCheck = new route53.HealthCheck(scope, 'NlbHealthCheck', {
    type: route53.HealthCheckType.TCP,
    fqdn: nlb.loadBalancerDnsName,
    port: 443,
    requestInterval: Duration.seconds(10),
    failureThreshold: 3,
  });
  // Records as CfnRecordSet: CDK's ARecord insists on EvaluateTargetHealth for failover aliases, but here the explicit
  // health check on the primary decides (as in seed 003), and the sorry page has no health check: always healthy.
  new route53.CfnRecordSet(scope, 'WwwPrimary', {
    hostedZoneName: `${ZONE_NAME}.`,
    name: `${SITE_NAME}.`,
    type: 'A',
    setIdentifier: 'primary-nlb',
    failover: 'PRIMARY',
    healthCheckId: healthCheck.healthCheckId,
    aliasTarget: {
      dnsName: nlb.loadBalancerDnsName,
      hostedZoneId: nlb.loadBalancerCanonicalHostedZoneId,
      evaluateTargetHealth: false,
    },
  });
  new route53.CfnRecordSet(scope, 'WwwSecondary', {
    hostedZoneName: `${ZONE_NAME}.`,
    name: `${SITE_NAME}.`,
    type: 'A',
    setIdentifier: 'secondary-sorry-page',
    failover: 'SECONDARY',
    // Z2FDTNDATAQYW2: the hosted zone id every CloudFront alias uses (Route 53 AliasTarget documentation).
    aliasTarget: { dnsName: site.distributionDomainName, hostedZoneId: 'Z2FDTNDATAQYW2', evaluateTargetHealth: false },
  });
}
