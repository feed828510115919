// Runs a short-lived command (a probe's curl) and keeps what it printed: stdout, stderr, and both interleaved in the
// order they arrived. Plain child_process rather than execa: a run starts hundreds of these, and execa's stream
// machinery cost about as much CPU per command as the spawn itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Collected } from './collected.js';
import { runThroughHelper } from './spawner.js';

export type { Collected } from './collected.js';

/** After the timeout's SIGTERM, how long a command gets before SIGKILL. */
const KILL_AFTER_MS = 5000;

/** Commands still running, stopped if this process exits first: none is left behind. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export function runCollected(
  file: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Collected> {
  if (process.env.MTLS_SANDBOX_SPAWN_HELPER === '0') return runHere(file, args, options);
  return runThroughHelper(file, args, options, () => runHere(file, args, options));
}

/** Runs the command from this process. */
export function runHere(
  file: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<Collected> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const child of running) child.kill('SIGKILL');
    });
  }
  return new Promise((resolve) => {
    const child = spawn(file, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    const text = { stdout: '', stderr: '' };
    let all = '';
    const take = (stream: 'stdout' | 'stderr', chunk: Buffer | null) => {
      const part = chunk ? out[stream].write(chunk) : out[stream].end();
      text[stream] += part;
      all += part;
    };
    child.stdout!.on('data', (chunk: Buffer) => take('stdout', chunk));
    child.stderr!.on('data', (chunk: Buffer) => take('stderr', chunk));
    let timedOut = false;
    let killer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    }, options.timeoutMs);
    let done = false;
    const finish = (exitCode: number | null, startError: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(killer);
      running.delete(child);
      take('stdout', null);
      take('stderr', null);
      resolve({ exitCode, stdout: text.stdout, stderr: text.stderr, all, timedOut, startError });
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      // Only a command that never started ends here; a running one ends with 'close'.
      if (child.pid === undefined) finish(null, error.code ?? error.message);
    });
    // 'close': the process has exited and both pipes are drained.
    child.once('close', (code) => finish(code, null));
    if (child.pid !== undefined) running.add(child);
  });
}
