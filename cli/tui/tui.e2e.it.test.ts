// The real UI in a real terminal (tmux): open it, run nlb-tcp-passthrough, compare, quit — and nothing is left
// running afterwards. Syncs by polling the pane for text, each wait with a deadline.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/mtls-sandbox.js');
// Our own tmux server (-L) and session, so nothing of anyone else's is touched.
const SOCKET = `mtls-tui-e2e-${process.pid}`;
const SESSION = `tui-${Date.now()}`;
const state = mkdtempSync(join(tmpdir(), 'mtls-tui-e2e-'));

const tmux = (...args: string[]) => execa('tmux', ['-L', SOCKET, ...args], { reject: false });
const pane = async (): Promise<string> => (await tmux('capture-pane', '-p', '-t', SESSION)).stdout;
const keys = (...names: string[]) => tmux('send-keys', '-t', SESSION, ...names);

/** Polls the pane until `ready` holds, or fails with what the pane showed. */
async function waitForPane(ready: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await pane();
    if (ready(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. The pane showed:\n${text}`);
}

/** Keeps a pane as text next to the test's state dir, for the people who read the run's output. */
function saveCapture(name: string, text: string): void {
  const file = join(state, `${name}.txt`);
  writeFileSync(file, text);
  console.log(`tmux capture ${name}: ${file}\n${text}`);
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
      (text) => /✓ no-certificate/.test(text) && /✓ clientA-certificate/.test(text) && text.includes('PASS'),
      'both verdicts ✓',
      150_000,
    );
    expect(run).toContain('● haproxy-nlb');
    // What happened to each client leads its row, with the decisive fact; ✓ says it is what AWS does.
    expect(run).toMatch(/✓ no-certificate +■ REFUSED · 400 Bad Request/);
    expect(run).toMatch(/✓ clientA-certificate +● ALLOWED · 200 from web-\d · web-\d saw ssl_client_verify: SUCCESS/);

    await keys('c');
    const compare = await waitForPane(
      has('Compare probes · nlb-tcp-passthrough', 'Sequence', 'Certificate (emp'),
      'the comparison',
    );
    expect(compare).toMatch(/▶ ✓ no-certificate +│ +✓ clientA-certificate/);
    expect(compare).toMatch(/■ REFUSED by web-\d.*≠ ● ALLOWED — 200 from web-\d/);
    // The two sequence diagrams side by side: the empty Certificate against clientA's, both crossing the NLB (┼).
    const certificateRow = compare.split('\n').find((line) => line.includes('├─ ▸ Certif')) ?? '';
    expect(certificateRow.replace(/┼/g, '')).toMatch(/Certificate \(empty\).*▶│.*Certificate \(client\).*▶│/);
    expect(certificateRow.match(/┼/g)).toHaveLength(2);
    saveCapture('compare-probes', compare);

    // Presenter mode on the finished run: topology, command, sequence, configuration, outcome.
    await keys('Escape');
    await waitForPane(has('▶ nlb-tcp-passthrough'), 'back in the run view');
    await keys('p');
    let slide = await waitForPane(has('Presenter · nlb-tcp-passthrough', 'Component up'), 'the first slide');
    for (let i = 0; i < 8 && !slide.includes('The topology'); i += 1) {
      await keys('Space');
      slide = await waitForPane((text) => text !== slide, 'the next slide', 5_000);
    }
    expect(slide).toContain('TLS ends at: the target (passthrough)');
    saveCapture('presenter-topology', slide);
    await keys('Space');
    await waitForPane(has('Probe 1/4: the command'), 'the first command');
    await keys('Space');
    slide = await waitForPane(has('Probe 1/4: the sequence'), 'the first sequence diagram');
    expect(slide).toMatch(/client +load balancer \(TCP\) +target/);
    expect(slide).toMatch(/│◀─ ▸ CertificateRequest ─*┼─*┤/);
    saveCapture('presenter-sequence', slide);
    await keys('Space');
    slide = await waitForPane(has('Probe 1/4: the configuration that decides this'), 'the configuration slide');
    expect(slide).toContain('scenarios/common/nlb-stack.ts');
    expect(slide).toMatch(/▸ *\d+ +protocol: elbv2\.Protocol\.TCP,/);
    expect(slide).toMatch(/▸ *\d+ +ssl_verify_client on;/);
    saveCapture('presenter-config', slide);
    await keys('Space');
    slide = await waitForPane(has('Probe 1/4: what happened'), 'the outcome banner');
    // The banner spells what happened to the client: REFUSED, never PASS.
    expect(slide).toContain('████   █████  █████  █   █   ████  █████  ████');
    expect(slide).toMatch(/REFUSED by web-\d — 400 Bad Request/);
    expect(slide).toContain("✓ matches AWS's behaviour");
    expect(slide).not.toContain('PASS');
    saveCapture('presenter-outcome', slide);

    // A compare preset runs exactly its two scenarios; stepping to a third runs nothing.
    await keys('Escape');
    await keys('Escape');
    await waitForPane(has('mtls-sandbox · Scenarios'), 'the browser again');
    await keys('1');
    const preset = await waitForPane(
      (text) =>
        text.includes('Compare scenarios · nlb-tcp-passthrough ↔ alb-mtls-verify-headers') &&
        text.includes('RESET during the handshake') &&
        text.includes('client verified by: the ALB (trust store)'),
      'the preset NLB passthrough vs ALB verify, both run and drawn',
      150_000,
    );
    expect(preset).toContain('client verified by: the ALB (trust store)');
    expect(preset).toMatch(/■ REFUSED by web-\d/);
    saveCapture('compare-preset', preset);
    await keys('Tab', 'Right');
    const stepped = await waitForPane(
      (text) => !text.includes('↔ alb-mtls-verify-headers') && text.includes('not run yet'),
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
      const next = JSON.parse(readFileSync(paint, 'utf8')) as { at: string; firstPaint: string };
      return next.firstPaint === 'cached-frame';
    }, 'the second start to record its cached first frame');
    const second = JSON.parse(readFileSync(paint, 'utf8')) as { firstPaintMs: number; inkFirstFrameMs: number };
    console.log(
      `TUI first paint, second start: ${second.firstPaintMs} ms (cached frame; Ink: ${second.inkFirstFrameMs} ms)`,
    );
    await keys('q');
    await waitForPane(has('EXITED:0'), 'the second UI to exit with status 0', 30_000);
  }, 420_000);
});
