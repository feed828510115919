// How fast the command line and the terminal UI are there: `list` and `--help` wall time (a new process each),
// and the TUI's first paint and time to interactive, opened in a pseudo-terminal (util-linux `script`) as a user
// opens it, with a key typed at once: the time until the UI has handled that key.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';

export interface StartupSpeed {
  /** Median wall time of `mtls-sandbox list` (ms), and every run's. */
  listMs: number;
  listRuns: number[];
  helpMs: number;
  helpRuns: number[];
  /** The TUI's own record of its first frame, from process start (ms); null when no terminal could be made. */
  tuiFirstPaintMs: number | null;
  tuiRuns: number[];
  /** From process start until the UI handled a key typed at launch (ms): time to interactive; null as above. */
  tuiInteractiveMs: number | null;
  tuiInteractiveRuns: number[];
  /** Whether the bin ran the compiled dist/ (a fresh build) or the TypeScript through tsx. */
  compiled: boolean;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

export async function benchStartup(options: { root: string; stateDir: string; runs: number }): Promise<StartupSpeed> {
  const env = { ...process.env, MTLS_SANDBOX_STATE: options.stateDir, NO_COLOR: '1' };
  // What a user has after npm install: dist/ built from the sources as they are.
  await execa('node', ['scripts/build.mjs', '--if-stale'], { cwd: options.root, stdio: 'inherit' });
  const timed = async (args: string[]): Promise<number> => {
    const started = performance.now();
    const result = await execa('node', ['bin/mtls-sandbox.js', ...args], { cwd: options.root, env, reject: false });
    if (result.exitCode !== 0) throw new Error(`mtls-sandbox ${args.join(' ')} exited ${result.exitCode}`);
    return Math.round(performance.now() - started);
  };
  const listRuns: number[] = [];
  const helpRuns: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    listRuns.push(await timed(['list']));
    helpRuns.push(await timed(['--help']));
  }
  const tuiRuns: number[] = [];
  const tuiInteractiveRuns: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const { firstPaintMs, firstKeyMs } = await tuiSession(options.root, env, options.stateDir);
    if (firstPaintMs !== null) tuiRuns.push(firstPaintMs);
    if (firstKeyMs !== null) tuiInteractiveRuns.push(firstKeyMs);
  }
  const { compiledMain } = (await import(join(options.root, 'bin', 'compiled.js'))) as {
    compiledMain: () => string | null;
  };
  return {
    listMs: median(listRuns),
    listRuns,
    helpMs: median(helpRuns),
    helpRuns,
    tuiFirstPaintMs: tuiRuns.length ? median(tuiRuns) : null,
    tuiRuns,
    tuiInteractiveMs: tuiInteractiveRuns.length ? median(tuiInteractiveRuns) : null,
    tuiInteractiveRuns,
    compiled: compiledMain() !== null,
  };
}

/** A key the browser does nothing with: handled (and timed) without starting anything. */
const IDLE_KEY = '~';

/**
 * Opens the TUI in a pseudo-terminal and types a key at once, as an impatient user does; waits for the UI's records
 * of its first paint and of the first key it handled (cli/tui/launch.tsx), then quits it with "q". The key waits in
 * the terminal until the UI reads it, so the second record is the time to interactive.
 */
async function tuiSession(
  root: string,
  env: NodeJS.ProcessEnv,
  stateDir: string,
): Promise<{ firstPaintMs: number | null; firstKeyMs: number | null }> {
  const paintRecord = join(stateDir, 'tui-first-paint.json');
  const keyRecord = join(stateDir, 'tui-first-key.json');
  rmSync(paintRecord, { force: true });
  rmSync(keyRecord, { force: true });
  const child = execa('script', ['-qfec', 'node bin/mtls-sandbox.js', '/dev/null'], {
    cwd: root,
    env: { ...env, COLUMNS: '100', LINES: '30', TERM: 'xterm-256color' },
    reject: false,
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'ignore',
  });
  child.stdin?.write(IDLE_KEY);
  const read = <T>(file: string, field: keyof T): number | null => {
    if (!existsSync(file)) return null;
    try {
      return JSON.parse(readFileSync(file, 'utf8'))[field] as number;
    } catch {
      return null; // still being written
    }
  };
  let firstPaintMs: number | null = null;
  let firstKeyMs: number | null = null;
  try {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && (firstPaintMs === null || firstKeyMs === null)) {
      firstPaintMs ??= read<{ firstPaintMs: number }>(paintRecord, 'firstPaintMs');
      firstKeyMs ??= read<{ firstKeyMs: number }>(keyRecord, 'firstKeyMs');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { firstPaintMs, firstKeyMs };
  } finally {
    child.stdin?.write('q');
    const quit = setTimeout(() => child.kill('SIGTERM'), 3000);
    await child;
    clearTimeout(quit);
  }
}
