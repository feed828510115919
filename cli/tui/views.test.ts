// Each view rendered with ink-testing-library at 80×24 without colour, driven by keys and a fake engine. Compare,
// its presets and every view's width are in views-compare.test.ts: two files, so the unit run's two workers share
// the rendering.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { DONE, ESC, expectFits } from '../testing/frame-checks.js';
import { renderApp, stringWidth } from '../testing/render-app.js';
import { fakeEngine } from '../testing/tui-fixtures.js';

afterEach(() => cleanup());

describe('browser', () => {
  it('groups scenarios by story, shows the summary and draws the topology once compiled', async () => {
    const ui = renderApp();
    const frame = await ui.waitFor('listener TCP:443');
    expect(frame).toContain('Client auth in nginx behind a');
    expect(frame).toContain('ALB mutual TLS with trust');
    expect(frame).toContain('stores');
    expect(frame).toContain('› · demo-nlb');
    expect(frame).toContain('A TCP listener passes TLS through to nginx.');
    expect(frame).toContain('NLB Nlb');
    expect(frame).toContain('TLS ends at: the target (passthrough)');
    expect(frame).toContain('client verified by: nginx (ssl_verify_client');
    expect(frame).toContain('└─▶ web-1');
    // The help bar is always there.
    expect(frame).toMatch(/↑↓ move +Enter run.*l 日本語 +\? help +q quit/);
    expectFits(frame);
    expect(frame).not.toContain(ESC);
  });

  it('moves the selection with j/k and arrows and shows that scenario', async () => {
    const ui = renderApp();
    await ui.waitFor('› · demo-nlb');
    await ui.press('j');
    let frame = await ui.waitFor('› · demo-alb', 'The ALB verifies the client');
    await ui.waitFor('mutual TLS: verify');
    await ui.press('up');
    frame = await ui.waitFor('› · demo-nlb');
    expect(frame).toContain('A TCP listener passes TLS through');
  });

  it('in Japanese: story titles, texts and keys, aligned by display width', async () => {
    const ui = renderApp({ lang: 'ja' });
    const frame = await ui.waitFor('TLS の終端: ターゲット (パススルー)');
    expect(frame).toContain('CLB/NLB の TCP リスナー配下で');
    expect(frame).toContain('TCP リスナーは TLS をそのまま nginx に渡す。');
    expect(frame).toContain('Enter 実行');
    expect(frame).toContain('q 終了');
    expectFits(frame);
    // The divider between the panes is in the same column on every row, whatever the text's width.
    const columns = frame
      .split('\n')
      .slice(1, -1)
      .filter((line) => line.includes('│'))
      .map((line) => stringWidth(line.slice(0, line.indexOf('│'))));
    expect(new Set(columns).size).toBe(1);
  });

  it('l switches the language both ways', async () => {
    const ui = renderApp();
    await ui.waitFor('Scenarios');
    await ui.press('l');
    await ui.waitFor('シナリオ', 'デモ NLB パススルー');
    await ui.press('l');
    await ui.waitFor('Scenarios', 'Demo NLB passthrough');
  });
});

