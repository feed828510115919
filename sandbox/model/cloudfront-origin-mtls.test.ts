// CloudFront origin mTLS (2026) through the compiler: CustomOriginConfig.OriginMtlsConfig.ClientCertificateArn is read
// as the certificate CloudFront presents, an origin named by a load balancer's DNSName points at that load balancer,
// and an origin mTLS that cannot present anything (plain HTTP, no certificate) is refused as CreateDistribution would.
import { describe, expect, it } from 'vitest';
import type { CfnResource } from './cfn.js';
import { compileTemplate } from './compile.js';
import { AwsApiError } from './errors.js';

const ARN = 'arn:aws:acm:us-east-1:000000000000:certificate/cloudfront-origin-client';

function stack(custom: Record<string, unknown>): Record<string, CfnResource> {
  return {
    Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application' } },
    Store: {
      Type: 'AWS::CloudFront::TrustStore',
      Properties: {
        CaCertificatesBundleSource: {
          CaCertificatesBundleS3Location: { Bucket: 'b', Key: 'ca.pem', Region: 'us-east-1' },
        },
      },
    },
    Dist: {
      Type: 'AWS::CloudFront::Distribution',
      Metadata: { 'aws:cdk:path': 'Stack/CfOriginMtls/Resource' },
      Properties: {
        DistributionConfig: {
          Enabled: true,
          Origins: [{ Id: 'alb', DomainName: { 'Fn::GetAtt': ['Alb', 'DNSName'] }, CustomOriginConfig: custom }],
          DefaultCacheBehavior: { TargetOriginId: 'alb', ViewerProtocolPolicy: 'https-only' },
          ViewerMtlsConfig: { Mode: 'required', TrustStoreConfig: { TrustStoreId: { 'Fn::GetAtt': ['Store', 'Id'] } } },
        },
      },
    },
  };
}

const compile = (resources: Record<string, CfnResource>) => compileTemplate({ Resources: resources }, 'Stack');

describe('CloudFront origin mTLS', () => {
  it('reads the client certificate CloudFront presents and the load balancer the origin names', () => {
    const origin = compile(
      stack({ OriginProtocolPolicy: 'https-only', HTTPSPort: 443, OriginMtlsConfig: { ClientCertificateArn: ARN } }),
    ).cloudFront!.distributions[0]!.origin;
    expect(origin).toMatchObject({ protocol: 'https', port: 443, loadBalancerId: 'Alb', clientCertificateArn: ARN });
    expect(origin.domainName).toBe('alb.elb.sandbox.example');
  });

  it('presents nothing without OriginMtlsConfig', () => {
    const origin = compile(stack({ OriginProtocolPolicy: 'https-only' })).cloudFront!.distributions[0]!.origin;
    expect(origin.clientCertificateArn).toBeNull();
  });

  it('refuses origin mTLS over plain HTTP, and an OriginMtlsConfig without ClientCertificateArn', () => {
    const refusal = (custom: Record<string, unknown>) => {
      try {
        compile(stack(custom));
      } catch (error) {
        return error as AwsApiError;
      }
      throw new Error('accepted');
    };
    const http = refusal({ OriginProtocolPolicy: 'http-only', OriginMtlsConfig: { ClientCertificateArn: ARN } });
    expect(http).toBeInstanceOf(AwsApiError);
    expect(http).toMatchObject({ operation: 'CreateDistribution', code: 'InvalidArgument', assumed: true });
    expect(http.detail).toContain('origin mTLS needs HTTPS to the origin');
    expect(refusal({ OriginProtocolPolicy: 'https-only', OriginMtlsConfig: {} }).detail).toContain(
      'needs ClientCertificateArn',
    );
  });
});
