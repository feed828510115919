import { describe, expect, it } from 'vitest';
import type { CfnResource } from './cfn.js';
import { inEnglish } from '../../cli/testing/english.js';
import { compileTemplate as compileMessages } from './compile.js';

/** The compiled topology with its not-realized reasons in the words a reader sees. */
const compileTemplate = (...args: Parameters<typeof compileMessages>) => inEnglish(compileMessages(...args));

const meta = (path: string) => ({ 'aws:cdk:path': `Stack/${path}` });
const visibility = { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'm' };

const sqliRule = {
  Name: 'BlockSqliInQueryString',
  Priority: 10,
  Action: { Block: {} },
  VisibilityConfig: visibility,
  Statement: {
    SqliMatchStatement: {
      FieldToMatch: { QueryString: {} },
      TextTransformations: [
        { Priority: 1, Type: 'LOWERCASE' },
        { Priority: 0, Type: 'URL_DECODE' },
      ],
    },
  },
};

function template(rules: unknown[], extra: Record<string, CfnResource> = {}): Record<string, CfnResource> {
  return {
    Alb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { Type: 'application' },
      Metadata: meta('Alb/Resource'),
    },
    Nlb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { Type: 'network' },
      Metadata: meta('Nlb/Resource'),
    },
    WebAcl: {
      Type: 'AWS::WAFv2::WebACL',
      Properties: {
        Name: 'sandbox-acl',
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        VisibilityConfig: visibility,
        Rules: rules,
      },
      Metadata: meta('WebAcl'),
    },
    OnAlb: {
      Type: 'AWS::WAFv2::WebACLAssociation',
      Properties: { ResourceArn: { Ref: 'Alb' }, WebACLArn: { 'Fn::GetAtt': ['WebAcl', 'Arn'] } },
    },
    ...extra,
  };
}

