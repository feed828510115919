// CloudFront distributions with viewer mutual TLS, compiled from the template: AWS::CloudFront::Distribution with
// DistributionConfig.ViewerMtlsConfig, its AWS::CloudFront::TrustStore, ConnectionFunction and OriginRequestPolicy.
// A configuration CloudFront refuses (docs/aws-facts.md#cloudfront-viewer-mtls-config) is refused here with the
// API's error, as the deploy would be. Distributions without ViewerMtlsConfig stay with route53.ts (the S3 stand-in).
// Pure.
import { asText, type CfnValue, isResourceRef, referencedLogicalId } from './cfn.js';
import { msg } from '../messages.js';
import type { PropertyReader } from './properties.js';
import type { NotRealized } from './not-realized.js';
import { AwsApiError } from './errors.js';

export type ViewerMtlsMode = 'required' | 'optional' | 'passthrough';

export interface CloudFrontTrustStore {
  logicalId: string;
  path: string;
  name: string;
  /** CaCertificatesBundleSource.CaCertificatesBundleS3Location: read once, when the trust store is created. */
  bundle: { bucket: string; key: string; region: string | null; version: string | null };
}

export interface ConnectionFunction {
  logicalId: string;
  path: string;
  name: string;
  /** The JavaScript source (ConnectionFunctionCode). */
  code: string;
  runtime: string;
  autoPublish: boolean;
  /** The KeyValueStore it is associated with (a logical id of this stack; at most one is allowed), or null. */
  keyValueStoreId: string | null;
}

export interface KeyValueStore {
  logicalId: string;
  path: string;
  name: string;
  /** ImportSource (SourceType S3): the object its key-value pairs are imported from, or null: none. */
  importKey: string | null;
  /** That object's bucket: a bucket's logical id in this stack, or the bucket name in the ARN. */
  importBucket: string | null;
}

export type HeaderBehavior = 'none' | 'whitelist' | 'allViewer' | 'allViewerAndWhitelistCloudFront';

export interface OriginRequestPolicy {
  logicalId: string;
  path: string;
  headerBehavior: HeaderBehavior;
  /** Header names as written (HTTP names compare without case). */
  headers: string[];
}

export interface ViewerMtlsDistribution {
  logicalId: string;
  path: string;
  enabled: boolean;
  httpVersion: 'http1.1' | 'http2';
  viewerMtls: {
    mode: ViewerMtlsMode;
    /** The CloudFront trust store's logical id; null in passthrough. */
    trustStoreId: string | null;
    advertiseTrustStoreCaNames: boolean;
    ignoreCertificateExpiry: boolean;
  };
  /** The associated connection function's logical id (ConnectionFunctionAssociation.Id), or null. */
  connectionFunctionId: string | null;
  /**
   * The origin of the default cache behavior. kind custom: CustomOriginConfig (an ALB, an API, a Lambda function
   * URL…); s3: an S3 bucket (S3OriginConfig, with origin access control or identity or none), which CloudFront
   * reaches over HTTPS. A template's origin is a stand-in here (sandbox/template/stand-ins.ts) unless it is a load
   * balancer of the same stack.
   */
  origin: {
    id: string;
    kind: 'custom' | 's3';
    domainName: string;
    protocol: 'http' | 'https';
    port: number;
    /** The load balancer of this stack the origin's DomainName names (Fn::GetAtt …DNSName), or null: a host outside. */
    loadBalancerId: string | null;
    /**
     * Origin mTLS (CustomOriginConfig.OriginMtlsConfig.ClientCertificateArn): the ACM certificate CloudFront presents
     * to the origin, as written; null: CloudFront presents none.
     */
    clientCertificateArn: string | null;
  };
  /** The origin request policy of the default cache behavior (a logical id of this stack), or null: none. */
  originRequestPolicyId: string | null;
}

export interface CloudFrontTopology {
  distributions: ViewerMtlsDistribution[];
  trustStores: CloudFrontTrustStore[];
  connectionFunctions: ConnectionFunction[];
  originRequestPolicies: OriginRequestPolicy[];
  keyValueStores: KeyValueStore[];
}

