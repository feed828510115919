// The real UI in a real terminal (tmux): open it, run nlb-tcp-passthrough, compare, quit — and nothing is left
// running afterwards. Syncs by polling the pane for text, each wait with a deadline.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    const command = `${env.join(' ')} node ${BIN}; echo "EXITED:$?"; sleep 120`;
    const started = await tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', SESSION, '-c', ROOT, command);
    expect(started.exitCode, started.stderr).toBe(0);
  });

  afterAll(async () => {
    // Whatever happened: no tmux session, and nothing of this state dir left running.
    await tmux('kill-session', '-t', SESSION);
    await tmux('kill-server');
    await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state }, reject: false });
    rmSync(state, { recursive: true, force: true });
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
    expect(run).toMatch(/✓ no-certificate +HTTP 400/);
    expect(run).toMatch(/✓ clientA-certificate +HTTP 200/);

    await keys('c');
    const compare = await waitForPane(
      has('Compare probes · nlb-tcp-passthrough', 'CertificateRequest'),
      'the comparison',
    );
    expect(compare).toMatch(/▶ ✓ no-certificate +│ +✓ clientA-certificate/);
    expect(compare).toMatch(/Client Certificate: empty.*≠.*Client Certificate: curl sends/);

    await keys('q');
    await waitForPane(has('EXITED:0'), 'the UI to exit with status 0', 30_000);
    expect(await ourServers()).toEqual([]);

    // The first paint was measured and recorded.
    const paint = join(state, 'tui-first-paint.json');
    expect(existsSync(paint)).toBe(true);
    const record = JSON.parse(readFileSync(paint, 'utf8')) as { firstPaintMs: number };
    expect(record.firstPaintMs).toBeGreaterThan(0);
    console.log(`TUI first paint: ${record.firstPaintMs} ms from process start`);
  }, 240_000);
});
