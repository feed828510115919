import { describe, expect, it } from 'vitest';
import { INJECTION, sampleDocument } from '../testing/report-fixture.js';
import { renderMarkdown } from './markdown.js';

/** The Markdown with code blocks and code spans removed: what GitHub would read as markup. */
function outsideCode(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
}

describe('renderMarkdown', () => {
  const md = renderMarkdown(sampleDocument('en'));

  it('starts with the title, the overall verdict and the summary table', () => {
    expect(md.startsWith('# mTLS sandbox report\n')).toBe(true);
    expect(md).toContain('**✗ FAIL** At least one probe does not match AWS behaviour');
    expect(md).toContain('| Scenario | Title | Probes passed | Evidence | Duration | Result |');
    expect(md).toContain(
      '| [`alb-mtls-verify`](#alb-mtls-verify) | ALB verify mode | 1/2 | 2 documented · 0 observed · 0 assumed | 1.2 s | ✗ FAIL |',
    );
    expect(md).toContain(
      '| [`nlb-demo`](#nlb-demo) | NLB demo | 1/1 | 1 documented · 0 observed · 0 assumed | 0.3 s | ✓ PASS |',
    );
  });

  it('has each scenario section in order: topology, components, probes, explanation, resources not realized', () => {
    const section = md.slice(md.indexOf('<a id="alb-mtls-verify"></a>'), md.indexOf('<a id="nlb-demo"></a>'));
    const order = [
      '## ✗ FAIL `alb-mtls-verify` — ALB verify mode',
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
      '| `alb` | alb | alb emulator | `127.0.0.1:40443 (listener 443)` | ALB Alb: listener HTTPS:443, mutual TLS verify — TLS ends at the ALB |',
    );
  });

  it('gives each probe its verdict in symbol and words, command, response and reference', () => {
    // What happened to the client heads each probe; whether AWS does the same follows, smaller.
    expect(md).toContain('#### ● ALLOWED — 200 from app-1 — `clientA-certificate`\n\n✓ matches AWS · documented');
    expect(md).toContain('#### ✕ RESET during the handshake — `no-certificate`\n\n✗ DIFFERS from AWS · documented');
    expect(md).toMatch(/\*\*Sequence\*\*\n\n```text\nclient +load balancer +target/);
    expect(md.indexOf('## Takeaways')).toBeLessThan(md.indexOf('## Summary'));
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
    expect(ja).toContain('## 概要');
    expect(ja).toContain('| シナリオ | タイトル | 合格したプローブ | 根拠 | 所要時間 | 結果 |');
    // The glossary's words (cli/i18n/glossary.ts): 「想定」 no longer names an evidence level.
    expect(ja).toContain('AWS のドキュメントに記載 2 · 元記事で観測 0 · 仮定 0');
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
  });

  it('says plainly where the emulation differs from AWS or rests on inference', () => {
    const md = renderMarkdown(sampleDocument('en'));
    expect(md).toContain('### Where the emulation differs from AWS');
    expect(md).toContain('(inferred: AWS does not document this)');
    expect(renderMarkdown(sampleDocument('ja'))).toContain('### エミュレーションが AWS と異なる点');
  });
});
