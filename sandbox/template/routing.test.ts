import { describe, expect, it } from 'vitest';
import type { CfnResource, CfnTemplate } from '../model/cfn.js';
import { compileTemplate } from '../model/compile.js';
import type { ListenerRule, RuleCondition } from '../model/topology.js';
import { templateScenario } from './scenario.js';
import { fillWildcards, isWitness, witnessFor } from './witness.js';

const rule = (...conditions: RuleCondition[]): ListenerRule => ({
  logicalId: 'R',
  priority: 1,
  conditions,
  actions: [{ type: 'fixed-response', statusCode: 200, contentType: null, messageBody: null }],
});

describe('witnessFor: a request each condition type matches', () => {
  it('fills wildcards with a letter; backslash escapes stay literal in query strings', () => {
    expect(fillWildcards('*.example.com')).toBe('a.example.com');
    expect(fillWildcards('/old-path/?/*')).toBe('/old-path/a/a');
    expect(fillWildcards('a\\*b\\?c', true)).toBe('a*b?c');
  });

  it('builds host, path, header, method, query and source address from the first sendable values', () => {
    const witness = witnessFor(
      rule(
        { field: 'host-header', values: ['my-app.example.com'] },
        { field: 'path-pattern', values: ['/api/*'] },
        { field: 'http-header', headerName: 'X-Canary', values: ['always'] },
        { field: 'http-request-method', values: ['POST'] },
        {
          field: 'query-string',
          values: [
            { key: 'track', value: 'can*' },
            { key: null, value: 'x' },
          ],
        },
        { field: 'source-ip', values: ['10.0.0.0/8', '127.0.0.0/8'] },
      ),
    );
    expect(witness).toEqual({
      host: 'my-app.example.com',
      path: '/api/a?track=cana',
      method: 'POST',
      headers: { 'X-Canary': 'always' },
      sourceAddress: '127.0.0.1',
    });
  });

  it('finds a loopback address inside a narrower block of 127.0.0.0/8', () => {
    const witness = witnessFor(rule({ field: 'source-ip', values: ['127.0.5.0/24'] }));
    expect(isWitness(witness) && witness.sourceAddress).toBe('127.0.5.1');
  });

  it('says why when no request can be derived: regular expressions, unsendable values, remote addresses', () => {
    expect(witnessFor(rule({ field: 'host-header', values: [], regexValues: ['.*\\.example\\.com'] }))).toEqual({
      field: 'host-header',
      why: 'regex',
    });
    expect(witnessFor(rule({ field: 'path-pattern', values: ['/a b'] }))).toEqual({
      field: 'path-pattern',
      why: 'unsendable',
    });
    expect(witnessFor(rule({ field: 'source-ip', values: ['192.0.2.0/24'] }))).toEqual({
      field: 'source-ip',
      why: 'source',
    });
  });
});

const ALB: Record<string, CfnResource> = {
  Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application' } },
  Stable: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'HTTP', Port: 80 } },
  Canary: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'HTTP', Port: 80 } },
  Http: {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: {
      LoadBalancerArn: { Ref: 'Alb' },
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: { Ref: 'Stable' }, Weight: 90 },
              { TargetGroupArn: { Ref: 'Canary' }, Weight: 0 },
            ],
          },
        },
      ],
    },
  },
};

const ruleResource = (priority: number, conditions: unknown[], action: unknown): CfnResource => ({
  Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
  Properties: { ListenerArn: { Ref: 'Http' }, Priority: priority, Conditions: conditions, Actions: [action] },
});

const scenarioOf = (resources: Record<string, CfnResource>) => {
  const cfn: CfnTemplate = { Resources: resources };
  return templateScenario(cfn, { file: '/lab/t.json', stackName: 'T' }, compileTemplate(cfn, 'T', { tolerant: true }));
};
const probeOf = (scenario: ReturnType<typeof scenarioOf>, name: string) => {
  const found = scenario.probes.find((probe) => probe.name === name);
  if (!found) throw new Error(`no probe ${name}: ${scenario.probes.map((p) => p.name).join(', ')}`);
  return found;
};

