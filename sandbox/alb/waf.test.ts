import { msg } from '../messages.js';
import { describe, expect, it } from 'vitest';
import type { WafRule, WebAcl } from '../model/web-acl.js';
import { applyTransforms, byteMatches, evaluateWebAcl, wafLogEntry, type WafRequest } from './waf.js';
import { detectSqli } from './waf-sqli.js';

const request = (overrides: Partial<WafRequest> = {}): WafRequest => ({
  method: 'GET',
  uriPath: '/',
  queryString: '',
  httpVersion: '1.1',
  headers: [['Host', 'example.test']],
  clientIp: '127.0.0.1',
  ...overrides,
});

const sqliRule: WafRule = {
  name: 'BlockSqliInQueryString',
  priority: 0,
  action: { type: 'BLOCK', status: 403 },
  statement: { kind: 'sqli', field: 'QUERY_STRING', transforms: ['URL_DECODE', 'LOWERCASE'], sensitivity: 'LOW' },
  unsupported: null,
};

const adminRule: WafRule = {
  name: 'BlockAdminPath',
  priority: 10,
  action: { type: 'BLOCK', status: 403 },
  statement: {
    kind: 'byte',
    field: 'URI_PATH',
    transforms: ['LOWERCASE'],
    positional: 'STARTS_WITH',
    search: '/admin',
  },
  unsupported: null,
};

const acl = (rules: WafRule[], defaultAction: WebAcl['defaultAction'] = { type: 'ALLOW' }): WebAcl => ({
  logicalId: 'WebAcl',
  path: 'WebAcl',
  name: 'sandbox-acl',
  scope: 'REGIONAL',
  defaultAction,
  rules,
  associations: ['Alb'],
});

describe('text transformations', () => {
  it('URL_DECODE decodes %XX escapes (UTF-8 runs too) and "+" as a space; invalid escapes stay', () => {
    expect(applyTransforms('id=1%27%20OR%20%271%27%3D%271', ['URL_DECODE'])).toBe("id=1' OR '1'='1");
    expect(applyTransforms('q=%E3%81%82+b', ['URL_DECODE'])).toBe('q=あ b');
    expect(applyTransforms('a=%zz%2', ['URL_DECODE'])).toBe('a=%zz%2');
  });

  it('applies transformations in the order given (the compiler sorts them by priority)', () => {
    expect(applyTransforms('%41DMIN', ['URL_DECODE', 'LOWERCASE'])).toBe('admin');
    expect(applyTransforms('%41DMIN', ['LOWERCASE', 'URL_DECODE'])).toBe('Admin');
    expect(applyTransforms('a \t\n b', ['COMPRESS_WHITE_SPACE'])).toBe('a b');
    expect(applyTransforms('As Is', ['NONE'])).toBe('As Is');
  });
});

describe('SQL injection signatures (the emulator’s, not AWS’s engine)', () => {
  it.each([
    ["id=1' OR '1'='1", 'tautology'],
    ['name=" or "a"="a', 'tautology'],
    ["q=x') or ('x'='x", 'tautology'],
    ['id=1 OR 1=1', 'numeric-tautology'],
    ['id=1 UNION ALL SELECT password FROM users', 'union-select'],
    ['id=1; DROP TABLE users', 'stacked-query'],
    ["user=admin'--", 'quote-comment'],
    ['id=1 AND SLEEP(5)', 'time-delay'],
  ])('%s → %s', (text, signature) => {
    expect(detectSqli(text)?.signature).toBe(signature);
  });

  it.each([
    'id=42',
    'name=O%27Brien',
    "name=O'Brien",
    'q=union station',
    'q=select a seat',
    'sort=price;desc',
    'q=1=1',
  ])('lets %s through at LOW sensitivity', (text) => {
    expect(detectSqli(text)).toBeNull();
  });

  it('HIGH sensitivity adds SELECT … FROM and a quote followed by OR/AND', () => {
    expect(detectSqli('q=select name from users')).toBeNull();
    expect(detectSqli('q=select name from users', 'HIGH')?.signature).toBe('select-from');
    expect(detectSqli("name=x' or", 'HIGH')?.signature).toBe('quote-keyword');
  });

  it('reports the matched text as tokens, like AWS WAF’s matchedData', () => {
    expect(detectSqli("id=1' OR '1'='1")?.matchedData).toEqual(["'", 'OR', "'1'='1"]);
  });
});

