import { describe, expect, it } from 'vitest';
import type { CfnResource, CfnTemplate } from './cfn.js';
import { AwsApiError, TopologyError } from './errors.js';
import { inEnglish, type EnglishTopology } from '../../cli/testing/english.js';
import { compileTemplate as compileMessages } from './compile.js';
import type { Listener, LoadBalancer, TargetGroup } from './topology.js';

/** The compiled topology with its not-realized reasons in the words a reader sees. */
const compileTemplate = (...args: Parameters<typeof compileMessages>) => inEnglish(compileMessages(...args));

const STACK = 'Stack';
const meta = (path: string) => ({ 'aws:cdk:path': `${STACK}/${path}` });

function compile(resources: Record<string, CfnResource>, extra: Omit<CfnTemplate, 'Resources'> = {}): EnglishTopology {
  return compileTemplate({ ...extra, Resources: resources }, STACK);
}

function balancer(topology: EnglishTopology, logicalId: string): LoadBalancer {
  const found = topology.loadBalancers.find((candidate) => candidate.logicalId === logicalId);
  if (!found) throw new Error(`no load balancer ${logicalId}`);
  return found;
}

function targetGroup(topology: EnglishTopology, logicalId: string): TargetGroup {
  const found = topology.targetGroups.find((candidate) => candidate.logicalId === logicalId);
  if (!found) throw new Error(`no target group ${logicalId}`);
  return found;
}

function listener(topology: EnglishTopology, logicalId: string): Listener {
  const found = topology.loadBalancers
    .flatMap((lb) => lb.listeners)
    .find((candidate) => candidate.logicalId === logicalId);
  if (!found) throw new Error(`no listener ${logicalId}`);
  return found;
}

function notRealizedOf(topology: EnglishTopology, logicalId: string): EnglishTopology['notRealized'] {
  return topology.notRealized.filter((entry) => entry.logicalId === logicalId);
}

describe('compileTemplate: empty and naming', () => {
  it('compiles a template without resources to an empty topology named after the stack', () => {
    expect(compileTemplate({}, 'MyStack')).toEqual({
      stackName: 'MyStack',
      loadBalancers: [],
      targetGroups: [],
      trustStores: [],
      parameters: [],
      notRealized: [],
    });
  });

  it('derives paths from aws:cdk:path metadata: the stack prefix and a trailing Resource/Default are dropped', () => {
    const topology = compile({
      Nlb: {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: { Type: 'network' },
        Metadata: meta('Nlb/Resource'),
      },
      Tcp443: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: { Ref: 'Nlb' },
          Port: 443,
          Protocol: 'TCP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }],
        },
        Metadata: meta('Nlb/Tcp443/Resource'),
      },
      Tg: {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: { Protocol: 'TCP', Port: 443 },
        Metadata: meta('Deep/Targets/Default'),
      },
      Param: {
        Type: 'AWS::SSM::Parameter',
        Properties: { Type: 'String', Value: 'v' },
        Metadata: { 'aws:cdk:path': 'OtherStack/Param/Resource' },
      },
      NoMeta: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v' } },
    });
    expect(balancer(topology, 'Nlb').path).toBe('Nlb');
    expect(listener(topology, 'Tcp443').path).toBe('Nlb/Tcp443');
    expect(targetGroup(topology, 'Tg').path).toBe('Deep/Targets');
    const paths = Object.fromEntries(topology.parameters.map((parameter) => [parameter.logicalId, parameter.path]));
    // Another stack's prefix is kept; without metadata the logical id is the path.
    expect(paths).toEqual({ Param: 'OtherStack/Param', NoMeta: 'NoMeta' });
  });
});

describe('compileTemplate: Classic Load Balancer', () => {
  const clbTemplate = (): Record<string, CfnResource> => ({
    Web1: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 't3.micro' } },
    Web2: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 't3.micro' } },
    Clb: {
      Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
      Metadata: meta('Clb/Resource'),
      Properties: {
        Scheme: 'internal',
        Listeners: [
          { LoadBalancerPort: '443', InstancePort: '8443', Protocol: 'tcp' },
          { LoadBalancerPort: 80, InstancePort: 8080, Protocol: 'HTTP', InstanceProtocol: 'http' },
          {
            LoadBalancerPort: 8443,
            InstancePort: 443,
            Protocol: 'SSL',
            InstanceProtocol: 'TCP',
            SSLCertificateId: 'arn:aws:acm:us-east-1:000000000000:certificate/abc',
          },
        ],
        HealthCheck: {
          Target: 'TCP:443',
          Interval: '10',
          Timeout: '3',
          HealthyThreshold: '2',
          UnhealthyThreshold: '4',
        },
        Instances: [{ Ref: 'Web1' }, { Ref: 'Web2' }, 'i-0123456789abcdef0'],
        Policies: [
          {
            PolicyName: 'EnableProxyProtocol',
            PolicyType: 'ProxyProtocolPolicyType',
            Attributes: [{ Name: 'ProxyProtocol', Value: 'true' }],
            InstancePorts: ['8443', 9000],
          },
          {
            PolicyName: 'DisabledProxy',
            PolicyType: 'ProxyProtocolPolicyType',
            Attributes: [{ Name: 'ProxyProtocol', Value: 'false' }],
            InstancePorts: ['8080'],
          },
          {
            PolicyName: 'Ssl',
            PolicyType: 'SSLNegotiationPolicyType',
            Attributes: [{ Name: 'ProxyProtocol', Value: 'true' }],
            InstancePorts: ['443'],
          },
        ],
        Subnets: [{ Ref: 'Subnet' }],
        SecurityGroups: ['sg-1'],
        CrossZone: true,
        ConnectionSettings: { IdleTimeout: 120 },
      },
    },
  });

  it('turns each listener into a TCP/HTTP/SSL listener with instance port and protocol, upper-cased', () => {
    const clb = balancer(compile(clbTemplate()), 'Clb');
    expect(clb.kind).toBe('classic');
    expect(clb.path).toBe('Clb');
    expect(clb.name).toBe('Clb');
    expect(clb.scheme).toBe('internal');
    expect(
      clb.listeners.map((l) => [l.logicalId, l.path, l.port, l.protocol, l.instancePort, l.instanceProtocol]),
    ).toEqual([
      ['Clb.Listeners[0]', 'Clb/Listener443', 443, 'TCP', 8443, 'TCP'],
      ['Clb.Listeners[1]', 'Clb/Listener80', 80, 'HTTP', 8080, 'HTTP'],
      ['Clb.Listeners[2]', 'Clb/Listener8443', 8443, 'SSL', 443, 'TCP'],
    ]);
    expect(clb.listeners[0]!.certificates).toEqual([]);
    expect(clb.listeners[2]!.certificates).toEqual(['arn:aws:acm:us-east-1:000000000000:certificate/abc']);
  });

  it('makes the load balancer itself the target group each listener forwards to', () => {
    const clb = balancer(compile(clbTemplate()), 'Clb');
    for (const l of clb.listeners) {
      expect(l.defaultActions).toEqual([
        { type: 'forward', targetGroups: [{ targetGroupId: 'Clb', weight: 1 }], groupStickiness: null },
      ]);
      expect(l.rules).toEqual([]);
      expect(l.mutualAuthentication).toBeNull();
    }
  });

  it('parses HealthCheck Target "TCP:443" with the given timings', () => {
    expect(balancer(compile(clbTemplate()), 'Clb').classicHealthCheck).toEqual({
      protocol: 'TCP',
      port: 443,
      path: null,
      intervalSeconds: 10,
      timeoutSeconds: 3,
      healthyThreshold: 2,
      unhealthyThreshold: 4,
      matcher: null,
    });
  });

  it('parses an HTTP target with a path and fills in the Classic defaults (30 s, 5 s, 10, 2)', () => {
    const resources = clbTemplate();
    resources.Clb!.Properties!.HealthCheck = { Target: 'HTTP:8080/health/deep' };
    expect(balancer(compile(resources), 'Clb').classicHealthCheck).toEqual({
      protocol: 'HTTP',
      port: 8080,
      path: '/health/deep',
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThreshold: 10,
      unhealthyThreshold: 2,
      matcher: '200',
    });
  });

  it('gives an HTTP target without a path the root path, checks SSL targets as TCP, and has no health check without HealthCheck', () => {
    const http = clbTemplate();
    http.Clb!.Properties!.HealthCheck = { Target: 'https:443' };
    expect(balancer(compile(http), 'Clb').classicHealthCheck).toMatchObject({
      protocol: 'HTTPS',
      port: 443,
      path: '/',
      matcher: '200',
    });
    const ssl = clbTemplate();
    ssl.Clb!.Properties!.HealthCheck = { Target: 'SSL:8443' };
    expect(balancer(compile(ssl), 'Clb').classicHealthCheck).toMatchObject({
      protocol: 'TCP',
      port: 8443,
      path: null,
      matcher: null,
    });
    const none = clbTemplate();
    delete none.Clb!.Properties!.HealthCheck;
    expect(balancer(compile(none), 'Clb').classicHealthCheck).toBeNull();
  });

  it('lists registered instances by logical id (or as written)', () => {
    expect(balancer(compile(clbTemplate()), 'Clb').classicInstances).toEqual(['Web1', 'Web2', 'i-0123456789abcdef0']);
  });

  it('collects instance ports of enabled ProxyProtocolPolicyType policies only', () => {
    expect(balancer(compile(clbTemplate()), 'Clb').classicProxyProtocolPorts).toEqual([8443, 9000]);
    const none = clbTemplate();
    delete none.Clb!.Properties!.Policies;
    expect(balancer(compile(none), 'Clb').classicProxyProtocolPorts).toEqual([]);
  });

  it('names the load balancer by LoadBalancerName when given', () => {
    const resources = clbTemplate();
    resources.Clb!.Properties!.LoadBalancerName = 'my-clb';
    expect(balancer(compile(resources), 'Clb').name).toBe('my-clb');
  });

  it('reports networking properties with the networking reason, and an unknown property by name', () => {
    const topology = compile(clbTemplate());
    const byProperty = Object.fromEntries(notRealizedOf(topology, 'Clb').map((entry) => [entry.property, entry]));
    expect(Object.keys(byProperty).sort()).toEqual(['ConnectionSettings', 'CrossZone', 'SecurityGroups', 'Subnets']);
    expect(byProperty.Subnets!.reason).toMatch(/^networking: .*127\.0\.0\.1/);
    expect(byProperty.SecurityGroups!.reason).toMatch(/^networking:/);
    expect(byProperty.CrossZone!.reason).toMatch(/zones/);
    expect(byProperty.ConnectionSettings).toEqual({
      logicalId: 'Clb',
      type: 'AWS::ElasticLoadBalancing::LoadBalancer',
      property: 'ConnectionSettings',
      reason: 'the sandbox does not emulate this property; it has no effect here',
    });
  });

  it('reports the instances themselves as stood in for by local processes', () => {
    const topology = compile(clbTemplate());
    expect(notRealizedOf(topology, 'Web1')).toEqual([
      {
        logicalId: 'Web1',
        type: 'AWS::EC2::Instance',
        reason: "the instance's web server runs as a local process (the scenario's targets)",
      },
    ]);
  });
});

