import { describe, expect, it } from 'vitest';
import type { ProbeReport } from '../sandbox/report.js';
import { wafLine } from './waf-line.js';

const probe = (overrides: Partial<ProbeReport>): ProbeReport => ({ target: null, ...overrides }) as ProbeReport;

describe('wafLine', () => {
  it('says nothing in scenarios without a web ACL', () => {
    expect(wafLine(probe({}))).toBeNull();
  });

  it('names the deciding rule and, for SQL injection, where and what matched', () => {
    const entry = {
      action: 'BLOCK',
      terminatingRuleId: 'BlockSqliInQueryString',
      terminatingRuleMatchDetails: [
        { conditionType: 'SQL_INJECTION', location: 'QUERY_STRING', matchedData: ["'", 'or', "'1'='1"] },
      ],
    };
    expect(wafLine(probe({ wafLog: [entry as never] }))).toBe(
      "waf: BLOCK by BlockSqliInQueryString (SQL_INJECTION in QUERY_STRING: ' or '1'='1)",
    );
    expect(wafLine(probe({ wafLog: [{ action: 'ALLOW', terminatingRuleId: 'Default_Action' } as never] }))).toBe(
      'waf: ALLOW by Default_Action',
    );
  });

  it('says when no web ACL saw the request, with what the target logged instead', () => {
    const target = {
      name: 'web-1',
      remoteAddress: '127.0.0.1',
      receivedHeaders: {},
      details: { request: 'GET /?id=1 HTTP/1.1' },
    };
    expect(wafLine(probe({ wafLog: [], target }))).toBe(
      'waf: no web ACL saw this request — the target logged "GET /?id=1 HTTP/1.1"',
    );
  });
});