describe('ByteMatchStatement positional constraints', () => {
  it('EXACTLY, STARTS_WITH, ENDS_WITH, CONTAINS are case-sensitive substring tests', () => {
    expect(byteMatches('/admin', '/admin', 'EXACTLY')).toBe(true);
    expect(byteMatches('/admin/x', '/admin', 'EXACTLY')).toBe(false);
    expect(byteMatches('/admin/x', '/admin', 'STARTS_WITH')).toBe(true);
    expect(byteMatches('/x.php', '.php', 'ENDS_WITH')).toBe(true);
    expect(byteMatches('/a/BadBot/b', 'BadBot', 'CONTAINS')).toBe(true);
    expect(byteMatches('/a/badbot/b', 'BadBot', 'CONTAINS')).toBe(false);
  });

  it('CONTAINS_WORD needs non-word characters (or the ends) on both sides', () => {
    expect(byteMatches(';BadBot', 'BadBot', 'CONTAINS_WORD')).toBe(true);
    expect(byteMatches('BadBot;', 'BadBot', 'CONTAINS_WORD')).toBe(true);
    expect(byteMatches('xBadBot', 'BadBot', 'CONTAINS_WORD')).toBe(false);
    expect(byteMatches('BadBot_1 BadBot', 'BadBot', 'CONTAINS_WORD')).toBe(true);
  });
});

