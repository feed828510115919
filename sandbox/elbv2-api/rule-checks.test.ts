// The checks AWS makes on rules and listeners, seen from both doors: a template compiled by the sandbox and the same
// rule sent to the live ELBv2 API must give the same error code (model/validate/ is shared). Each hostile input of
// issue 23 (items 5 and 6) and the hyphen crash of issue 22 is one case here.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../alb/rules.js';
import type { CfnResource } from '../model/cfn.js';
import { compileTemplate } from '../model/compile.js';
import { AwsApiError } from '../model/errors.js';
import type { Topology } from '../model/topology.js';
import { type ActionInputs, handle } from './actions.js';
import { ApiError, parseQuery } from './query.js';
import { buildState, type ElbState } from './state.js';
import { xmlError, xmlResponse } from './xml.js';

// --- one ALB, an HTTPS listener with a default fixed response, one target group, as a template ---

const TEMPLATE = (rule: Record<string, unknown>): Record<string, CfnResource> => ({
  Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application' } },
  Https: {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: {
      LoadBalancerArn: { Ref: 'Alb' },
      Port: 443,
      Protocol: 'HTTPS',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
    },
  },
  Tg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'HTTP', Port: 80 } },
  Rule: {
    Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    Properties: { ListenerArn: { Ref: 'Https' }, Priority: 10, ...rule },
  },
});

function compiled(rule: Record<string, unknown>): Topology {
  return compileTemplate({ Resources: TEMPLATE(rule) }, 'Stack');
}

function compileError(rule: Record<string, unknown>): AwsApiError {
  try {
    compiled(rule);
  } catch (error) {
    if (error instanceof AwsApiError) return error;
    throw error;
  }
  throw new Error('expected the compiler to refuse the rule');
}

// --- the same stack served by the API ---

const NO_IO: ActionInputs = {
  health: () => null,
  revocation: () => new ApiError('RevocationContentNotFound', 'none'),
  bundle: () => new ApiError('CaCertificatesBundleNotFound', 'none'),
  bundleLocation: () => 'http://127.0.0.1:1/none',
};

function served(): ElbState {
  const topology = compiled({
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/first'] } }],
    Actions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }],
  });
  return buildState(
    topology,
    [{ balancerLogicalId: 'Alb', listenerLogicalId: 'Https', runningGroups: ['Tg'], changeable: true }],
    new Map(),
    '2026-01-01T00:00:00.000Z',
  );
}

/** A structure as the AWS CLI sends it: Name.member.N for lists, Name.Field for structures. */
function form(prefix: string, value: unknown, out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) form(`${prefix}.member.${i + 1}`, item, out);
  } else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) form(prefix ? `${prefix}.${key}` : key, item, out);
  else out[prefix] = String(value);
  return out;
}

function call(state: ElbState, action: string, fields: Record<string, string>) {
  return handle(state, action, parseQuery(new URLSearchParams(fields).toString()).params, NO_IO);
}

/** CreateRule at priority 20 with the rule written as CloudFormation writes it (target groups by ARN, not Ref). */
function createRule(state: ElbState, rule: Record<string, unknown>) {
  const arns = JSON.parse(JSON.stringify(rule).replaceAll('{"Ref":"Tg"}', JSON.stringify(state.targetGroups[0]!.arn)));
  return call(state, 'CreateRule', { ListenerArn: state.listeners[0]!.arn, Priority: '20', ...form('', arns) });
}

function apiError(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the API to refuse the call');
}

