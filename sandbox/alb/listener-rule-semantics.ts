// The semantics table of docs/listener-rules.md as data: one row per behaviour of AWS's listener rules that the
// sandbox implements — conditions, actions, transforms and the checks CreateRule/CreateListener make — with the
// page it comes from, its evidence level, and an example the tests run through the real code (the readers of
// model/validate/, the rule engine, the ALB's own responses). listener-rule-semantics.test.ts runs every row and
// checks that the page shows each row exactly as rendered here, so the table and the code cannot drift apart.
import type { RuleRequest } from './rules.js';
import type { RedirectSource } from './responses.js';
import type { TransformInput } from './transforms.js';

export type Evidence = 'documented' | 'observed' | 'assumed';

/** The readers an example can feed (model/validate/). */
export type Reader =
  | 'conditions'
  | 'actions'
  | 'transforms'
  | 'priority'
  | 'port'
  | 'rulesQuota'
  | 'priorityFree'
  | 'listenerPortFree'
  | 'priorityPairs'
  | 'mutualMode';

export type Example =
  /** One condition as written against one request. */
  | { kind: 'condition'; condition: unknown; request: Partial<RuleRequest>; matches: boolean }
  /** Rules as written: which one the request meets (its priority, or 'default'), and whether it is realized. */
  | {
      kind: 'rules';
      rules: { priority: number; conditions: unknown[]; actions: unknown[] }[];
      defaultActions: unknown[];
      request: Partial<RuleRequest>;
      picks: number | 'default';
      realized: boolean;
    }
  /** What a reader refuses: AWS's code and (part of) its message. */
  | { kind: 'refused'; reader: Reader; written: unknown; protocol?: string; code: string; message: string }
  /** What a reader accepts. */
  | { kind: 'accepted'; reader: Reader; written: unknown; protocol?: string }
  | { kind: 'fixed'; action: unknown; status: number; contentType: string; body: string }
  | { kind: 'redirect'; action: unknown; protocol?: string; source: RedirectSource; status: number; location: string }
  | { kind: 'transform'; transforms: unknown[]; input: TransformInput; result: TransformInput | 500 }
  /** A weighted forward: which target group each of n requests goes to, counted. */
  | { kind: 'weights'; action: unknown; requests: number; counts: Record<string, number> };

export interface SemanticsRow {
  id: string;
  /** The behaviour, in the page's words where it has them. */
  behaviour: string;
  evidence: Evidence;
  /** The AWS page (or published AWS output); for assumed rows, why the sandbox chose what it did. */
  source: { title: string; url: string } | { why: string };
  example: Example;
}

const GUIDE = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application';
const API = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference';
const page = {
  rules: { title: 'Listener rules, "Rule basics"', url: `${GUIDE}/listener-rules.html` },
  conditions: { title: 'Condition types for listener rules', url: `${GUIDE}/rule-condition-types.html` },
  actions: { title: 'Action types for listener rules', url: `${GUIDE}/rule-action-types.html` },
  transforms: { title: 'Transforms for listener rules', url: `${GUIDE}/rule-transforms.html` },
  addRule: { title: 'Add a listener rule (allowed characters)', url: `${GUIDE}/add-rule.html` },
  quotas: { title: 'Quotas for your Application Load Balancers, "Rules"', url: `${GUIDE}/load-balancer-limits.html` },
  condition: { title: 'API Reference: RuleCondition', url: `${API}/API_RuleCondition.html` },
  host: { title: 'API Reference: HostHeaderConditionConfig', url: `${API}/API_HostHeaderConditionConfig.html` },
  path: { title: 'API Reference: PathPatternConditionConfig', url: `${API}/API_PathPatternConditionConfig.html` },
  header: { title: 'API Reference: HttpHeaderConditionConfig', url: `${API}/API_HttpHeaderConditionConfig.html` },
  method: {
    title: 'API Reference: HttpRequestMethodConditionConfig',
    url: `${API}/API_HttpRequestMethodConditionConfig.html`,
  },
  query: { title: 'API Reference: QueryStringConditionConfig', url: `${API}/API_QueryStringConditionConfig.html` },
  pair: { title: 'API Reference: QueryStringKeyValuePair', url: `${API}/API_QueryStringKeyValuePair.html` },
  sourceIp: { title: 'API Reference: SourceIpConditionConfig', url: `${API}/API_SourceIpConditionConfig.html` },
  action: { title: 'API Reference: Action', url: `${API}/API_Action.html` },
  fixed: { title: 'API Reference: FixedResponseActionConfig', url: `${API}/API_FixedResponseActionConfig.html` },
  redirect: { title: 'API Reference: RedirectActionConfig', url: `${API}/API_RedirectActionConfig.html` },
  forward: { title: 'API Reference: ForwardActionConfig', url: `${API}/API_ForwardActionConfig.html` },
  tuple: { title: 'API Reference: TargetGroupTuple', url: `${API}/API_TargetGroupTuple.html` },
  stickiness: {
    title: 'API Reference: TargetGroupStickinessConfig',
    url: `${API}/API_TargetGroupStickinessConfig.html`,
  },
  oidc: { title: 'API Reference: AuthenticateOidcActionConfig', url: `${API}/API_AuthenticateOidcActionConfig.html` },
  jwt: {
    title: 'API Reference: JwtValidationActionAdditionalClaim',
    url: `${API}/API_JwtValidationActionAdditionalClaim.html`,
  },
  createRule: { title: 'API Reference: CreateRule', url: `${API}/API_CreateRule.html` },
  createListener: { title: 'API Reference: CreateListener', url: `${API}/API_CreateListener.html` },
  rewrite: { title: 'API Reference: RewriteConfig', url: `${API}/API_RewriteConfig.html` },
  model: {
    title: 'botocore ELBv2 service model (constraints)',
    url: 'https://github.com/boto/botocore/blob/develop/botocore/data/elbv2/2015-12-01/service-2.json',
  },
  loop: {
    title: 'Published AWS output: the redirect loop error',
    url: 'https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/487',
  },
  fiveValues: {
    title: 'Published AWS output: the condition values error',
    url: 'https://github.com/aws/aws-cdk/issues/10065',
  },
  noField: {
    title: 'Published AWS output: a condition without a field',
    url: 'https://github.com/aws/aws-sdk-js/issues/2658',
  },
  seed004: { title: 'Seed 004 (a fixed response seen from real AWS)', url: 'sources.md#seed-004' },
} as const;

