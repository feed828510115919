// A template nobody here wrote (--template): every input AWS, CloudFormation or the sandbox refuses is a finding on
// its resource, and the rest still compiles (issue 22.1, 23.8).
import { describe, expect, it } from 'vitest';
import type { CfnResource, CfnTemplate } from './cfn.js';
import { compileTemplate } from './compile.js';
import { AwsApiError } from './errors.js';
import type { NotRealized, Topology } from './topology.js';

const ALB: Record<string, CfnResource> = {
  Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application' } },
  Web: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'HTTP', Port: 80 } },
};

const listener = (properties: Record<string, unknown>): CfnResource => ({
  Type: 'AWS::ElasticLoadBalancingV2::Listener',
  Properties: {
    LoadBalancerArn: { Ref: 'Alb' },
    Protocol: 'HTTP',
    DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Web' } }],
    ...properties,
  },
});

const tolerant = (resources: Record<string, CfnResource>, extra: Omit<CfnTemplate, 'Resources'> = {}): Topology =>
  compileTemplate({ ...extra, Resources: resources }, 'T', { tolerant: true });

const finding = (topology: Topology, logicalId: string): NotRealized | undefined =>
  topology.notRealized.find((entry) => entry.logicalId === logicalId && entry.reason.code.startsWith('tpl.'));

const ports = (topology: Topology) => topology.loadBalancers.flatMap((lb) => lb.listeners.map((l) => l.port));

describe('listener ports, as CreateListener and CloudFormation take them', () => {
  it('refuses 0, 65536, -1, 443.5, "abc", null and a missing port with ValidationError; keeps the valid ones', () => {
    const topology = tolerant({
      ...ALB,
      Zero: listener({ Port: 0 }),
      Over: listener({ Port: 65536 }),
      Negative: listener({ Port: -1 }),
      Fraction: listener({ Port: 443.5 }),
      Text: listener({ Port: 'abc' }),
      Null: listener({ Port: null }),
      Missing: listener({}),
      Digits: listener({ Port: '8080' }),
      Ok: listener({ Port: 80 }),
    });
    expect(ports(topology).sort()).toEqual([80, 8080]);
    for (const id of ['Zero', 'Over', 'Negative', 'Fraction', 'Text', 'Null', 'Missing'])
      expect(finding(topology, id)?.reason, id).toMatchObject({
        code: 'tpl.refused',
        params: { code: 'ValidationError' },
      });
  });

  it('a second listener on a port of the same load balancer is DuplicateListener, as documented', () => {
    const topology = tolerant({ ...ALB, First: listener({ Port: 443 }), Second: listener({ Port: 443 }) });
    expect(ports(topology)).toEqual([443]);
    expect(finding(topology, 'Second')?.reason).toMatchObject({
      code: 'tpl.refused',
      params: {
        code: 'DuplicateListener',
        awsMessage: 'A listener with the specified port already exists.',
        assumed: false,
      },
    });
  });

  it('DefaultActions: [] is refused as CreateListener refuses it, not answered with a 503', () => {
    const topology = tolerant({ ...ALB, Empty: listener({ Port: 80, DefaultActions: [] }) });
    expect(ports(topology)).toEqual([]);
    expect(finding(topology, 'Empty')?.reason).toMatchObject({ code: 'tpl.refused' });
  });

  it('an ALB listener on TCP is refused with the protocols an ALB takes', () => {
    const topology = tolerant({ ...ALB, Tcp: listener({ Port: 80, Protocol: 'TCP' }) });
    expect(finding(topology, 'Tcp')?.reason).toMatchObject({
      code: 'tpl.refused',
      params: { code: 'ValidationError' },
    });
  });

  it('a scenario stack (not tolerant) still fails at the first refusal', () => {
    expect(() => compileTemplate({ Resources: { ...ALB, Zero: listener({ Port: 0 }) } }, 'T')).toThrow(AwsApiError);
  });
});

