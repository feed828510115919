// How fast the command line and the terminal UI are there: `list` and `--help` wall time (a new process each),
// and the TUI's first paint, opened in a pseudo-terminal (util-linux `script`) as a user opens it.
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
  for (let i = 0; i < options.runs; i++) {
    const paint = await tuiFirstPaint(options.root, env, options.stateDir);
    if (paint !== null) tuiRuns.push(paint);
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
    compiled: compiledMain() !== null,
  };
}

/** Opens the TUI in a pseudo-terminal, waits for its first-paint record, then quits it with "q". */
async function tuiFirstPaint(root: string, env: NodeJS.ProcessEnv, stateDir: string): Promise<number | null> {
  const record = join(stateDir, 'tui-first-paint.json');
  rmSync(record, { force: true });
  const child = execa('script', ['-qfec', 'node bin/mtls-sandbox.js', '/dev/null'], {
    cwd: root,
    env: { ...env, COLUMNS: '100', LINES: '30', TERM: 'xterm-256color' },
    reject: false,
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'ignore',
  });
  try {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (existsSync(record)) {
        try {
          return (JSON.parse(readFileSync(record, 'utf8')) as { firstPaintMs: number }).firstPaintMs;
        } catch {
          // still being written
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return null;
  } finally {
    child.stdin?.write('q');
    const quit = setTimeout(() => child.kill('SIGTERM'), 3000);
    await child;
    clearTimeout(quit);
  }
}