describe('compileTemplate: NLB, TCP listener and target group', () => {
  const nlbTemplate = (): Record<string, CfnResource> => ({
    Nlb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Metadata: meta('Nlb/Resource'),
      Properties: {
        Type: 'network',
        Scheme: 'internal',
        Name: 'my-nlb',
        Subnets: ['subnet-1'],
        LoadBalancerAttributes: [{ Key: 'deletion_protection.enabled', Value: false }],
      },
    },
    Tcp443: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Metadata: meta('Nlb/Tcp443/Resource'),
      Properties: {
        LoadBalancerArn: { Ref: 'Nlb' },
        Port: 443,
        Protocol: 'TCP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }],
      },
    },
    Tg: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Metadata: meta('WebTargets/Resource'),
      Properties: {
        Protocol: 'TCP',
        Port: 443,
        TargetType: 'ip',
        VpcId: { Ref: 'Vpc' },
        Targets: [{ Id: '10.0.0.10', Port: 443 }, { Id: '10.0.0.11' }],
        TargetGroupAttributes: [
          { Key: 'stickiness.enabled', Value: 'true' },
          { Key: 'stickiness.type', Value: 'source_ip' },
          { Key: 'proxy_protocol_v2.enabled', Value: 'true' },
          { Key: 'preserve_client_ip.enabled', Value: 'false' },
        ],
      },
    },
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
  });

  it('compiles the network load balancer with its name, scheme and attributes', () => {
    const nlb = balancer(compile(nlbTemplate()), 'Nlb');
    expect(nlb).toMatchObject({
      kind: 'network',
      path: 'Nlb',
      name: 'my-nlb',
      scheme: 'internal',
      classicHealthCheck: null,
      classicInstances: [],
      classicProxyProtocolPorts: [],
    });
    expect(nlb.attributes).toEqual({ 'deletion_protection.enabled': 'false' });
  });

  it('attaches the TCP listener with its default forward action to the target group', () => {
    const topology = compile(nlbTemplate());
    expect(balancer(topology, 'Nlb').listeners).toEqual([
      {
        logicalId: 'Tcp443',
        path: 'Nlb/Tcp443',
        port: 443,
        protocol: 'TCP',
        instancePort: null,
        instanceProtocol: null,
        defaultActions: [
          { type: 'forward', targetGroups: [{ targetGroupId: 'Tg', weight: 1 }], groupStickiness: null },
        ],
        rules: [],
        certificates: [],
        sslPolicy: null,
        mutualAuthentication: null,
      },
    ]);
  });

  it('reads targets, stickiness, proxy protocol v2 and client IP preservation from the target group', () => {
    const tg = targetGroup(compile(nlbTemplate()), 'Tg');
    expect(tg).toMatchObject({
      path: 'WebTargets',
      protocol: 'TCP',
      port: 443,
      targetType: 'ip',
      proxyProtocolV2: true,
      preserveClientIp: false,
    });
    expect(tg.targets).toEqual([
      { id: '10.0.0.10', port: 443 },
      { id: '10.0.0.11', port: null },
    ]);
    expect(tg.stickiness).toEqual({ enabled: true, type: 'source_ip', durationSeconds: null, cookieName: null });
    expect(tg.attributes).toEqual({
      'stickiness.enabled': 'true',
      'stickiness.type': 'source_ip',
      'proxy_protocol_v2.enabled': 'true',
      'preserve_client_ip.enabled': 'false',
    });
  });

  it('without attributes: no stickiness, no proxy protocol, client IP preservation unknown (null)', () => {
    const resources = nlbTemplate();
    delete resources.Tg!.Properties!.TargetGroupAttributes;
    const tg = targetGroup(compile(resources), 'Tg');
    expect(tg.stickiness).toEqual({ enabled: false, type: null, durationSeconds: null, cookieName: null });
    expect(tg.proxyProtocolV2).toBe(false);
    expect(tg.preserveClientIp).toBeNull();
    const on = nlbTemplate();
    on.Tg!.Properties!.TargetGroupAttributes = [{ Key: 'preserve_client_ip.enabled', Value: true }];
    expect(targetGroup(compile(on), 'Tg').preserveClientIp).toBe(true);
  });

  it('defaults a TCP target group health check to TCP on the traffic port, 30 s, 10 s timeout, 5/2', () => {
    expect(targetGroup(compile(nlbTemplate()), 'Tg').healthCheck).toEqual({
      protocol: 'TCP',
      port: 'traffic-port',
      path: null,
      intervalSeconds: 30,
      timeoutSeconds: 10,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      matcher: null,
    });
  });

  it('takes explicit health check settings, with an NLB HTTP check defaulting to path / and codes 200-399', () => {
    const resources = nlbTemplate();
    Object.assign(resources.Tg!.Properties!, {
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: '8080',
      HealthCheckIntervalSeconds: 10,
      HealthCheckTimeoutSeconds: '4',
      HealthyThresholdCount: 3,
      UnhealthyThresholdCount: 3,
    });
    expect(targetGroup(compile(resources), 'Tg').healthCheck).toEqual({
      protocol: 'HTTP',
      port: 8080,
      path: '/',
      intervalSeconds: 10,
      timeoutSeconds: 4,
      healthyThreshold: 3,
      unhealthyThreshold: 3,
      matcher: '200-399',
    });
  });

  it('defaults TLS, UDP and TCP_UDP target groups to TCP health checks', () => {
    for (const protocol of ['TLS', 'UDP', 'TCP_UDP']) {
      const resources = nlbTemplate();
      resources.Tg!.Properties!.Protocol = protocol;
      const tg = targetGroup(compile(resources), 'Tg');
      expect(tg.protocol).toBe(protocol);
      expect(tg.healthCheck).toMatchObject({ protocol: 'TCP', timeoutSeconds: 10, path: null, matcher: null });
    }
  });

  it('reports the VPC with the networking reason and VpcId as a networking property', () => {
    const topology = compile(nlbTemplate());
    expect(notRealizedOf(topology, 'Vpc')).toEqual([
      { logicalId: 'Vpc', type: 'AWS::EC2::VPC', reason: expect.stringMatching(/^networking: .*loopback/) },
    ]);
    expect(notRealizedOf(topology, 'Tg')).toEqual([
      {
        logicalId: 'Tg',
        type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        property: 'VpcId',
        reason: expect.stringMatching(/^networking:/),
      },
    ]);
    expect(notRealizedOf(topology, 'Nlb')).toEqual([
      {
        logicalId: 'Nlb',
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        property: 'Subnets',
        reason: expect.stringMatching(/^networking:/),
      },
    ]);
    expect(notRealizedOf(topology, 'Tcp443')).toEqual([]);
  });

  it('reports a listener whose load balancer is not in the stack, and attaches it nowhere', () => {
    const resources = nlbTemplate();
    resources.Tcp443!.Properties!.LoadBalancerArn =
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/other/1';
    const topology = compile(resources);
    expect(balancer(topology, 'Nlb').listeners).toEqual([]);
    expect(notRealizedOf(topology, 'Tcp443')).toEqual([
      {
        logicalId: 'Tcp443',
        type: 'AWS::ElasticLoadBalancingV2::Listener',
        property: 'LoadBalancerArn',
        reason: 'refers to a load balancer outside this stack; the listener cannot be realized',
      },
    ]);
  });

  it('refuses a Ref to a logical id that does not exist, as CloudFormation does; a template finding names it', () => {
    const resources = nlbTemplate();
    resources.Tcp443!.Properties!.LoadBalancerArn = { Ref: 'Missing' };
    expect(() => compile(resources)).toThrow(/cfn.undefined-ref/);
    const topology = compileTemplate({ Resources: resources }, STACK, { tolerant: true });
    expect(topology.loadBalancers.flatMap((lb) => lb.listeners)).toEqual([]);
    expect(notRealizedOf(topology, 'Tcp443')).toEqual([
      {
        logicalId: 'Tcp443',
        type: 'AWS::ElasticLoadBalancingV2::Listener',
        property: 'LoadBalancerArn',
        reason: expect.stringContaining('Ref names Missing, which is neither a parameter nor a resource'),
      },
    ]);
  });
});

