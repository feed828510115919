// The "what the target learns" table in every renderer: the TUI's run view, plain output, Markdown and HTML.
import { describe, expect, it } from 'vitest';
import type { IdentityTable, ScenarioReport } from '../sandbox/report.js';
import { identityTableLines } from './identity-table-text.js';
import { plainPrinter } from './plain.js';
import { renderHtml } from './report/html.js';
import { renderMarkdown } from './report/markdown.js';
import { sampleDocument } from './testing/report-fixture.js';
import { ALB, runEvents, SCENARIOS } from './testing/tui-fixtures.js';
import { initialState, reduce } from './tui/app-state.js';
import { lineText } from './tui/lines.js';
import { runScreen } from './tui/models/run.js';

const SUBJECT = 'CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP';

const TABLE: IdentityTable = {
  rows: [
    {
      door: 'NLB TCP passthrough → nginx',
      via: { loadBalancer: 'Nlb', port: 443 },
      probe: 'tcp-passthrough',
      certificate: 'clientA',
      verifiedBy: 'nginx',
      reachedTarget: true,
      fields: [{ source: 'tls', name: 'ssl_client_s_dn', value: SUBJECT, format: 'dn-rfc2253' }],
      forgery: {
        probe: 'tcp-forged',
        header: 'X-Amzn-Mtls-Clientcert-Subject',
        sent: 'CN=admin',
        result: 'as-sent',
        received: 'CN=admin',
      },
    },
    {
      door: 'NLB TLS listener',
      via: { loadBalancer: 'NlbTls', port: 443 },
      probe: 'nlb-tls',
      certificate: 'clientA',
      verifiedBy: 'nlb-trust-store',
      reachedTarget: true,
      fields: [{ source: 'tls', name: 'ssl_client_verify', value: 'NONE', format: 'verify-result' }],
      forgery: null,
    },
    {
      door: 'ALB verify',
      via: { loadBalancer: 'Alb', port: 443 },
      probe: 'alb-verify',
      certificate: 'clientA',
      verifiedBy: 'alb-trust-store',
      reachedTarget: true,
      fields: [
        { source: 'header', name: 'x-amzn-mtls-clientcert-subject', value: SUBJECT, format: 'dn-rfc2253' },
        {
          source: 'header',
          name: 'x-amzn-mtls-clientcert-leaf',
          value: `-----BEGIN%20CERTIFICATE-----%0A${'M'.repeat(900)}`,
          format: 'pem-url-encoded',
        },
      ],
      forgery: {
        probe: 'alb-forged',
        header: 'X-Amzn-Mtls-Clientcert-Subject',
        sent: 'CN=admin',
        result: 'replaced',
        received: SUBJECT,
      },
    },
  ],
};

const withTable = (report: ScenarioReport): ScenarioReport => ({ ...report, identityTable: TABLE });

describe('the identity table as text', () => {
  it('gives each door its checker, what its target learnt with the format, and the forged header’s fate', () => {
    const lines = identityTableLines(TABLE, 'en').map((line) => [line.kind, line.text]);
    expect(lines[0]).toEqual(['heading', 'What the target learns, at each front door']);
    expect(lines).toContainEqual(['door', '▸ NLB TCP passthrough → nginx — Checked by: nginx (ssl_verify_client on)']);
    expect(lines).toContainEqual(['field', `    its TLS session: ssl_client_s_dn = ${SUBJECT} (RFC 2253 DN)`]);
    expect(lines).toContainEqual([
      'forgeable',
      '    ✗ forgeable: X-Amzn-Mtls-Clientcert-Subject arrived as the client wrote it',
    ]);
    expect(lines).toContainEqual(['field', '    nothing of the certificate']);
    expect(lines).toContainEqual(['safe', '    not probed']);
    // A PEM is cut, not printed whole.
    const leaf = lines.find(([, text]) => text?.includes('clientcert-leaf'))![1]!;
    expect(leaf.length).toBeLessThan(180);
    expect(leaf).toContain('… (URL-encoded PEM)');
    expect(identityTableLines(undefined, 'en')).toEqual([]);
  });

  it('speaks Japanese', () => {
    const text = identityTableLines(TABLE, 'ja')
      .map((line) => line.text)
      .join('\n');
    expect(text).toContain('各入口でターゲットが知ること');
    expect(text).toContain('✗ 偽造できる');
    expect(text).toContain('RFC 2253 の DN');
  });
});

describe('the identity table in the reports', () => {
  const document = sampleDocument('en');
  document.sections[0]!.report = withTable(document.sections[0]!.report);

  it('Markdown: a table right under the scenario summary, doors linked to their probes', () => {
    const md = renderMarkdown(document);
    const at = md.indexOf('### What the target learns, at each front door');
    expect(at).toBeGreaterThan(md.indexOf('## ✗ FAIL `alb-mtls-verify`'));
    expect(at).toBeLessThan(md.indexOf('### Topology'));
    expect(md).toContain('| Front door | Checked by | What the target learns | A forged identity header |');
    expect(md).toContain('[NLB TCP passthrough → nginx](#alb-mtls-verify--tcp-passthrough)');
    expect(md).toContain('✗ forgeable: X-Amzn-Mtls-Clientcert-Subject arrived as the client wrote it');
  });

  it('HTML: the same table, the forgeable cell marked', () => {
    const html = renderHtml(document);
    expect(html).toContain('<table class="identity">');
    expect(html).toContain('<td class="forgeable">✗ forgeable: X-Amzn-Mtls-Clientcert-Subject arrived');
    expect(html).toContain('its TLS session: ssl_client_s_dn = CN=clientA,OU=example.org.unit');
    expect(html.indexOf('class="identity"')).toBeLessThan(html.indexOf('class="topology"'));
  });

  it('plain output: printed with the scenario’s end', () => {
    const lines: string[] = [];
    const print = plainPrinter((line) => lines.push(line), false, 'en');
    print({ type: 'scenario-end', report: withTable(document.sections[1]!.report) });
    expect(lines.join('\n')).toContain('▸ ALB verify — Checked by: the ALB (trust store)');
    expect(lines.join('\n')).toContain('✓ replaced: X-Amzn-Mtls-Clientcert-Subject carried the front door’s value');
  });
});

describe('the identity table in the terminal UI', () => {
  it('is what a finished run shows first, above the explanation', () => {
    let state = reduce(initialState(SCENARIOS, 'en'), { type: 'run', scenario: ALB.id });
    for (const event of runEvents(ALB)) {
      const withIt = event.type === 'scenario-end' ? { ...event, report: withTable(event.report) } : event;
      state = reduce(state, { type: 'event', event: withIt });
    }
    const screen = runScreen(state, { width: 120, bodyHeight: 60, tick: 0 });
    const text = screen.body.map(lineText);
    expect(text.some((line) => line.includes('› ℹ What the target learns, at each front door · '))).toBe(true);
    const heading = text.indexOf('What the target learns, at each front door');
    expect(heading).toBeGreaterThan(0);
    expect(text.slice(heading)).toContainEqual(
      '▸ NLB TCP passthrough → nginx — Checked by: nginx (ssl_verify_client on)',
    );
    expect(text.every((line) => line.length <= 120)).toBe(true);
  });
});
