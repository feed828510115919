// The hostile Query requests of the API door, generated with fast-check from a seed: calls as the AWS CLI sends them
// (the corpus), the same calls mutated (prototype names, odd or huge list indexes, hostile values, floods, deep names,
// conflicting shapes, broken encodings), random forms, and well-formed calls in a web page's or an unsigned
// envelope, which the door must refuse. Pure: the targets' ARNs in, cases out.
import fc from 'fast-check';
import type { SendOptions } from '../elbv2-api/query-client.js';
import { TRAP_KEYS } from './api-door.js';

export type ApiCaseKind = 'valid' | 'mutated' | 'random' | 'door';
export const API_CASE_KINDS: ApiCaseKind[] = ['valid', 'mutated', 'random', 'door'];

export interface ApiCase {
  kind: ApiCaseKind;
  /** What was sent, short, for a report. */
  name: string;
  body: string;
  send: SendOptions;
  /** A web page's or an unsigned request: any 2xx answer is a leak. */
  mustRefuse: boolean;
}

/** The ARNs the corpus names, read from the running API first. */
export interface ApiTargets {
  loadBalancerArn: string;
  listenerArn: string;
  ruleArns: string[];
  targetGroupArn: string;
  trustStoreArn: string;
}

type Pair = [string, string];
interface Call {
  action: string;
  pairs: Pair[];
}

