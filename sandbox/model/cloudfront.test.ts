import { describe, expect, it } from 'vitest';
import type { CfnResource } from './cfn.js';
import { compileTemplate } from './compile.js';

const meta = (path: string) => ({ 'aws:cdk:path': `Stack/${path}/Resource` });
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

/** The shape scenarios/common/cloudfront-mtls.ts synthesizes to: one distribution, its trust store and policy. */
function resources(mtls: Record<string, unknown>, over: Record<string, unknown> = {}): Record<string, CfnResource> {
  return {
    Bucket: { Type: 'AWS::S3::Bucket', Metadata: meta('Bucket') },
    Store: {
      Type: 'AWS::CloudFront::TrustStore',
      Properties: {
        Name: 'Store',
        CaCertificatesBundleSource: {
          CaCertificatesBundleS3Location: { Bucket: { Ref: 'Bucket' }, Key: 'ca.pem', Region: 'us-east-1' },
        },
      },
      Metadata: meta('Store'),
    },
    Fn: {
      Type: 'AWS::CloudFront::ConnectionFunction',
      Properties: {
        Name: 'Fn',
        AutoPublish: true,
        ConnectionFunctionCode: 'function connectionHandler(c) { c.allow(); }',
        ConnectionFunctionConfig: { Comment: 'Fn', Runtime: 'cloudfront-js-2.0' },
      },
      Metadata: meta('Fn'),
    },
    Policy: {
      Type: 'AWS::CloudFront::OriginRequestPolicy',
      Properties: {
        OriginRequestPolicyConfig: {
          Name: 'Policy',
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Client-Cert', 'Client-Cert-Chain'] },
        },
      },
      Metadata: meta('Policy'),
    },
    Dist: {
      Type: 'AWS::CloudFront::Distribution',
      Properties: {
        DistributionConfig: {
          Enabled: true,
          HttpVersion: 'http2',
          Origins: [
            { Id: 'o', DomainName: 'origin.example.test', CustomOriginConfig: { OriginProtocolPolicy: 'http-only' } },
          ],
          DefaultCacheBehavior: {
            TargetOriginId: 'o',
            ViewerProtocolPolicy: 'https-only',
            CachePolicyId: CACHING_DISABLED,
            OriginRequestPolicyId: { 'Fn::GetAtt': ['Policy', 'Id'] },
          },
          ViewerMtlsConfig: mtls,
          ConnectionFunctionAssociation: { Id: { 'Fn::GetAtt': ['Fn', 'Id'] } },
          ...over,
        },
      },
      Metadata: meta('Dist'),
    },
  };
}

const required = {
  Mode: 'required',
  TrustStoreConfig: {
    TrustStoreId: { 'Fn::GetAtt': ['Store', 'Id'] },
    AdvertiseTrustStoreCaNames: true,
    IgnoreCertificateExpiry: false,
  },
};

