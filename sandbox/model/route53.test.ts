import { describe, expect, it } from 'vitest';
import type { CfnResource } from './cfn.js';
import { inEnglish } from '../../cli/testing/english.js';
import { compileTemplate as compileMessages } from './compile.js';

/** The compiled topology with its not-realized reasons in the words a reader sees. */
const compileTemplate = (...args: Parameters<typeof compileMessages>) => inEnglish(compileMessages(...args));

const meta = (path: string) => ({ 'aws:cdk:path': `Stack/${path}` });

/** The shape sorry-page-failover's stack synthesizes to. */
const resources = (): Record<string, CfnResource> => ({
  Nlb: {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { Type: 'network' },
    Metadata: meta('Nlb/Resource'),
  },
  Bucket: { Type: 'AWS::S3::Bucket', Metadata: meta('SorryPageBucket/Resource') },
  Oac: {
    Type: 'AWS::CloudFront::OriginAccessControl',
    Properties: { OriginAccessControlConfig: {} },
    Metadata: meta('SorrySite/Origin1/S3OriginAccessControl/Resource'),
  },
  Site: {
    Type: 'AWS::CloudFront::Distribution',
    Properties: {
      DistributionConfig: {
        DefaultCacheBehavior: {
          CachePolicyId: 'x',
          Compress: true,
          TargetOriginId: 'o1',
          ViewerProtocolPolicy: 'allow-all',
        },
        DefaultRootObject: 'index.html',
        Enabled: true,
        HttpVersion: 'http2',
        Origins: [
          {
            DomainName: { 'Fn::GetAtt': ['Bucket', 'RegionalDomainName'] },
            Id: 'o1',
            OriginAccessControlId: { 'Fn::GetAtt': ['Oac', 'Id'] },
            S3OriginConfig: { OriginAccessIdentity: '' },
          },
        ],
      },
    },
    Metadata: meta('SorrySite/Resource'),
  },
  Check: {
    Type: 'AWS::Route53::HealthCheck',
    Properties: {
      HealthCheckConfig: {
        FailureThreshold: 3,
        FullyQualifiedDomainName: { 'Fn::GetAtt': ['Nlb', 'DNSName'] },
        Inverted: false,
        MeasureLatency: false,
        Port: 443,
        RequestInterval: 10,
        Type: 'TCP',
      },
    },
    Metadata: meta('NlbHealthCheck/Resource'),
  },
  WwwPrimary: {
    Type: 'AWS::Route53::RecordSet',
    Properties: {
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': ['Nlb', 'DNSName'] },
        EvaluateTargetHealth: false,
        HostedZoneId: { 'Fn::GetAtt': ['Nlb', 'CanonicalHostedZoneID'] },
      },
      Failover: 'PRIMARY',
      HealthCheckId: { Ref: 'Check' },
      HostedZoneName: 'sorry-demo.example.',
      Name: 'www.sorry-demo.example.',
      SetIdentifier: 'primary-nlb',
      Type: 'A',
    },
    Metadata: meta('WwwPrimary'),
  },
  WwwSecondary: {
    Type: 'AWS::Route53::RecordSet',
    Properties: {
      AliasTarget: {
        DNSName: { 'Fn::GetAtt': ['Site', 'DomainName'] },
        EvaluateTargetHealth: false,
        HostedZoneId: 'Z2FDTNDATAQYW2',
      },
      Failover: 'SECONDARY',
      HostedZoneName: 'sorry-demo.example.',
      Name: 'www.sorry-demo.example.',
      SetIdentifier: 'secondary-sorry-page',
      Type: 'A',
    },
    Metadata: meta('WwwSecondary'),
  },
});