const onPath = [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/x'] } }];
const forward = [{ Type: 'forward', TargetGroupArn: { Ref: 'Tg' } }];
const fixed = (config: Record<string, unknown>) => [{ Type: 'fixed-response', FixedResponseConfig: config }];
const redirect = (config: Record<string, unknown>) => [{ Type: 'redirect', RedirectConfig: config }];

/** Issue 23 item 6 (and 5): what AWS refuses, the template and the API both refuse, with the same code. */
const MISTAKES: { name: string; rule: Record<string, unknown>; code: string; message: RegExp }[] = [
  {
    name: 'a fixed-response ContentType with CR/LF',
    rule: { Conditions: onPath, Actions: fixed({ StatusCode: '200', ContentType: 'text/plain\r\nX-Evil: 1' }) },
    code: 'InvalidLoadBalancerAction',
    message: /The ContentType must be one of/,
  },
  {
    name: 'StatusCode 099',
    rule: { Conditions: onPath, Actions: fixed({ StatusCode: '099' }) },
    code: 'ValidationError',
    message:
      /fixedResponseConfig\.statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern/,
  },
  {
    name: 'StatusCode 600',
    rule: { Conditions: onPath, Actions: fixed({ StatusCode: '600' }) },
    code: 'ValidationError',
    message: /Value '600'/,
  },
  {
    name: 'a MessageBody over 1,024 characters',
    rule: { Conditions: onPath, Actions: fixed({ StatusCode: '200', MessageBody: 'x'.repeat(1025) }) },
    code: 'ValidationError',
    message: /Member must have length less than or equal to 1024/,
  },
  {
    name: 'a MessageBody with a control character XML cannot carry',
    rule: { Conditions: onPath, Actions: fixed({ StatusCode: '200', MessageBody: 'a\u0007b' }) },
    code: 'ValidationError',
    message: /MessageBody contains a character that is not valid/,
  },
  {
    name: 'a redirect Query with DEL',
    rule: { Conditions: onPath, Actions: redirect({ Path: '/n', Query: 'a=\u007f', StatusCode: 'HTTP_301' }) },
    code: 'ValidationError',
    message: /redirect query .* contains a character that is not valid/,
  },
  {
    name: 'a redirect Host with CR',
    rule: { Conditions: onPath, Actions: redirect({ Host: 'a\rb.example.com', StatusCode: 'HTTP_301' }) },
    code: 'ValidationError',
    message: /redirect host/,
  },
  {
    name: 'a redirect Path with LF',
    rule: { Conditions: onPath, Actions: redirect({ Path: '/a\nb', StatusCode: 'HTTP_301' }) },
    code: 'ValidationError',
    message: /redirect path/,
  },
  {
    name: 'redirect Port 99999',
    rule: { Conditions: onPath, Actions: redirect({ Port: '99999', StatusCode: 'HTTP_301' }) },
    code: 'ValidationError',
    message: /The redirect port '99999' is not valid/,
  },
  {
    name: 'redirect Protocol FTP',
    rule: { Conditions: onPath, Actions: redirect({ Protocol: 'FTP', StatusCode: 'HTTP_301' }) },
    code: 'ValidationError',
    message: /Value 'FTP' at 'actions\.1\.member\.redirectConfig\.protocol'/,
  },
  {
    name: 'redirect StatusCode HTTP_999',
    rule: { Conditions: onPath, Actions: redirect({ Path: '/n', StatusCode: 'HTTP_999' }) },
    code: 'ValidationError',
    message: /Member must satisfy enum value set: \[HTTP_301, HTTP_302\]/,
  },
  {
    name: 'a redirect that changes nothing (a loop)',
    rule: { Conditions: onPath, Actions: redirect({ StatusCode: 'HTTP_302' }) },
    code: 'InvalidLoadBalancerAction',
    message: /creates a loop/,
  },
  {
    name: 'an HTTPS listener redirecting to HTTP',
    rule: { Conditions: onPath, Actions: redirect({ Protocol: 'HTTP', StatusCode: 'HTTP_301' }) },
    code: 'InvalidLoadBalancerAction',
    message: /You cannot redirect HTTPS to HTTP/,
  },
  {
    name: 'a header name with CRLF',
    rule: {
      Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-A\r\nB', Values: ['v'] } }],
      Actions: forward,
    },
    code: 'ValidationError',
    message: /HTTP header name [\s\S]* contains a character that is not valid/,
  },
  {
    name: 'source-ip 999.1.1.1/99',
    rule: { Conditions: [{ Field: 'source-ip', SourceIpConfig: { Values: ['999.1.1.1/99'] } }], Actions: forward },
    code: 'ValidationError',
    message: /The CIDR block '999\.1\.1\.1\/99' is not valid/,
  },
  {
    name: 'Weight -5',
    rule: {
      Conditions: onPath,
      Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: { Ref: 'Tg' }, Weight: -5 }] } }],
    },
    code: 'ValidationError',
    message: /Target group weight '-5' is not valid/,
  },
  {
    name: 'a RegexValue that backtracks in other engines but uses a backreference',
    rule: { Conditions: [{ Field: 'path-pattern', RegexValues: ['^/(a+)\\1$'] }], Actions: forward },
    code: 'ValidationError',
    message: /Invalid regular expression/,
  },
  {
    name: 'RegexValues on a query-string condition',
    rule: {
      Conditions: [{ Field: 'query-string', QueryStringConfig: { Values: [{ Value: 'a' }] }, RegexValues: ['a'] }],
      Actions: forward,
    },
    code: 'ValidationError',
    message: /The 'RegexValues' field is not compatible with 'query-string'/,
  },
  {
    name: 'a priority outside 1–50000',
    rule: { Priority: 50_001, Conditions: onPath, Actions: forward },
    code: 'ValidationError',
    message: /Member must have value between 1 and 50000/,
  },
];

