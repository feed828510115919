import { describe, expect, it } from 'vitest';
import { INJECTION, sampleDocument } from '../testing/report-fixture.js';
import { renderMarkdown } from './markdown.js';

/** The Markdown with code blocks and code spans removed: what GitHub would read as markup. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleDocument('en'));

  it('starts with the title, the honest headline, the designs at a glance and the contents', () => {
    expect(md.startsWith('# mTLS sandbox report\n')).toBe(true);
    expect(md).toContain(
      "**✗ 3 probes: 2 as AWS documents or as observed, 0 on the sandbox's assumptions, 1 differs**",
    );
    expect(md).not.toMatch(/PASS|FAIL/);
    expect(md).toContain(
      '| **ALB HTTPS · verify**<br>[`alb-mtls-verify`](#alb-mtls-verify) | the ALB (trust store) | [✕ RESET ✗](#alb-mtls-verify--no-certificate) | [● ALLOWED 200](#alb-mtls-verify--clientA-certificate) | not probed | `x-amzn-mtls-clientcert-subject` |',
    );
    expect(md).toContain('- <details><summary>the ALB asks for the certificate (1 more)</summary>');
    expect(md).toContain('| Front door | `no certificate` | `clientA` |');
    expect(md).toContain(
      '| 1 | [ALB verify mode](#alb-mtls-verify) `alb-mtls-verify` | 2 probes · 1 as AWS · 1 differ | 1.2 s |',
    );
    expect(md).toContain('| 2 | [NLB demo](#nlb-demo) `nlb-demo` | 1 probe · 1 as AWS · 0 differ | 0.3 s |');
    expect(md.indexOf('## The designs at a glance')).toBeLessThan(md.indexOf('## Takeaways'));
    expect(md.indexOf('## Takeaways')).toBeLessThan(md.indexOf('## Contents'));
    expect(md).toContain('<a id="legend"></a>\n\n## Legend and glossary');
  });

  it('has each scenario section in order: topology, components, probes, explanation, resources not realized', () => {
    const section = md.slice(md.indexOf('<a id="alb-mtls-verify"></a>'), md.indexOf('<a id="nlb-demo"></a>'));
    const order = [
      '## ALB verify mode',
      '`alb-mtls-verify` · ✗ 2 probes · 1 as AWS · 1 differ',
      'The ALB checks the client certificate',
      '### Topology',
      '### Components',
      '### Probes',
      '### Explanation',
      '<details><summary>Resources not realized (1)</summary>',
    ];
    const positions = order.map((text) => section.indexOf(text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(section).toContain(
      '| `Vpc8378EB38` | `AWS::EC2::VPC` | networking: every component listens on 127.0.0.1, so loopback stands in for VPCs, subnets and security groups |',
    );
  });

  it('draws the topology as text in a code block', () => {
    expect(md).toContain('```text\nClient (curl / openssl)\n  │ TCP:443\n  ▼\n┌─ NLB · Nlb\n');
    expect(md).toContain(
      '│    client certificate checked by: nginx (ssl_verify_client on)\n└─┬─ TLS passes through\n  ├─▶ web-1  nginx (client-auth)  127.0.0.1:41000\n  └─▶ web-2',
    );
    expect(md).toContain('┌─ ALB · Alb\n│  listener HTTPS:443 @ 127.0.0.1:40443\n│    TLS ends at: the load balancer');
  });

  it('lists the components', () => {
    expect(md).toContain(
      '| `alb` | alb | alb emulator | `:443 → 127.0.0.1:40443` | ALB Alb: listener HTTPS:443, mutual TLS verify — TLS ends at the ALB |',
    );
  });

  it('gives each probe its verdict in symbol and words, command, response and reference', () => {
    // What happened to the client heads each probe; whether AWS does the same follows, smaller.
    expect(md).toContain('#### ● ALLOWED — 200 from app-1 — `clientA-certificate`\n\n✓ matches AWS · documented');
    expect(md).toContain('#### ✕ RESET during the handshake — `no-certificate`\n\n✗ DIFFERS from AWS · documented');
    expect(md).toMatch(/\*\*Sequence\*\*\n\n```text\nclient +load balancer +target/);
    expect(md.indexOf('## Takeaways')).toBeLessThan(md.indexOf('## Contents'));
    expect(md).toContain('## What each client got, at each front door');
    expect(md).toContain('```sh\ncurl -v --no-progress-meter -k https://127.0.0.1:40443/\n```');
    expect(md).toContain('- **Client:** no certificate, from 127.0.0.2');
    expect(md).toContain('- **Response:** HTTP 200 (HTTP/1.1)');
    expect(md).toContain('- **Response:** no HTTP response: Connection reset by peer');
    expect(md).toContain(
      '- **Reference:** **documented**: [Mutual authentication with TLS in Application Load Balancer](../docs/aws-facts.md#alb-mtls-verify) ([the page](https://docs.aws.amazon.com/elasticloadbalancing/latest/application/mutual-authentication.html))',
    );
  });

  it('emphasises the decisive handshake steps with the line curl printed', () => {
    expect(md).toContain(
      '◆ **← CertificateRequest: the server asks for a client certificate** `* TLSv1.2 (IN), TLS handshake, Request CERT (13):`',
    );
    expect(md).toContain('◆ **→ Client Certificate: empty, curl has no certificate to send**');
    expect(md).toContain('◆ **← Connection reset by peer (TCP RST)**');
    expect(md).toMatch(/\d+\. → ClientHello\n/);
  });

  it('shows what the target received, the connection log status and the mismatches', () => {
    expect(md).toContain('**What the target received:** Target `app-1` · Remote address `127.0.0.1:51234`');
    expect(md).toContain('| `x-amzn-mtls-clientcert-subject` | `CN=clientA,O=example.org` |');
    expect(md).toContain('| `x-pipe` | `a\\|b` |');
    expect(md).toContain('| `status` | `200` |');
    expect(md).not.toContain('| `ssl_client_verify` | `-` |');
    expect(md).toContain('**What the target received:** No target received the request.');
    expect(md).toContain('tls_verify_status = `Success`');
    expect(md).toContain('tls_verify_status = `Failed:ClientCertNotFound`');
    expect(md).toContain('**Why it failed**\n\n- ✗ expected HTTP 403, got no HTTP response');
  });

  it('keeps the full transcript in a collapsed block', () => {
    expect(md).toContain(
      '<details><summary>Full transcript (9 lines)</summary>\n\n```text\n*   Trying 127.0.0.1:40443...',
    );
    expect(md).toContain(`* note from a hostile server: ${INJECTION}\ncurl: (35)`);
  });

  it('never lets text from a run become markup', () => {
    expect(outsideCode(md)).not.toMatch(/(?<!\\)<script/i);
    expect(md).toContain('\\<script\\>alert("x")\\</script\\>');
  });

  it('speaks Japanese with --lang ja', () => {
    const ja = renderMarkdown(sampleDocument('ja'));
    expect(ja).toContain('# mTLS サンドボックス レポート');
    expect(ja).toContain('## 目次');
    expect(ja).toContain('| # | シナリオ | プローブの根拠 | 所要時間 |');
    expect(ja).toContain('プローブ 2 · AWS どおり 1 · 不一致 1');
    expect(ja).toContain(
      '#### ● 通過 — app-1 が 200 を返した — `clientA-certificate`\n\n✓ AWS と一致 · AWS のドキュメントに記載',
    );
    expect(ja).toContain(
      '#### ✕ ハンドシェイク中にリセット — `no-certificate`\n\n✗ AWS と不一致 · AWS のドキュメントに記載',
    );
    expect(ja).toContain('### 構成図');
    expect(ja).toContain('クライアント証明書の検証: ALB (トラストストア)');
    expect(ja).toContain('<details><summary>トランスクリプト全文 (9 行)</summary>');
    expect(ja).not.toContain('Summary');
    expect(ja).not.toContain('Contents');
  });

  it('says plainly where the emulation differs from AWS or rests on inference', () => {
    const md = renderMarkdown(sampleDocument('en'));
    expect(md).toContain('### Where the emulation differs from AWS');
    expect(md).toContain('(inferred: AWS does not document this)');
    expect(renderMarkdown(sampleDocument('ja'))).toContain('### エミュレーションが AWS と異なる点');
  });
});