describe('run view', () => {
  it('shows components starting then ready, each probe as it runs, verdicts and the explanation', async () => {
    let release!: () => void;
    const engine = fakeEngine({ hold: new Promise<void>((resolve) => (release = resolve)) });
    const ui = renderApp({ engine });
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    // Held after the components are up, before the first probe.
    let frame = await ui.waitFor('● web-1', '127.0.0.1:42583', 'nginx/1.22.1', '● haproxy-nlb');
    expect(frame).toContain('running');
    expect(engine.runs).toEqual(['demo-nlb']);
    release();
    frame = await ui.waitFor(DONE);
    expect(frame).not.toContain('PASS');
    // What happened to each client leads the row; the ✓ before the name says it is what AWS does.
    expect(frame).toMatch(/✓ no-certificate +■ REFUSED · 400 No required SSL/);
    expect(frame).toMatch(/✓ clientA-certificate +● ALLOWED · 200 from web-1/);
    // When every probe passed, the explanation is what the run ends on.
    expect(frame).toContain('› ℹ What to notice');
    expect(frame).toContain('- Request CERT comes from nginx.');
    // …and where the emulation differs from AWS is said right under it.
    expect(frame).toContain('Where the emulation differs from AWS:');
    expect(frame).toContain('(inferred: AWS does not');
    expectFits(frame);
    expect(frame).not.toContain(ESC);
  });

  it('details a probe: command, handshake with decisive lines marked, response, target, verdict', async () => {
    const ui = renderApp({ rows: 120 });
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    await ui.waitFor(DONE);
    await ui.press('k', 'k');
    const frame = await ui.waitFor('› ✓ no-certificate');
    expect(frame).toContain('$ curl -v --no-progress-meter -k --max-time 10 https://127.0.0.1:40181/');
    expect(frame).toContain('▸ ← CertificateRequest: the server asks for a client certificate');
    expect(frame).toContain('▸ → Client Certificate: empty, curl has no certificate to send');
    expect(frame).toContain('▸ ← HTTP 400 Bad Request');
    expect(frame).toContain('  → ClientHello');
    expect(frame).toContain('400 No required SSL certificate was sent');
    expect(frame).toContain('web-1  remote address 127.0.0.1');
    expect(frame).toContain('ssl_client_verify = NONE');
    expect(frame).toContain("✓ matches AWS's behaviour");
    // The outcome first, then the sequence diagram: the empty Certificate crosses the load balancer to nginx.
    expect(frame).toContain('── What happened');
    expect(frame).toContain('■ REFUSED by web-1 — 400 No required SSL certificate was sent');
    expect(frame).toContain('✓ matches AWS · documented');
    expect(frame).toMatch(/├─+┼─ ▸ Certificate \(empty\) ─+▶│/);
    expect(frame).toContain('reference: documented: Mutual authentication with TLS in Application');
  });

  it('shows a reset, the connection log and a failed verdict with its mismatch', async () => {
    const ui = renderApp({ rows: 120, engine: fakeEngine({ failSecond: true }) });
    await ui.waitFor('demo-nlb');
    await ui.press('j', 'enter');
    let frame = await ui.waitFor('1 differ');
    // A failed probe is where the selection stops.
    expect(frame).toContain('› ✗ clientA-verified');
    expect(frame).toContain("✗ does not match AWS's behaviour");
    expect(frame).toContain('✗ expected HTTP 200, got HTTP 400');
    expect(frame).toContain('tls_verify_status=Success');
    await ui.press('k');
    frame = await ui.waitFor('› ✓ no-certificate');
    expect(frame).toContain('▸ ← Connection reset by peer (TCP RST)');
    expect(frame).toContain('✕ RESET during the handshake');
    expect(frame).toMatch(/│◀─ ▸ TCP RST ─+┤/);
    expect(frame).toContain('no target received the request');
    expect(frame).toContain('tls_verify_status=Failed:ClientCertMissing');
  });

  it('Tab focuses the detail pane, where j/k scroll it', async () => {
    const ui = renderApp();
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    await ui.waitFor(DONE);
    await ui.press('k', 'k');
    await ui.waitFor('$ curl');
    await ui.press('tab', 'j', 'j', 'j');
    const frame = await ui.waitUntil(
      (text) => text.includes('━━━') && !text.includes('── Command'),
      'the detail scrolled past its heading',
    );
    expect(frame).toContain('$ curl');
  });

  it('r re-runs; Esc goes back to the browser, which now shows the verdict and addresses', async () => {
    const ui = renderApp({ rows: 40 });
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    await ui.waitFor(DONE);
    await ui.press('r');
    await ui.waitUntil((text) => ui.engine.finished === 2 && text.includes(DONE), 'the second run to finish');
    expect(ui.engine.runs).toEqual(['demo-nlb', 'demo-nlb']);
    await ui.press('escape');
    const frame = await ui.waitFor('› ✓ demo-nlb', 'local addresses: from the last run (stopped)');
    expect(frame).toContain('listener TCP:443 → 127.0.0.1:40181');
    expect(frame).toContain('└─▶ web-1  nginx (client-auth)  127.0.0.1:42583');
  });

  it('in Japanese', async () => {
    const ui = renderApp({ lang: 'ja', rows: 120 });
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    await ui.waitFor('✓ プローブ 2 · AWS どおり 2 · 不一致 0');
    await ui.press('k', 'k');
    const frame = await ui.waitFor('▸ ← CertificateRequest: サーバーがクライアント証明書を要求');
    expect(frame).toMatch(/› ✓ no-certificate +■ 拒否 · 400/);
    expect(frame).toContain('✓ AWS の挙動と一致');
    expect(frame).toContain('クライアント');
    expectFits(frame, 80, 120);
  });
});

