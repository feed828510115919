import { describe, expect, it } from 'vitest';
import { INJECTION, sampleDocument } from '../testing/report-fixture.js';
import { proseHtml, renderHtml } from './html.js';

describe('renderHtml', () => {
  const html = renderHtml(sampleDocument('en'));

  it('is one self-contained page: inline style, one inline script for the copy buttons, nothing external', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain('navigator.clipboard.writeText(value.textContent)');
    expect(html).not.toMatch(/<script src|<link|<img|<iframe|@import|src=|url\((?!#)/i);
    // Links go to anchors, to the repository's docs, or to the AWS page a reference cites; nothing is loaded.
    for (const [, href] of html.matchAll(/href="([^"]*)"/g))
      expect(href).toMatch(/^(#|\.\.\/docs\/|https:\/\/docs\.aws\.amazon\.com\/)/);
  });

  it('escapes everything that comes from a run', () => {
    expect(html).not.toContain(INJECTION);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('* note from a hostile server: &lt;script&gt;');
  });

  it('opens with the takeaways and the outcome matrix, before the summary and the scenarios', () => {
    const takeawaysAt = html.indexOf('<section class="takeaways">');
    const matrixAt = html.indexOf('<section class="matrix">');
    expect(takeawaysAt).toBeGreaterThan(0);
    expect(matrixAt).toBeGreaterThan(takeawaysAt);
    expect(html.indexOf('<section class="summary">')).toBeGreaterThan(matrixAt);
    expect(html).toContain('<li>the ALB asks for the certificate</li><li>a missing one ends the connection</li>');
    // Clients × front doors, one glyph and word per cell, each a link to its probe; ✗ marks a difference from AWS.
    expect(html).toContain('<th><span class="door">ALB HTTPS:443 · verify</span>');
    expect(html).toMatch(
      /<th scope="row"><code>clientA<\/code><\/th><td><a class="outcome ok" href="#alb-mtls-verify--clientA-certificate" title="clientA-certificate: ALLOWED — 200 from app-1"><span class="glyph">●<\/span> ALLOWED<\/a><\/td>/,
    );
    expect(html).toMatch(/<span class="glyph">✕<\/span> RESET <span class="differs">✗<\/span>/);
    // The date as a person reads it.
    expect(html).toMatch(/<time datetime="2026-[^"]+">\d{1,2} \w+ 2026, \d\d:\d\d UTC<\/time>/);
  });

  it('opens with the title, the overall verdict and a summary table linking to each scenario', () => {
    expect(html).toContain('<title>mTLS sandbox report</title>');
    expect(html).toContain('<h1>mTLS sandbox report</h1>');
    expect(html).toContain('<span class="verdict fail">✗ FAIL</span> At least one probe does not match AWS behaviour');
    expect(html).toContain(
      '<tr><td><a href="#alb-mtls-verify"><code>alb-mtls-verify</code></a></td><td>ALB verify mode</td><td class="num">1/2</td><td>2 documented · 0 observed · 0 assumed</td><td class="num">1.2 s</td><td><span class="verdict fail">✗ FAIL</span></td></tr>',
    );
    expect(html).toContain(
      '<td class="num">1/1</td><td>1 documented · 0 observed · 0 assumed</td><td class="num">0.3 s</td><td><span class="verdict pass">✓ PASS</span></td>',
    );
  });

  it('has a section per scenario with summary, inline SVG topology, components, probes and explanation', () => {
    expect(html).toContain('<section class="scenario" id="alb-mtls-verify">');
    expect(html).toContain('<p class="lead">The ALB checks the client certificate against its trust store.</p>');
    expect(html).toMatch(/<figure class="topology"><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(html.match(/<svg [^>]*class="diagram"/g)).toHaveLength(2);
    expect(html).toContain(
      '<td><code>alb</code></td><td>alb</td><td>alb emulator</td><td><code>127.0.0.1:40443 (listener 443)</code></td><td>ALB Alb: listener HTTPS:443, mutual TLS verify — TLS ends at the ALB</td>',
    );
    expect(html).toContain(
      '<div class="explanation"><p>What to notice:</p>\n<ul><li>the ALB asks for the certificate</li><li>a missing one ends the connection</li></ul></div>',
    );
    // What to notice comes before the probes it explains.
    expect(html.indexOf('<div class="explanation">')).toBeLessThan(
      html.indexOf('id="alb-mtls-verify--clientA-certificate"'),
    );
    expect(html).toContain('<details class="not-realized"><summary>Resources not realized (1)</summary>');
  });

  it('gives each probe a verdict in symbol and words, the command, response and reference', () => {
    // Folded to its headline: what happened to the client first, whether AWS does so second and smaller.
    expect(html).toContain('<details class="probe pass" id="alb-mtls-verify--clientA-certificate">');
    expect(html).toContain(
      '<summary><span class="headline"><code class="probe-name">clientA-certificate</code> <span class="outcome-badge ok">● ALLOWED — 200 from app-1</span> <span class="fidelity matches" title="matches AWS&#39;s behaviour, as AWS documents">✓ matches AWS · documented</span></span></summary>',
    );
    // A probe that differs from AWS is open.
    expect(html).toContain('<details class="probe fail" id="alb-mtls-verify--no-certificate" open>');
    expect(html).toContain(
      '<span class="outcome-badge bad">✕ RESET during the handshake</span> <span class="fidelity differs" title="does not match AWS&#39;s behaviour, as AWS documents it">✗ DIFFERS from AWS · documented</span>',
    );
    // The sequence diagram as SVG, decisive events in bold.
    expect(html).toMatch(/<figure class="sequence"><svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="sequence"/);
    expect(html).toMatch(/font-weight="700">CertificateRequest<\/text>/);
    expect(html).toContain(
      '<pre class="command"><code>curl -v --no-progress-meter -k https://127.0.0.1:40443/</code></pre>',
    );
    expect(html).toContain('<dt>Response</dt><dd><strong class="status">HTTP 200 (HTTP/1.1)</strong></dd>');
    expect(html).toContain(
      '<dt>Response</dt><dd><strong class="status">no HTTP response: Connection reset by peer</strong></dd>',
    );
    expect(html).toContain(
      '<dt>Reference</dt><dd><strong class="level documented">documented</strong>: <a href="../docs/aws-facts.md#alb-mtls-verify">Mutual authentication with TLS in Application Load Balancer</a> (<a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/application/mutual-authentication.html">the page</a>)</dd>',
    );
    expect(html).toContain('<dt>Client</dt><dd>no certificate, from 127.0.0.2</dd>');
  });

  it('emphasises decisive handshake steps', () => {
    expect(html).toContain(
      '<li class="decisive"><strong>◆ <span class="dir">←</span> CertificateRequest: the server asks for a client certificate</strong><code class="line">* TLSv1.2 (IN), TLS handshake, Request CERT (13):</code></li>',
    );
    expect(html).toContain('<li><span class="dir">→</span> ClientHello</li>');
  });

  it('shows what the target received, the connection log and the mismatches', () => {
    expect(html).toContain(
      '<dt>Target</dt><dd><code>app-1</code></dd><dt>Remote address</dt><dd><code>127.0.0.1:51234</code></dd>',
    );
    expect(html).toContain(
      '<tr><td><code>x-amzn-mtls-clientcert-subject</code></td><td><code>CN=clientA,O=example.org</code></td></tr>',
    );
    expect(html).toContain(
      '<dt>Load balancer connection log</dt><dd>tls_verify_status = <code>Failed:ClientCertNotFound</code></dd>',
    );
    expect(html).toContain(
      '<div class="mismatches"><strong>Why it failed</strong><ul><li>✗ expected HTTP 403, got no HTTP response (&lt;script&gt;',
    );
    expect(html).toContain('<p class="muted">No target received the request.</p>');
  });

  it('puts the full transcript in a <details> block', () => {
    expect(html).toContain(
      '<details class="transcript"><summary>Full transcript (9 lines)</summary>\n<pre><code>*   Trying 127.0.0.1:40443...',
    );
  });

  it('speaks Japanese with --lang ja', () => {
    const ja = renderHtml(sampleDocument('ja'));
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain('<h1>mTLS サンドボックス レポート</h1>');
    expect(ja).toContain('<h2>概要</h2>');
    expect(ja).toContain('<span class="verdict pass">✓ 合格</span>');
    expect(ja).toContain('<span class="verdict fail">✗ 不合格</span>');
    expect(ja).toContain('<h3>構成図</h3>');
    expect(ja).toContain('<h5>ターゲットが受け取ったもの</h5>');
    expect(ja).toContain('TLS はここで終端');
    expect(ja).toContain('<dt>ロードバランサーの接続ログ</dt>');
    expect(ja).not.toContain('Summary');
    // References in Japanese too: the source's Japanese title, and AWS's Japanese page.
    expect(ja).toContain('Application Load Balancer での TLS による相互認証');
    expect(ja).toContain('href="https://docs.aws.amazon.com/ja_jp/elasticloadbalancing/');
    expect(ja).toContain('<h2>要点</h2>');
    expect(ja).toContain('<span class="outcome-badge ok">● 通過 — app-1 が 200 を返した</span>');
    expect(ja).toMatch(/<time datetime="[^"]+">2026年\d+月\d+日 \d\d:\d\d UTC<\/time>/);
  });
});

describe('proseHtml', () => {
  it('turns "- " lines into a list and escapes', () => {
    expect(proseHtml('Intro <b>\n- one\n- two & three\n\nEnd')).toBe(
      '<p>Intro &lt;b&gt;</p>\n<ul><li>one</li><li>two &amp; three</li></ul>\n<p>End</p>',
    );
  });
});
