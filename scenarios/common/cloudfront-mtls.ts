// CloudFront viewer mutual TLS (November 2025; passthrough mode May 2026), in CDK. aws-cdk-lib 2.278.0 has the L1s:
// CfnTrustStore, CfnConnectionFunction and CfnDistribution's ViewerMtlsConfig / ConnectionFunctionAssociation, typed
// (Mode is a free string, so "passthrough" types too). The L2 Distribution has no viewer mTLS at all, so the
// distribution is written as a CfnDistribution with one custom origin. CloudFormation's names and shapes:
// docs/aws-facts.md#cloudfront-viewer-mtls-config. Origin mTLS (2026): aws-cdk-lib 2.278.0's CfnDistribution types
// CustomOriginConfig.OriginMtlsConfig (ClientCertificateArn), so no property override is needed for it.
import type { Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/** The managed cache policy CachingDisabled (CloudFront "Use managed cache policies"); passthrough requires it. */
export const CACHING_DISABLED_POLICY_ID = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

/** Every header CloudFront can add for a viewer certificate (CloudFront "Viewer mTLS headers…"). */
export const VIEWER_CERT_HEADERS = [
  'CloudFront-Viewer-Cert-Serial-Number',
  'CloudFront-Viewer-Cert-Issuer',
  'CloudFront-Viewer-Cert-Subject',
  'CloudFront-Viewer-Cert-Present',
  'CloudFront-Viewer-Cert-Sha256',
  'CloudFront-Viewer-Cert-Validity',
  'CloudFront-Viewer-Cert-Pem',
] as const;

/** The headers a passthrough distribution's origin request policy must allowlist (RFC 9440 names). */
export const PASSTHROUGH_HEADERS = ['Client-Cert', 'Client-Cert-Chain'] as const;

/** A trust store: a PEM CA bundle read once from S3 (AWS::CloudFront::TrustStore). */
export function cloudFrontTrustStore(
  scope: Stack,
  id: string,
  bucket: s3.IBucket,
  key: string,
): cloudfront.CfnTrustStore {
  return new cloudfront.CfnTrustStore(scope, id, {
    name: id,
    caCertificatesBundleSource: {
      caCertificatesBundleS3Location: { bucket: bucket.bucketName, key, region: scope.region },
    },
  });
}

/** A KeyValueStore whose pairs are imported from an S3 object ({"data": [{"key", "value"}…]}). */
export function keyValueStore(scope: Stack, id: string, bucket: s3.IBucket, key: string): cloudfront.CfnKeyValueStore {
  return new cloudfront.CfnKeyValueStore(scope, id, {
    name: id,
    importSource: { sourceType: 'S3', sourceArn: bucket.arnForObjects(key) },
  });
}

/** A connection function (cloudfront-js-2.0), published to LIVE so that a distribution can use it. */
export function connectionFunction(
  scope: Stack,
  id: string,
  code: string,
  store?: cloudfront.CfnKeyValueStore,
): cloudfront.CfnConnectionFunction {
  return new cloudfront.CfnConnectionFunction(scope, id, {
    name: id,
    autoPublish: true,
    connectionFunctionCode: code,
    connectionFunctionConfig: {
      comment: id,
      runtime: 'cloudfront-js-2.0',
      ...(store ? { keyValueStoreAssociations: [{ keyValueStoreArn: store.attrArn }] } : {}),
    },
  });
}

/** An origin request policy that forwards only the named viewer headers (HeaderBehavior whitelist). */
export function originRequestPolicy(scope: Stack, id: string, headers: readonly string[]) {
  return new cloudfront.CfnOriginRequestPolicy(scope, id, {
    originRequestPolicyConfig: {
      name: id,
      headersConfig: { headerBehavior: 'whitelist', headers: [...headers] },
      cookiesConfig: { cookieBehavior: 'none' },
      queryStringsConfig: { queryStringBehavior: 'none' },
    },
  });
}

export interface ViewerMtlsDistributionProps {
  mode: 'required' | 'optional' | 'passthrough';
  /** required and optional: the trust store; passthrough must have none. */
  trustStore?: cloudfront.CfnTrustStore;
  advertiseTrustStoreCaNames?: boolean;
  ignoreCertificateExpiry?: boolean;
  connectionFunction?: cloudfront.CfnConnectionFunction;
  /** The origin's domain name (a custom origin: the scenario maps an echo target to the distribution's path). */
  originDomainName: string;
  originRequestPolicy: cloudfront.CfnOriginRequestPolicy;
  /** http2 (the default) or http1.1: viewer mTLS is not available on HTTP/3. */
  httpVersion?: 'http2' | 'http1.1';
  /**
   * Origin mTLS: HTTPS to the origin, presenting the ACM certificate of this ARN (CloudFront "Origin mutual TLS").
   * Without it the origin is reached over plain HTTP on port 80.
   */
  originMtls?: { clientCertificateArn: string };
}

/** A distribution with viewer mTLS, one custom HTTP origin and caching disabled. */
export function viewerMtlsDistribution(
  scope: Stack,
  id: string,
  props: ViewerMtlsDistributionProps,
): cloudfront.CfnDistribution {
  const trustStoreConfig = props.trustStore
    ? {
        trustStoreId: props.trustStore.attrId,
        ...(props.advertiseTrustStoreCaNames === undefined
          ? {}
          : { advertiseTrustStoreCaNames: props.advertiseTrustStoreCaNames }),
        ...(props.ignoreCertificateExpiry === undefined
          ? {}
          : { ignoreCertificateExpiry: props.ignoreCertificateExpiry }),
      }
    : undefined;
  return new cloudfront.CfnDistribution(scope, id, {
    distributionConfig: {
      enabled: true,
      httpVersion: props.httpVersion ?? 'http2',
      origins: [
        {
          id: 'echo-origin',
          domainName: props.originDomainName,
          customOriginConfig: props.originMtls
            ? {
                originProtocolPolicy: 'https-only',
                httpsPort: 443,
                originMtlsConfig: { clientCertificateArn: props.originMtls.clientCertificateArn },
              }
            : { originProtocolPolicy: 'http-only', httpPort: 80 },
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: 'echo-origin',
        viewerProtocolPolicy: 'https-only',
        cachePolicyId: CACHING_DISABLED_POLICY_ID,
        originRequestPolicyId: props.originRequestPolicy.attrId,
      },
      viewerMtlsConfig: { mode: props.mode, ...(trustStoreConfig ? { trustStoreConfig } : {}) },
      ...(props.connectionFunction ? { connectionFunctionAssociation: { id: props.connectionFunction.attrId } } : {}),
    },
  });
}
