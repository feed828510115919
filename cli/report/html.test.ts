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

  it('opens with the honest headline: counts by what they rest on, never "PASS" for the whole', () => {
    expect(html).toContain('<title>mTLS sandbox report</title>');
    expect(html).toContain('<h1>mTLS sandbox report</h1>');
    expect(html).toContain(
      '<p class="headline differs"><span class="mark">✗</span> 3 probes: 2 as AWS documents or as observed, 0 on the sandbox&#39;s assumptions, 1 differs</p>',
    );
    expect(html).toContain(
      '<p class="pills"><span class="pill aws">✓ 2 as AWS documents or observed</span> <span class="pill differ">✗ 1 differ</span></p>',
    );
    expect(html).not.toMatch(/PASS|Every probe matches/);
  });

  it('then the designs at a glance, takeaways one line each, the core clients, the contents, the scenarios', () => {
    const at = (marker: string) => html.indexOf(marker);
    const order = [
      '<p class="headline',
      '<section class="opening" id="designs">',
      '<section class="takeaways">',
      '<section class="matrix">',
      '<section class="summary contents" id="contents">',
      '<section class="scenario" id="nlb-demo">',
      '<section class="legend-section" id="legend">',
    ].map(at);
    for (const index of order) expect(index).toBeGreaterThan(0);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // One row per design: who checks, what each client got (a link to its probe), what the target learns.
    expect(html).toContain(
      '<th>Design</th><th>Who checks the certificate</th><th>No certificate</th><th>A trusted one (clientA)</th><th>An untrusted one</th><th>What the target learns</th>',
    );
    expect(html).toMatch(
      /<tr><th scope="row"><span class="design">ALB HTTPS · verify<\/span><br><a class="door-scenario" href="#alb-mtls-verify">alb-mtls-verify<\/a><\/th><td>the ALB \(trust store\)<\/td><td><a class="outcome bad" href="#alb-mtls-verify--no-certificate" title="no-certificate: RESET during the handshake — the load balancer&#39;s connection log: tls_verify_status=Failed:ClientCertNotFound"><span class="glyph">✕<\/span> RESET<\/a> <span class="differs">✗<\/span><\/td><td><a class="outcome ok" [^>]+><span class="glyph">●<\/span> ALLOWED 200<\/a><\/td><td class="empty">not probed<\/td><td class="learns"><code>x-amzn-mtls-clientcert-subject<\/code><\/td><\/tr>/,
    );
    // A takeaway is its first point, the rest folded under it.
    expect(html).toContain(
      '<li><details><summary>the ALB asks for the certificate <a class="door-scenario" href="#alb-mtls-verify" title="ALB verify mode">alb-mtls-verify</a> <span class="more">(1 more)</span></summary><ul><li>a missing one ends the connection</li></ul></details></li>',
    );
    // The core clients as columns, front doors as rows: as many doors as there are, never wider than the page.
    expect(html).toContain('<th>Front door</th><th><code>no certificate</code></th><th><code>clientA</code></th>');
    // The contents: each scenario with a link and its counts as badges.
    expect(html).toContain(
      '<td><a href="#alb-mtls-verify">ALB verify mode</a><br><code class="door-scenario">alb-mtls-verify</code></td><td><span class="pill aws">✓ 1 as AWS documents or observed</span> <span class="pill differ">✗ 1 differ</span></td>',
    );
    // The date as a person reads it.
    expect(html).toMatch(/<time datetime="2026-[^"]+">\d{1,2} \w+ 2026, \d\d:\d\d UTC<\/time>/);
  });

  it('ends with a legend of every symbol, the evidence levels and what a seed is', () => {
    const legend = html.slice(html.indexOf('<section class="legend-section" id="legend">'));
    for (const term of [
      '● ALLOWED',
      '✕ ALERT',
      '✕ RESET',
      '■ REFUSED',
      '◆ ANSWERED',
      '✓',
      '·',
      'documented',
      'observed',
      'assumed',
      'seed',
      '▸ ◆',
      '» *',
    ])
      expect(legend, term).toContain(`<dt>${term}</dt>`);
    expect(legend).toContain('one of the four published articles (000, 001, 003, 004');
    expect(html).toContain('<a href="#legend">What the symbols mean</a>');
  });

  it('has a section per scenario with summary, inline SVG topology, components, probes and explanation', () => {
    expect(html).toContain('<section class="scenario" id="alb-mtls-verify">');
    expect(html).toContain('<p class="lead">The ALB checks the client certificate against its trust store.</p>');
    expect(html).toMatch(/<figure class="topology"><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(html.match(/<svg [^>]*class="diagram"/g)).toHaveLength(2);
    expect(html).toContain(
      '<td><code>alb</code></td><td>alb</td><td>alb emulator</td><td><code>:443 → 127.0.0.1:40443</code></td><td>ALB Alb: listener HTTPS:443, mutual TLS verify — TLS ends at the ALB</td>',
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
    expect(ja).toContain('<h2>目次</h2>');
    expect(ja).toContain('<h2>設計ごとの比較</h2>');
    expect(ja).toContain(
      'プローブ 3 件: AWS のドキュメントに記載または元記事で観測のとおり 2 件、サンドボックスの仮定による 0 件、不一致 1 件',
    );
    expect(ja).toContain('<h3>構成図</h3>');
    expect(ja).toContain('<h5>ターゲットが受け取ったもの</h5>');
    expect(ja).toContain('TLS はここで終端');
    expect(ja).toContain('<dt>ロードバランサーの接続ログ</dt>');
    expect(ja).not.toContain('Summary');
    expect(ja).not.toContain('Contents');
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