describe('compileTemplate: NLB TLS listener with mutual TLS (November 2026)', () => {
  const tlsTemplate = (mutual?: Record<string, unknown>, listener: Record<string, unknown> = {}) => ({
    Nlb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Metadata: meta('Nlb/Resource'),
      Properties: { Type: 'network' },
    },
    Tls443: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Metadata: meta('Nlb/Tls443/Resource'),
      Properties: {
        LoadBalancerArn: { Ref: 'Nlb' },
        Port: 443,
        Protocol: 'TLS',
        Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/x' }],
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        AlpnPolicy: ['HTTP2Preferred'],
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }],
        ...(mutual ? { MutualAuthentication: mutual } : {}),
        ...listener,
      },
    },
    Tg: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Metadata: meta('Targets/Resource'),
      Properties: { Protocol: 'TLS', Port: 443, TargetType: 'ip', Targets: [{ Id: '10.0.0.10' }] },
    },
    TrustStore: {
      Type: 'AWS::ElasticLoadBalancingV2::TrustStore',
      Metadata: meta('TrustStore/Resource'),
      Properties: { CaCertificatesBundleS3Bucket: 'b', CaCertificatesBundleS3Key: 'ca.pem' },
    },
  });
  const verify = (filters?: unknown) => ({
    Mode: 'verify',
    TrustStoreArn: { 'Fn::GetAtt': ['TrustStore', 'TrustStoreArn'] },
    ...(filters === undefined ? {} : { ClientCertificateIdentityFilters: filters }),
  });
  const refusal = (resources: Record<string, CfnResource>): AwsApiError => {
    try {
      compile(resources);
    } catch (error) {
      return error as AwsApiError;
    }
    throw new Error('expected the listener to be refused');
  };

  it('reads the certificate, SslPolicy and AlpnPolicy of a TLS listener, and realizes AlpnPolicy there', () => {
    const topology = compile(tlsTemplate());
    expect(listener(topology, 'Tls443')).toMatchObject({
      protocol: 'TLS',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      alpnPolicy: 'HTTP2Preferred',
      mutualAuthentication: null,
      certificates: ['arn:aws:acm:us-east-1:000000000000:certificate/x'],
    });
    expect(notRealizedOf(topology, 'Tls443')).toEqual([]);
    expect(listener(compile(tlsTemplate(undefined, { AlpnPolicy: undefined })), 'Tls443').alpnPolicy).toBeNull();
  });

  it('reads verify mode, the trust store and the identity filters in order (the addPropertyOverride path)', () => {
    const filters = [
      { Field: 'san-uri', MatchType: 'prefix', Value: 'spiffe://example.org/ns/prod/', Action: 'accept' },
      { Field: 'subject-cn', MatchType: 'exact', Value: 'ops-console', Action: 'accept' },
    ];
    expect(listener(compile(tlsTemplate(verify(filters))), 'Tls443').mutualAuthentication).toEqual({
      mode: 'verify',
      trustStoreId: 'TrustStore',
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
      identityFilters: [
        { field: 'san-uri', matchType: 'prefix', value: 'spiffe://example.org/ns/prod/', action: 'accept' },
        { field: 'subject-cn', matchType: 'exact', value: 'ops-console', action: 'accept' },
      ],
    });
    // an empty list is kept: the listener filters nothing
    expect(listener(compile(tlsTemplate(verify([]))), 'Tls443').mutualAuthentication?.identityFilters).toEqual([]);
    // no list: no identityFilters at all
    expect(listener(compile(tlsTemplate(verify())), 'Tls443').mutualAuthentication).not.toHaveProperty(
      'identityFilters',
    );
  });

  it('refuses passthrough on an NLB as CreateListener would (an assumed ValidationError)', () => {
    const error = refusal(tlsTemplate({ Mode: 'passthrough' }));
    expect(error).toBeInstanceOf(AwsApiError);
    expect(error).toBeInstanceOf(TopologyError);
    expect(error).toMatchObject({ operation: 'CreateListener', code: 'ValidationError', assumed: true });
    expect(error.awsMessage).toBe('Mutual Authentication mode passthrough is not supported for Network Load Balancers');
    expect(error.message).toMatch(/^Nlb\/Tls443 \(AWS::ElasticLoadBalancingV2::Listener\): CreateListener would fail/);
    expect(error.message).toContain('verify mode only');
  });

  it('refuses verify mode on an NLB TCP listener, filters on an ALB, and filters without verify', () => {
    const tcp = tlsTemplate(verify(), { Protocol: 'TCP', Certificates: undefined, SslPolicy: undefined });
    expect(refusal(tcp).awsMessage).toBe('Mutual Authentication is not supported for TCP listeners');
    const alb = tlsTemplate(verify([{ Field: 'subject-cn', MatchType: 'exact', Value: 'a', Action: 'accept' }]), {
      Protocol: 'HTTPS',
      AlpnPolicy: undefined,
    });
    (alb.Nlb.Properties as Record<string, unknown>).Type = 'application';
    expect(refusal(alb).awsMessage).toBe(
      'Client certificate identity filters are only supported for Network Load Balancers',
    );
    const off = { Mode: 'off', ClientCertificateIdentityFilters: [] };
    expect(refusal(tlsTemplate(off)).awsMessage).toBe(
      'Client certificate identity filters require Mutual Authentication mode verify',
    );
    // Mode off alone is accepted anywhere
    expect(listener(compile(tlsTemplate({ Mode: 'off' })), 'Tls443').mutualAuthentication?.mode).toBe('off');
  });

  it("refuses filters the API reference does not allow: field, match type, action, the value's length and form", () => {
    const one = (filter: Record<string, unknown>) =>
      refusal(
        tlsTemplate(verify([{ Field: 'subject-cn', MatchType: 'exact', Value: 'a', Action: 'accept', ...filter }])),
      );
    expect(one({ Field: 'san-ip' }).detail).toBe(
      'ClientCertificateIdentityFilters[0].Field is "san-ip"; it must be one of subject-cn, subject-ou, san-dns, san-uri',
    );
    expect(one({ MatchType: 'suffix' }).detail).toContain('it must be exact or prefix');
    expect(one({ Action: 'deny' }).detail).toContain('accept is the only action');
    expect(one({ Value: '' }).awsMessage).toBe(
      'Client certificate identity filter value must be 1-256 printable ASCII characters',
    );
    expect(one({ Value: 'x'.repeat(257) }).awsMessage).toContain('1-256 printable ASCII');
    expect(one({ Value: 'caf\u00e9' }).awsMessage).toContain('printable ASCII');
    expect(one({ Field: 'san-uri', Value: '1spiffe://x' }).awsMessage).toContain('must begin with a letter');
    expect(one({ Field: 'san-uri', Value: 'spi_ffe://x' }).awsMessage).toContain('before the first colon');
    expect(() =>
      compile(tlsTemplate(verify([{ Field: 'san-uri', MatchType: 'prefix', Value: 'spiffe', Action: 'accept' }]))),
    ).not.toThrow();
    expect(() =>
      compile(
        tlsTemplate(verify([{ Field: 'subject-cn', MatchType: 'exact', Value: 'x'.repeat(256), Action: 'accept' }])),
      ),
    ).not.toThrow();
  });

  it('refuses an AlpnPolicy that is not one policy name', () => {
    const error = refusal(tlsTemplate(undefined, { AlpnPolicy: ['HTTP2Preferred', 'HTTP1Only'] }));
    expect(error.detail).toBe(
      'AlpnPolicy must be one policy name: HTTP1Only, HTTP2Only, HTTP2Optional, HTTP2Preferred, None',
    );
  });
});

