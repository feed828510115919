// The real UI in a real terminal (tmux): open it, run nlb-tcp-passthrough, read why the 400, compare (in English at
// 100 columns, in Japanese at 80 and 120), present, read the legend, use the presets, quit — and nothing is left
// running afterwards. Syncs by polling the pane for text, each wait with a deadline.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dividerColumns, lifelineCrossings } from '../testing/layout-check.js';
import { widthOf as displayWidth } from './text.js';
import { tmuxPane } from '../testing/tmux-pane.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/mtls-sandbox.js');
const { session: SESSION, tmux, pane, keys, waitForPane } = tmuxPane('tui-e2e');
const state = mkdtempSync(join(tmpdir(), 'mtls-tui-e2e-'));

/** Keeps a pane as text next to the test's state dir, for the people who read the run's output. */
function saveCapture(name: string, text: string): void {
  const file = join(state, `${name}.txt`);
  writeFileSync(file, text);
  console.log(`tmux capture ${name}: ${file}\n${text}`);
}

/** Compare lines up: its divider in one column on every row, and no label across a sequence diagram's lifeline. */
function expectLinedUp(text: string, what: string): void {
  // The body: under the title and compare's hint, above the key bar (the pane's last rows may be blank).
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const rows = lines.slice(2, -1);
  const dividers = dividerColumns(rows);
  expect(dividers.size, `${what}: the divider's columns\n${text}`).toBe(1);
  expect(lifelineCrossings(text, [...dividers][0]), what).toEqual([]);
}

const has =
  (...texts: string[]) =>
  (text: string) =>
    texts.every((t) => text.includes(t));

/** nginx and HAProxy started for our state dir carry its path in their command lines. */
async function ourServers(): Promise<string[]> {
  const { stdout } = await execa('ps', ['-eo', 'args'], { reject: false });
  return stdout.split('\n').filter((line) => line.includes(state) && /nginx|haproxy/.test(line));
}

