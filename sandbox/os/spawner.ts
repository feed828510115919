// Short-lived commands (a probe's curl) started by a small helper process instead of this one. Starting a process
// forks its parent: from this process (100+ MB, the emulators' heap) that costs a few milliseconds of page-table
// copying, and Node waits, event loop blocked, until the child has exec'd — while the in-process emulators have
// connections to serve. The helper is a bare Node (a few MB of heap) that forks cheaply and waits in our stead.
//
// It ends with this process: when the channel closes (this process exited or was killed) or on SIGTERM, it kills
// the commands it runs and exits. If it cannot start or dies, commands run from this process as before.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Collected } from './collected.js';

/** The helper, as source for `node -e` (no file to find next to the code, compiled or not). */
const HELPER = `
const { spawn } = require('node:child_process');
const { StringDecoder } = require('node:string_decoder');
const running = new Set();
const stopAll = () => { for (const child of running) child.kill('SIGKILL'); process.exit(0); };
process.on('disconnect', stopAll);
process.on('SIGTERM', stopAll);
// Ctrl-C reaches the whole process group: the sandbox process decides, and its exit ends this one.
process.on('SIGINT', () => {});
process.on('message', (m) => {
  let child;
  try {
    child = spawn(m.file, m.args, { env: m.env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    return process.send({ id: m.id, exitCode: null, stdout: '', stderr: '', all: '', timedOut: false, startError: error.code || String(error) });
  }
  const dec = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  const text = { stdout: '', stderr: '' };
  let all = '';
  const take = (s, chunk) => { const part = chunk ? dec[s].write(chunk) : dec[s].end(); text[s] += part; all += part; };
  child.stdout.on('data', (c) => take('stdout', c));
  child.stderr.on('data', (c) => take('stderr', c));
  let timedOut = false, killer, done = false;
  const timer = setTimeout(() => { timedOut = true; child.kill('SIGTERM'); killer = setTimeout(() => child.kill('SIGKILL'), 5000); }, m.timeoutMs);
  const finish = (exitCode, startError) => {
    if (done) return;
    done = true;
    clearTimeout(timer); clearTimeout(killer); running.delete(child);
    take('stdout', null); take('stderr', null);
    process.send({ id: m.id, exitCode, stdout: text.stdout, stderr: text.stderr, all, timedOut, startError });
  };
  child.once('error', (error) => { if (child.pid === undefined) finish(null, error.code || error.message); });
  child.once('close', (code) => finish(code, null));
  if (child.pid !== undefined) running.add(child);
});
`;

interface Request {
  resolve(collected: Collected): void;
  fallback(): void;
  /** The helper was stopped while it ran the command: it was killed. */
  stopped(): void;
}

let exitHookInstalled = false;

let helper: ChildProcess | null = null;
/** The helper could not run here: every command runs from this process. */
let unavailable = false;
const pending = new Map<number, Request>();
let nextId = 0;

function startHelper(): ChildProcess | null {
  if (helper || unavailable) return helper;
  try {
    const child = spawn(process.execPath, ['-e', HELPER], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    child.on('message', (message: Collected & { id: number }) => {
      const request = pending.get(message.id);
      pending.delete(message.id);
      idleWhenDone(child);
      const { id: _id, ...collected } = message;
      request?.resolve(collected);
    });
    const gone = () => {
      const stopped = helper !== child; // by stopSpawner: the run is over or stopping
      if (!stopped) {
        helper = null;
        unavailable = true;
      }
      // What it was running ended with it: run again from this process, unless the run is stopping.
      for (const request of pending.values()) (stopped ? request.stopped : request.fallback)();
      pending.clear();
    };
    child.once('exit', gone);
    child.once('error', gone);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', () => helper?.kill('SIGTERM'));
    }
    helper = child;
    idleWhenDone(child);
    return child;
  } catch {
    unavailable = true;
    return null;
  }
}

/** The helper keeps this process alive only while it runs something for it. */
function idleWhenDone(child: ChildProcess): void {
  if (pending.size > 0) {
    child.ref();
    child.channel?.ref();
  } else {
    child.unref();
    child.channel?.unref();
  }
}

/** The helper's pid while it runs (for tests). */
export const spawnerPid = (): number | null => helper?.pid ?? null;

/** Stops the helper and waits until it has exited (what it ran has ended with it); the next command starts a new one. */
export async function stopSpawner(): Promise<void> {
  const child = helper;
  if (!child) return;
  helper = null;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.ref(); // this process waits for it to exit (unreferenced, it would end first)
  child.disconnect();
  await exited;
}

/**
 * Runs `file` through the helper; `direct` runs it from this process when the helper is not there (or died while it
 * ran the command).
 */
export function runThroughHelper(
  file: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs: number },
  direct: () => Promise<Collected>,
): Promise<Collected> {
  const child = startHelper();
  if (!child) return direct();
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, {
      resolve,
      fallback: () => direct().then(resolve, reject),
      stopped: () => resolve({ exitCode: null, stdout: '', stderr: '', all: '', timedOut: false, startError: null }),
    });
    idleWhenDone(child);
    child.send({ id, file, args, env: options.env, timeoutMs: options.timeoutMs }, (error) => {
      if (!error || !pending.has(id)) return;
      pending.delete(id);
      direct().then(resolve, reject);
    });
  });
}