/** Calls as the AWS CLI sends them, one per action the API has and a few it has not. */
export function corpus(t: ApiTargets): Call[] {
  const rule = t.ruleArns[0] ?? 'arn:none';
  const trap = (key: string): Pair[] => [
    ['RevocationContents.member.1.S3Bucket', 'local'],
    ['RevocationContents.member.1.S3Key', key],
  ];
  return [
    { action: 'DescribeLoadBalancers', pairs: [] },
    { action: 'DescribeLoadBalancers', pairs: [['Names.member.1', 'Alb']] },
    { action: 'DescribeListeners', pairs: [['LoadBalancerArn', t.loadBalancerArn]] },
    { action: 'DescribeRules', pairs: [['ListenerArn', t.listenerArn]] },
    { action: 'DescribeRules', pairs: [['RuleArns.member.1', rule]] },
    { action: 'DescribeTargetGroups', pairs: [] },
    { action: 'DescribeTargetHealth', pairs: [['TargetGroupArn', t.targetGroupArn]] },
    { action: 'DescribeTargetGroupAttributes', pairs: [['TargetGroupArn', t.targetGroupArn]] },
    { action: 'DescribeTrustStores', pairs: [] },
    { action: 'DescribeTrustStoreRevocations', pairs: [['TrustStoreArn', t.trustStoreArn]] },
    { action: 'DescribeLoadBalancerAttributes', pairs: [['LoadBalancerArn', t.loadBalancerArn]] },
    { action: 'GetTrustStoreCaCertificatesBundle', pairs: [['TrustStoreArn', t.trustStoreArn]] },
    {
      action: 'CreateRule',
      pairs: [
        ['ListenerArn', t.listenerArn],
        ['Priority', '7'],
        ['Conditions.member.1.Field', 'path-pattern'],
        ['Conditions.member.1.Values.member.1', '/fuzz-*'],
        ['Actions.member.1.Type', 'fixed-response'],
        ['Actions.member.1.FixedResponseConfig.StatusCode', '200'],
        ['Actions.member.1.FixedResponseConfig.ContentType', 'text/plain'],
        ['Actions.member.1.FixedResponseConfig.MessageBody', 'fuzz'],
      ],
    },
    {
      action: 'CreateRule',
      pairs: [
        ['ListenerArn', t.listenerArn],
        ['Priority', '8'],
        ['Conditions.member.1.Field', 'http-header'],
        ['Conditions.member.1.HttpHeaderConfig.HttpHeaderName', 'X-Fuzz'],
        ['Conditions.member.1.HttpHeaderConfig.Values.member.1', '*a?b*'],
        ['Conditions.member.2.Field', 'query-string'],
        ['Conditions.member.2.QueryStringConfig.Values.member.1.Key', 'k'],
        ['Conditions.member.2.QueryStringConfig.Values.member.1.Value', 'v*'],
        ['Actions.member.1.Type', 'redirect'],
        ['Actions.member.1.RedirectConfig.Protocol', 'HTTPS'],
        ['Actions.member.1.RedirectConfig.Port', '443'],
        ['Actions.member.1.RedirectConfig.Path', '/#{path}'],
        ['Actions.member.1.RedirectConfig.StatusCode', 'HTTP_302'],
      ],
    },
    {
      action: 'ModifyRule',
      pairs: [
        ['RuleArn', rule],
        ['Conditions.member.1.Field', 'host-header'],
        ['Conditions.member.1.HostHeaderConfig.Values.member.1', 'fuzz.example'],
      ],
    },
    {
      action: 'SetRulePriorities',
      pairs: [
        ['RulePriorities.member.1.RuleArn', rule],
        ['RulePriorities.member.1.Priority', '5'],
      ],
    },
    { action: 'DeleteRule', pairs: [['RuleArn', t.ruleArns.at(-1) ?? rule]] },
    {
      action: 'ModifyListener',
      pairs: [
        ['ListenerArn', t.listenerArn],
        ['MutualAuthentication.Mode', 'passthrough'],
      ],
    },
    {
      action: 'ModifyListener',
      pairs: [
        ['ListenerArn', t.listenerArn],
        ['MutualAuthentication.Mode', 'verify'],
        ['MutualAuthentication.TrustStoreArn', t.trustStoreArn],
      ],
    },
    {
      action: 'ModifyListener',
      pairs: [
        ['ListenerArn', t.listenerArn],
        ['DefaultActions.member.1.Type', 'fixed-response'],
        ['DefaultActions.member.1.FixedResponseConfig.StatusCode', '503'],
      ],
    },
    {
      action: 'RegisterTargets',
      pairs: [
        ['TargetGroupArn', t.targetGroupArn],
        ['Targets.member.1.Id', '10.0.1.10'],
        ['Targets.member.1.Port', '80'],
      ],
    },
    {
      action: 'DeregisterTargets',
      pairs: [
        ['TargetGroupArn', t.targetGroupArn],
        ['Targets.member.1.Id', '10.0.1.10'],
        ['Targets.member.1.Port', '80'],
      ],
    },
    {
      action: 'ModifyTargetGroupAttributes',
      pairs: [
        ['TargetGroupArn', t.targetGroupArn],
        ['Attributes.member.1.Key', 'stickiness.enabled'],
        ['Attributes.member.1.Value', 'true'],
      ],
    },
    { action: 'AddTrustStoreRevocations', pairs: [['TrustStoreArn', t.trustStoreArn], ...trap('fifo')] },
    { action: 'AddTrustStoreRevocations', pairs: [['TrustStoreArn', t.trustStoreArn], ...trap('zero')] },
    {
      action: 'CreateTrustStore',
      pairs: [
        ['Name', 'fuzz'],
        ['CaCertificatesBundleS3Bucket', 'local'],
        ['CaCertificatesBundleS3Key', 'out-link'],
      ],
    },
    {
      action: 'ModifyTrustStore',
      pairs: [
        ['TrustStoreArn', t.trustStoreArn],
        ['CaCertificatesBundleS3Bucket', 'local'],
        ['CaCertificatesBundleS3Key', '/dev/zero'],
      ],
    },
    {
      action: 'RemoveTrustStoreRevocations',
      pairs: [
        ['TrustStoreArn', t.trustStoreArn],
        ['RevocationIds.member.1', '1'],
      ],
    },
    {
      action: 'ModifyLoadBalancerAttributes',
      pairs: [
        ['LoadBalancerArn', t.loadBalancerArn],
        ['Attributes.member.1.Key', 'idle_timeout.timeout_seconds'],
        ['Attributes.member.1.Value', '30'],
      ],
    },
    { action: 'CreateLoadBalancer', pairs: [['Name', 'fuzz']] },
  ];
}

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype'];
const ODD_INDEXES = ['0', '-1', '1001', '1e3', '01', '+1', '1000000000', '4294967295', 'NaN', '', ' 1', '0x10'];
const ODD_VALUES = [
  '',
  ' ',
  '\u0000',
  '\r\nX-Injected: 1',
  '\u007f',
  '/a/*/b/*/c/*.json',
  '*a*a*a*a*a*z',
  '^/(a+)+$',
  '#{host}#{path}#{query}',
  '<x>&amp;</x>',
  '{{resolve:ssm:/fuzz}}',
  '-1',
  '99999999999999999999',
  'NaN',
  'true',
  ...TRAP_KEYS,
];
const ACTIONS = corpusActions();