describe('compileTemplate: ALB target groups', () => {
  it('defaults an HTTP target group to an HTTP check on /, 5 s timeout, matcher 200, instance targets', () => {
    const topology = compile({
      Web1: { Type: 'AWS::EC2::Instance' },
      Tg: {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: { Port: 80, Targets: [{ Id: { Ref: 'Web1' }, Port: '8080' }] },
      },
    });
    const tg = targetGroup(topology, 'Tg');
    expect(tg.protocol).toBe('HTTP');
    expect(tg.targetType).toBe('instance');
    expect(tg.targets).toEqual([{ id: 'Web1', port: 8080 }]);
    expect(tg.healthCheck).toEqual({
      protocol: 'HTTP',
      port: 'traffic-port',
      path: '/',
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      matcher: '200',
    });
  });

  it('uses an HTTPS target group protocol, Matcher, path, and lb_cookie stickiness', () => {
    const tg = targetGroup(
      compile({
        Tg: {
          Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          Properties: {
            Protocol: 'HTTPS',
            Port: 443,
            HealthCheckPath: '/healthz',
            HealthCheckPort: 'traffic-port',
            Matcher: { HttpCode: '200-299' },
            TargetGroupAttributes: [
              { Key: 'stickiness.enabled', Value: 'true' },
              { Key: 'stickiness.type', Value: 'lb_cookie' },
              { Key: 'stickiness.lb_cookie.duration_seconds', Value: '600' },
            ],
          },
        },
      }),
      'Tg',
    );
    expect(tg.healthCheck).toMatchObject({
      protocol: 'HTTPS',
      port: 'traffic-port',
      path: '/healthz',
      matcher: '200-299',
      timeoutSeconds: 5,
    });
    expect(tg.stickiness).toEqual({ enabled: true, type: 'lb_cookie', durationSeconds: 600, cookieName: null });
  });

  it('reads app_cookie stickiness with its own duration and cookie name', () => {
    const tg = targetGroup(
      compile({
        Tg: {
          Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          Properties: {
            Protocol: 'HTTP',
            TargetGroupAttributes: [
              { Key: 'stickiness.enabled', Value: 'true' },
              { Key: 'stickiness.type', Value: 'app_cookie' },
              { Key: 'stickiness.lb_cookie.duration_seconds', Value: '999' },
              { Key: 'stickiness.app_cookie.duration_seconds', Value: '120' },
              { Key: 'stickiness.app_cookie.cookie_name', Value: 'SESSION' },
            ],
          },
        },
      }),
      'Tg',
    );
    expect(tg.stickiness).toEqual({ enabled: true, type: 'app_cookie', durationSeconds: 120, cookieName: 'SESSION' });
  });

  it('explains Name and Tags, and reports properties it does not emulate by name', () => {
    const topology = compile({
      Tg: {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: { Protocol: 'HTTP', Name: 'tg', Tags: [], ProtocolVersion: 'HTTP2', HealthCheckEnabled: true },
      },
    });
    const byProperty = Object.fromEntries(notRealizedOf(topology, 'Tg').map((entry) => [entry.property, entry.reason]));
    expect(Object.keys(byProperty).sort()).toEqual(['HealthCheckEnabled', 'Name', 'ProtocolVersion', 'Tags']);
    expect(byProperty.Name).toMatch(/construct paths/);
    expect(byProperty.Tags).toBe('tags have no effect on traffic');
    expect(byProperty.ProtocolVersion).toBe('the sandbox does not emulate this property; it has no effect here');
    expect(byProperty.HealthCheckEnabled).toBe('the sandbox does not emulate this property; it has no effect here');
  });
});