describe('presenter', () => {
  it('tells a story: title and question, topology, what to notice, then each probe; components when asked', async () => {
    const ui = renderApp({ rows: 30 });
    await ui.waitFor('demo-nlb');
    await ui.press('p');
    let frame = await ui.waitFor('The lesson', 'Demo NLB passthrough', 'who asks for the client certificate');
    // Keys step only as far as the run has got; let it finish so every slide exists.
    await ui.waitUntil(() => ui.engine.finished === 1, 'the run to finish');
    expect(frame).toMatch(/step 1\/\d+/);
    expect(frame).not.toContain('Component up');
    await ui.press('space');
    frame = await ui.waitFor('The topology', 'TLS ends at: the target (passthrough)');
    await ui.press('space');
    frame = await ui.waitFor('What to notice', '- Request CERT comes from nginx.');
    // The components only when asked, and the next step goes on with the story.
    await ui.press('i');
    frame = await ui.waitFor('Components', '● web-1', '● haproxy-nlb');
    await ui.press('space');
    frame = await ui.waitFor('Probe 1/2: the command');
    expect(frame).toContain('$ curl -v --no-progress-meter -k --max-time 10');
    expect(frame).not.toContain('CertificateRequest');
    await ui.press('right');
    frame = await ui.waitFor('Probe 1/2: the sequence');
    expect(frame).toMatch(/│◀─+┼─ ▸ CertificateRequest ─+┤/);
    // The configuration once, with the first probe that has one.
    await ui.press('enter');
    await ui.waitFor('The configuration that decides these outcomes');
    await ui.press('space');
    frame = await ui.waitFor('Probe 1/2: what happened');
    // The banner is the outcome, never PASS: this client was refused; how we know, in plain words.
    expect(frame).toContain('████   █████  █████  █   █   ████  █████  ████');
    expect(frame).toContain('REFUSED by web-1 — 400 No required SSL certificate was sent');
    expect(frame).toMatch(/✓ (AWS documents this|Seen on real AWS in a published article) — /);
    expect(frame).not.toContain('PASS');
    await ui.press('left');
    await ui.waitFor('The configuration that decides these outcomes');
    await ui.press('space', 'space', 'space', 'space', 'space');
    frame = await ui.waitFor('What we saw', "2 as AWS documents or as observed, 0 on the sandbox's assumptions");
    // The score so far stays at the bottom.
    expect(frame.split('\n').at(-2)).toContain('✓ no-certificate  ✓ clientA-certificate');
    // The config slide came once: probe 2 goes from its sequence straight to its outcome.
    expectFits(ui.frame(), 80, 30);
  });

  it('in Japanese: no Latin block letters, the word itself, framed', async () => {
    const ui = renderApp({ rows: 30, lang: 'ja' });
    await ui.waitFor('demo-nlb');
    await ui.press('p');
    await ui.waitUntil(() => ui.engine.finished === 1, 'the run to finish');
    await ui.press('space', 'space', 'space', 'space', 'space', 'space');
    const frame = await ui.waitFor('プローブ 1/2: 何が起きたか');
    expect(frame).toContain('━━  ■ 拒否  ━━');
    expect(frame).not.toContain('█');
  });

  it('shows a large outcome and a plain ✗ for a failed probe', async () => {
    const ui = renderApp({ rows: 30, engine: fakeEngine({ failSecond: true }) });
    await ui.waitFor('demo-nlb');
    await ui.press('p');
    await ui.waitFor('The lesson');
    await ui.waitUntil(() => ui.engine.finished === 1, 'the run to finish');
    await ui.press('space', 'space', 'space', 'space', 'space', 'space', 'space', 'space', 'space');
    const frame = await ui.waitFor('Probe 2/2: what happened');
    // The banner says what happened to the client (it got in); whether AWS agrees is the line under it.
    expect(frame).toContain('ALLOWED — 200 from web-1');
    expect(frame).toContain(' ███   █      █       ███   █   █  █████  ████');
    expect(frame).toContain("✗ does not match AWS's behaviour");
  });
});