describe('CloudFormation values on resources', () => {
  it('a Port from a parameter without a value, an out-of-range Fn::Select or a circular Fn::GetAtt names the property', () => {
    const topology = tolerant(
      {
        ...ALB,
        FromParameter: listener({ Port: { Ref: 'NoDefault' } }),
        Selected: listener({ Port: { 'Fn::Select': [3, [80, 81]] } }),
        Circular: listener({ Port: { 'Fn::GetAtt': ['Circular', 'Port'] } }),
        Conditional: listener({ Port: { 'Fn::If': ['IsProd', 443, 8443] } }),
      },
      {
        Parameters: { NoDefault: { Type: 'Number' }, Env: { Default: 'prod' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      },
    );
    expect(ports(topology)).toEqual([443]);
    expect(finding(topology, 'FromParameter')).toMatchObject({
      property: 'Port',
      reason: { code: 'tpl.unresolvable', inner: { code: 'cfn.parameter-no-value' } },
    });
    expect(finding(topology, 'Selected')?.reason.inner?.code).toBe('cfn.select-range');
    expect(finding(topology, 'Circular')?.reason).toMatchObject({
      code: 'tpl.refused',
      params: { awsMessage: 'Circular dependency between resources: [Circular]' },
    });
  });

  it('a resource whose Condition is false is not created, and says so; the others compile', () => {
    const topology = tolerant(
      { ...ALB, Https: { ...listener({ Port: 443 }), Condition: 'WantsTls' }, Http: listener({ Port: 80 }) },
      { Conditions: { WantsTls: { 'Fn::Equals': ['no', 'yes'] } } },
    );
    expect(ports(topology)).toEqual([80]);
    expect(finding(topology, 'Https')?.reason).toEqual({
      code: 'tpl.condition-false',
      params: { condition: 'WantsTls' },
    });
  });

  it('a template nested 100,000 levels deep is refused with a clear reason, not a RangeError', () => {
    let deep: unknown = 80;
    for (let level = 0; level < 100_000; level += 1) deep = { 'Fn::Select': [0, [deep]] };
    const topology = tolerant({ ...ALB, Deep: listener({ Port: deep }) });
    expect(finding(topology, 'Deep')?.reason.inner?.code).toBe('cfn.too-deep');
  });

  it('refuses a logical id CloudFormation refuses, "__proto__" included, without touching any prototype', () => {
    const resources = JSON.parse(
      '{"__proto__": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "application"}}, "My-Lb": {"Type": "AWS::SNS::Topic"}}',
    ) as Record<string, CfnResource>;
    const topology = tolerant(resources);
    expect(topology.loadBalancers).toEqual([]);
    expect(finding(topology, '__proto__')?.reason).toMatchObject({
      code: 'tpl.refused',
      params: { code: 'ValidationError' },
    });
    expect(finding(topology, 'My-Lb')?.reason.code).toBe('tpl.refused');
    expect(({} as Record<string, unknown>).Type).toBeUndefined();
  });

  it('names that are no object properties or Object.prototype keys are resources of nothing', () => {
    const topology = tolerant({
      ...ALB,
      Odd: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: 'not an object' as never },
      Proto: listener({ Port: 80, LoadBalancerArn: { Ref: '__proto__' } }),
    });
    expect(finding(topology, 'Odd')?.reason.code).toBe('tpl.refused');
    expect(finding(topology, 'Proto')?.reason.inner?.code).toBe('cfn.undefined-ref');
  });
});

describe('what the sandbox cannot realize is left out with why, the rest runs', () => {
  it('a stack name with regular-expression characters does not break construct paths', () => {
    const topology = compileTemplate(
      {
        Resources: {
          Alb: { ...ALB.Alb!, Metadata: { 'aws:cdk:path': 'a(b/Alb/Resource' } },
        },
      },
      'a(b',
    );
    expect(topology.loadBalancers[0]?.path).toBe('Alb');
  });

  it('two resources that claim one construct path keep paths of their own', () => {
    const claim = { 'aws:cdk:path': 'T/Same/Resource' };
    const topology = tolerant({
      One: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80 }, Metadata: claim },
      Two: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80 }, Metadata: claim },
    });
    expect(topology.targetGroups.map((group) => group.path)).toEqual(['Same', 'Two']);
  });

  it('rules and listeners that forward to a target group or trust store outside the template, UDP, a CLB HTTP listener', () => {
    const topology = tolerant({
      ...ALB,
      Elsewhere: listener({
        Port: 80,
        DefaultActions: [
          { Type: 'forward', TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/1' },
        ],
      }),
      Verify: listener({
        Port: 443,
        Protocol: 'HTTPS',
        MutualAuthentication: {
          Mode: 'verify',
          TrustStoreArn: 'arn:aws:elasticloadbalancing:us-east-1:1:truststore/x/1',
        },
      }),
      Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' } },
      Dns: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'UDP', Port: 53 } },
      Udp: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: { Ref: 'Nlb' },
          Port: 53,
          Protocol: 'UDP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Dns' } }],
        },
      },
      Clb: {
        Type: 'AWS::ElasticLoadBalancing::LoadBalancer',
        Properties: { Listeners: [{ LoadBalancerPort: 80, InstancePort: 80, Protocol: 'HTTP' }] },
      },
      Gwlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'gateway' } },
    });
    expect(topology.loadBalancers.flatMap((lb) => lb.listeners)).toEqual([]);
    expect(finding(topology, 'Elsewhere')?.reason.code).toBe('tpl.outside-target-group');
    expect(finding(topology, 'Verify')?.reason.code).toBe('tpl.outside-trust-store');
    expect(finding(topology, 'Udp')?.reason.code).toBe('tpl.udp-listener');
    expect(finding(topology, 'Clb')).toMatchObject({
      property: 'Listeners (port 80)',
      reason: { code: 'tpl.clb-listener' },
    });
    expect(finding(topology, 'Gwlb')?.reason.code).toBe('tpl.gateway');
  });

  it('an ALB forwarding to a TCP target group is refused as AWS refuses it, for a listener and for a rule', () => {
    const topology = tolerant({
      ...ALB,
      Tcp: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'TCP', Port: 80 } },
      Http: listener({ Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tcp' } }] }),
      Https: listener({ Port: 81 }),
      ToTcp: {
        Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
        Properties: {
          ListenerArn: { Ref: 'Https' },
          Priority: 1,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/tcp'] } }],
          Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tcp' } }],
        },
      },
    });
    expect(ports(topology)).toEqual([81]);
    expect(finding(topology, 'Http')?.reason).toMatchObject({
      code: 'tpl.refused',
      params: { operation: 'CreateListener' },
    });
    expect(finding(topology, 'ToTcp')?.reason).toMatchObject({
      code: 'tpl.refused',
      params: { operation: 'CreateRule' },
    });
  });

  it('an NLB target group of type alb must register an ALB of the template, on a port it listens on', () => {
    const topology = tolerant({
      ...ALB,
      Http: listener({ Port: 80 }),
      Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' } },
      ToAlb: {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: { Protocol: 'TCP', Port: 8080, TargetType: 'alb', Targets: [{ Id: { Ref: 'Alb' } }] },
      },
      Tcp: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: { Ref: 'Nlb' },
          Port: 80,
          Protocol: 'TCP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'ToAlb' } }],
        },
      },
    });
    expect(finding(topology, 'Tcp')?.reason).toEqual({
      code: 'tpl.alb-target-port',
      params: { group: 'ToAlb', alb: 'Alb', port: 8080 },
    });
  });

  it('a listener on a load balancer that is itself refused says which one it needs', () => {
    const topology = tolerant({
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'gateway' } },
      Web: ALB.Web!,
      Http: listener({ Port: 80 }),
    });
    expect(topology.notRealized.find((entry) => entry.logicalId === 'Http')?.reason).toEqual({
      code: 'tpl.needs',
      params: { id: 'Alb' },
    });
  });

  it('the certificate a listener names is stood in for, never "not realized"', () => {
    const topology = tolerant({ ...ALB, Cert: { Type: 'AWS::CertificateManager::Certificate', Properties: {} } });
    expect(topology.notRealized.find((entry) => entry.logicalId === 'Cert')?.reason.code).toBe('tpl.certificate');
  });
});