describe('compileTemplate: AWS WAF web ACLs', () => {
  it('compiles a SqliMatchStatement rule with its transformations in priority order, and the association to the ALB', () => {
    const topology = compileTemplate({ Resources: template([sqliRule]) }, 'Stack');
    expect(topology.webAcls).toEqual([
      {
        logicalId: 'WebAcl',
        path: 'WebAcl',
        name: 'sandbox-acl',
        scope: 'REGIONAL',
        defaultAction: { type: 'ALLOW' },
        rules: [
          {
            name: 'BlockSqliInQueryString',
            priority: 10,
            action: { type: 'BLOCK', status: 403 },
            statement: {
              kind: 'sqli',
              field: 'QUERY_STRING',
              transforms: ['URL_DECODE', 'LOWERCASE'],
              sensitivity: 'LOW',
            },
            unsupported: null,
          },
        ],
        associations: ['Alb'],
      },
    ]);
    // Only the metrics configuration is left out, with its reason.
    expect(
      topology.notRealized
        .filter((entry) => entry.logicalId === 'WebAcl' || entry.logicalId === 'OnAlb')
        .map((entry) => entry.property),
    ).toEqual(['VisibilityConfig']);
  });

  it('has no webAcls at all for a stack without WAF', () => {
    expect(compileTemplate({ Resources: { Alb: template([]).Alb! } }, 'Stack').webAcls).toBeUndefined();
  });

  it('sorts rules by priority and compiles ByteMatch on the URI path, custom block codes, Count and And/Not', () => {
    const byte = {
      Name: 'Admin',
      Priority: 1,
      Action: { Block: { CustomResponse: { ResponseCode: 418 } } },
      VisibilityConfig: visibility,
      Statement: {
        AndStatement: {
          Statements: [
            {
              ByteMatchStatement: {
                FieldToMatch: { UriPath: {} },
                PositionalConstraint: 'STARTS_WITH',
                SearchString: '/admin',
                TextTransformations: [{ Priority: 0, Type: 'LOWERCASE' }],
              },
            },
            {
              NotStatement: {
                Statement: {
                  ByteMatchStatement: {
                    FieldToMatch: { QueryString: {} },
                    PositionalConstraint: 'CONTAINS',
                    SearchStringBase64: Buffer.from('debug').toString('base64'),
                    TextTransformations: [{ Priority: 0, Type: 'NONE' }],
                  },
                },
              },
            },
          ],
        },
      },
    };
    const count = { ...sqliRule, Name: 'CountSqli', Priority: 5, Action: { Count: {} } };
    const acl = compileTemplate({ Resources: template([sqliRule, byte, count]) }, 'Stack').webAcls![0]!;
    expect(acl.rules.map((rule) => [rule.name, rule.action])).toEqual([
      ['Admin', { type: 'BLOCK', status: 418 }],
      ['CountSqli', { type: 'COUNT' }],
      ['BlockSqliInQueryString', { type: 'BLOCK', status: 403 }],
    ]);
    expect(acl.rules[0]!.statement).toEqual({
      kind: 'and',
      statements: [
        { kind: 'byte', field: 'URI_PATH', transforms: ['LOWERCASE'], positional: 'STARTS_WITH', search: '/admin' },
        {
          kind: 'not',
          statement: {
            kind: 'byte',
            field: 'QUERY_STRING',
            transforms: ['NONE'],
            positional: 'CONTAINS',
            search: 'debug',
          },
        },
      ],
    });
  });

  it('keeps rules outside the subset as skipped and reports each by name, never silently', () => {
    const managed = {
      Name: 'AWS-AWSManagedRulesSQLiRuleSet',
      Priority: 0,
      OverrideAction: { None: {} },
      VisibilityConfig: visibility,
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesSQLiRuleSet' } },
    };
    const header = {
      ...sqliRule,
      Name: 'HeaderSqli',
      Priority: 1,
      Statement: {
        SqliMatchStatement: {
          FieldToMatch: { SingleHeader: { Name: 'x' } },
          TextTransformations: [{ Priority: 0, Type: 'NONE' }],
        },
      },
    };
    const base64 = {
      ...sqliRule,
      Name: 'Base64',
      Priority: 2,
      Statement: {
        SqliMatchStatement: {
          FieldToMatch: { QueryString: {} },
          TextTransformations: [{ Priority: 0, Type: 'BASE64_DECODE' }],
        },
      },
    };
    const captcha = { ...sqliRule, Name: 'Captcha', Priority: 3, Action: { Captcha: {} } };
    const rate = {
      Name: 'Rate',
      Priority: 4,
      Action: { Block: {} },
      VisibilityConfig: visibility,
      Statement: { RateBasedStatement: { Limit: 100, AggregateKeyType: 'IP' } },
    };
    const topology = compileTemplate({ Resources: template([managed, header, base64, captcha, rate]) }, 'Stack');
    expect(topology.webAcls![0]!.rules.every((rule) => rule.statement === null)).toBe(true);
    const reasons = Object.fromEntries(
      topology.notRealized
        .filter((entry) => entry.logicalId === 'WebAcl')
        .map((entry) => [entry.property, entry.reason]),
    );
    expect(reasons['Rules[AWS-AWSManagedRulesSQLiRuleSet]']).toMatch(
      /managed rule group AWS\/AWSManagedRulesSQLiRuleSet is not emulated.*the emulator skips this rule/,
    );
    expect(reasons['Rules[HeaderSqli]']).toMatch(/FieldToMatch SingleHeader is not emulated/);
    expect(reasons['Rules[Base64]']).toMatch(/text transformation BASE64_DECODE is not emulated/);
    expect(reasons['Rules[Captcha]']).toMatch(/Captcha .* is not emulated/);
    expect(reasons['Rules[Rate]']).toMatch(/RateBasedStatement is not in the emulated subset/);
  });

  it('refuses an association with a Network Load Balancer, naming what AWS WAF can protect', () => {
    const topology = compileTemplate(
      {
        Resources: template([sqliRule], {
          OnNlb: {
            Type: 'AWS::WAFv2::WebACLAssociation',
            Properties: { ResourceArn: { Ref: 'Nlb' }, WebACLArn: { 'Fn::GetAtt': ['WebAcl', 'Arn'] } },
          },
        }),
      },
      'Stack',
    );
    expect(topology.webAcls![0]!.associations).toEqual(['Alb']);
    const refused = topology.notRealized.find((entry) => entry.logicalId === 'OnNlb');
    expect(refused?.reason).toMatch(
      /AWS WAF cannot be associated with a Network Load Balancer \(Nlb\); it protects only: Application Load Balancer, CloudFront distribution, API Gateway REST API, AppSync GraphQL API, Cognito user pool, App Runner service, Verified Access instance, Amplify/,
    );
  });

  it('refuses a CLOUDFRONT-scoped web ACL on an ALB', () => {
    const resources = template([sqliRule]);
    (resources.WebAcl!.Properties as Record<string, unknown>).Scope = 'CLOUDFRONT';
    const topology = compileTemplate({ Resources: resources }, 'Stack');
    expect(topology.webAcls![0]!.associations).toEqual([]);
    expect(topology.notRealized.find((entry) => entry.logicalId === 'OnAlb')?.reason).toMatch(
      /Scope CLOUDFRONT; only a REGIONAL web ACL/,
    );
  });
});