const path = (...values: string[]) => ({ Field: 'path-pattern', PathPatternConfig: { Values: values } });
const host = (...values: string[]) => ({ Field: 'host-header', HostHeaderConfig: { Values: values } });
const header = (name: string, ...values: string[]) => ({
  Field: 'http-header',
  HttpHeaderConfig: { HttpHeaderName: name, Values: values },
});
const query = (...values: { Key?: string; Value: string }[]) => ({
  Field: 'query-string',
  QueryStringConfig: { Values: values },
});
const fixed = (status = '200', body = 'ok') => ({
  Type: 'fixed-response',
  FixedResponseConfig: { StatusCode: status, ContentType: 'text/plain', MessageBody: body },
});
const forward = { Type: 'forward', TargetGroupArn: 'tg-a' };
const redirect = (config: Record<string, unknown>) => ({ Type: 'redirect', RedirectConfig: config });
const source: RedirectSource = { protocol: 'http', host: 'shop.example.com', port: 80, path: '/a/b', query: 'x=1' };
const oidc = (extra: Record<string, unknown> = {}) => ({
  Type: 'authenticate-oidc',
  Order: 1,
  AuthenticateOidcConfig: {
    Issuer: 'https://idp.example.com',
    AuthorizationEndpoint: 'https://idp.example.com/authorize',
    TokenEndpoint: 'https://idp.example.com/token',
    UserInfoEndpoint: 'https://idp.example.com/userinfo',
    ClientId: 'app',
    ClientSecret: 'secret',
    ...extra,
  },
});
const rewrite = (type: string, regex: string, replace: string) => ({
  Type: type,
  [type === 'url-rewrite' ? 'UrlRewriteConfig' : 'HostHeaderRewriteConfig']: {
    Rewrites: [{ Regex: regex, Replace: replace }],
  },
});

const assumed = (why: string) => ({ why });