describe('the terminal UI, end to end', () => {
  beforeAll(async () => {
    // A clean environment: no CI variables (Ink draws nothing until exit in CI), no colour, English.
    const env = [
      'env',
      '-i',
      `PATH=${process.env.PATH}`,
      `HOME=${process.env.HOME ?? '/tmp'}`,
      'TERM=xterm-256color',
      'LANG=C.UTF-8',
      `MTLS_SANDBOX_STATE=${state}`,
      'NO_COLOR=1',
    ];
    // The shell stays after the UI exits so the test can read its exit status.
    // --localstack off: the UI takes the run options (and the bin still preloads Ink with an option's value).
    const command = `${env.join(' ')} node ${BIN} --localstack off; echo "EXITED:$?"; sleep 120`;
    const started = await tmux('new-session', '-d', '-x', '100', '-y', '40', '-s', SESSION, '-c', ROOT, command);
    expect(started.exitCode, started.stderr).toBe(0);
  });

  afterAll(async () => {
    // Whatever happened: no tmux session, and nothing of this state dir left running.
    await tmux('kill-session', '-t', SESSION);
    await tmux('kill-server');
    await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state }, reject: false });
    // The captures stay for reading; the rest of the state goes.
    for (const name of ['certs', 'scenarios', 'synth-cache', 'cdk.out', 'run'])
      rmSync(join(state, name), { recursive: true, force: true });
  });

  it('opens, runs nlb-tcp-passthrough, compares two probes and quits cleanly', async () => {
    const browser = await waitForPane(
      has('mtls-sandbox · Scenarios', 'nlb-tcp-passthrough', 'q quit'),
      'the browser',
      30_000,
    );

    // Move (j down, k up) until nlb-tcp-passthrough is the selected row (›). The first topology compile may hold
    // the event loop for seconds on a cold cache, so each move waits for the selection itself to change.
    const ids = [...browser.matchAll(/^[› ] \S ([a-z0-9-]+)/gm)].map((m) => m[1]!);
    const selectedId = (text: string) => /^› \S ([a-z0-9-]+)/m.exec(text)?.[1] ?? '';
    for (let i = 0; i < 12; i += 1) {
      const current = selectedId(await pane());
      if (current === 'nlb-tcp-passthrough') break;
      await keys(ids.indexOf(current) < ids.indexOf('nlb-tcp-passthrough') ? 'j' : 'k');
      await waitForPane((text) => selectedId(text) !== current, 'the selection to move', 30_000);
    }
    await waitForPane(
      (text) => selectedId(text) === 'nlb-tcp-passthrough' && text.includes('NLB with a TCP listener'),
      'nlb-tcp-passthrough selected, with its summary',
      10_000,
    );

    // First run in a fresh state dir: certificates are made and the stack synthesized.
    await keys('Enter');
    const run = await waitForPane(
      (text) =>
        /✓ no-certificate /.test(text) && /✓ clientA-certificate/.test(text) && /0 differ · [\d.]+ s/.test(text),
      'every verdict ✓ and the headline',
      150_000,
    );
    expect(run).toContain('● haproxy-nlb');
    // The honest headline: counts by what they rest on, never PASS.
    expect(run).toMatch(
      /✓ 5 probes(: 5 as AWS documents or as observed, 0 on the sandbox's assumptions, 0 differ| · 5 as AWS · 0 differ) · [\d.]+ s/,
    );
    expect(run).not.toContain('PASS');
    // What happened to each client leads its row, with the decisive fact; ✓ says it is what was expected.
    expect(run).toMatch(/✓ no-certificate +■ REFUSED · 400 Bad Request/);
    expect(run).toMatch(/✓ clientA-certificate +● ALLOWED · 200 from web-\d · web-\d saw ssl_client_verify: SUCCESS/);
    saveCapture('run', run);

    // The first lesson says why: nginx's own reason under seed 000's empty 400.
    const selectedProbe = (text: string) => /^› \S ([a-zA-Z0-9-]+)/m.exec(text)?.[1] ?? '';
    for (let i = 0; i < 8; i += 1) {
      const current = selectedProbe(await pane());
      if (current === 'no-certificate') break;
      await keys('k');
      await waitForPane((text) => selectedProbe(text) !== current, 'the probe selection to move');
    }
    const detail = await waitForPane(
      has('error log: client sent no required SSL certificate (ssl_client_verify=NONE)'),
      "nginx's reason in the detail",
    );
    expect(detail).toMatch(/■ REFUSED by web-\d — 400 Bad Request/);
    expect(detail).toMatch(/no-certificate +\(1 of 5\)/);

    await keys('c');
    const compare = await waitForPane(has('Compare probes · nlb-tcp-passthrough', 'Sequence'), 'the comparison');
    expect(compare).toMatch(/▶ ✓ no-certificate +│ +✓ clientA-certificate/);
    expect(compare).toMatch(/■ REFUSED by web-\d.*≠ ● ALLOWED — 200 from web-\d/);
    // The two sequence diagrams side by side: the empty Certificate against clientA's, both crossing the NLB (┼),
    // each label between two lifelines.
    expect(compare).toMatch(/├─+┼─ ▸ Cert[^│]*\(empty\)[^│]*▶│.*├─+┼─ ▸ Cert[^│]*\(client\)[^│]*▶│/);
    expectLinedUp(compare, 'compare at 100 columns');
    saveCapture('compare-probes', compare);

    // The same comparison in Japanese, at 80 and at 120 columns: the divider in one column on every row, no label
    // across a lifeline.
    await keys('l');
    for (const width of [80, 120]) {
      await tmux('resize-window', '-t', SESSION, '-x', String(width), '-y', '40');
      const ja = await waitForPane(
        (text) =>
          text.includes('プローブの比較 · nlb-tcp-passthrough') &&
          text.includes('シーケンス') &&
          Math.max(...text.split('\n').map((line) => displayWidth(line))) > width - 12 &&
          Math.max(...text.split('\n').map((line) => displayWidth(line))) <= width,
        `the comparison in Japanese at ${width} columns`,
      );
      expectLinedUp(ja, `compare in Japanese at ${width} columns`);
      expect(ja).toMatch(/├─+┼─ ▸ Cert[^│]*\(空\)/);
      saveCapture(`compare-probes-ja-${width}`, ja);
    }
    await tmux('resize-window', '-t', SESSION, '-x', '100', '-y', '40');
    await keys('l');
    await waitForPane(has('Compare probes · nlb-tcp-passthrough'), 'back in English at 100 columns');

    // Presenter mode tells a story: the title and the question, the topology, what to notice — captured for the
    // closing note — then each probe; the components only when asked.
    await keys('Escape');
    await waitForPane(has('▶ nlb-tcp-passthrough'), 'back in the run view');
    await keys('p');
    let slide = await waitForPane(
      has('Presenter · nlb-tcp-passthrough', 'The lesson', 'NLB with a TCP listener', 'The question:'),
      'the first slide: the title and the question',
    );
    expect(slide).not.toContain('Component up');
    saveCapture('presenter-1-title', slide);
    await keys('Space');
    slide = await waitForPane(has('The topology', 'TLS ends at: the target (passthrough)'), 'the topology');
    saveCapture('presenter-2-topology', slide);
    await keys('Space');
    slide = await waitForPane(has('What to notice', '"Request CERT" in every handshake comes from nginx'), 'notice');
    saveCapture('presenter-3-notice', slide);
    await keys('i');
    await waitForPane(has('Components', '● haproxy-nlb', '● web-1'), 'the components, asked for');
    await keys('Space');
    await waitForPane(has('Probe 1/5: the command'), 'the first command');
    await keys('Space');
    slide = await waitForPane(has('Probe 1/5: the sequence'), 'the first sequence diagram');
    expect(slide).toMatch(/│◀─+┼─ ▸ CertificateRequest ─+┤/);
    saveCapture('presenter-sequence', slide);
    await keys('Space');
    slide = await waitForPane(has('The configuration that decides these outcomes'), 'the configuration, once');
    expect(slide).toContain('scenarios/common/nlb-stack.ts');
    expect(slide).toMatch(/▸ *\d+ +protocol: elbv2\.Protocol\.TCP,/);
    expect(slide).toMatch(/▸ *\d+ +ssl_verify_client on;/);
    await keys('Space');
    slide = await waitForPane(has('Probe 1/5: what happened'), 'the outcome banner');
    // The banner spells what happened to the client, with nginx's reason and how we know, in plain words.
    expect(slide).toContain('████   █████  █████  █   █   ████  █████  ████');
    expect(slide).toMatch(/REFUSED by web-\d — 400 Bad Request/);
    expect(slide).toMatch(/web-\d's error log: client sent no required SSL certificate/);
    expect(slide).toContain('(ssl_client_verify=NONE)');
    expect(slide).toContain('Seen on real AWS in a published article');
    expect(slide).not.toContain('PASS');
    saveCapture('presenter-outcome', slide);

    // ? has the legend under the keys.
    await keys('?');
    await waitForPane(has('Keys', 'Legend and glossary'), 'the help with its legend');
    for (let i = 0; i < 6; i += 1) await keys('PgDn');
    const legend = await waitForPane(has('published articles'), 'the legend, scrolled to the seed');
    expect(legend).toMatch(/seed +one of the four published articles/);
    await keys('Escape');
    await waitForPane(has('Probe 1/5: what happened'), 'the help closed');

    // Presets 1–3 are the README's Start-here pairs; each runs exactly its two scenarios.
    await keys('Escape');
    await keys('Escape');
    await waitForPane(has('mtls-sandbox · Scenarios'), 'the browser again');
    await keys('3');
    const preset = await waitForPane(
      (text) =>
        text.includes('Compare scenarios · alb-mtls-verify-headers ↔ alb-mtls-passthrough') &&
        text.includes('RESET during the handshake') &&
        text.includes('client verified by: the ALB (trust store)'),
      'preset 3, ALB verify vs ALB passthrough, both run and drawn',
      150_000,
    );
    // The key bar offers the presets that exist, no more.
    expect(preset).toMatch(/1-5 preset/);
    expectLinedUp(preset, 'the preset at 100 columns');
    saveCapture('compare-preset-3', preset);
    await keys('2');
    const termination = await waitForPane(
      (text) =>
        text.includes('Compare scenarios · alb-tls-termination ↔ nlb-tcp-passthrough') &&
        text.includes('no client certificate requested') &&
        // Both runs finished: each side's headline.
        (text.match(/0 differ/g) ?? []).length >= 2,
      'preset 2, ALB ends TLS vs NLB passes it',
      150_000,
    );
    // An ALB without mutual TLS logs Success for every connection: never shown as if a certificate were verified.
    const shown = termination.split('\n');
    shown.forEach((line, index) => {
      if (line.includes('tls_verify_status=Success'))
        expect(shown.slice(index - 2, index + 3).join('\n'), line).toMatch(
          /no client certificate requested[\s\S]*only says/,
        );
    });
    saveCapture('compare-preset-2', termination);
    await keys('Tab', 'Right');
    const stepped = await waitForPane(
      (text) => !text.includes('↔ nlb-tcp-passthrough') && text.includes('not run yet'),
      'the right side stepped to a scenario that is not run',
    );
    expect(stepped).not.toMatch(/⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏/);

    await keys('q');
    await waitForPane(has('EXITED:0'), 'the UI to exit with status 0', 30_000);
    expect(await ourServers()).toEqual([]);

    // The first paint was measured and recorded.
    const paint = join(state, 'tui-first-paint.json');
    expect(existsSync(paint)).toBe(true);
    const record = JSON.parse(readFileSync(paint, 'utf8')) as { firstPaintMs: number; inkFirstFrameMs: number };
    expect(record.firstPaintMs).toBeGreaterThan(0);
    console.log(`TUI first paint: ${record.firstPaintMs} ms from process start (Ink: ${record.inkFirstFrameMs} ms)`);

    // The next start draws the kept first frame before it loads Ink.
    await tmux('kill-session', '-t', SESSION);
    const again = `env -i PATH=${process.env.PATH} HOME=${process.env.HOME ?? '/tmp'} TERM=xterm-256color LANG=C.UTF-8 MTLS_SANDBOX_STATE=${state} NO_COLOR=1 node ${BIN} --localstack off; echo "EXITED:$?"; sleep 60`;
    expect((await tmux('new-session', '-d', '-x', '100', '-y', '40', '-s', SESSION, '-c', ROOT, again)).exitCode).toBe(
      0,
    );
    await waitForPane(has('mtls-sandbox · Scenarios', 'q quit'), 'the browser, again', 30_000);
    await waitForPane(() => {
      // The UI may be writing it right now: a partial file is "not yet".
      const next = parseOrNull(readFileSync(paint, 'utf8')) as { at: string; firstPaint: string } | null;
      return next?.firstPaint === 'cached-frame';
    }, 'the second start to record its cached first frame');
    const second = JSON.parse(readFileSync(paint, 'utf8')) as { firstPaintMs: number; inkFirstFrameMs: number };
    console.log(
      `TUI first paint, second start: ${second.firstPaintMs} ms (cached frame; Ink: ${second.inkFirstFrameMs} ms)`,
    );
    await keys('q');
    await waitForPane(has('EXITED:0'), 'the second UI to exit with status 0', 30_000);
  }, 420_000);
});

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