describe('compileTemplate: CloudFront viewer mTLS', () => {
  it('compiles the distribution, its trust store, connection function and origin request policy', () => {
    const topology = compileTemplate({ Resources: resources(required) }, 'Stack');
    expect(topology.dns).toBeUndefined();
    expect(topology.cloudFront?.distributions).toEqual([
      {
        logicalId: 'Dist',
        path: 'Dist',
        enabled: true,
        httpVersion: 'http2',
        viewerMtls: {
          mode: 'required',
          trustStoreId: 'Store',
          advertiseTrustStoreCaNames: true,
          ignoreCertificateExpiry: false,
        },
        connectionFunctionId: 'Fn',
        origin: {
          id: 'o',
          kind: 'custom',
          domainName: 'origin.example.test',
          protocol: 'http',
          port: 80,
          loadBalancerId: null,
          clientCertificateArn: null,
        },
        originRequestPolicyId: 'Policy',
      },
    ]);
    expect(topology.cloudFront?.trustStores[0]?.bundle).toEqual({
      bucket: 'Bucket',
      key: 'ca.pem',
      region: 'us-east-1',
      version: null,
    });
    expect(topology.cloudFront?.connectionFunctions[0]).toMatchObject({
      runtime: 'cloudfront-js-2.0',
      autoPublish: true,
    });
    expect(topology.cloudFront?.originRequestPolicies[0]?.headers).toEqual(['Client-Cert', 'Client-Cert-Chain']);
    expect(topology.notRealized.filter((n) => n.type.startsWith('AWS::CloudFront'))).toEqual([]);
  });

  it('realizes an S3 origin with origin access control, which CloudFront accepts with viewer mTLS', () => {
    const s3 = resources(required, {
      Origins: [
        {
          Id: 'o',
          DomainName: { 'Fn::GetAtt': ['Bucket', 'RegionalDomainName'] },
          S3OriginConfig: { OriginAccessIdentity: '' },
          OriginAccessControlId: 'E2QWRUHAPOMQZL',
        },
      ],
    });
    const distribution = compileTemplate({ Resources: s3 }, 'Stack').cloudFront!.distributions[0]!;
    expect(distribution.origin).toEqual({
      id: 'o',
      kind: 's3',
      domainName: '{Bucket.RegionalDomainName}',
      protocol: 'https',
      port: 443,
      loadBalancerId: null,
      clientCertificateArn: null,
    });
  });

  it('refuses what CloudFront refuses: a trust store in passthrough, none in required, HTTP/3, allow-all', () => {
    const passthroughWithStore = { ...required, Mode: 'passthrough' };
    expect(() => compileTemplate({ Resources: resources(passthroughWithStore) }, 'Stack')).toThrow(
      /zero trust store associations/,
    );
    expect(() => compileTemplate({ Resources: resources({ Mode: 'optional' }) }, 'Stack')).toThrow(
      /optional mode validates certificates against a trust store/,
    );
    expect(() => compileTemplate({ Resources: resources(required, { HttpVersion: 'http2and3' }) }, 'Stack')).toThrow(
      /not supported on HTTP\/3/,
    );
    expect(() => compileTemplate({ Resources: resources({ Mode: 'verify' }) }, 'Stack')).toThrow(
      /must be required, optional or passthrough/,
    );
    const allowAll = resources(required);
    const config = (
      allowAll.Dist!.Properties as { DistributionConfig: { DefaultCacheBehavior: Record<string, unknown> } }
    ).DistributionConfig;
    config.DefaultCacheBehavior.ViewerProtocolPolicy = 'allow-all';
    expect(() => compileTemplate({ Resources: allowAll }, 'Stack')).toThrow(/https-only or redirect-to-https/);
  });

  it('passthrough needs CachingDisabled and a policy that forwards Client-Cert and Client-Cert-Chain', () => {
    const passthrough = resources({ Mode: 'passthrough' });
    expect(compileTemplate({ Resources: passthrough }, 'Stack').cloudFront?.distributions[0]?.viewerMtls.mode).toBe(
      'passthrough',
    );
    const narrow = resources({ Mode: 'passthrough' });
    (
      narrow.Policy!.Properties as { OriginRequestPolicyConfig: { HeadersConfig: { Headers: string[] } } }
    ).OriginRequestPolicyConfig.HeadersConfig.Headers = ['Client-Cert'];
    expect(() => compileTemplate({ Resources: narrow }, 'Stack')).toThrow(/forwards Client-Cert and Client-Cert-Chain/);
    const cached = resources({ Mode: 'passthrough' });
    const config = (
      cached.Dist!.Properties as { DistributionConfig: { DefaultCacheBehavior: Record<string, unknown> } }
    ).DistributionConfig;
    config.DefaultCacheBehavior.CachePolicyId = 'some-other-policy';
    expect(() => compileTemplate({ Resources: cached }, 'Stack')).toThrow(/CachingDisabled/);
  });

  it('links a connection function to its KeyValueStore and the store to its S3 import file', () => {
    const withStore = resources(required);
    withStore.Kvs = {
      Type: 'AWS::CloudFront::KeyValueStore',
      Properties: {
        Name: 'Kvs',
        ImportSource: {
          SourceType: 'S3',
          SourceArn: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/revoked.json']] },
        },
      },
      Metadata: meta('Kvs'),
    };
    const fn = withStore.Fn!.Properties as { ConnectionFunctionConfig: Record<string, unknown> };
    fn.ConnectionFunctionConfig.KeyValueStoreAssociations = [{ KeyValueStoreARN: { 'Fn::GetAtt': ['Kvs', 'Arn'] } }];
    const cf = compileTemplate({ Resources: withStore }, 'Stack').cloudFront!;
    expect(cf.connectionFunctions[0]?.keyValueStoreId).toBe('Kvs');
    expect(cf.keyValueStores).toEqual([
      { logicalId: 'Kvs', path: 'Kvs', name: 'Kvs', importKey: 'revoked.json', importBucket: 'Bucket' },
    ]);
    // Naming a store the template does not hold: CloudFormation refuses the Fn::GetAtt before CloudFront sees it.
    delete withStore.Kvs;
    expect(() => compileTemplate({ Resources: withStore }, 'Stack')).toThrow(/cfn.getatt-undefined \{"name":"Kvs"\}/);
  });

  it('reports settings it does not emulate by name', () => {
    const topology = compileTemplate({ Resources: resources(required, { PriceClass: 'PriceClass_100' }) }, 'Stack');
    expect(topology.notRealized).toContainEqual(
      expect.objectContaining({ logicalId: 'Dist', property: 'DistributionConfig.PriceClass' }),
    );
  });
});