export const SEMANTICS: SemanticsRow[] = [
  // --- evaluation ---
  {
    id: 'order',
    behaviour: 'Rules are evaluated in priority order, lowest value first; the default rule last.',
    evidence: 'documented',
    source: page.rules,
    example: {
      kind: 'rules',
      rules: [
        { priority: 20, conditions: [path('/*')], actions: [fixed('200', 'twenty')] },
        { priority: 5, conditions: [path('/a*')], actions: [fixed('200', 'five')] },
      ],
      defaultActions: [fixed('404')],
      request: { path: '/abc' },
      picks: 5,
      realized: true,
    },
  },
  {
    id: 'default-last',
    behaviour: 'When no rule matches, the default rule performs its actions.',
    evidence: 'documented',
    source: page.rules,
    example: {
      kind: 'rules',
      rules: [{ priority: 1, conditions: [path('/a')], actions: [fixed()] }],
      defaultActions: [fixed('404')],
      request: { path: '/b' },
      picks: 'default',
      realized: true,
    },
  },
  {
    id: 'values-or',
    behaviour: "A condition's values are ORed: one that matches satisfies the condition.",
    evidence: 'documented',
    source: page.path,
    example: { kind: 'condition', condition: path('/api/*', '/v2/*'), request: { path: '/v2/x' }, matches: true },
  },
  {
    id: 'conditions-and',
    behaviour: 'The conditions of a rule are ANDed: every one must match.',
    evidence: 'documented',
    source: page.conditions,
    example: {
      kind: 'rules',
      rules: [{ priority: 1, conditions: [path('/a'), host('api.example.com')], actions: [fixed()] }],
      defaultActions: [fixed('404')],
      request: { path: '/a', host: 'www.example.com' },
      picks: 'default',
      realized: true,
    },
  },
  // --- wildcards ---
  {
    id: 'wildcard-star',
    behaviour: '`*` matches 0 or more characters.',
    evidence: 'documented',
    source: page.host,
    example: {
      kind: 'condition',
      condition: host('*.example.com'),
      request: { host: 'a.b.example.com' },
      matches: true,
    },
  },
  {
    id: 'wildcard-one',
    behaviour: '`?` matches exactly 1 character.',
    evidence: 'documented',
    source: page.path,
    example: { kind: 'condition', condition: path('/im?/x'), request: { path: '/im/x' }, matches: false },
  },
  {
    id: 'literal-hyphen',
    behaviour: 'Every character but `*` and `?` is literal: a hyphen matches a hyphen.',
    evidence: 'documented',
    source: page.path,
    example: { kind: 'condition', condition: path('/old-path/*'), request: { path: '/old-path/x' }, matches: true },
  },
  {
    id: 'literal-dot',
    behaviour: 'A `.` is a dot, not "any character".',
    evidence: 'documented',
    source: page.host,
    example: {
      kind: 'condition',
      condition: host('my-app.example.com'),
      request: { host: 'my-appXexample.com' },
      matches: false,
    },
  },
  {
    id: 'wildcard-whole-value',
    behaviour: 'A wildcard value matches the whole field, not a part of it.',
    evidence: 'documented',
    source: page.path,
    example: { kind: 'condition', condition: path('/img/*'), request: { path: '/x/img/a.png' }, matches: false },
  },
  {
    id: 'wildcard-code-point',
    behaviour: '`?` takes one character however it is encoded (one Unicode code point).',
    evidence: 'assumed',
    source: assumed('AWS does not say what "a character" is beyond ASCII; a code point is what a reader counts.'),
    example: {
      kind: 'condition',
      condition: header('X-Tag', 'a?b'),
      request: { headers: { 'x-tag': 'a😀b' } },
      matches: true,
    },
  },
  {
    id: 'ascii-case-folding',
    behaviour: 'Case-insensitive values fold ASCII letters only (the Kelvin sign is not a k).',
    evidence: 'assumed',
    source: assumed(
      "HTTP's own rule for case-insensitive tokens; Unicode case mapping could make unrelated values equal.",
    ),
    example: {
      kind: 'condition',
      condition: header('X-Unit', 'k'),
      request: { headers: { 'x-unit': '\u212a' } },
      matches: false,
    },
  },
  // --- host-header ---
  {
    id: 'host-case',
    behaviour: 'host-header compares without regard to case.',
    evidence: 'documented',
    source: page.host,
    example: {
      kind: 'condition',
      condition: host('API.example.com'),
      request: { host: 'api.EXAMPLE.com' },
      matches: true,
    },
  },
  {
    id: 'host-port',
    behaviour: 'host-header Values compare the host name without the port.',
    evidence: 'assumed',
    source: assumed('AWS forbids ":" in host values and points to RegexValues for ports; the name alone is compared.'),
    example: {
      kind: 'condition',
      condition: host('api.example.com'),
      request: { host: 'api.example.com:8443' },
      matches: true,
    },
  },
  {
    id: 'host-needs-dot',
    behaviour: 'A host value holds at least one "." and only letters after the last one.',
    evidence: 'documented',
    source: page.host,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [host('localhost')],
      code: 'ValidationError',
      message: 'is not a valid host name',
    },
  },
  {
    id: 'host-characters',
    behaviour: 'A host value holds letters, digits, `-`, `_`, `.` and the wildcards.',
    evidence: 'documented',
    source: page.addRule,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [host('a:8443.example.com')],
      code: 'ValidationError',
      message: 'contains a character that is not valid',
    },
  },
  // --- path-pattern ---
  {
    id: 'path-case',
    behaviour: 'path-pattern is case-sensitive.',
    evidence: 'documented',
    source: page.path,
    example: { kind: 'condition', condition: path('/Img/*'), request: { path: '/img/a' }, matches: false },
  },
  {
    id: 'path-not-query',
    behaviour: 'path-pattern is compared to the path only, not the query string.',
    evidence: 'documented',
    source: page.path,
    example: { kind: 'condition', condition: path('/a'), request: { path: '/a', query: 'b=/c' }, matches: true },
  },
  {
    id: 'path-characters',
    behaviour: 'A path value holds letters, digits, `_ - . $ / ~ " \' @ : + &` and the wildcards.',
    evidence: 'documented',
    source: page.addRule,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [path('^/[a-z]{2}/i/')],
      code: 'ValidationError',
      message: "Condition value '^/[a-z]{2}/i/' contains a character that is not valid",
    },
  },
  // --- http-header ---
  {
    id: 'header-name-case',
    behaviour: 'http-header: the header name is case-insensitive.',
    evidence: 'documented',
    source: page.header,
    example: {
      kind: 'condition',
      condition: header('X-Env', 'prod'),
      request: { headers: { 'x-ENV': 'prod' } },
      matches: true,
    },
  },
  {
    id: 'header-value-case',
    behaviour: 'http-header values are case-insensitive and take `*` and `?`.',
    evidence: 'documented',
    source: page.header,
    example: {
      kind: 'condition',
      condition: header('User-Agent', 'curl/7-*'),
      request: { headers: { 'user-agent': 'CURL/7-x' } },
      matches: true,
    },
  },
  {
    id: 'header-repeated',
    behaviour: 'A header sent several times is searched value by value until one matches.',
    evidence: 'documented',
    source: page.header,
    example: {
      kind: 'condition',
      condition: header('X-Tag', 'b'),
      request: { headers: { 'x-tag': ['a', 'b'] } },
      matches: true,
    },
  },
  {
    id: 'header-missing',
    behaviour: 'A header the request does not have does not match, whatever the value.',
    evidence: 'documented',
    source: page.header,
    example: { kind: 'condition', condition: header('X-Tag', '*'), request: { headers: {} }, matches: false },
  },
  {
    id: 'header-name-limit',
    behaviour: 'The header name is at most 40 characters of RFC 7230 token characters.',
    evidence: 'documented',
    source: page.header,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [header('X'.repeat(41), 'v')],
      code: 'ValidationError',
      message: 'Member must have length less than or equal to 40',
    },
  },
  {
    id: 'header-not-host',
    behaviour: 'An http-header condition cannot name the Host header.',
    evidence: 'documented',
    source: page.header,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [header('Host', 'a.example.com')],
      code: 'ValidationError',
      message: 'host header',
    },
  },
  // --- http-request-method ---
  {
    id: 'method-exact',
    behaviour: 'http-request-method is exact and case-sensitive, without wildcards.',
    evidence: 'documented',
    source: page.method,
    example: {
      kind: 'condition',
      condition: { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GET'] } },
      request: { method: 'get' },
      matches: false,
    },
  },
  {
    id: 'method-characters',
    behaviour: 'A method holds A-Z, `-` and `_`, at most 40 characters.',
    evidence: 'documented',
    source: page.method,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [{ Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['GE*'] } }],
      code: 'ValidationError',
      message: 'contains a character that is not valid',
    },
  },
  // --- query-string ---
  {
    id: 'query-case',
    behaviour: 'query-string keys and values are case-insensitive, with `*` and `?`.',
    evidence: 'documented',
    source: page.query,
    example: {
      kind: 'condition',
      condition: query({ Key: 'Version', Value: 'V*' }),
      request: { query: 'version=v2' },
      matches: true,
    },
  },
  {
    id: 'query-any-key',
    behaviour: 'A value without a key is found under any key.',
    evidence: 'documented',
    source: page.pair,
    example: {
      kind: 'condition',
      condition: query({ Value: 'debug' }),
      request: { query: 'mode=debug' },
      matches: true,
    },
  },
  {
    id: 'query-escape',
    behaviour: '`\\*` and `\\?` in a query-string value are the literal characters.',
    evidence: 'documented',
    source: page.query,
    example: {
      kind: 'condition',
      condition: query({ Key: 'q', Value: 'a\\*' }),
      request: { query: 'q=ab' },
      matches: false,
    },
  },
  {
    id: 'query-decoded',
    behaviour: 'Query keys and values are percent-decoded before they are compared.',
    evidence: 'assumed',
    source: assumed(
      '"Any character can be percentage encoded": the encoded and plain forms are taken to be the same value.',
    ),
    example: {
      kind: 'condition',
      condition: query({ Key: 'name', Value: 'a%20b' }),
      request: { query: 'name=a%20b' },
      matches: true,
    },
  },
  {
    id: 'query-value-required',
    behaviour: 'A query-string pair needs a Value (the Key may be left out).',
    evidence: 'assumed',
    source: assumed('the model does not mark Value required; a pair with a Key alone could never be evaluated.'),
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [query({ Key: 'k' } as never)],
      code: 'ValidationError',
      message: 'Member must not be null',
    },
  },
  // --- source-ip ---
  {
    id: 'source-ip-cidr',
    behaviour: "source-ip matches IPv4 or IPv6 CIDR blocks against the connection's source address.",
    evidence: 'documented',
    source: page.sourceIp,
    example: {
      kind: 'condition',
      condition: { Field: 'source-ip', SourceIpConfig: { Values: ['2001:db8::/32'] } },
      request: { sourceIp: '2001:db8::7' },
      matches: true,
    },
  },
  {
    id: 'source-ip-not-xff',
    behaviour: 'source-ip is not satisfied by addresses in X-Forwarded-For.',
    evidence: 'documented',
    source: page.sourceIp,
    example: {
      kind: 'condition',
      condition: { Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } },
      request: { sourceIp: '203.0.113.7', headers: { 'x-forwarded-for': '10.1.2.3' } },
      matches: false,
    },
  },
  {
    id: 'source-ip-valid',
    behaviour: 'source-ip values are CIDR blocks (no wildcards), at most five.',
    evidence: 'documented',
    source: page.sourceIp,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [{ Field: 'source-ip', SourceIpConfig: { Values: ['999.1.1.1/99'] } }],
      code: 'ValidationError',
      message: "The CIDR block '999.1.1.1/99' is not valid",
    },
  },
  // --- RegexValues ---
  {
    id: 'regex-search',
    behaviour: 'A RegexValue matches when the regex finds a match anywhere in the value (anchor with `^…$`).',
    evidence: 'assumed',
    source: assumed("AWS's examples anchor their regexes with ^ and $, which only matters if matching searches."),
    example: {
      kind: 'condition',
      condition: { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['users'] } },
      request: { path: '/api/users/7' },
      matches: true,
    },
  },
  {
    id: 'regex-host-port',
    behaviour: 'A host-header RegexValue sees the Host header as sent, port included.',
    evidence: 'assumed',
    source: assumed('a regex is how AWS points users to hosts with a non-standard port, so it must see the port.'),
    example: {
      kind: 'condition',
      condition: { Field: 'host-header', HostHeaderConfig: { RegexValues: ['^api\\.example\\.com:8443$'] } },
      request: { host: 'api.example.com:8443' },
      matches: true,
    },
  },
  {
    id: 'regex-or-values',
    behaviour: "A condition's Values and RegexValues are ORed.",
    evidence: 'assumed',
    source: assumed('RegexValues sit beside Values in the same condition, whose values are ORed.'),
    example: {
      kind: 'condition',
      condition: { Field: 'path-pattern', PathPatternConfig: { Values: ['/a'], RegexValues: ['^/b'] } },
      request: { path: '/bcd' },
      matches: true,
    },
  },
  {
    id: 'regex-only-some',
    behaviour: 'RegexValues exist for http-header, host-header and path-pattern only.',
    evidence: 'documented',
    source: page.condition,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [{ Field: 'source-ip', RegexValues: ['^10\\.'] }],
      code: 'ValidationError',
      message: "The 'RegexValues' field is not compatible with 'source-ip'",
    },
  },
  {
    id: 'regex-excluded',
    behaviour:
      'Regexes without lookarounds, backreferences, atomic groups, possessive quantifiers, recursion or \\p{…} classes.',
    evidence: 'documented',
    source: page.rules,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [{ Field: 'path-pattern', RegexValues: ['^/(?!admin)'] }],
      code: 'ValidationError',
      message: 'Invalid regular expression',
    },
  },
  {
    id: 'regex-unicode-class',
    behaviour: 'Unicode character classes such as `\\p{L}` are refused.',
    evidence: 'documented',
    source: page.rules,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [{ Field: 'path-pattern', RegexValues: ['^/\\p{L}+$'] }],
      code: 'ValidationError',
      message: 'Invalid regular expression',
    },
  },
  {
    id: 'regex-linear',
    behaviour: 'Regexes run in time linear in the value (RE2): `^/(a+)+$` does not backtrack.',
    evidence: 'assumed',
    source: assumed(
      "AWS's list of excluded features is what RE2 lacks; the sandbox runs RE2 so that no request stalls.",
    ),
    example: {
      kind: 'condition',
      condition: { Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/(a+)+$'] } },
      request: { path: `/${'a'.repeat(64)}!` },
      matches: false,
    },
  },
  // --- condition and rule limits ---
  {
    id: 'field-required',
    behaviour: 'A condition names its Field.',
    evidence: 'observed',
    source: page.noField,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [{ PathPatternConfig: { Values: ['/a'] } }],
      code: 'ValidationError',
      message: 'A condition field must be specified',
    },
  },
  {
    id: 'legacy-values',
    behaviour: 'The condition-level Values serve host-header and path-pattern only, one value there.',
    evidence: 'documented',
    source: page.condition,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [{ Field: 'http-request-method', Values: ['GET'] }],
      code: 'ValidationError',
      message: "The 'Values' field is not compatible with 'http-request-method'",
    },
  },
  {
    id: 'one-each',
    behaviour: 'At most one host-header, http-request-method, path-pattern and source-ip condition per rule.',
    evidence: 'documented',
    source: page.condition,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [path('/a'), path('/b')],
      code: 'ValidationError',
      message: "A rule can only have one 'path-pattern' condition",
    },
  },
  {
    id: 'not-empty',
    behaviour: 'The value of a condition cannot be empty.',
    evidence: 'documented',
    source: page.condition,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [{ Field: 'host-header', HostHeaderConfig: {} }],
      code: 'ValidationError',
      message: 'A condition value cannot be empty',
    },
  },
  {
    id: 'value-length',
    behaviour: 'Each value and regex is at most 128 characters.',
    evidence: 'documented',
    source: page.condition,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [path(`/${'a'.repeat(128)}`)],
      code: 'ValidationError',
      message: 'Member must have length less than or equal to 128',
    },
  },
  {
    id: 'five-values',
    behaviour: 'At most 5 condition values per rule, regex values included.',
    evidence: 'observed',
    source: page.fiveValues,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [path('/a', '/b', '/c'), host('a.example.com', 'b.example.com', 'c.example.com')],
      code: 'ValidationError',
      message: "A rule can only have '5' condition values and regex values",
    },
  },
  {
    id: 'five-wildcards',
    behaviour: 'At most 5 wildcards per rule (copies of the quotas page say 5 or 6; the stricter is taken).',
    evidence: 'assumed',
    source: assumed('the quotas page disagrees with itself; 5 passes on every account. The error code is assumed.'),
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [path('/a*', '/b?', '/c*?'), host('*.ex?mple.com')],
      code: 'ValidationError',
      message: "A rule can only have '5' wildcards",
    },
  },
  {
    id: 'needs-condition',
    behaviour: 'A rule other than the default rule has at least one condition.',
    evidence: 'documented',
    source: page.createRule,
    example: {
      kind: 'refused',
      reader: 'conditions',
      written: [],
      code: 'ValidationError',
      message: 'at least one condition',
    },
  },
  // --- actions ---
  {
    id: 'one-routing-action',
    behaviour: 'Exactly one forward, fixed-response or redirect action, performed last.',
    evidence: 'documented',
    source: page.action,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [
        { ...forward, Order: 1 },
        { ...fixed(), Order: 2 },
      ],
      code: 'InvalidLoadBalancerAction',
      message: 'exactly one forward, redirect or fixed-response action',
    },
  },
  {
    id: 'order-required',
    behaviour: 'Order is required for rules with several actions; the lowest is performed first.',
    evidence: 'documented',
    source: page.action,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [oidc(), forward],
      protocol: 'HTTPS',
      code: 'ValidationError',
      message: 'order must be specified',
    },
  },
  {
    id: 'auth-https-only',
    behaviour: 'Authentication actions are for HTTPS listeners.',
    evidence: 'documented',
    source: page.action,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [oidc(), { ...forward, Order: 2 }],
      protocol: 'HTTP',
      code: 'IncompatibleProtocols',
      message: 'only supported for HTTPS listeners',
    },
  },
  {
    id: 'auth-not-realized',
    behaviour:
      'A rule with authenticate-oidc, authenticate-cognito or jwt-validation keeps its place; the sandbox does not realize it (503).',
    evidence: 'assumed',
    source: assumed(
      "an identity provider or a JWKS on the Internet cannot run offline; the order is AWS's, the 503 the sandbox's.",
    ),
    example: {
      kind: 'rules',
      rules: [
        { priority: 1, conditions: [path('/app/*')], actions: [oidc(), { ...forward, Order: 2 }] },
        { priority: 2, conditions: [path('/*')], actions: [fixed()] },
      ],
      defaultActions: [fixed('404')],
      request: { path: '/app/x' },
      picks: 1,
      realized: false,
    },
  },
  {
    id: 'oidc-urls',
    behaviour: 'OIDC endpoints are full URLs with the HTTPS protocol; a client secret is needed to create the rule.',
    evidence: 'documented',
    source: page.oidc,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [oidc({ TokenEndpoint: 'http://idp.example.com/token' }), { ...forward, Order: 2 }],
      protocol: 'HTTPS',
      code: 'ValidationError',
      message: "The TokenEndpoint 'http://idp.example.com/token' is not valid",
    },
  },
  {
    id: 'jwt-claims',
    behaviour: 'jwt-validation cannot take exp, iss, nbf or iat as additional claims.',
    evidence: 'documented',
    source: page.jwt,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [
        {
          Type: 'jwt-validation',
          Order: 1,
          JwtValidationConfig: {
            JwksEndpoint: 'https://idp.example.com/jwks',
            Issuer: 'idp',
            AdditionalClaims: [{ Format: 'single-string', Name: 'exp', Values: ['1'] }],
          },
        },
        { ...forward, Order: 2 },
      ],
      protocol: 'HTTPS',
      code: 'ValidationError',
      message: "The claim 'exp' cannot be specified",
    },
  },
  {
    id: 'fixed-response',
    behaviour: 'fixed-response answers from the load balancer with its status, content type (charset utf-8) and body.',
    evidence: 'observed',
    source: page.seed004,
    example: {
      kind: 'fixed',
      action: fixed('503', 'down'),
      status: 503,
      contentType: 'text/plain; charset=utf-8',
      body: 'down',
    },
  },
  {
    id: 'fixed-status',
    behaviour: 'A fixed-response StatusCode is 2XX, 4XX or 5XX.',
    evidence: 'documented',
    source: page.fixed,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [fixed('099')],
      code: 'ValidationError',
      message: 'Member must satisfy regular expression pattern: ^(2|4|5)\\d\\d$',
    },
  },
  {
    id: 'fixed-content-type',
    behaviour: 'ContentType is one of text/plain, text/css, text/html, application/javascript, application/json.',
    evidence: 'documented',
    source: page.fixed,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [
        { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain\r\nX: y' } },
      ],
      code: 'InvalidLoadBalancerAction',
      message: 'The ContentType must be one of',
    },
  },
  {
    id: 'fixed-body',
    behaviour: 'MessageBody is at most 1,024 characters.',
    evidence: 'documented',
    source: page.model,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [fixed('200', 'x'.repeat(1025))],
      code: 'ValidationError',
      message: 'Member must have length less than or equal to 1024',
    },
  },
  {
    id: 'fixed-body-xml',
    behaviour: 'A MessageBody with a control character XML cannot carry is refused.',
    evidence: 'assumed',
    source: assumed(
      'AWS answers in XML, which cannot carry these characters; an answer with one would break the AWS CLI.',
    ),
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [fixed('200', 'a\u0001b')],
      code: 'ValidationError',
      message: 'contains a character that is not valid',
    },
  },
  {
    id: 'redirect-keywords',
    behaviour:
      'Redirects reuse #{protocol}, #{host}, #{port}, #{path} (without its leading "/") and #{query}; components left out keep their values.',
    evidence: 'documented',
    source: page.redirect,
    example: {
      kind: 'redirect',
      action: redirect({ Protocol: 'HTTPS', Port: '443', Path: '/new/#{path}', StatusCode: 'HTTP_301' }),
      source,
      status: 301,
      location: 'https://shop.example.com:443/new/a/b?x=1',
    },
  },
  {
    id: 'redirect-302',
    behaviour: 'HTTP_302 is a temporary redirect.',
    evidence: 'documented',
    source: page.redirect,
    example: {
      kind: 'redirect',
      action: redirect({ Host: 'example.#{host}', StatusCode: 'HTTP_302' }),
      source,
      status: 302,
      location: 'http://example.shop.example.com:80/a/b?x=1',
    },
  },
  {
    id: 'redirect-loop',
    behaviour: 'A redirect changes at least one of protocol, host, port or path.',
    evidence: 'observed',
    source: page.loop,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [redirect({ Query: '#{query}&v=1', StatusCode: 'HTTP_301' })],
      code: 'InvalidLoadBalancerAction',
      message: 'The redirect configuration is not valid because it creates a loop.',
    },
  },
  {
    id: 'redirect-protocol',
    behaviour: 'Protocol is HTTP, HTTPS or #{protocol}.',
    evidence: 'documented',
    source: page.redirect,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [redirect({ Protocol: 'FTP', StatusCode: 'HTTP_301' })],
      code: 'ValidationError',
      message: 'Member must satisfy regular expression pattern',
    },
  },
  {
    id: 'redirect-no-downgrade',
    behaviour: 'You cannot redirect HTTPS to HTTP.',
    evidence: 'documented',
    source: page.redirect,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [redirect({ Protocol: 'HTTP', StatusCode: 'HTTP_301' })],
      protocol: 'HTTPS',
      code: 'InvalidLoadBalancerAction',
      message: 'You cannot redirect HTTPS to HTTP',
    },
  },
  {
    id: 'redirect-port',
    behaviour: 'Port is 1 to 65535 or #{port}.',
    evidence: 'documented',
    source: page.redirect,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [redirect({ Port: '99999', StatusCode: 'HTTP_301' })],
      code: 'ValidationError',
      message: "The redirect port '99999' is not valid",
    },
  },
  {
    id: 'redirect-status',
    behaviour: 'StatusCode is HTTP_301 or HTTP_302.',
    evidence: 'documented',
    source: page.redirect,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [redirect({ Path: '/x', StatusCode: 'HTTP_999' })],
      code: 'ValidationError',
      message: 'Member must satisfy enum value set: [HTTP_301, HTTP_302]',
    },
  },
  {
    id: 'redirect-parts',
    behaviour: 'Host and Path are 1–128 characters, Query at most 128; Path starts with "/".',
    evidence: 'documented',
    source: page.redirect,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [redirect({ Path: 'relative', StatusCode: 'HTTP_301' })],
      code: 'ValidationError',
      message: "The redirect path 'relative' is not valid",
    },
  },
  {
    id: 'redirect-control',
    behaviour: 'A redirect part with a control character (CR, LF, DEL…) is refused.',
    evidence: 'assumed',
    source: assumed('no URL can carry a control character; AWS publishes no character set for these parts.'),
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [redirect({ Host: 'a\rb.example.com', StatusCode: 'HTTP_301' })],
      code: 'ValidationError',
      message: 'contains a character that is not valid',
    },
  },
  {
    id: 'forward-weights',
    behaviour: 'A weighted forward spreads requests across its target groups by weight; weight 0 gets none.',
    evidence: 'documented',
    source: page.forward,
    example: {
      kind: 'weights',
      action: {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: 'blue', Weight: 3 },
            { TargetGroupArn: 'green', Weight: 1 },
            { TargetGroupArn: 'old', Weight: 0 },
          ],
        },
      },
      requests: 8,
      counts: { blue: 6, green: 2 },
    },
  },
  {
    id: 'forward-weight-range',
    behaviour: 'A weight is 0 to 999.',
    evidence: 'documented',
    source: page.tuple,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'a', Weight: -5 }] } }],
      code: 'ValidationError',
      message: "Target group weight '-5' is not valid",
    },
  },
  {
    id: 'forward-five-groups',
    behaviour: 'At most 5 target groups per forward action.',
    evidence: 'documented',
    source: page.quotas,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [
        {
          Type: 'forward',
          ForwardConfig: { TargetGroups: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ TargetGroupArn: id })) },
        },
      ],
      code: 'ValidationError',
      message: "at most '5' target groups",
    },
  },
  {
    id: 'forward-stickiness',
    behaviour: 'Target group stickiness needs DurationSeconds (1–604800) when enabled.',
    evidence: 'documented',
    source: page.stickiness,
    example: {
      kind: 'refused',
      reader: 'actions',
      written: [
        {
          Type: 'forward',
          ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'a' }], TargetGroupStickinessConfig: { Enabled: true } },
        },
      ],
      code: 'ValidationError',
      message: 'You must specify a duration',
    },
  },
  // --- transforms ---
  {
    id: 'transform-host',
    behaviour:
      "host-header-rewrite replaces the match in the Host header (AWS's example: `^mywebsite-(.+).com$` → `internal.dev.$1.myweb.com`).",
    evidence: 'documented',
    source: page.transforms,
    example: {
      kind: 'transform',
      transforms: [rewrite('host-header-rewrite', '^mywebsite-(.+).com$', 'internal.dev.$1.myweb.com')],
      input: { host: 'mywebsite-example.com', url: '/project-a' },
      result: { host: 'internal.dev.example.myweb.com', url: '/project-a' },
    },
  },
  {
    id: 'transform-no-match',
    behaviour: 'If there is no pattern match, the original request is sent to the target.',
    evidence: 'documented',
    source: page.transforms,
    example: {
      kind: 'transform',
      transforms: [rewrite('url-rewrite', '^/api/(.*)$', '/v2/$1')],
      input: { host: 'a.example.com', url: '/web/x' },
      result: { host: 'a.example.com', url: '/web/x' },
    },
  },
  {
    id: 'transform-fails',
    behaviour: 'A pattern match whose result is not a valid URL fails: HTTP 500.',
    evidence: 'documented',
    source: page.transforms,
    example: {
      kind: 'transform',
      transforms: [rewrite('url-rewrite', '^/(.*)$', 'nothing-absolute')],
      input: { host: 'a.example.com', url: '/x' },
      result: 500,
    },
  },
  {
    id: 'transform-one-each',
    behaviour: 'One host header rewrite and one URL rewrite transform per rule.',
    evidence: 'documented',
    source: page.createRule,
    example: {
      kind: 'refused',
      reader: 'transforms',
      written: [rewrite('url-rewrite', '^/a', '/b'), rewrite('url-rewrite', '^/c', '/d')],
      code: 'ValidationError',
      message: 'one host header rewrite transform and one URL rewrite transform',
    },
  },
  {
    id: 'transform-length',
    behaviour: 'Regex and Replace are at most 1,024 characters.',
    evidence: 'documented',
    source: page.rewrite,
    example: {
      kind: 'refused',
      reader: 'transforms',
      written: [rewrite('url-rewrite', `^/${'a'.repeat(1024)}`, '/b')],
      code: 'ValidationError',
      message: 'Member must have length less than or equal to 1024',
    },
  },
  // --- priorities, quotas, listeners ---
  {
    id: 'priority-range',
    behaviour: 'A priority is a whole number from 1 to 50000.',
    evidence: 'documented',
    source: page.model,
    example: {
      kind: 'refused',
      reader: 'priority',
      written: 50_001,
      code: 'ValidationError',
      message: 'Member must have value between 1 and 50000',
    },
  },
  {
    id: 'priority-in-use',
    behaviour: "A listener can't have two rules with the same priority: PriorityInUse.",
    evidence: 'documented',
    source: page.createRule,
    example: {
      kind: 'refused',
      reader: 'priorityFree',
      written: { priority: 7, others: [{ id: 'other', priority: 7 }] },
      code: 'PriorityInUse',
      message: 'The specified priority is in use.',
    },
  },
  {
    id: 'rules-quota',
    behaviour: 'At most 100 rules per load balancer, default rules aside (the default quota): TooManyRules.',
    evidence: 'documented',
    source: page.quotas,
    example: {
      kind: 'refused',
      reader: 'rulesQuota',
      written: 101,
      code: 'TooManyRules',
      message: "You've reached the limit on the number of rules per load balancer.",
    },
  },
  {
    id: 'set-priorities-once',
    behaviour: 'SetRulePriorities names each rule and each priority once.',
    evidence: 'assumed',
    source: assumed('AWS publishes no error for it; applying one rule twice would depend on the order of the list.'),
    example: {
      kind: 'refused',
      reader: 'priorityPairs',
      written: [
        { ruleArn: 'r1', priority: 2 },
        { ruleArn: 'r1', priority: 3 },
      ],
      code: 'ValidationError',
      message: "Rule 'r1' was provided multiple times",
    },
  },
  {
    id: 'listener-port',
    behaviour: 'A listener port is a whole number from 1 to 65535.',
    evidence: 'documented',
    source: page.model,
    example: {
      kind: 'refused',
      reader: 'port',
      written: 65_536,
      code: 'ValidationError',
      message: 'Member must have value less than or equal to 65535',
    },
  },
  {
    id: 'duplicate-listener',
    behaviour: 'Two listeners of one load balancer cannot share a port: DuplicateListener.',
    evidence: 'documented',
    source: page.createListener,
    example: {
      kind: 'refused',
      reader: 'listenerPortFree',
      written: { port: 443, others: [{ id: 'Https', port: 443 }] },
      code: 'DuplicateListener',
      message: 'A listener with the specified port already exists.',
    },
  },
  {
    id: 'mutual-mode',
    behaviour: 'The mutual TLS mode is off, passthrough or verify (the model has no enum, so no enum wording).',
    evidence: 'documented',
    source: {
      title: 'API Reference: MutualAuthenticationAttributes',
      url: `${API}/API_MutualAuthenticationAttributes.html`,
    },
    example: {
      kind: 'refused',
      reader: 'mutualMode',
      written: 'strict',
      code: 'ValidationError',
      message: "Mutual Authentication mode 'strict' is not supported for Application Load Balancers",
    },
  },
];

/** The row as docs/listener-rules.md shows it in its table. */
export function semanticsTableRow(row: SemanticsRow): string {
  const source = 'url' in row.source ? `[${row.source.title}](${row.source.url})` : row.source.why;
  return `| \`${row.id}\` | ${row.behaviour} | ${row.evidence} | ${source} |`;
}