describe('the same mistake, the same error: the compiler and the ELBv2 API', () => {
  for (const mistake of MISTAKES)
    it(mistake.name, () => {
      const fromTemplate = compileError(mistake.rule);
      expect(fromTemplate.code).toBe(mistake.code);
      expect(fromTemplate.awsMessage).toMatch(mistake.message);
      const { Priority, ...rest } = mistake.rule;
      const state = served();
      const fromApi = apiError(() =>
        Priority === undefined
          ? createRule(state, rest)
          : call(state, 'CreateRule', {
              ListenerArn: state.listeners[0]!.arn,
              ...form(
                '',
                JSON.parse(JSON.stringify(rest).replaceAll('{"Ref":"Tg"}', `"${state.targetGroups[0]!.arn}"`)),
              ),
              Priority: String(Priority),
            }),
      );
      expect(fromApi.code).toBe(fromTemplate.code);
      expect(fromApi.message.startsWith(fromTemplate.awsMessage)).toBe(true);
    });
});

describe('hyphens and other characters are literal (issue 22: any "-" crashed the run)', () => {
  it('compiles, serves and evaluates /bar-hidden* and my-app.example.com', () => {
    const rule = {
      Conditions: [
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/bar-hidden*'] } },
        { Field: 'host-header', HostHeaderConfig: { Values: ['my-app.example.com'] } },
        { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'User-Agent', Values: ['curl/7-*'] } },
      ],
      Actions: fixed({ StatusCode: '200', MessageBody: 'hidden' }),
    };
    const listener = compiled(rule).loadBalancers[0]!.listeners[0]!;
    const request = {
      method: 'GET',
      host: 'my-app.example.com',
      path: '/bar-hidden/x',
      query: '',
      headers: { 'user-agent': 'curl/7-x' },
      sourceIp: '127.0.0.1',
    };
    expect(evaluateRules(listener.rules, listener.defaultActions, request).rule?.logicalId).toBe('Rule');
    expect(evaluateRules(listener.rules, listener.defaultActions, { ...request, path: '/barXhidden' }).rule).toBe(null);
    const outcome = call(served(), 'CreateRule', {
      ListenerArn: served().listeners[0]!.arn,
      Priority: '5',
      ...form('', rule),
    });
    const created = outcome.state.listeners[0]!.rules[0]!.rule;
    expect(evaluateRules([created], [], request).rule?.priority).toBe(5);
  });
});