function corpusActions(): string[] {
  const dummy = { loadBalancerArn: '', listenerArn: '', ruleArns: [], targetGroupArn: '', trustStoreArn: '' };
  return [...new Set(corpus(dummy).map((call) => call.action))];
}

const hostileValue = fc.oneof(
  fc.constantFrom(...ODD_VALUES),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
);

interface Mutation {
  name: string;
  call: Call;
  /** Appended to the encoded form as it is (broken encodings). */
  raw?: string;
}

/** One of the ways a call is broken. */
function mutate(call: Call): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: Math.max(0, call.pairs.length - 1) });
  const pairs = call.pairs;
  const key = (i: number): string => pairs[i]?.[0] ?? 'Names';
  const value = (i: number): string => pairs[i]?.[1] ?? 'x';
  const replaced = (i: number, pair: Pair | null): Call => ({
    ...call,
    pairs: pairs.flatMap((old, j): Pair[] => (j === i ? (pair ? [pair] : []) : [old])),
  });
  const added = (extra: Pair[]): Call => ({ ...call, pairs: [...pairs, ...extra] });
  const ways: fc.Arbitrary<Mutation>[] = [
    fc.tuple(at, fc.nat(), fc.constantFrom(...PROTOTYPE_NAMES)).map(([i, j, name]): Mutation => {
      const parts = key(i).split('.');
      parts.splice(j % (parts.length + 1), 0, name);
      return { name: `${name} in ${parts.join('.')}`, call: added([[parts.join('.'), 'x']]) };
    }),
    fc.tuple(at, fc.constantFrom(...ODD_INDEXES)).map(([i, index]): Mutation => {
      const odd = key(i).replace(/\.member\.\d+/, `.member.${index}`);
      return { name: `index ${JSON.stringify(index)} in ${odd}`, call: replaced(i, [odd, value(i)]) };
    }),
    fc.tuple(at, hostileValue).map(
      ([i, text]): Mutation => ({
        name: `value ${JSON.stringify(text.slice(0, 24))}${text.length > 24 ? '…' : ''} for ${key(i)}`,
        call: replaced(i, [key(i), text]),
      }),
    ),
    at.map((i): Mutation => ({ name: `without ${key(i)}`, call: replaced(i, null) })),
    fc
      .tuple(at, hostileValue)
      .map(([i, text]): Mutation => ({ name: `${key(i)} twice`, call: added([[key(i), text]]) })),
    fc
      .constantFrom(...ACTIONS, 'describeloadbalancers', '', 'Describe LoadBalancers', '__proto__')
      .map((action): Mutation => ({ name: `as ${JSON.stringify(action)}`, call: { ...call, action } })),
    at.map((i): Mutation => {
      const prefix = key(i).split('.').slice(0, -1).join('.') || 'Names';
      return { name: `${prefix} as a value too`, call: added([[prefix, 'x']]) };
    }),
    fc.integer({ min: 100, max: 12_000 }).map(
      (n): Mutation => ({
        name: `${n} more parameters`,
        call: added(Array.from({ length: n }, (_, k): Pair => [`Names.member.${(k % 1000) + 1}`, 'x'])),
      }),
    ),
    fc
      .integer({ min: 10, max: 400 })
      .map((n): Mutation => ({ name: `a name of ${n} parts`, call: added([[Array(n).fill('A').join('.'), 'x']]) })),
    fc.integer({ min: 2, max: 50 }).map(
      (n): Mutation => ({
        name: `${n} sparse indexes`,
        call: added(Array.from({ length: n }, (_, k): Pair => [`L${k}.member.${10 ** 9 + k}`, 'x'])),
      }),
    ),
    fc
      .constantFrom('%', '%E0%A4%A', '%00', '&&&&', '==', '%C0%AF', '\uD800', 'a=%FF%FE')
      .map((raw): Mutation => ({ name: `raw ${JSON.stringify(raw)} appended`, call, raw })),
  ];
  return fc.oneof(...ways);
}