describe('routingProbes: which rule, which action, which status', () => {
  const scenario = scenarioOf({
    ...ALB,
    AnyGet: ruleResource(5, [{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } }], {
      Type: 'fixed-response',
      FixedResponseConfig: { StatusCode: '418', MessageBody: 'teapot' },
    }),
    Old: ruleResource(10, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/old/*'] } }], {
      Type: 'redirect',
      RedirectConfig: { Protocol: 'HTTPS', Port: '443', Path: '/new/#{path}', StatusCode: 'HTTP_301' },
    }),
    ToCanary: ruleResource(
      20,
      [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Canary', Values: ['always'] } }],
      {
        Type: 'forward',
        TargetGroupArn: { Ref: 'Canary' },
      },
    ),
  });

  it('a request a rule of lower priority would take first is varied in what the aimed rule leaves free', () => {
    // Every GET meets rule 5: the request for rule 10 goes as another method, and still reaches rule 10.
    const old = probeOf(scenario, 'alb-80-rule-10');
    expect(old.client.method).not.toBe('GET');
    expect(old.expect).toEqual({
      rulePriority: 10,
      status: 301,
      target: null,
      responseHeaders: { location: 'https://routing.sandbox.example:443/new/old/a' },
    });
    expect(probeOf(scenario, 'alb-80-rule-5').expect).toEqual({
      rulePriority: 5,
      status: 418,
      target: null,
      bodyIncludes: 'teapot',
    });
  });

  it('a forward is judged by the target group it reaches, never by the stand-in status; weight 0 is never reached', () => {
    expect(probeOf(scenario, 'alb-80-rule-20').expect).toEqual({ rulePriority: 20, target: { oneOf: ['canary-1'] } });
    expect(probeOf(scenario, 'alb-80-no-rule').expect).toEqual({ rulePriority: 0, target: { oneOf: ['stable-1'] } });
    for (const probe of scenario.probes) expect(probe.expect.status === 200, probe.name).toBe(false);
  });

  it('every routing probe is documented, sends plain HTTP/1.1 and names itself as User-Agent', () => {
    expect(scenario.probes).toHaveLength(4);
    for (const probe of scenario.probes) {
      expect(probe.evidence.level).toBe('documented');
      expect(probe.client).toMatchObject({ scheme: 'http', http: '1.1' });
      expect(probe.client.headers?.['User-Agent'] ?? probe.client.headers?.['user-agent']).toBeDefined();
    }
  });

  it('labels stand-ins of groups with no registered targets: AWS would answer 503 until targets register', () => {
    expect(scenario.targets.Stable).toEqual([
      {
        kind: 'echo',
        name: 'stable-1',
        standIn: { code: 'tpl.stand-in-empty', params: { group: 'Stable', kind: 'application' } },
      },
    ]);
  });

  it('with a web ACL on the ALB, routing probes are observed only, with why', () => {
    const waf = scenarioOf({
      ...ALB,
      Acl: {
        Type: 'AWS::WAFv2::WebACL',
        Properties: { DefaultAction: { Allow: {} }, Scope: 'REGIONAL', Rules: [], VisibilityConfig: {} },
      },
      Assoc: {
        Type: 'AWS::WAFv2::WebACLAssociation',
        Properties: { ResourceArn: { Ref: 'Alb' }, WebACLArn: { 'Fn::GetAtt': ['Acl', 'Arn'] } },
      },
    });
    const probe = probeOf(waf, 'alb-80-no-rule');
    expect(probe.expect).toEqual({});
    expect(probe.unjudged?.en).toMatch(/AWS WAF/);
  });
});

describe('a hyphen in a rule value (every real path and host name)', () => {
  // sandbox/alb/wildcard.ts once threw on "-" ("Invalid escape"), so the rule model predicted nothing.
  it('is predicted like any other value', () => {
    const scenario = scenarioOf({
      ...ALB,
      Old: ruleResource(10, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/old-path/*'] } }], {
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: '410' },
      }),
    });
    expect(probeOf(scenario, 'alb-80-rule-10').expect).toEqual({ rulePriority: 10, status: 410, target: null });
  });

  it('never stops the template: what the rule model cannot evaluate is observed only, with why', () => {
    const scenario = scenarioOf({
      ...ALB,
      Old: ruleResource(10, [{ Field: 'host-header', HostHeaderConfig: { Values: ['my-app.example.com'] } }], {
        Type: 'fixed-response',
        FixedResponseConfig: { StatusCode: '410' },
      }),
    });
    for (const probe of scenario.probes)
      if (probe.unjudged) expect(probe.evidence).toMatchObject({ level: 'assumed', assumption: probe.unjudged });
      else expect(probe.expect.rulePriority).toBeDefined();
  });
});

describe('names from a template', () => {
  it('two load balancers whose paths slug alike get probes of their own names', () => {
    const twin = (path: string): CfnResource => ({
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { Type: 'application' },
      Metadata: { 'aws:cdk:path': `T/${path}/Resource` },
    });
    const http = (lb: string): CfnResource => ({
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: { Ref: lb },
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
      },
    });
    const scenario = scenarioOf({ One: twin('A/B'), Two: twin('A-B'), L1: http('One'), L2: http('Two') });
    expect(scenario.probes.map((probe) => probe.name)).toEqual(['a-b-80-no-rule', 'a-b-80-no-rule-2']);
  });
});

describe('an NLB in front of an ALB (a target group of type alb)', () => {
  const scenario = scenarioOf({
    ...ALB,
    Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' } },
    ToAlb: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: { Protocol: 'TCP', Port: 80, TargetType: 'alb', Targets: [{ Id: { Ref: 'Alb' }, Port: 80 }] },
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

  it('has no stand-in: the ALB is the target; the ALB routing is probed through the NLB, plain HTTP', () => {
    expect(scenario.targets.ToAlb).toBeUndefined();
    const through = probeOf(scenario, 'nlb-80-to-alb-no-rule');
    expect(through.via).toEqual({ loadBalancer: 'Nlb', port: 80 });
    expect(through.client.scheme).toBe('http');
    expect(through.expect).toEqual({ rulePriority: 0, target: { oneOf: ['stable-1'] } });
    // No TLS matrix on a TCP listener that reaches an ALB.
    expect(scenario.probes.some((probe) => probe.name === 'nlb-80-clientA')).toBe(false);
  });
});