describe('what the API accepted, it describes (issue 22 item 7)', () => {
  const rule = {
    Conditions: [
      {
        Field: 'host-header',
        HostHeaderConfig: { Values: ['api.example.com'], RegexValues: ['^api\\.example\\.com:8443$'] },
      },
      { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', RegexValues: ['^prod-[0-9]+$'] } },
      { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2' }] } },
    ],
    Actions: [
      {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: { Ref: 'Tg' }, Weight: 7 }],
          TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 90 },
        },
      },
    ],
    Transforms: [
      { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/api/(.*)$', Replace: '/v2/$1' }] } },
      { Type: 'host-header-rewrite', HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^api', Replace: 'internal' }] } },
    ],
  };

  it('returns RegexValues, Transforms, weights and group stickiness from DescribeRules', () => {
    const state = createRule(served(), rule).state;
    const described = call(state, 'DescribeRules', { ListenerArn: state.listeners[0]!.arn }).result.Rules as Record<
      string,
      unknown
    >[];
    const created = described.find((entry) => entry.Priority === '20')!;
    expect(created.Transforms).toEqual([
      { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/api/(.*)$', Replace: '/v2/$1' }] } },
      { Type: 'host-header-rewrite', HostHeaderRewriteConfig: { Rewrites: [{ Regex: '^api', Replace: 'internal' }] } },
    ]);
    expect(created.Conditions).toContainEqual(
      expect.objectContaining({
        Field: 'host-header',
        HostHeaderConfig: { Values: ['api.example.com'], RegexValues: ['^api\\.example\\.com:8443$'] },
      }),
    );
    expect(created.Conditions).toContainEqual(
      expect.objectContaining({
        HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: [], RegexValues: ['^prod-[0-9]+$'] },
      }),
    );
    expect(created.Actions).toEqual([
      expect.objectContaining({
        ForwardConfig: {
          TargetGroups: [{ TargetGroupArn: state.targetGroups[0]!.arn, Weight: 7 }],
          TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 90 },
        },
      }),
    ]);
  });

  it('ModifyRule ResetTransforms removes them; Transforms with ResetTransforms is refused', () => {
    const state = createRule(served(), rule).state;
    const arn = state.listeners[0]!.rules.find((entry) => entry.rule.priority === 20)!.arn;
    const reset = call(state, 'ModifyRule', { RuleArn: arn, ResetTransforms: 'true' });
    expect(reset.state.listeners[0]!.rules.find((entry) => entry.arn === arn)!.rule.transforms).toBeUndefined();
    const both = apiError(() =>
      call(state, 'ModifyRule', { RuleArn: arn, ResetTransforms: 'true', ...form('Transforms', rule.Transforms) }),
    );
    expect(both.code).toBe('ValidationError');
  });

  it('refuses an authentication action after checking it as AWS does, instead of half-applying it', () => {
    const state = served();
    const oidc = {
      Type: 'authenticate-oidc',
      Order: 1,
      AuthenticateOidcConfig: {
        Issuer: 'https://idp.example.com',
        AuthorizationEndpoint: 'https://idp.example.com/a',
        TokenEndpoint: 'https://idp.example.com/t',
        UserInfoEndpoint: 'https://idp.example.com/u',
        ClientId: 'c',
      },
    };
    const routed = { Type: 'forward', Order: 2, TargetGroupArn: { Ref: 'Tg' } };
    // No ClientSecret: AWS's own refusal first.
    expect(apiError(() => createRule(state, { Conditions: onPath, Actions: [oidc, routed] })).code).toBe(
      'ValidationError',
    );
    const withSecret = { ...oidc, AuthenticateOidcConfig: { ...oidc.AuthenticateOidcConfig, ClientSecret: 's' } };
    const refused = apiError(() => createRule(state, { Conditions: onPath, Actions: [withSecret, routed] }));
    expect(refused.code).toBe('UnsupportedBySandbox');
    expect(refused.message).toMatch(/authenticate-oidc actions: they need an identity provider/);
  });
});

