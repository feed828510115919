import { english } from '../../cli/testing/english.js';
// Seed 003's WAF trade-off end to end with real curl, nginx, HAProxy and the ALB emulator's AWS WAF.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

const SQLI_QUERY = 'id=1%27%20OR%20%271%27%3D%271';

describe('waf-on-encrypted-path', () => {
  let report: ScenarioReport;
  let state: string;
  beforeAll(async () => {
    ({ report, state } = await runInTemp(scenario));
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
    expect(report.pass).toBe(true);
  });

  it('before: the web ACL on the ALB blocks the URL-encoded SQL injection with the ALB’s 403, and logs why', () => {
    const p = probe(report, 'before-sqli-blocked');
    expect(p.response?.status).toBe(403);
    expect(p.response?.headers.server).toBe('awselb/2.0');
    expect(p.response?.body).toContain('<title>403 Forbidden</title>');
    expect(p.target).toBeNull();
    const entry = p.wafLog?.at(-1) as unknown as Record<string, unknown>;
    expect(entry).toMatchObject({
      action: 'BLOCK',
      terminatingRuleId: 'BlockSqliInQueryString',
      httpSourceName: 'ALB',
      terminatingRuleMatchDetails: [
        { conditionType: 'SQL_INJECTION', location: 'QUERY_STRING', matchedData: ["'", 'or', "'1'='1"] },
      ],
      httpRequest: { args: SQLI_QUERY, uri: '/', httpMethod: 'GET' },
    });
  });

  it('before: LOWERCASE lets the /admin string match catch /Admin; a clean request is allowed by the default action', () => {
    expect(probe(report, 'before-admin-path-blocked').wafLog?.at(-1)).toMatchObject({
      action: 'BLOCK',
      terminatingRuleId: 'BlockAdminPath',
    });
    const clean = probe(report, 'before-clean-allowed');
    expect(clean.wafLog?.at(-1)).toMatchObject({ action: 'ALLOW', terminatingRuleId: 'Default_Action' });
    expect(clean.target?.name).toBe('app-before');
    expect(clean.handshake.clientCertificateRequested).toBe(false);
  });

  it('then: through the NLB the same attack reaches nginx untouched — its access log has the query — and no WAF saw it', () => {
    const p = probe(report, 'then-sqli-reaches-nginx');
    expect(p.response?.status).toBe(200);
    expect(p.target?.name).toBe('web-1');
    expect(p.target?.details.request).toBe(`GET /?${SQLI_QUERY} HTTP/1.1`);
    expect(p.wafLog).toEqual([]);
    const accessLog = readFileSync(join(state, 'scenarios', scenario.id, 'web-1', 'logs', 'access.json'), 'utf8');
    expect(accessLog).toContain(`/?${SQLI_QUERY}`);
    expect(probe(report, 'then-no-certificate').response?.status).toBe(400);
  });

  it('now: mutual TLS verify resets a client without a certificate before any HTTP, so the WAF logs nothing', () => {
    const p = probe(report, 'now-no-certificate');
    expect(p.response).toBeNull();
    expect(p.connectionError).toBe('Connection reset by peer');
    expect(p.wafLog).toEqual([]);
  });

  it('now: with clientA verified, the SQL injection is blocked and the clean request reaches the target with mTLS headers', () => {
    const blocked = probe(report, 'now-sqli-blocked');
    expect(blocked.connectionLog.at(-1)?.tls_verify_status).toBe('Success');
    expect(blocked.response?.status).toBe(403);
    expect(blocked.target).toBeNull();
    const clean = probe(report, 'now-clean-allowed');
    expect(clean.response?.status).toBe(200);
    expect(clean.target?.receivedHeaders['x-amzn-mtls-clientcert-subject']).toBe(
      'CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
    );
  });

  it('compiles the web ACL with both associations to ALBs and says what the emulator does not reproduce', () => {
    expect(
      english(
        report.notRealized.find((n) => n.type === 'AWS::WAFv2::WebACL' && n.property === 'VisibilityConfig')?.reason,
      ),
    ).toMatch(/CloudWatch/);
    expect(report.notRealized.some((n) => n.type === 'AWS::WAFv2::WebACLAssociation')).toBe(false);
    expect(
      report.emulationNotes.some((note) =>
        /AWS WAF web ACL WebAcl evaluated by the emulator.*not AWS's engine/.test(english(note)),
      ),
    ).toBe(true);
  });
});