describe('transcript viewer', () => {
  async function openTranscript(rows = 24) {
    const ui = renderApp({ rows });
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    await ui.waitFor(DONE);
    await ui.press('k', 'k', 't');
    await ui.waitFor('Transcript · demo-nlb / no-certificate');
    return ui;
  }

  it('shows the copy-ready command on top and the transcript numbered, decisive lines marked', async () => {
    const ui = await openTranscript();
    const frame = ui.frame();
    expect(frame).toContain('Command (copy and run it by hand):');
    expect(frame).toContain('curl -v --no-progress-meter -k --max-time 10 https://127.0.0.1:40181/');
    expect(frame).toMatch(/ ▸ {2}7 \* TLSv1\.2 \(IN\), TLS handshake, Request CERT \(13\):/);
    expect(frame).toMatch(/ {3}1 \* {3}Trying 127\.0\.0\.1:40181\.\.\./);
    expect(frame).toMatch(/lines 1-\d+ of 22/);
    expectFits(frame);
  });

  it('scrolls with j/k and PgUp/PgDn', async () => {
    const ui = await openTranscript();
    await ui.press('pagedown');
    let frame = await ui.waitUntil((text) => !text.includes('Trying 127.0.0.1'), 'a page down');
    expect(frame).toContain('400 No required SSL certificate was sent');
    await ui.press('pageup', 'j');
    frame = await ui.waitFor('lines 2-');
    await ui.press('k');
    await ui.waitFor('lines 1-');
  });

  it('searches with / and jumps between matches with n', async () => {
    const ui = await openTranscript();
    await ui.press('/', 'h', 't', 't', 'p');
    await ui.waitFor('/http▏');
    await ui.press('enter');
    let frame = await ui.waitFor('match 1/3 for "http"');
    expect(frame).toMatch(/» {2}\d+ \* ALPN: server accepted http\/1\.1/);
    await ui.press('n');
    frame = await ui.waitFor('match 2/3');
    expect(frame).toMatch(/» {2}\d+ > GET \/ HTTP\/1\.1/);
    await ui.press('N');
    await ui.waitFor('match 1/3');
    await ui.press('/', 'n', 'o', 'p', 'e', 'enter');
    await ui.waitFor('no match for "nope"');
  });

  it('Esc while typing cancels the search, Esc again goes back', async () => {
    const ui = await openTranscript();
    await ui.press('/', 'x');
    await ui.waitFor('/x▏');
    await ui.press('escape');
    await ui.waitFor('lines 1-');
    await ui.press('escape');
    await ui.waitFor('› ✓ no-certificate');
  });
});

describe('help', () => {
  it('? lists every key; any key closes it', async () => {
    // Tall enough for every key at once (the legend follows them, below the fold).
    const ui = renderApp({ rows: 40 });
    await ui.waitFor('demo-nlb');
    await ui.press('?');
    const frame = await ui.waitFor('Keys', 'presenter mode: one step per keypress');
    for (const text of [
      'Enter',
      'Tab',
      'compare two probes',
      'the full curl -v transcript',
      '/ search, n / N next',
      're-run the scenario',
      'switch English / 日本語',
      'quit (stops every component first; Ctrl-C too)',
    ])
      expect(frame).toContain(text);
    expectFits(frame, 80, 40);
    await ui.press('x');
    await ui.waitFor('› · demo-nlb');
  });

  it('in Japanese', async () => {
    const ui = renderApp({ lang: 'ja' });
    await ui.waitFor('demo-nlb');
    await ui.press('?');
    const frame = await ui.waitFor('キー操作', 'プレゼンターモード: キーを押すごとに 1 ステップ');
    expectFits(frame);
  });
});

describe('quit', () => {
  it('q stops every component through the engine before leaving', async () => {
    const ui = renderApp();
    await ui.waitFor('demo-nlb');
    await ui.press('q');
    const deadline = Date.now() + 2000;
    while (!ui.quit() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ui.quit()).toBe(true);
    expect(ui.engine.stops).toBe(1);
  });

  it('Ctrl-C does the same', async () => {
    const ui = renderApp();
    await ui.waitFor('demo-nlb');
    await ui.press('\x03');
    const deadline = Date.now() + 2000;
    while (!ui.quit() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(ui.engine.stops).toBe(1);
  });
});

describe('at 80 columns', () => {
  it('keeps Tab in the key bar of the browser, the run view and compare', async () => {
    const ui = renderApp({ columns: 80 });
    let frame = await ui.waitFor('demo-nlb');
    expect(frame.trimEnd().split('\n').at(-1)).toContain('Tab pane');
    await ui.press('enter');
    frame = await ui.waitFor(DONE);
    expect(frame.trimEnd().split('\n').at(-1)).toContain('Tab pane');
    await ui.press('c');
    frame = await ui.waitFor('Compare probes');
    expect(frame.trimEnd().split('\n').at(-1)).toContain('Tab side');
  });
});