describe('evaluateWebAcl', () => {
  it('blocks the SQL injection in the URL-encoded query string with 403, naming the rule and the matched data', () => {
    const verdict = evaluateWebAcl(acl([sqliRule]), request({ queryString: 'id=1%27%20OR%20%271%27%3D%271' }));
    expect(verdict).toMatchObject({ action: 'BLOCK', status: 403, terminatingRuleId: 'BlockSqliInQueryString' });
    expect(verdict.matchDetails).toEqual([
      {
        conditionType: 'SQL_INJECTION',
        location: 'QUERY_STRING',
        matchedData: ["'", 'or', "'1'='1"],
        signature: 'tautology',
      },
    ]);
  });

  it('without URL_DECODE the encoded attack is not seen: the transformations decide what the statement inspects', () => {
    const raw = { ...sqliRule, statement: { ...sqliRule.statement!, transforms: [] } } as WafRule;
    expect(evaluateWebAcl(acl([raw]), request({ queryString: 'id=1%27%20OR%20%271%27%3D%271' })).action).toBe('ALLOW');
  });

  it('lets a clean request through with the default action, logged as Default_Action', () => {
    expect(evaluateWebAcl(acl([sqliRule, adminRule]), request({ queryString: 'id=42' }))).toMatchObject({
      action: 'ALLOW',
      status: null,
      terminatingRuleId: 'Default_Action',
    });
  });

  it('evaluates rules lowest priority first; LOWERCASE lets /ADMIN match a lower-case search string', () => {
    expect(evaluateWebAcl(acl([adminRule, sqliRule]), request({ uriPath: '/ADMIN/users' })).terminatingRuleId).toBe(
      'BlockAdminPath',
    );
    const allowFirst: WafRule = { ...adminRule, name: 'AllowAdmin', priority: 0, action: { type: 'ALLOW' } };
    const ordered = acl([allowFirst, { ...sqliRule, priority: 5 }].sort((a, b) => a.priority - b.priority));
    expect(evaluateWebAcl(ordered, request({ uriPath: '/admin', queryString: "id=1'%20or%20'1'='1" }))).toMatchObject({
      action: 'ALLOW',
      terminatingRuleId: 'AllowAdmin',
    });
  });

  it('Count records the match and goes on; a custom response code replaces 403; a Block default action blocks the rest', () => {
    const count: WafRule = { ...sqliRule, name: 'CountSqli', action: { type: 'COUNT' } };
    const teapot: WafRule = { ...adminRule, action: { type: 'BLOCK', status: 418 } };
    const verdict = evaluateWebAcl(
      acl([count, teapot]),
      request({ uriPath: '/admin', queryString: "id=1'%20or%20'1'='1" }),
    );
    expect(verdict).toMatchObject({
      action: 'BLOCK',
      status: 418,
      terminatingRuleId: 'BlockAdminPath',
      countedRules: ['CountSqli'],
    });
    expect(evaluateWebAcl(acl([], { type: 'BLOCK', status: 403 }), request())).toMatchObject({
      action: 'BLOCK',
      status: 403,
      terminatingRuleId: 'Default_Action',
    });
  });

  it('And, Or and Not combine statements', () => {
    const both: WafRule = {
      ...adminRule,
      name: 'Both',
      statement: { kind: 'and', statements: [adminRule.statement!, sqliRule.statement!] },
    };
    const notAdmin: WafRule = {
      ...adminRule,
      name: 'NotAdmin',
      statement: { kind: 'not', statement: adminRule.statement! },
    };
    expect(evaluateWebAcl(acl([both]), request({ uriPath: '/admin' })).action).toBe('ALLOW');
    expect(
      evaluateWebAcl(acl([both]), request({ uriPath: '/admin', queryString: 'id=1 or 1=1' })).terminatingRuleId,
    ).toBe('Both');
    expect(evaluateWebAcl(acl([notAdmin]), request({ uriPath: '/public' })).terminatingRuleId).toBe('NotAdmin');
    const either: WafRule = {
      ...adminRule,
      name: 'Either',
      statement: { kind: 'or', statements: [adminRule.statement!, sqliRule.statement!] },
    };
    expect(evaluateWebAcl(acl([either]), request({ queryString: 'id=1 or 1=1' })).terminatingRuleId).toBe('Either');
  });

  it('skips rules outside the emulated subset and says so, instead of pretending to evaluate them', () => {
    const managed: WafRule = {
      name: 'AWSManagedRulesSQLiRuleSet',
      priority: 0,
      action: { type: 'COUNT' },
      statement: null,
      unsupported: msg('waf.managed-group', { vendor: 'AWS', name: 'AWSManagedRulesSQLiRuleSet' }),
    };
    const verdict = evaluateWebAcl(acl([managed, sqliRule]), request({ queryString: 'id=1 or 1=1' }));
    expect(verdict).toMatchObject({ action: 'BLOCK', skippedRules: ['AWSManagedRulesSQLiRuleSet'] });
  });
});

describe('wafLogEntry', () => {
  it('uses AWS WAF log field names and fills terminatingRuleMatchDetails for SQL injection', () => {
    const req = request({ queryString: 'id=1%27%20OR%20%271%27%3D%271' });
    const verdict = evaluateWebAcl(acl([sqliRule]), req);
    const entry = wafLogEntry(acl([sqliRule]), verdict, req, {
      loadBalancer: 'app/AlbWaf',
      requestId: 'r-1',
      now: 1700000000000,
    });
    expect(entry).toMatchObject({
      action: 'BLOCK',
      terminatingRuleId: 'BlockSqliInQueryString',
      terminatingRuleType: 'REGULAR',
      httpSourceName: 'ALB',
      httpSourceId: 'app/AlbWaf',
      terminatingRuleMatchDetails: [
        { conditionType: 'SQL_INJECTION', location: 'QUERY_STRING', matchedData: ["'", 'or', "'1'='1"] },
      ],
      httpRequest: {
        clientIp: '127.0.0.1',
        uri: '/',
        args: 'id=1%27%20OR%20%271%27%3D%271',
        httpMethod: 'GET',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Host', value: 'example.test' }],
      },
    });
    expect(entry.notes).toMatch(/signature "tautology" \(the emulator's signatures, not AWS's engine\)/);
  });
});