describe('compileTemplate: Route 53 and CloudFront', () => {
  it('compiles the TCP health check of the NLB with its interval and threshold', () => {
    const dns = compileTemplate({ Resources: resources() }, 'Stack').dns!;
    expect(dns.healthChecks).toEqual([
      {
        logicalId: 'Check',
        path: 'NlbHealthCheck',
        type: 'TCP',
        endpoint: { loadBalancerId: 'Nlb' },
        port: 443,
        resourcePath: null,
        requestIntervalSeconds: 10,
        failureThreshold: 3,
        inverted: false,
        disabled: false,
      },
    ]);
  });

  it('compiles the failover records: names without the dot, the zone by name, alias targets by logical id', () => {
    const dns = compileTemplate({ Resources: resources() }, 'Stack').dns!;
    expect(
      dns.records.map((r) => [
        r.path,
        r.name,
        r.zoneName,
        r.failover,
        r.setIdentifier,
        r.healthCheckId,
        r.alias?.targetId,
        r.alias?.evaluateTargetHealth,
      ]),
    ).toEqual([
      ['WwwPrimary', 'www.sorry-demo.example', 'sorry-demo.example', 'PRIMARY', 'primary-nlb', 'Check', 'Nlb', false],
      [
        'WwwSecondary',
        'www.sorry-demo.example',
        'sorry-demo.example',
        'SECONDARY',
        'secondary-sorry-page',
        null,
        'Site',
        false,
      ],
    ]);
  });

  it('compiles the distribution with its S3 origin and default root object, and reports what the stand-in does not do', () => {
    const topology = compileTemplate({ Resources: resources() }, 'Stack');
    expect(topology.dns!.distributions).toEqual([
      {
        logicalId: 'Site',
        path: 'SorrySite',
        defaultRootObject: 'index.html',
        originBucketId: 'Bucket',
        originBucketPath: 'SorryPageBucket',
        enabled: true,
      },
    ]);
    const reported = topology.notRealized.filter((n) => n.logicalId === 'Site').map((n) => n.property);
    expect(reported).toEqual(
      expect.arrayContaining([
        'DistributionConfig.HttpVersion',
        'DistributionConfig.DefaultCacheBehavior.Compress',
        'DistributionConfig.DefaultCacheBehavior.CachePolicyId',
      ]),
    );
    expect(topology.notRealized.find((n) => n.logicalId === 'Oac')?.reason).toMatch(/origin access .* is not emulated/);
    expect(
      topology.notRealized.find((n) => n.logicalId === 'Check' && n.property === 'HealthCheckConfig.MeasureLatency'),
    ).toBeDefined();
  });

  it('reports what it does not evaluate: other health check types, EvaluateTargetHealth, non-failover routing', () => {
    const r = resources();
    (r.Check!.Properties!.HealthCheckConfig as Record<string, unknown>).Type = 'HTTPS_STR_MATCH';
    (r.WwwPrimary!.Properties!.AliasTarget as Record<string, unknown>).EvaluateTargetHealth = true;
    r.Weighted = {
      Type: 'AWS::Route53::RecordSet',
      Properties: {
        Name: 'w.sorry-demo.example.',
        HostedZoneName: 'sorry-demo.example.',
        Type: 'A',
        Weight: 10,
        SetIdentifier: 'w',
        ResourceRecords: ['127.0.0.2'],
      },
    };
    const topology = compileTemplate({ Resources: r }, 'Stack');
    expect(topology.dns!.healthChecks).toEqual([]);
    const reasons = topology.notRealized.map((n) => `${n.logicalId}.${n.property}: ${n.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Check\.HealthCheckConfig\.Type: health check type HTTPS_STR_MATCH is not evaluated by the sandbox/,
        ),
        expect.stringMatching(
          /^WwwPrimary\.AliasTarget\.EvaluateTargetHealth: the sandbox does not evaluate the alias target's own health/,
        ),
        expect.stringMatching(/^Weighted\.Weight: only failover routing/),
      ]),
    );
  });

  it('has no dns at all for a stack without Route 53 or CloudFront', () => {
    expect(compileTemplate({ Resources: { Nlb: resources().Nlb! } }, 'Stack').dns).toBeUndefined();
  });
});