describe('quotas and priorities across calls', () => {
  it('refuses the 101st rule of a load balancer with TooManyRules (issue 23: 161 rules were taken)', () => {
    let state = served(); // one rule from the stack
    for (let priority = 11; priority <= 109; priority++)
      state = call(state, 'CreateRule', {
        ListenerArn: state.listeners[0]!.arn,
        Priority: String(priority),
        ...form('', { Conditions: onPath, Actions: fixed({ StatusCode: '200' }) }),
      }).state;
    expect(state.listeners[0]!.rules).toHaveLength(100);
    const error = apiError(() =>
      call(state, 'CreateRule', {
        ListenerArn: state.listeners[0]!.arn,
        Priority: '500',
        ...form('', { Conditions: onPath, Actions: fixed({ StatusCode: '200' }) }),
      }),
    );
    expect([error.code, error.message]).toEqual([
      'TooManyRules',
      "You've reached the limit on the number of rules per load balancer.",
    ]);
  });

  it('refuses one rule twice in SetRulePriorities, and changes nothing', () => {
    const state = served();
    const arn = state.listeners[0]!.rules[0]!.arn;
    const error = apiError(() =>
      call(state, 'SetRulePriorities', {
        'RulePriorities.member.1.RuleArn': arn,
        'RulePriorities.member.1.Priority': '20',
        'RulePriorities.member.2.RuleArn': arn,
        'RulePriorities.member.2.Priority': '30',
      }),
    );
    expect(error.code).toBe('ValidationError');
    expect(error.message).toMatch(/was provided multiple times/);
    expect(state.listeners[0]!.rules[0]!.rule.priority).toBe(10);
  });

  it('refuses two listeners on one port in a template (DuplicateListener) and ports outside 1–65535', () => {
    const resources = TEMPLATE({ Conditions: onPath, Actions: forward });
    const second = { ...resources.Https!, Properties: { ...resources.Https!.Properties } };
    expect(() => compileTemplate({ Resources: { ...resources, Https2: second } }, 'Stack')).toThrow(
      /CreateListener would fail with DuplicateListener \("A listener with the specified port already exists\."/,
    );
    for (const port of [0, 65_536, -1, 443.5, 'abc'])
      expect(
        () =>
          compileTemplate(
            {
              Resources: {
                ...resources,
                Https: { ...resources.Https!, Properties: { ...resources.Https!.Properties, Port: port } },
              },
            },
            'Stack',
          ),
        String(port),
      ).toThrow(
        /CreateListener would fail with ValidationError \("1 validation error detected: Value '[^']*' at 'port'/,
      );
  });

  it('words a bad mutual TLS mode without claiming an enum, the same from the template and the API', () => {
    const resources = TEMPLATE({ Conditions: onPath, Actions: forward });
    resources.Https!.Properties!.MutualAuthentication = { Mode: 'strict' };
    const fromTemplate = (() => {
      try {
        compileTemplate({ Resources: resources }, 'Stack');
      } catch (error) {
        return error as AwsApiError;
      }
      throw new Error('expected a refusal');
    })();
    const state = served();
    const fromApi = apiError(() =>
      call(state, 'ModifyListener', { ListenerArn: state.listeners[0]!.arn, 'MutualAuthentication.Mode': 'strict' }),
    );
    expect(fromTemplate.code).toBe('ValidationError');
    expect(fromApi.code).toBe(fromTemplate.code);
    expect(fromApi.message).toContain(fromTemplate.awsMessage);
    expect(fromApi.message).not.toMatch(/enum|one of the values/);
  });
});

describe('identity filters on an ALB: the same code from both doors (issue 25 item 1)', () => {
  it('is ValidationError from the template and from ModifyListener', () => {
    const resources = TEMPLATE({ Conditions: onPath, Actions: forward });
    resources.Https!.Properties!.MutualAuthentication = {
      Mode: 'verify',
      TrustStoreArn: 'arn:aws:elasticloadbalancing:us-east-1:000000000000:truststore/x/1',
      ClientCertificateIdentityFilters: [
        { Field: 'subject-cn', MatchType: 'exact', Value: 'clientA', Action: 'accept' },
      ],
    };
    let fromTemplate: AwsApiError | null = null;
    try {
      compileTemplate({ Resources: resources }, 'Stack');
    } catch (error) {
      fromTemplate = error as AwsApiError;
    }
    const state = served();
    const fromApi = apiError(() =>
      call(state, 'ModifyListener', {
        ListenerArn: state.listeners[0]!.arn,
        'MutualAuthentication.Mode': 'verify',
        'MutualAuthentication.ClientCertificateIdentityFilters.member.1.Field': 'subject-cn',
        'MutualAuthentication.ClientCertificateIdentityFilters.member.1.MatchType': 'exact',
        'MutualAuthentication.ClientCertificateIdentityFilters.member.1.Value': 'clientA',
        'MutualAuthentication.ClientCertificateIdentityFilters.member.1.Action': 'accept',
      }),
    );
    expect(fromTemplate?.code).toBe('ValidationError');
    expect([fromApi.code, fromApi.message]).toEqual([fromTemplate!.code, fromTemplate!.awsMessage]);
  });
});

describe('XML the AWS CLI can always parse (issue 23: control characters broke describe-rules)', () => {
  /** Parses with Python's ElementTree, the parser botocore uses; returns the text of the element named. */
  function parsedText(xml: string, tag: string): string {
    return execFileSync(
      'python3',
      [
        '-c',
        `import sys, xml.etree.ElementTree as ET\nroot = ET.fromstring(sys.stdin.buffer.read())\nprint(repr([e.text for e in root.iter() if e.tag.endswith('${tag}')][0]))`,
      ],
      { input: xml },
    )
      .toString()
      .trim();
  }

  it('escapes or replaces every control character in an error message', () => {
    const message = `Condition value 'a\u0001b\u0008c\r\nd\u007f\ud800' contains a character that is not valid`;
    expect(parsedText(xmlError('ValidationError', message, 'req-1', 400), 'Message')).toBe(
      repr(`Condition value 'a\ufffdb\ufffdc\r\nd\u007f\ufffd' contains a character that is not valid`),
    );
  });

  it('keeps tab, CR and LF in a fixed response body as they were accepted', () => {
    const state = createRule(served(), {
      Conditions: onPath,
      Actions: fixed({ StatusCode: '200', MessageBody: 'line 1\r\nline 2\tend' }),
    }).state;
    const xml = xmlResponse(
      'DescribeRules',
      call(state, 'DescribeRules', { ListenerArn: state.listeners[0]!.arn }).result,
      'req-2',
    );
    expect(parsedText(xml, 'MessageBody')).toBe(repr('line 1\r\nline 2\tend'));
  });
});

/** Python's repr of a str, as parsedText prints it. */
function repr(text: string): string {
  return execFileSync(
    'python3',
    ['-c', 'import sys; print(repr(sys.stdin.buffer.read().decode("utf-8","surrogatepass")))'],
    {
      input: Buffer.from(text, 'utf8'),
    },
  )
    .toString()
    .trim();
}
