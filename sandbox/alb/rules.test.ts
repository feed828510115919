import { describe, expect, it } from 'vitest';
import type { ListenerRule, RuleAction, RuleCondition } from '../model/topology.js';
import { cidrContains, parseIp } from '../model/cidr.js';
import { conditionMatches, evaluateRules, hostWithoutPort, parseQuery, type RuleRequest } from './rules.js';
import { wildcardMatch } from './wildcard.js';

const fixed = (body: string): RuleAction => ({
  type: 'fixed-response',
  statusCode: 200,
  contentType: 'text/plain',
  messageBody: body,
});
const rule = (logicalId: string, priority: number, conditions: RuleCondition[]): ListenerRule => ({
  logicalId,
  priority,
  conditions,
  actions: [fixed(logicalId)],
});
const request = (over: Partial<RuleRequest> = {}): RuleRequest => ({
  method: 'GET',
  host: 'www.example.com',
  path: '/',
  query: '',
  headers: {},
  sourceIp: '203.0.113.7',
  ...over,
});
const matches = (c: RuleCondition, over: Partial<RuleRequest>) => conditionMatches(c, request(over));

describe('wildcards', () => {
  it('* matches zero or more, ? exactly one', () => {
    const o = { caseInsensitive: false };
    expect(wildcardMatch('/img/*', '/img/', o)).toBe(true);
    expect(wildcardMatch('/img/*', '/img/a/b.png', o)).toBe(true);
    expect(wildcardMatch('/im?/x', '/img/x', o)).toBe(true);
    expect(wildcardMatch('/im?/x', '/im/x', o)).toBe(false);
    expect(wildcardMatch('a.b', 'axb', o)).toBe(false); // regex characters are literal
    expect(wildcardMatch('(x)+', '(x)+', o)).toBe(true);
  });
  it('backslash escapes make * and ? literal where allowed', () => {
    const o = { caseInsensitive: true, backslashEscapes: true };
    expect(wildcardMatch('a\\*', 'a*', o)).toBe(true);
    expect(wildcardMatch('a\\*', 'ab', o)).toBe(false);
    expect(wildcardMatch('a\\?', 'a?', o)).toBe(true);
    expect(wildcardMatch('a\\*', 'a\\bc', { caseInsensitive: true })).toBe(true);
  });
});