describe('compileTemplate: ALB HTTPS listener with mutual authentication', () => {
  const albTemplate = (): Record<string, CfnResource> => ({
    Bucket: { Type: 'AWS::S3::Bucket' },
    Cert: { Type: 'AWS::CertificateManager::Certificate', Properties: { DomainName: 'example.org' } },
    Alb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Metadata: meta('Alb/Resource'),
      Properties: { Type: 'application', SecurityGroups: ['sg-1'], Subnets: ['subnet-1'], IpAddressType: 'ipv4' },
    },
    TrustStore: {
      Type: 'AWS::ElasticLoadBalancingV2::TrustStore',
      Metadata: meta('TrustStore/Resource'),
      Properties: {
        Name: 'clients',
        CaCertificatesBundleS3Bucket: { Ref: 'Bucket' },
        CaCertificatesBundleS3Key: 'ca/bundle.pem',
        CaCertificatesBundleS3ObjectVersion: 'v1',
        Tags: [],
      },
    },
    Revocation: {
      Type: 'AWS::ElasticLoadBalancingV2::TrustStoreRevocation',
      Properties: {
        TrustStoreArn: { Ref: 'TrustStore' },
        RevocationContents: [
          { S3Bucket: { Ref: 'Bucket' }, S3Key: 'crl/one.crl', RevocationType: 'CRL' },
          { S3Bucket: 'other-bucket', S3Key: 'crl/two.crl' },
        ],
      },
    },
    Https: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Metadata: meta('Alb/Https/Resource'),
      Properties: {
        LoadBalancerArn: { Ref: 'Alb' },
        Port: 443,
        Protocol: 'HTTPS',
        Certificates: [
          { CertificateArn: { Ref: 'Cert' } },
          { CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/second' },
        ],
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        AlpnPolicy: ['HTTP2Preferred'],
        MutualAuthentication: {
          Mode: 'verify',
          TrustStoreArn: { Ref: 'TrustStore' },
          IgnoreClientCertificateExpiry: true,
          AdvertiseTrustStoreCaNames: 'on',
        },
        DefaultActions: [{ Type: 'forward', Order: 1, TargetGroupArn: { Ref: 'TgA' } }],
      },
    },
    Http: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Metadata: meta('Alb/Http/Resource'),
      Properties: {
        LoadBalancerArn: { Ref: 'Alb' },
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [
          { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
        ],
      },
    },
    TgA: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'HTTP', Port: 80 } },
    TgB: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'HTTP', Port: 80 } },
  });

  it('compiles an application load balancer (also when Type is absent) with networking explained', () => {
    const topology = compile(albTemplate());
    const alb = balancer(topology, 'Alb');
    expect(alb.kind).toBe('application');
    expect(alb.name).toBe('Alb');
    expect(alb.scheme).toBe('internet-facing');
    expect(notRealizedOf(topology, 'Alb').map((entry) => [entry.property, /^networking:/.test(entry.reason)])).toEqual([
      ['SecurityGroups', true],
      ['Subnets', true],
      ['IpAddressType', true],
    ]);
    const untyped = albTemplate();
    delete untyped.Alb!.Properties!.Type;
    expect(balancer(compile(untyped), 'Alb').kind).toBe('application');
  });

  it('keeps certificates (references as logical ids), the SSL policy and the mutual authentication settings', () => {
    const https = listener(compile(albTemplate()), 'Https');
    expect(https.path).toBe('Alb/Https');
    expect(https.protocol).toBe('HTTPS');
    expect(https.port).toBe(443);
    expect(https.certificates).toEqual(['Cert', 'arn:aws:acm:us-east-1:000000000000:certificate/second']);
    expect(https.sslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(https.mutualAuthentication).toEqual({
      mode: 'verify',
      trustStoreId: 'TrustStore',
      ignoreClientCertificateExpiry: true,
      advertiseTrustStoreCaNames: true,
    });
  });

  it('compiles a forward default action', () => {
    expect(listener(compile(albTemplate()), 'Https').defaultActions).toEqual([
      { type: 'forward', targetGroups: [{ targetGroupId: 'TgA', weight: 1 }], groupStickiness: null },
    ]);
  });

  it('sorts default actions by Order; an authentication action is kept but the listener says it is not realized', () => {
    const resources = albTemplate();
    resources.Https!.Properties!.DefaultActions = [
      {
        Type: 'fixed-response',
        Order: 2,
        FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'no route' },
      },
      {
        Type: 'authenticate-cognito',
        Order: 1,
        AuthenticateCognitoConfig: {
          UserPoolArn: 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_x',
          UserPoolClientId: 'client',
          UserPoolDomain: 'login',
        },
      },
    ];
    const topology = compile(resources);
    expect(listener(topology, 'Https').defaultActions.map((action) => action.type)).toEqual([
      'authenticate-cognito',
      'fixed-response',
    ]);
    expect(listener(topology, 'Https').defaultActions[1]).toEqual({
      type: 'fixed-response',
      statusCode: 404,
      contentType: 'text/plain',
      messageBody: 'no route',
    });
    expect(
      topology.notRealized.find((entry) => entry.logicalId === 'Https' && entry.property === 'DefaultActions'),
    ).toMatchObject({
      reason: expect.stringMatching(
        /^the authenticate-cognito action is not realized: .* The default rule keeps its place/,
      ),
    });
  });

  it('fills redirect defaults: keep protocol, port, host, path and query; 302 unless 301', () => {
    const resources = albTemplate();
    expect(listener(compile(resources), 'Http').defaultActions).toEqual([
      {
        type: 'redirect',
        protocol: 'HTTPS',
        port: '443',
        host: '#{host}',
        path: '/#{path}',
        query: '#{query}',
        statusCode: 'HTTP_301',
      },
    ]);
    resources.Http!.Properties!.DefaultActions = [
      { Type: 'redirect', RedirectConfig: { Path: '/moved', StatusCode: 'HTTP_302' } },
    ];
    expect(listener(compile(resources), 'Http').defaultActions).toEqual([
      {
        type: 'redirect',
        protocol: '#{protocol}',
        port: '#{port}',
        host: '#{host}',
        path: '/moved',
        query: '#{query}',
        statusCode: 'HTTP_302',
      },
    ]);
    // Nothing changed but the query: AWS refuses the loop (published AWS output), and a StatusCode is required.
    resources.Http!.Properties!.DefaultActions = [
      { Type: 'redirect', RedirectConfig: { Query: 'x=1', StatusCode: 'HTTP_302' } },
    ];
    expect(() => compile(resources)).toThrow(
      /InvalidLoadBalancerAction \("The redirect configuration is not valid because it creates a loop\."/,
    );
    resources.Http!.Properties!.DefaultActions = [{ Type: 'redirect', RedirectConfig: { Path: '/moved' } }];
    expect(() => compile(resources)).toThrow(
      /redirectConfig\.statusCode' failed to satisfy constraint: Member must not be null/,
    );
  });

  it('gives fixed-response without content type or body nulls', () => {
    const resources = albTemplate();
    resources.Http!.Properties!.DefaultActions = [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: 503 } }];
    expect(listener(compile(resources), 'Http').defaultActions).toEqual([
      { type: 'fixed-response', statusCode: 503, contentType: null, messageBody: null },
    ]);
  });

  it('has no mutual authentication on a listener without it', () => {
    expect(listener(compile(albTemplate()), 'Http').mutualAuthentication).toBeNull();
    expect(listener(compile(albTemplate()), 'Http').certificates).toEqual([]);
    expect(listener(compile(albTemplate()), 'Http').sslPolicy).toBeNull();
  });

  it('reads passthrough mode without a trust store, and the defaults: off, expiry checked, CA names not advertised', () => {
    const passthrough = albTemplate();
    passthrough.Https!.Properties!.MutualAuthentication = { Mode: 'passthrough' };
    expect(listener(compile(passthrough), 'Https').mutualAuthentication).toEqual({
      mode: 'passthrough',
      trustStoreId: null,
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
    });
    const empty = albTemplate();
    empty.Https!.Properties!.MutualAuthentication = {};
    expect(listener(compile(empty), 'Https').mutualAuthentication).toEqual({
      mode: 'off',
      trustStoreId: null,
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
    });
  });

  it("reads mode off, AdvertiseTrustStoreCaNames 'off', string 'true' expiry and a trust store ARN written out", () => {
    const resources = albTemplate();
    resources.Https!.Properties!.MutualAuthentication = {
      Mode: 'off',
      TrustStoreArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:truststore/ts/1',
      IgnoreClientCertificateExpiry: 'true',
      AdvertiseTrustStoreCaNames: 'off',
    };
    expect(listener(compile(resources), 'Https').mutualAuthentication).toEqual({
      mode: 'off',
      trustStoreId: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:truststore/ts/1',
      ignoreClientCertificateExpiry: true,
      advertiseTrustStoreCaNames: false,
    });
    resources.Https!.Properties!.MutualAuthentication = {
      Mode: 'verify',
      TrustStoreArn: { 'Fn::GetAtt': ['TrustStore', 'TrustStoreArn'] },
      IgnoreClientCertificateExpiry: false,
    };
    expect(listener(compile(resources), 'Https').mutualAuthentication).toMatchObject({
      mode: 'verify',
      trustStoreId: 'TrustStore',
      ignoreClientCertificateExpiry: false,
    });
  });

  it('explains AlpnPolicy rather than dropping it', () => {
    const entries = notRealizedOf(compile(albTemplate()), 'Https');
    expect(entries).toEqual([
      {
        logicalId: 'Https',
        type: 'AWS::ElasticLoadBalancingV2::Listener',
        property: 'AlpnPolicy',
        reason: expect.stringContaining('h2 and http/1.1'),
      },
    ]);
  });

  it('compiles the trust store with its bundle and attaches revocations', () => {
    const topology = compile(albTemplate());
    expect(topology.trustStores).toEqual([
      {
        logicalId: 'TrustStore',
        path: 'TrustStore',
        name: 'clients',
        bundle: { bucket: 'Bucket', key: 'ca/bundle.pem', objectVersion: 'v1' },
        revocations: [
          { logicalId: 'Revocation', bucket: 'Bucket', key: 'crl/one.crl' },
          { logicalId: 'Revocation', bucket: 'other-bucket', key: 'crl/two.crl' },
        ],
      },
    ]);
    expect(notRealizedOf(topology, 'TrustStore')).toEqual([
      {
        logicalId: 'TrustStore',
        type: 'AWS::ElasticLoadBalancingV2::TrustStore',
        property: 'Tags',
        reason: 'tags have no effect on traffic',
      },
    ]);
  });

  it('names a trust store by its path without Name and has no object version unless given', () => {
    const resources = albTemplate();
    delete resources.TrustStore!.Properties!.Name;
    delete resources.TrustStore!.Properties!.CaCertificatesBundleS3ObjectVersion;
    const store = compile(resources).trustStores[0]!;
    expect(store.name).toBe('TrustStore');
    expect(store.bundle.objectVersion).toBeNull();
  });

  it('reports a revocation whose trust store is not in the stack', () => {
    const resources = albTemplate();
    resources.Revocation!.Properties!.TrustStoreArn =
      'arn:aws:elasticloadbalancing:us-east-1:000000000000:truststore/x/1';
    const topology = compile(resources);
    expect(topology.trustStores[0]!.revocations).toEqual([]);
    expect(notRealizedOf(topology, 'Revocation')).toEqual([
      {
        logicalId: 'Revocation',
        type: 'AWS::ElasticLoadBalancingV2::TrustStoreRevocation',
        property: 'TrustStoreArn',
        reason: 'refers to a trust store outside this stack',
      },
    ]);
  });

  it('reports the ACM certificate and the S3 bucket as resources it stands in for', () => {
    const topology = compile(albTemplate());
    expect(notRealizedOf(topology, 'Bucket')).toEqual([
      { logicalId: 'Bucket', type: 'AWS::S3::Bucket', reason: expect.stringMatching(/^storage:/) },
    ]);
    expect(notRealizedOf(topology, 'Cert')).toEqual([
      {
        logicalId: 'Cert',
        type: 'AWS::CertificateManager::Certificate',
        reason: expect.stringMatching(/localhost certificate .* stands in for it on every listener that names it/),
      },
    ]);
  });

  describe('listener rules', () => {
    const withRules = (rules: Record<string, CfnResource>) => compile({ ...albTemplate(), ...rules });
    const rule = (properties: Record<string, unknown>): CfnResource => ({
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: properties,
    });

    it('compiles all six condition fields written with their *Config forms', () => {
      // Three rules: AWS takes at most 5 condition values per rule (this test had all 10 in one rule).
      const forward = [{ Type: 'forward', TargetGroupArn: { Ref: 'TgB' } }];
      const topology = withRules({
        Rule: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 5,
          Conditions: [
            { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.org', '*.example.net'] } },
            { Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } },
            {
              Field: 'http-header',
              HttpHeaderConfig: { HttpHeaderName: 'X-Amzn-Mtls-Clientcert-Subject', Values: ['*CN=clientA*'] },
            },
          ],
          Actions: forward,
        }),
        Rule2: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 6,
          Conditions: [
            { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET', 'HEAD'] } },
            {
              Field: 'query-string',
              QueryStringConfig: { Values: [{ Key: 'version', Value: 'v2' }, { Value: 'debug' }] },
            },
          ],
          Actions: forward,
        }),
        Rule3: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 7,
          Conditions: [{ Field: 'source-ip', SourceIpConfig: { Values: ['127.0.0.2/32', '::1/128'] } }],
          Actions: forward,
        }),
      });
      const actions = [{ type: 'forward', targetGroups: [{ targetGroupId: 'TgB', weight: 1 }], groupStickiness: null }];
      expect(listener(topology, 'Https').rules).toEqual([
        {
          logicalId: 'Rule',
          priority: 5,
          conditions: [
            { field: 'host-header', values: ['api.example.org', '*.example.net'] },
            { field: 'path-pattern', values: ['/api/*'] },
            { field: 'http-header', headerName: 'X-Amzn-Mtls-Clientcert-Subject', values: ['*CN=clientA*'] },
          ],
          actions,
        },
        {
          logicalId: 'Rule2',
          priority: 6,
          conditions: [
            { field: 'http-request-method', values: ['GET', 'HEAD'] },
            {
              field: 'query-string',
              values: [
                { key: 'version', value: 'v2' },
                { key: null, value: 'debug' },
              ],
            },
          ],
          actions,
        },
        {
          logicalId: 'Rule3',
          priority: 7,
          conditions: [{ field: 'source-ip', values: ['127.0.0.2/32', '::1/128'] }],
          actions,
        },
      ]);
      expect(notRealizedOf(topology, 'Rule')).toEqual([]);
    });

    it('compiles the legacy Values form of conditions (host-header and path-pattern only, as documented)', () => {
      const topology = withRules({
        Rule: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: '7',
          Conditions: [
            { Field: 'host-header', Values: ['legacy.example.org'] },
            { Field: 'path-pattern', Values: ['/old/*'] },
          ],
          Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
        }),
      });
      const compiled = listener(topology, 'Https').rules[0]!;
      expect(compiled.priority).toBe(7);
      expect(compiled.conditions).toEqual([
        { field: 'host-header', values: ['legacy.example.org'] },
        { field: 'path-pattern', values: ['/old/*'] },
      ]);
      // RuleCondition.Values: "Specify only when Field is host-header or path-pattern"; a single value there.
      for (const condition of [
        { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env' }, Values: ['staging'] },
        { Field: 'http-request-method', Values: ['POST'] },
        { Field: 'source-ip', Values: ['10.0.0.0/8'] },
        { Field: 'path-pattern', Values: ['/a', '/b'] },
      ])
        expect(
          () =>
            withRules({
              Rule: rule({
                ListenerArn: { Ref: 'Https' },
                Priority: 1,
                Conditions: [condition],
                Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
              }),
            }),
          condition.Field,
        ).toThrow(/CreateRule would fail with ValidationError/);
    });

    it('refuses a query-string condition written with plain Values instead of dropping it', () => {
      expect(() =>
        withRules({
          Rule: rule({
            ListenerArn: { Ref: 'Https' },
            Priority: 1,
            Conditions: [{ Field: 'query-string', Values: ['version=v2'] }],
            Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TgA' } }],
          }),
        }),
      ).toThrow(/The 'Values' field is not compatible with 'query-string'.*QueryStringConfig\.Values/);
    });

    it('sorts rules by priority and attaches each to the listener it names', () => {
      const topology = withRules({
        Late: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 30,
          Conditions: [{ Field: 'path-pattern', Values: ['/c'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TgA' } }],
        }),
        Early: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 2,
          Conditions: [{ Field: 'path-pattern', Values: ['/a'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TgA' } }],
        }),
        Middle: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: '10',
          Conditions: [{ Field: 'path-pattern', Values: ['/b'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TgA' } }],
        }),
        OnHttp: rule({
          ListenerArn: { Ref: 'Http' },
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', Values: ['/h'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TgB' } }],
        }),
      });
      expect(listener(topology, 'Https').rules.map((r) => [r.logicalId, r.priority])).toEqual([
        ['Early', 2],
        ['Middle', 10],
        ['Late', 30],
      ]);
      expect(listener(topology, 'Http').rules.map((r) => r.logicalId)).toEqual(['OnHttp']);
    });

    it('reports a rule whose listener is not in the stack', () => {
      const topology = withRules({
        Orphan: rule({
          ListenerArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/x/1/2',
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', Values: ['/x'] }],
          Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
        }),
      });
      expect(topology.loadBalancers.flatMap((lb) => lb.listeners).flatMap((l) => l.rules)).toEqual([]);
      expect(notRealizedOf(topology, 'Orphan')).toEqual([
        {
          logicalId: 'Orphan',
          type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
          property: 'ListenerArn',
          reason: 'refers to a listener outside this stack; the rule cannot be realized',
        },
      ]);
    });

    it('compiles a weighted forward with group stickiness, and sorts actions by Order', () => {
      const topology = withRules({
        Weighted: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', Values: ['/*'] }],
          Actions: [
            {
              Type: 'forward',
              Order: 2,
              ForwardConfig: {
                TargetGroups: [
                  { TargetGroupArn: { Ref: 'TgA' }, Weight: 80 },
                  { TargetGroupArn: { Ref: 'TgB' }, Weight: '20' },
                  { TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/ext/1' },
                ],
                TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 120 },
              },
            },
            {
              Type: 'jwt-validation',
              Order: 1,
              JwtValidationConfig: {
                JwksEndpoint: 'https://issuer.example.com/jwks.json',
                Issuer: 'issuer.example.com',
              },
            },
          ],
        }),
      });
      expect(listener(topology, 'Https').rules[0]!.actions).toEqual([
        {
          type: 'jwt-validation',
          jwksEndpoint: 'https://issuer.example.com/jwks.json',
          issuer: 'issuer.example.com',
          additionalClaims: [],
        },
        {
          type: 'forward',
          targetGroups: [
            { targetGroupId: 'TgA', weight: 80 },
            { targetGroupId: 'TgB', weight: 20 },
            { targetGroupId: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/ext/1', weight: 1 },
          ],
          groupStickiness: { enabled: true, durationSeconds: 120 },
        },
      ]);
    });

    it('defaults group stickiness duration to 3600 s and reads Enabled written as a string', () => {
      const topology = withRules({
        Weighted: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', Values: ['/a'] }],
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [{ TargetGroupArn: { Ref: 'TgA' }, Weight: 1 }],
                TargetGroupStickinessConfig: { Enabled: 'false' },
              },
            },
          ],
        }),
        Enabled: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 2,
          Conditions: [{ Field: 'path-pattern', Values: ['/b'] }],
          Actions: [
            {
              Type: 'forward',
              ForwardConfig: {
                TargetGroups: [{ TargetGroupArn: { Ref: 'TgA' } }],
                TargetGroupStickinessConfig: { Enabled: 'true', DurationSeconds: '60' },
              },
            },
          ],
        }),
      });
      const [first, second] = listener(topology, 'Https').rules;
      expect(first!.actions[0]).toMatchObject({
        type: 'forward',
        groupStickiness: { enabled: false, durationSeconds: 3600 },
      });
      expect(second!.actions[0]).toMatchObject({
        type: 'forward',
        targetGroups: [{ targetGroupId: 'TgA', weight: 1 }],
        groupStickiness: { enabled: true, durationSeconds: 60 },
      });
    });

    it('throws naming an unsupported condition field', () => {
      expect(() =>
        withRules({
          Bad: rule({
            ListenerArn: { Ref: 'Https' },
            Priority: 1,
            Conditions: [{ Field: 'cookie', Values: ['x'] }],
            Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TgA' } }],
          }),
        }),
      ).toThrow(/Condition field 'cookie' must be one of/);
    });

    it('refuses an action type AWS does not have, and an authentication action AWS would refuse', () => {
      const attempt = (actions: unknown[]) => () =>
        withRules({
          Bad: rule({
            ListenerArn: { Ref: 'Https' },
            Priority: 1,
            Conditions: [{ Field: 'path-pattern', Values: ['/a'] }],
            Actions: actions,
          }),
        });
      expect(attempt([{ Type: 'authenticate-ldap' }])).toThrow(
        /at 'actions\.1\.member\.type' failed to satisfy constraint: Member must satisfy enum value set/,
      );
      // Missing required members, and no routing action after the authentication.
      expect(attempt([{ Type: 'authenticate-cognito', AuthenticateCognitoConfig: {} }])).toThrow(
        /authenticateCognitoConfig\.userPoolArn' failed to satisfy constraint: Member must not be null/,
      );
    });

    it('keeps a rule with an authentication action in its place, not realized, and the stack still compiles', () => {
      const topology = withRules({
        Login: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', Values: ['/app/*'] }],
          Actions: [
            {
              Type: 'authenticate-oidc',
              Order: 1,
              AuthenticateOidcConfig: {
                Issuer: 'https://idp.example.com',
                AuthorizationEndpoint: 'https://idp.example.com/authorize',
                TokenEndpoint: 'https://idp.example.com/token',
                UserInfoEndpoint: 'https://idp.example.com/userinfo',
                ClientId: 'client',
                ClientSecret: 'secret',
                OnUnauthenticatedRequest: 'deny',
              },
            },
            { Type: 'forward', Order: 2, TargetGroupArn: { Ref: 'TgA' } },
          ],
        }),
      });
      expect(listener(topology, 'Https').rules.map((r) => [r.logicalId, r.actions.map((a) => a.type)])).toEqual([
        ['Login', ['authenticate-oidc', 'forward']],
      ]);
      expect(notRealizedOf(topology, 'Login')).toEqual([
        {
          logicalId: 'Login',
          type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
          property: 'Actions',
          reason: expect.stringMatching(/^the authenticate-oidc action is not realized: it needs an identity provider/),
        },
      ]);
    });

    it('compiles RegexValues in the *Config or on the condition, and only where written', () => {
      const topology = withRules({
        Rule: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 3,
          Conditions: [
            { Field: 'host-header', HostHeaderConfig: { RegexValues: ['^api\\.example\\.org(:\\d+)?$'] } },
            { Field: 'path-pattern', RegexValues: ['^/v[0-9]+/'] },
            { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', RegexValues: ['curl/8'] } },
          ],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TgA' } }],
        }),
      });
      expect(listener(topology, 'Https').rules[0]!.conditions).toEqual([
        { field: 'host-header', values: [], regexValues: ['^api\\.example\\.org(:\\d+)?$'] },
        { field: 'path-pattern', values: [], regexValues: ['^/v[0-9]+/'] },
        { field: 'http-header', headerName: 'User-Agent', values: [], regexValues: ['curl/8'] },
      ]);
    });

    it('compiles host-header and URL rewrite transforms', () => {
      const topology = withRules({
        Rule: rule({
          ListenerArn: { Ref: 'Https' },
          Priority: 4,
          Conditions: [{ Field: 'path-pattern', Values: ['/*'] }],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TgA' } }],
          Transforms: [
            {
              Type: 'host-header-rewrite',
              HostHeaderRewriteConfig: {
                Rewrites: [{ Regex: '^mywebsite-(.+).com$', Replace: 'internal.dev.$1.myweb.com' }],
              },
            },
            { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/api/(.*)$', Replace: '/$1' }] } },
          ],
        }),
      });
      expect(listener(topology, 'Https').rules[0]!.transforms).toEqual([
        {
          type: 'host-header-rewrite',
          rewrites: [{ regex: '^mywebsite-(.+).com$', replace: 'internal.dev.$1.myweb.com' }],
        },
        { type: 'url-rewrite', rewrites: [{ regex: '^/api/(.*)$', replace: '/$1' }] },
      ]);
      expect(notRealizedOf(topology, 'Rule')).toEqual([]);
    });

    describe("AWS's limits, as CreateRule would answer", () => {
      const forward = [{ Type: 'forward', TargetGroupArn: { Ref: 'TgA' } }];
      const attempt = (properties: Record<string, unknown>, more: Record<string, CfnResource> = {}) => {
        try {
          withRules({ Limited: rule({ ListenerArn: { Ref: 'Https' }, Actions: forward, ...properties }), ...more });
        } catch (error) {
          return error as AwsApiError;
        }
        throw new Error('expected the rule to be refused');
      };
      const path = (values: string[]) => [{ Field: 'path-pattern', PathPatternConfig: { Values: values } }];

      it('5 condition values per rule, regex values included: ValidationError, as seen from real AWS', () => {
        expect(() =>
          withRules({
            Five: rule({
              ListenerArn: { Ref: 'Https' },
              Priority: 1,
              Actions: forward,
              Conditions: path(['/a', '/b', '/c', '/d', '/e']),
            }),
          }),
        ).not.toThrow();
        const error = attempt({
          Priority: 1,
          Conditions: [
            ...path(['/a', '/b', '/c']),
            { Field: 'host-header', HostHeaderConfig: { Values: ['a.example.org'], RegexValues: ['^b'] } },
            { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } },
          ],
        });
        expect(error).toBeInstanceOf(AwsApiError);
        expect(error).toBeInstanceOf(TopologyError); // the CLI reports it as a set-up error
        expect(error).toMatchObject({ operation: 'CreateRule', code: 'ValidationError', assumed: false });
        expect(error.awsMessage).toBe("A rule can only have '5' condition values and regex values");
        expect(error.message).toMatch(
          /^Limited \(AWS::ElasticLoadBalancingV2::ListenerRule\): CreateRule would fail with ValidationError/,
        );
        expect(error.detail).toBe("the rule's conditions have 6 values in all");
      });

      it('5 wildcards per rule (6 in some copies of the quotas page; the stricter is taken, assumed)', () => {
        const error = attempt({
          Priority: 1,
          Conditions: [...path(['/a*', '/b?', '/c*?']), { Field: 'host-header', Values: ['*.ex?mple.com'] }],
        });
        expect(error).toMatchObject({ code: 'ValidationError', assumed: true });
        expect(error.detail).toMatch(/6 wildcards/);
        // escaped query-string wildcards are literals, not wildcards
        expect(() =>
          withRules({
            Ok: rule({
              ListenerArn: { Ref: 'Https' },
              Priority: 1,
              Actions: forward,
              Conditions: [
                { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'a\\*\\*\\*', Value: 'b\\?\\?\\?*' }] } },
              ],
            }),
          }),
        ).not.toThrow();
      });

      it('a header name over 40 characters, a value over 128', () => {
        const header = (name: string, value = 'x') => [
          { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: name, Values: [value] } },
        ];
        expect(() =>
          withRules({
            Ok: rule({
              ListenerArn: { Ref: 'Https' },
              Priority: 1,
              Actions: forward,
              Conditions: header('X'.repeat(40)),
            }),
          }),
        ).not.toThrow();
        expect(attempt({ Priority: 1, Conditions: header('X'.repeat(41)) }).detail).toBe(
          'the header name is 41 characters; AWS allows 40',
        );
        expect(attempt({ Priority: 1, Conditions: header('X-A', 'v'.repeat(129)) }).detail).toBe(
          'a http-header value is 129 characters; AWS allows 128',
        );
        expect(attempt({ Priority: 1, Conditions: path(['/'.repeat(129)]) }).code).toBe('ValidationError');
      });

      it('priorities 1 to 50000, and unique on a listener (PriorityInUse, documented)', () => {
        for (const priority of [0, 50_001, 1.5])
          expect(attempt({ Priority: priority, Conditions: path(['/a']) }).awsMessage, String(priority)).toMatch(
            /failed to satisfy constraint: Member must have value between 1 and 50000/,
          );
        const taken = attempt(
          { Priority: 7, Conditions: path(['/a']) },
          { First: rule({ ListenerArn: { Ref: 'Https' }, Priority: 7, Actions: forward, Conditions: path(['/b']) }) },
        );
        expect(taken).toMatchObject({
          code: 'PriorityInUse',
          awsMessage: 'The specified priority is in use.',
          assumed: false,
        });
        expect(taken.detail).toMatch(/already has priority 7/);
        // the same priority on another listener is fine
        expect(() =>
          withRules({
            A: rule({ ListenerArn: { Ref: 'Https' }, Priority: 7, Actions: forward, Conditions: path(['/a']) }),
            B: rule({ ListenerArn: { Ref: 'Http' }, Priority: 7, Actions: forward, Conditions: path(['/a']) }),
          }),
        ).not.toThrow();
      });

      it('never an empty condition that silently never matches', () => {
        expect(attempt({ Priority: 1, Conditions: [{ Field: 'host-header', HostHeaderConfig: {} }] }).detail).toMatch(
          /no Values and no RegexValues/,
        );
        expect(
          attempt({ Priority: 1, Conditions: [{ Field: 'query-string', QueryStringConfig: { Values: [] } }] }).detail,
        ).toMatch(/query-string condition has no Values/);
      });

      it('regexes without the features AWS excludes; one transform of each type', () => {
        expect(
          attempt({ Priority: 1, Conditions: [{ Field: 'path-pattern', RegexValues: ['^/(?!admin)'] }] }).detail,
        ).toBe('regular expressions do not support lookaheads and lookbehinds');
        const url = { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/a', Replace: '/b' }] } };
        expect(attempt({ Priority: 1, Conditions: path(['/*']), Transforms: [url, url] }).detail).toBe(
          'the rule has more than one url-rewrite transform',
        );
        const backref = { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/(a)\\1', Replace: '/b' }] } };
        expect(attempt({ Priority: 1, Conditions: path(['/*']), Transforms: [backref] }).detail).toBe(
          'regular expressions do not support backreferences',
        );
        expect(() =>
          withRules({
            Bad: rule({
              ListenerArn: { Ref: 'Https' },
              Priority: 1,
              Actions: forward,
              Conditions: [{ Field: 'source-ip', RegexValues: ['^10\\.'] }],
            }),
          }),
        ).toThrow(/takes no RegexValues/);
      });
    });

    it('refuses a default authentication action without its configuration, as CreateListener would', () => {
      const resources = albTemplate();
      resources.Http!.Properties!.DefaultActions = [{ Type: 'authenticate-oidc' }];
      expect(() => compile(resources)).toThrow(
        /CreateListener would fail with InvalidLoadBalancerAction \("For actions of type 'authenticate-oidc', you must specify the following fields: 'AuthenticateOidcConfig'"/,
      );
    });
  });
});

describe('compileTemplate: SSM parameters', () => {
  it('compiles a parameter with its name, type and a value built with Fn::Sub', () => {
    const topology = compile(
      {
        Param: {
          Type: 'AWS::SSM::Parameter',
          Metadata: meta('CertParam/Resource'),
          Properties: {
            Name: '/sandbox/cert',
            Type: 'String',
            Value: { 'Fn::Sub': 's3://certs-${AWS::AccountId}-${AWS::Region}/client.pem' },
            Description: 'where',
            Tier: 'Standard',
          },
        },
        Bare: { Type: 'AWS::SSM::Parameter', Properties: { Value: { Ref: 'Stage' } } },
      },
      { Parameters: { Stage: { Type: 'String', Default: 'dev' } } },
    );
    expect(topology.parameters).toEqual([
      {
        logicalId: 'Param',
        path: 'CertParam',
        name: '/sandbox/cert',
        type: 'String',
        value: 's3://certs-000000000000-us-east-1/client.pem',
      },
      { logicalId: 'Bare', path: 'Bare', name: 'Bare', type: 'String', value: 'dev' },
    ]);
    const reasons = notRealizedOf(topology, 'Param');
    expect(reasons.map((entry) => entry.property).sort()).toEqual(['Description', 'Tier']);
    expect(reasons.every((entry) => entry.reason === 'descriptions and tiers do not change what a reader gets')).toBe(
      true,
    );
  });
});

describe('compileTemplate: what it does not realize', () => {
  it('reports every resource type it stands in for, with its reason, by logical id', () => {
    const topology = compile({
      Sg: { Type: 'AWS::EC2::SecurityGroup' },
      Subnet: { Type: 'AWS::EC2::Subnet' },
      Role: { Type: 'AWS::IAM::Role' },
      Policy: { Type: 'AWS::S3::BucketPolicy' },
      CDKMetadata: { Type: 'AWS::CDK::Metadata' },
      Fn: { Type: 'AWS::Lambda::Function' },
      Custom: { Type: 'Custom::CertificateUploader' },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q' } },
    });
    const reasons = Object.fromEntries(topology.notRealized.map((entry) => [entry.logicalId, entry.reason]));
    expect(Object.keys(reasons).sort()).toEqual([
      'CDKMetadata',
      'Custom',
      'Fn',
      'Policy',
      'Queue',
      'Role',
      'Sg',
      'Subnet',
    ]);
    expect(reasons.Sg).toMatch(/^networking: .*loopback stands in for VPCs, subnets and security groups/);
    expect(reasons.Subnet).toBe(reasons.Sg);
    expect(reasons.Role).toMatch(/^permissions:/);
    expect(reasons.Policy).toMatch(/^storage:/);
    expect(reasons.CDKMetadata).toMatch(/CDK bookkeeping/);
    expect(reasons.Fn).toMatch(/echo target/);
    expect(reasons.Custom).toMatch(/custom resources/);
    expect(reasons.Queue).toBe('the sandbox has no emulation for this resource type; it is not realized');
    expect(topology.notRealized.find((entry) => entry.logicalId === 'Queue')).toEqual({
      logicalId: 'Queue',
      type: 'AWS::SQS::Queue',
      reason: 'the sandbox has no emulation for this resource type; it is not realized',
    });
    expect(topology.notRealized.every((entry) => entry.property === undefined)).toBe(true);
  });

  it('reports an unknown property of a compiled resource with its logical id, type and property name', () => {
    const topology = compile({
      Nlb: {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: { Type: 'network', MinimumLoadBalancerCapacity: { CapacityUnits: 100 } },
      },
    });
    expect(topology.notRealized).toEqual([
      {
        logicalId: 'Nlb',
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        property: 'MinimumLoadBalancerCapacity',
        reason: 'the sandbox does not emulate this property; it has no effect here',
      },
    ]);
  });
});

describe('compileTemplate: ALB header modification', () => {
  const alb = (attributes: { Key: string; Value: string }[] = []): CfnResource => ({
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { Type: 'application', LoadBalancerAttributes: attributes },
    Metadata: meta('Alb/Resource'),
  });
  const https = (attributes: { Key: string; Value: string }[]): CfnResource => ({
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: {
      LoadBalancerArn: { Ref: 'Alb' },
      Port: 443,
      Protocol: 'HTTPS',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
      ListenerAttributes: attributes,
    },
    Metadata: meta('Alb/Https/Resource'),
  });

  it('reads ListenerAttributes into the listener and the TLS header attribute into the load balancer', () => {
    const topology = compile({
      Alb: alb([{ Key: 'routing.http.x_amzn_tls_version_and_cipher_suite.enabled', Value: 'true' }]),
      Https: https([
        { Key: 'routing.http.request.x_amzn_mtls_clientcert_subject.header_name', Value: 'X-Client-Cert-Subject' },
        { Key: 'routing.http.response.strict_transport_security.header_value', Value: 'max-age=31536000' },
      ]),
    });
    expect(balancer(topology, 'Alb').tlsInfoHeaders).toBe(true);
    const modification = listener(topology, 'Https').headerModification!;
    expect(modification.requestHeaderNames).toEqual({ subject: 'X-Client-Cert-Subject' });
    expect(modification.responseHeaders).toEqual([['Strict-Transport-Security', 'max-age=31536000']]);
    expect(notRealizedOf(topology, 'Https')).toEqual([]);
  });

  it('fails the set-up as ModifyListenerAttributes would for a bad header name', () => {
    expect(() =>
      compile({
        Alb: alb(),
        Https: https([{ Key: 'routing.http.request.x_amzn_mtls_clientcert_subject.header_name', Value: 'X_Subject' }]),
      }),
    ).toThrow(/Alb\/Https.*ModifyListenerAttributes.*ValidationError/);
  });
});