/** The component that realizes a distribution: cloudfront-<path>. */
export const cloudFrontComponentName = (distribution: { path: string }): string =>
  `cloudfront-${distribution.path.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

export function emptyCloudFront(): CloudFrontTopology {
  return { distributions: [], trustStores: [], connectionFunctions: [], originRequestPolicies: [], keyValueStores: [] };
}

/** True when a raw distribution resource configures viewer mTLS (then this module compiles it). */
export function hasViewerMtls(properties: Record<string, CfnValue> | undefined): boolean {
  const config = properties?.DistributionConfig as Record<string, CfnValue> | undefined;
  return typeof config === 'object' && config !== null && config.ViewerMtlsConfig !== undefined;
}

const record = (value: CfnValue): Record<string, CfnValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, CfnValue>) : {};

const bool = (value: CfnValue): boolean => value === true || value === 'true';

const refOf = (value: CfnValue): string | null =>
  isResourceRef(value) ? value.ref : typeof value === 'string' ? referencedLogicalId(value) : null;

export function compileCloudFrontTrustStore(props: PropertyReader, path: string): CloudFrontTrustStore {
  props.explain(msg('nr.cf-tags'), 'Tags');
  props.explain(msg('nr.cf-ocsp'), 'UseClientCertificateOCSPEndpoint');
  const location = record(record(props.get('CaCertificatesBundleSource')).CaCertificatesBundleS3Location);
  const resource = `${path} (AWS::CloudFront::TrustStore)`;
  if (location.Key === undefined)
    throw new AwsApiError(
      resource,
      'CreateTrustStore',
      'InvalidArgument',
      'CaCertificatesBundleSource is required',
      'the trust store names no CA bundle (CaCertificatesBundleSource.CaCertificatesBundleS3Location with Bucket, Key and Region)',
      true,
    );
  const bucket = refOf(location.Bucket) ?? String(location.Bucket);
  return {
    logicalId: props.logicalId,
    path,
    name: props.string('Name') ?? path,
    bundle: {
      bucket,
      key: String(location.Key),
      region: location.Region === undefined ? null : String(location.Region),
      version: location.Version === undefined ? null : String(location.Version),
    },
  };
}

export function compileConnectionFunction(props: PropertyReader, path: string): ConnectionFunction {
  props.explain(msg('nr.cf-tags'), 'Tags');
  const config = record(props.get('ConnectionFunctionConfig'));
  const resource = `${path} (AWS::CloudFront::ConnectionFunction)`;
  const runtime = String(config.Runtime ?? '');
  if (runtime !== 'cloudfront-js-2.0')
    throw new AwsApiError(
      resource,
      'CreateConnectionFunction',
      'InvalidArgument',
      'Connection functions support only the cloudfront-js-2.0 runtime',
      `Runtime is "${runtime}"`,
      true,
    );
  const associations = Array.isArray(config.KeyValueStoreAssociations)
    ? config.KeyValueStoreAssociations.map((item) => refOf(record(item).KeyValueStoreARN))
    : [];
  if (associations.length > 1)
    throw new AwsApiError(
      resource,
      'CreateConnectionFunction',
      'InvalidArgument',
      'A function can be associated with one KeyValueStore',
      `${associations.length} KeyValueStoreAssociations`,
      true,
    );
  return {
    logicalId: props.logicalId,
    path,
    name: props.string('Name') ?? path,
    code: props.string('ConnectionFunctionCode') ?? '',
    runtime,
    autoPublish: bool(props.get('AutoPublish')),
    keyValueStoreId: associations[0] ?? null,
  };
}

export function compileKeyValueStore(props: PropertyReader, path: string): KeyValueStore {
  props.explain(msg('nr.cf-tags'), 'Tags', 'Comment');
  const source = props.get('ImportSource');
  const arn = source === undefined ? null : String(record(source).SourceArn ?? '');
  // arn:aws:s3:::bucket/key, or {Bucket.Arn}/key from Fn::Join: the key is what follows the bucket.
  const key = arn ? arn.replace(/^arn:aws:s3:::[^/]+\//, '').replace(/^\{[^}]+\}\//, '') : null;
  const bucket = arn ? (/^\{([A-Za-z0-9]+)\.Arn\}\//.exec(arn)?.[1] ?? /^arn:aws:s3:::([^/]+)\//.exec(arn)?.[1]) : null;
  return {
    logicalId: props.logicalId,
    path,
    name: props.string('Name') ?? path,
    importKey: key || null,
    importBucket: bucket ?? null,
  };
}

export function compileOriginRequestPolicy(props: PropertyReader, path: string): OriginRequestPolicy {
  const config = record(props.get('OriginRequestPolicyConfig'));
  const headers = record(config.HeadersConfig);
  return {
    logicalId: props.logicalId,
    path,
    headerBehavior: String(headers.HeaderBehavior ?? 'none') as HeaderBehavior,
    headers: Array.isArray(headers.Headers) ? headers.Headers.map(String) : [],
  };
}

/** Compiles one viewer-mTLS distribution; what it does not realize is reported. */
export function compileViewerMtlsDistribution(
  props: PropertyReader,
  path: string,
): { distribution: ViewerMtlsDistribution; notRealized: NotRealized[] } {
  props.explain(msg('nr.cf-tags'), 'Tags');
  const config = record(props.get('DistributionConfig'));
  const resource = `${path} (AWS::CloudFront::Distribution)`;
  const refuse = (detail: string, message = 'The distribution configuration is not valid') =>
    new AwsApiError(resource, 'CreateDistribution', 'InvalidArgument', message, detail, true);
  const out: NotRealized[] = [];
  const unrealized = (property: string, reason = msg('nr.cf-mtls-setting')) =>
    out.push({ logicalId: props.logicalId, type: 'AWS::CloudFront::Distribution', property, reason });

  const mtls = record(config.ViewerMtlsConfig);
  const mode = String(mtls.Mode ?? 'required');
  if (!['required', 'optional', 'passthrough'].includes(mode))
    throw refuse(`ViewerMtlsConfig.Mode is "${mode}"; it must be required, optional or passthrough`);
  const storeConfig = mtls.TrustStoreConfig === undefined ? null : record(mtls.TrustStoreConfig);
  if (mode === 'passthrough' && storeConfig)
    throw refuse('passthrough mode must have zero trust store associations: remove ViewerMtlsConfig.TrustStoreConfig');
  if (mode !== 'passthrough' && !storeConfig)
    throw refuse(`${mode} mode validates certificates against a trust store: add ViewerMtlsConfig.TrustStoreConfig`);
  const trustStoreId = storeConfig ? refOf(storeConfig.TrustStoreId) : null;
  if (storeConfig && !trustStoreId)
    throw refuse(
      'ViewerMtlsConfig.TrustStoreConfig.TrustStoreId must name an AWS::CloudFront::TrustStore of this stack',
    );

  const httpVersion = String(config.HttpVersion ?? 'http2');
  if (httpVersion === 'http3' || httpVersion === 'http2and3')
    throw refuse(`HttpVersion is ${httpVersion}; viewer mTLS is not supported on HTTP/3 (use http2 or http1.1)`);

  const origins = Array.isArray(config.Origins) ? config.Origins.map(record) : [];
  const behavior = record(config.DefaultCacheBehavior);
  const origin = origins.find((candidate) => candidate.Id === behavior.TargetOriginId) ?? origins[0];
  if (!origin) throw refuse('the distribution has no origin');
  // CloudFront documents no origin restriction for viewer mTLS (docs/aws-facts.md#cloudfront-viewer-mtls-config): an S3
  // origin is as valid as a custom one. CloudFront reaches S3 over HTTPS.
  const custom = origin.CustomOriginConfig === undefined ? null : record(origin.CustomOriginConfig);
  const protocolPolicy = custom ? String(custom.OriginProtocolPolicy ?? 'match-viewer') : 'https-only';
  const protocol = protocolPolicy === 'http-only' ? 'http' : 'https';
  // Origin mTLS: CloudFront presents this certificate in its TLS handshake with the origin (a TLS client needs TLS).
  const originMtls = custom?.OriginMtlsConfig === undefined ? null : record(custom.OriginMtlsConfig);
  const clientCertificate = originMtls?.ClientCertificateArn;
  if (originMtls && clientCertificate === undefined)
    throw refuse(
      'CustomOriginConfig.OriginMtlsConfig needs ClientCertificateArn, the ACM certificate CloudFront presents',
    );
  if (originMtls && protocol === 'http')
    throw refuse(
      'origin mTLS needs HTTPS to the origin: OriginProtocolPolicy http-only sends no TLS handshake to present a certificate in',
    );
  const domain = origin.DomainName;
  const loadBalancerId = isResourceRef(domain) && domain.attribute === 'DNSName' ? domain.ref : null;
  const viewerPolicy = String(behavior.ViewerProtocolPolicy ?? 'allow-all');
  if (viewerPolicy === 'allow-all')
    throw refuse('with viewer mTLS every cache behavior must use https-only or redirect-to-https');
  const cachePolicy = behavior.CachePolicyId === undefined ? null : String(behavior.CachePolicyId);
  if (mode === 'passthrough' && cachePolicy !== '4135ea2d-6df8-44a3-9df3-4b5a84be39ad')
    throw refuse('passthrough mode needs the managed CachingDisabled cache policy on every cache behavior');
  const policyId = behavior.OriginRequestPolicyId === undefined ? null : refOf(behavior.OriginRequestPolicyId);
  if (behavior.OriginRequestPolicyId !== undefined && !policyId)
    unrealized('DistributionConfig.DefaultCacheBehavior.OriginRequestPolicyId', msg('nr.cf-managed-policy'));

  const realized = new Set([
    'Enabled',
    'HttpVersion',
    'Origins',
    'DefaultCacheBehavior',
    'ViewerMtlsConfig',
    'ConnectionFunctionAssociation',
  ]);
  for (const key of Object.keys(config)) if (!realized.has(key)) unrealized(`DistributionConfig.${key}`);
  for (const key of Object.keys(behavior))
    if (!['TargetOriginId', 'ViewerProtocolPolicy', 'CachePolicyId', 'OriginRequestPolicyId'].includes(key))
      unrealized(`DistributionConfig.DefaultCacheBehavior.${key}`, msg('nr.cf-caching'));
  if (origins.length > 1) unrealized('DistributionConfig.Origins', msg('nr.cf-first-origin'));

  const association = config.ConnectionFunctionAssociation;
  return {
    distribution: {
      logicalId: props.logicalId,
      path,
      enabled: config.Enabled !== false && config.Enabled !== 'false',
      httpVersion: httpVersion === 'http1.1' ? 'http1.1' : 'http2',
      viewerMtls: {
        mode: mode as ViewerMtlsMode,
        trustStoreId,
        advertiseTrustStoreCaNames: bool(storeConfig?.AdvertiseTrustStoreCaNames),
        ignoreCertificateExpiry: bool(storeConfig?.IgnoreCertificateExpiry),
      },
      connectionFunctionId: association === undefined ? null : refOf(record(association).Id),
      origin: {
        id: String(origin.Id ?? 'origin'),
        kind: custom ? 'custom' : 's3',
        // A load balancer's DNSName is known only after the deploy; the sandbox names it after the logical id.
        domainName: loadBalancerId ? `${loadBalancerId.toLowerCase()}.elb.sandbox.example` : asText(domain ?? ''),
        protocol,
        port: Number(protocol === 'http' ? (custom?.HTTPPort ?? 80) : (custom?.HTTPSPort ?? 443)),
        loadBalancerId,
        clientCertificateArn:
          clientCertificate === undefined ? null : (refOf(clientCertificate as CfnValue) ?? String(clientCertificate)),
      },
      originRequestPolicyId: policyId,
    },
    notRealized: out,
  };
}

/** Links each distribution to what it names; a name that is not in the stack is the deploy's error. */
export function checkCloudFrontReferences(cf: CloudFrontTopology): void {
  for (const distribution of cf.distributions) {
    const resource = `${distribution.path} (AWS::CloudFront::Distribution)`;
    const missing = (what: string, id: string) =>
      new AwsApiError(
        resource,
        'CreateDistribution',
        'InvalidArgument',
        `The ${what} does not exist`,
        `${id} is not an ${what} of this stack`,
        true,
      );
    const { trustStoreId } = distribution.viewerMtls;
    if (trustStoreId && !cf.trustStores.some((store) => store.logicalId === trustStoreId))
      throw missing('AWS::CloudFront::TrustStore', trustStoreId);
    const fn = distribution.connectionFunctionId;
    const compiled = cf.connectionFunctions.find((candidate) => candidate.logicalId === fn);
    if (fn && !compiled) throw missing('AWS::CloudFront::ConnectionFunction', fn);
    const kvs = compiled?.keyValueStoreId;
    if (kvs && !cf.keyValueStores.some((candidate) => candidate.logicalId === kvs))
      throw missing('AWS::CloudFront::KeyValueStore', kvs);
    const policyId = distribution.originRequestPolicyId;
    const policy = cf.originRequestPolicies.find((candidate) => candidate.logicalId === policyId);
    if (policyId && !policy) throw missing('AWS::CloudFront::OriginRequestPolicy', policyId);
    if (distribution.viewerMtls.mode === 'passthrough') {
      const listed = new Set((policy?.headers ?? []).map((name) => name.toLowerCase()));
      if (!(listed.has('client-cert') && listed.has('client-cert-chain')))
        throw new AwsApiError(
          resource,
          'CreateDistribution',
          'InvalidArgument',
          'The distribution configuration is not valid',
          'passthrough mode needs an origin request policy that forwards Client-Cert and Client-Cert-Chain',
          true,
        );
    }
  }
}