const randomKey = fc
  .array(
    fc.oneof(
      fc.constantFrom('member', 'Names', 'Conditions', 'Values', 'Actions', 'Field', 'Type', ...PROTOTYPE_NAMES),
      fc.constantFrom(...ODD_INDEXES, '1', '2'),
      fc.string({ maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => parts.join('.'));

const randomCall: fc.Arbitrary<Call> = fc.record({
  action: fc.oneof(fc.constantFrom(...ACTIONS), fc.string({ maxLength: 20 })),
  pairs: fc.array(fc.tuple(randomKey, hostileValue), { maxLength: 30 }),
});

/** A web page's envelope, or none at all: each must be refused whatever the call inside. */
const DOOR_ENVELOPES: { name: string; send: SendOptions }[] = [
  { name: 'unsigned', send: { unsigned: true, headers: { 'content-type': 'application/x-www-form-urlencoded' } } },
  { name: 'text/plain', send: { headers: { 'content-type': 'text/plain' } } },
  { name: 'multipart', send: { headers: { 'content-type': 'multipart/form-data; boundary=x' } } },
  { name: 'Origin', send: { headers: { origin: 'https://evil.example' } } },
  { name: 'Origin null', send: { headers: { origin: 'null' } } },
  { name: 'Sec-Fetch-Site cross-site', send: { headers: { 'sec-fetch-site': 'cross-site' } } },
  { name: 'rebound Host', send: { headers: { host: 'rebind.evil.example' } } },
  { name: 'GET', send: { method: 'GET' } },
  {
    name: 'OPTIONS preflight',
    send: { method: 'OPTIONS', headers: { 'access-control-request-headers': 'authorization' } },
  },
  {
    name: 'signed for S3',
    send: {
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=' +
          '0'.repeat(64),
      },
    },
  },
];

export function formOf(call: Call, raw = ''): string {
  return (
    new URLSearchParams([['Action', call.action], ['Version', '2015-12-01'], ...call.pairs]).toString() +
    (raw ? `&${raw}` : '')
  );
}

/** Every kind of case, weighted: mostly mutated calls, then random forms, envelopes the door refuses, valid calls. */
export function apiCase(targets: ApiTargets): fc.Arbitrary<ApiCase> {
  const calls = corpus(targets);
  const call = fc.constantFrom(...calls);
  const valid = call.map(
    (c): ApiCase => ({ kind: 'valid', name: c.action, body: formOf(c), send: {}, mustRefuse: false }),
  );
  const mutated = call.chain(mutate).map(
    (m): ApiCase => ({
      kind: 'mutated',
      name: `${m.call.action}: ${m.name}`,
      body: formOf(m.call, m.raw),
      send: {},
      mustRefuse: false,
    }),
  );
  const random = randomCall.map(
    (c): ApiCase => ({
      kind: 'random',
      name: `random ${JSON.stringify(c.action.slice(0, 20))} with ${c.pairs.length} parameter(s)`,
      body: formOf(c),
      send: {},
      mustRefuse: false,
    }),
  );
  const door = fc.tuple(call, fc.constantFrom(...DOOR_ENVELOPES)).map(
    ([c, envelope]): ApiCase => ({
      kind: 'door',
      name: `${c.action} (${envelope.name})`,
      body: formOf(c),
      send: envelope.send,
      mustRefuse: true,
    }),
  );
  return fc.oneof(
    { arbitrary: mutated, weight: 5 },
    { arbitrary: random, weight: 2 },
    { arbitrary: door, weight: 2 },
    { arbitrary: valid, weight: 1 },
  );
}

/** `count` cases from `seed`: the same seed, the same cases. */
export function apiCases(targets: ApiTargets, count: number, seed: number): ApiCase[] {
  return fc.sample(apiCase(targets), { seed, numRuns: count });
}