describe('CIDR', () => {
  it('matches IPv4, IPv6 and IPv4-mapped peers', () => {
    expect(cidrContains('192.0.2.0/24', '192.0.2.200')).toBe(true);
    expect(cidrContains('192.0.2.0/24', '192.0.3.1')).toBe(false);
    expect(cidrContains('198.51.100.10/32', '198.51.100.10')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '::ffff:10.1.2.3')).toBe(true);
    expect(cidrContains('2001:db8::/32', '2001:db8:85a3::8a2e:370:7334')).toBe(true);
    expect(cidrContains('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(cidrContains('::1/128', '::1')).toBe(true);
    expect(cidrContains('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '2001:db8::1')).toBe(false);
    expect(cidrContains('not-a-cidr', '10.0.0.1')).toBe(false);
    expect(cidrContains('10.0.0.0/33', '10.0.0.1')).toBe(false);
  });
  it('parses compressed and mixed IPv6 forms', () => {
    expect(parseIp('::')?.bytes.every((b) => b === 0)).toBe(true);
    expect(Array.from(parseIp('64:ff9b::192.0.2.33')!.bytes.slice(12))).toEqual([192, 0, 2, 33]);
    expect(parseIp('1.2.3')).toBeNull();
  });
});

describe('host-header', () => {
  const c: RuleCondition = { field: 'host-header', values: ['*.example.com'] };
  it('is case-insensitive with wildcards and ignores the port', () => {
    expect(matches(c, { host: 'test.EXAMPLE.com' })).toBe(true);
    expect(matches(c, { host: 'test.example.com:8443' })).toBe(true);
    // The documented example: *.example.com matches test.example.com but not example.com.
    expect(matches(c, { host: 'example.com' })).toBe(false);
    expect(matches({ field: 'host-header', values: ['api?.example.com'] }, { host: 'api1.example.com' })).toBe(true);
  });
  it('strips ports from names and IPv6 literals', () => {
    expect(hostWithoutPort('[::1]:443')).toBe('[::1]');
    expect(hostWithoutPort('a.b:80')).toBe('a.b');
    expect(hostWithoutPort('a.b')).toBe('a.b');
  });
});

describe('path-pattern', () => {
  const c: RuleCondition = { field: 'path-pattern', values: ['/img/*'] };
  it('is case-sensitive and applies to the path only', () => {
    expect(matches(c, { path: '/img/picture.jpg' })).toBe(true);
    expect(matches(c, { path: '/IMG/picture.jpg' })).toBe(false);
    expect(matches({ field: 'path-pattern', values: ['/a'] }, { path: '/a', query: 'x=/b' })).toBe(true);
  });
});

describe('http-header', () => {
  const c: RuleCondition = { field: 'http-header', headerName: 'User-Agent', values: ['*Chrome*', '*Safari*'] };
  it('matches the name and the value case-insensitively, values ORed', () => {
    expect(matches(c, { headers: { 'user-agent': 'Mozilla chrome/120' } })).toBe(true);
    expect(matches(c, { headers: { 'USER-AGENT': 'x SAFARI y' } })).toBe(true);
    expect(matches(c, { headers: { 'user-agent': 'curl/8.5.0' } })).toBe(false);
    expect(matches(c, { headers: {} })).toBe(false);
  });
  it('searches a repeated header value by value', () => {
    const x: RuleCondition = { field: 'http-header', headerName: 'X-Env', values: ['prod'] };
    expect(matches(x, { headers: { 'x-env': ['dev', 'prod'] } })).toBe(true);
    expect(matches(x, { headers: { 'X-Env': 'dev', 'x-env': 'PROD' } })).toBe(true);
    expect(matches(x, { headers: { 'x-env': 'dev, prod' } })).toBe(false);
  });
  it('supports ? in values', () => {
    expect(matches({ field: 'http-header', headerName: 'x-v', values: ['v?'] }, { headers: { 'x-v': 'V2' } })).toBe(
      true,
    );
  });
});

describe('http-request-method', () => {
  it('is exact and case-sensitive', () => {
    const c: RuleCondition = { field: 'http-request-method', values: ['GET', 'CUSTOM-METHOD'] };
    expect(matches(c, { method: 'GET' })).toBe(true);
    expect(matches(c, { method: 'get' })).toBe(false);
    expect(matches(c, { method: 'CUSTOM-METHOD' })).toBe(true);
    expect(matches({ field: 'http-request-method', values: ['G*'] }, { method: 'GET' })).toBe(false);
  });
});

describe('query-string', () => {
  const c: RuleCondition = {
    field: 'query-string',
    values: [
      { key: 'version', value: 'v1' },
      { key: null, value: 'example' },
    ],
  };
  it('matches key/value pairs or a value under any key, case-insensitively', () => {
    expect(matches(c, { query: 'version=V1' })).toBe(true);
    expect(matches(c, { query: 'a=1&VERSION=v1' })).toBe(true);
    expect(matches(c, { query: 'other=Example' })).toBe(true);
    expect(matches(c, { query: 'version=v2' })).toBe(false);
    expect(matches(c, { query: '' })).toBe(false);
  });
  it('supports wildcards, escaped literals and percent-encoding', () => {
    expect(matches({ field: 'query-string', values: [{ key: 'v*', value: '?' }] }, { query: 'vx=1' })).toBe(true);
    expect(matches({ field: 'query-string', values: [{ key: 'q', value: 'a\\*' }] }, { query: 'q=a%2A' })).toBe(true);
    expect(matches({ field: 'query-string', values: [{ key: 'q', value: 'a\\*' }] }, { query: 'q=ab' })).toBe(false);
    expect(matches({ field: 'query-string', values: [{ key: 'name', value: 'a b' }] }, { query: 'name=a%20b' })).toBe(
      true,
    );
  });
  it('parses flags and empty values', () => {
    expect(parseQuery('a=1&flag&b=&&c=%zz')).toEqual([
      { key: 'a', value: '1' },
      { key: 'flag', value: '' },
      { key: 'b', value: '' },
      { key: 'c', value: '%zz' },
    ]);
  });
});

describe('source-ip', () => {
  it('matches the peer address against CIDR blocks', () => {
    const c: RuleCondition = { field: 'source-ip', values: ['192.0.2.0/24', '2001:db8::/32'] };
    expect(matches(c, { sourceIp: '192.0.2.9' })).toBe(true);
    expect(matches(c, { sourceIp: '::ffff:192.0.2.9' })).toBe(true);
    expect(matches(c, { sourceIp: '2001:db8::5' })).toBe(true);
    expect(matches(c, { sourceIp: '198.51.100.1' })).toBe(false);
  });
  it('never looks at X-Forwarded-For', () => {
    const c: RuleCondition = { field: 'source-ip', values: ['192.0.2.0/24'] };
    expect(matches(c, { sourceIp: '198.51.100.1', headers: { 'x-forwarded-for': '192.0.2.9' } })).toBe(false);
  });
});

describe('evaluateRules', () => {
  const defaults = [fixed('Default Action')];
  it('evaluates rules by ascending priority whatever their order in the list', () => {
    const rules = [
      rule('p20', 20, [{ field: 'path-pattern', values: ['/*'] }]),
      rule('p5', 5, [{ field: 'path-pattern', values: ['/a*'] }]),
    ];
    expect(evaluateRules(rules, defaults, request({ path: '/abc' })).rule?.logicalId).toBe('p5');
    expect(evaluateRules(rules, defaults, request({ path: '/xyz' })).rule?.logicalId).toBe('p20');
  });
  it('falls back to the default actions', () => {
    const result = evaluateRules([rule('r', 1, [{ field: 'path-pattern', values: ['/x'] }])], defaults, request());
    expect(result.rule).toBeNull();
    expect(result.actions).toBe(defaults);
    expect(result.trace).toEqual([
      { logicalId: 'r', priority: 1, matched: false, conditions: [{ field: 'path-pattern', matched: false }] },
    ]);
  });
  it('ANDs conditions and ORs values', () => {
    const r = rule('both', 1, [
      { field: 'path-pattern', values: ['/api/*', '/v2/*'] },
      { field: 'http-request-method', values: ['POST'] },
    ]);
    expect(evaluateRules([r], defaults, request({ path: '/v2/x', method: 'POST' })).rule?.logicalId).toBe('both');
    expect(evaluateRules([r], defaults, request({ path: '/v2/x', method: 'GET' })).rule).toBeNull();
    expect(evaluateRules([r], defaults, request({ path: '/v3/x', method: 'POST' })).rule).toBeNull();
  });
  it('reproduces seed 004: a rule on the mTLS subject header sees only what the client sent', () => {
    const r: ListenerRule = {
      logicalId: 'Cn',
      priority: 100,
      conditions: [{ field: 'http-header', headerName: 'X-Amzn-Mtls-Clientcert-Subject', values: ['*CN=clientA*'] }],
      actions: [fixed('Success!!')],
    };
    // clientA authenticated with its certificate, but the request it sent carries no such header.
    expect(evaluateRules([r], defaults, request({ headers: { 'user-agent': 'curl/8.5.0' } })).actions).toBe(defaults);
    // A client that writes the header itself matches.
    const spoof = request({ headers: { 'x-amzn-mtls-clientcert-subject': 'CN=clientA,O=x' } });
    expect(evaluateRules([r], defaults, spoof).rule?.logicalId).toBe('Cn');
  });
});

describe('RegexValues (host-header, path-pattern, http-header)', () => {
  it('a regex matches when it finds a match; anchors are written, not implied', () => {
    const path: RuleCondition = { field: 'path-pattern', values: [], regexValues: ['^/v[0-9]+/'] };
    expect(matches(path, { path: '/v2/users' })).toBe(true);
    expect(matches(path, { path: '/api/v2/users' })).toBe(false);
    expect(matches({ field: 'path-pattern', values: [], regexValues: ['users'] }, { path: '/api/v2/users' })).toBe(
      true,
    );
    // paths stay case-sensitive, as their wildcard values are
    expect(matches(path, { path: '/V2/users' })).toBe(false);
  });

  it('a host regex sees the Host header as sent, port included, case-insensitively', () => {
    const host: RuleCondition = { field: 'host-header', values: [], regexValues: ['^api\\.example\\.org:8443$'] };
    expect(matches(host, { host: 'API.example.org:8443' })).toBe(true);
    expect(matches(host, { host: 'api.example.org' })).toBe(false);
    // wildcard values and regexes of one condition are ORed
    const both: RuleCondition = { field: 'host-header', values: ['*.example.net'], regexValues: ['^api\\.'] };
    expect(matches(both, { host: 'www.example.net' })).toBe(true);
    expect(matches(both, { host: 'api.example.com' })).toBe(true);
    expect(matches(both, { host: 'www.example.com' })).toBe(false);
  });

  it('a header regex is tried on every value of a repeated header', () => {
    const ua: RuleCondition = {
      field: 'http-header',
      headerName: 'User-Agent',
      values: [],
      regexValues: ['^curl/8\\.'],
    };
    expect(matches(ua, { headers: { 'user-agent': ['Mozilla/5.0', 'curl/8.5.0'] } })).toBe(true);
    expect(matches(ua, { headers: { 'user-agent': 'curl/7.88.1' } })).toBe(false);
  });
});
