// A LocalStack that stays between runs (`mtls-sandbox localstack start|stop|status`). `start` launches a keeper: a
// detached `mtls-sandbox localstack start --foreground`, which starts LocalStack in host mode through the host driver
// (its own process group and pid file), registers as a run (so `mtls-sandbox down` stops it like any other) and
// writes kept.json once LocalStack is healthy. Runs with `--localstack auto` then find it at 127.0.0.1:4566 and use
// it as it is. Nothing is signalled unless the keeper's pid, start time and command line are still the recorded ones.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomically } from '../runtime/pid-records.js';
import { identify, isStillRunning, type RecordedIdentity, selfIdentity } from '../os/process-identity.js';
import type { Driver } from '../runtime/driver.js';
import { StartError } from '../runtime/errors.js';
import { msg } from '../messages.js';
import { endpointFromEnv, LocalStackClient, type Health } from './client.js';
import { startHostLocalStack } from './host.js';

/** Where runs look for a LocalStack (AWS_ENDPOINT_URL or LOCALSTACK_HOST, else 127.0.0.1:4566): the kept one goes
 * there, so `auto` finds it. Only a loopback port is ours to listen on. */
export function keptPort(env: NodeJS.ProcessEnv = process.env): number {
  const url = new URL(endpointFromEnv(env));
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new StartError(
      `Runs look for LocalStack at ${url.origin} (AWS_ENDPOINT_URL or LOCALSTACK_HOST), which is not this machine's loopback: a kept LocalStack listens on 127.0.0.1 only. Unset it, or point it at 127.0.0.1.`,
      msg('start.kept-not-loopback', { origin: url.origin }),
    );
  return Number(url.port || 4566);
}

export interface KeptRecord extends RecordedIdentity {
  port: number;
  endpoint: string;
  startedAt: string;
  logFile: string;
  version: string;
}

export type KeptStatus =
  | { state: 'running'; record: KeptRecord; health: Health }
  /** The keeper lives but LocalStack does not answer (starting, or stuck). */
  | { state: 'unhealthy'; record: KeptRecord }
  | { state: 'stopped' };

const keptFile = (stateDir: string): string => join(stateDir, 'localstack', 'kept.json');
export const keeperLog = (stateDir: string): string => join(stateDir, 'localstack', 'keeper.log');

/** The keeper's record if its process is still the recorded one; a stale record is removed. */
export function readKept(stateDir: string): KeptRecord | null {
  const file = keptFile(stateDir);
  if (!existsSync(file)) return null;
  let record: KeptRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as KeptRecord;
  } catch {
    rmSync(file, { force: true });
    return null;
  }
  if (isStillRunning(record)) return record;
  rmSync(file, { force: true });
  return null;
}

export async function keptStatus(stateDir: string): Promise<KeptStatus> {
  const record = readKept(stateDir);
  if (!record) return { state: 'stopped' };
  const health = await new LocalStackClient(record.endpoint).health(2000);
  return health ? { state: 'running', record, health } : { state: 'unhealthy', record };
}

/**
 * The keeper's own work (`localstack start --foreground`): LocalStack through the given driver's start, then the
 * record; resolves once it is healthy. The caller keeps the process alive and stops the driver on a signal.
 */
export async function keepHere(stateDir: string, driver: Driver): Promise<{ record: KeptRecord }> {
  const running = readKept(stateDir);
  if (running && running.pid !== process.pid)
    throw new StartError(
      `A kept LocalStack already runs (pid ${running.pid}, ${running.endpoint}): \`mtls-sandbox localstack stop\` first.`,
      msg('start.kept-running', { pid: running.pid, endpoint: running.endpoint }),
    );
  const port = keptPort();
  const host = await startHostLocalStack({ stateDir, port, driver, timeoutMs: 90_000 });
  const self = selfIdentity();
  const record: KeptRecord = {
    pid: self.pid,
    startTime: self.startTime,
    cmdline: self.cmdline,
    bootId: self.bootId,
    port,
    endpoint: `http://127.0.0.1:${port}`,
    startedAt: new Date().toISOString(),
    logFile: host.logFile,
    version: host.health.version,
  };
  mkdirSync(join(stateDir, 'localstack'), { recursive: true });
  writeJsonAtomically(keptFile(stateDir), record);
  // Gone with the keeper, whichever way it ends.
  process.on('exit', () => {
    if (readKeptRaw(stateDir)?.pid === process.pid) rmSync(keptFile(stateDir), { force: true });
  });
  return { record };
}

function readKeptRaw(stateDir: string): KeptRecord | null {
  try {
    return JSON.parse(readFileSync(keptFile(stateDir), 'utf8')) as KeptRecord;
  } catch {
    return null;
  }
}

/**
 * `localstack start`: a keeper in the background, detached from this terminal; resolves once LocalStack answers
 * healthy. `command` is how to run this CLI again (node and its script).
 */
export async function startKept(
  stateDir: string,
  command: { executable: string; args: string[] },
  timeoutMs = 120_000,
): Promise<{ record: KeptRecord; already: boolean }> {
  const running = readKept(stateDir);
  if (running) return { record: running, already: true };
  const port = keptPort();
  const other = await new LocalStackClient(`http://127.0.0.1:${port}`).health(1500);
  if (other)
    throw new StartError(
      `A LocalStack that is not the sandbox's answers on 127.0.0.1:${port} already; runs use it as it is (--localstack auto). Stop it where it was started to keep one of ours.`,
      msg('start.kept-other', { port }),
    );
  mkdirSync(join(stateDir, 'localstack'), { recursive: true });
  const log = openSync(keeperLog(stateDir), 'w');
  const keeper = spawn(command.executable, [...command.args, 'localstack', 'start', '--foreground'], {
    detached: true, // its own session: Ctrl-C here, or this terminal closing, does not reach it
    stdio: ['ignore', log, log],
    env: { ...process.env, MTLS_SANDBOX_STATE: stateDir },
  });
  closeSync(log);
  let exit: number | null | undefined;
  keeper.once('exit', (code) => {
    exit = code;
  });
  keeper.unref();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit !== undefined) {
      const last = tail(keeperLog(stateDir));
      throw new StartError(
        `The LocalStack keeper exited (status ${exit}) before LocalStack was healthy. Its log (${keeperLog(stateDir)}) ends with:\n    ${last}`,
        msg('start.keeper-exited', { status: exit, log: keeperLog(stateDir), tail: last }),
      );
    }
    const record = readKept(stateDir);
    if (record && record.pid === keeper.pid) return { record, already: false };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Ours, just started: stop it rather than leave a half-started LocalStack behind.
  if (keeper.pid && identify(keeper.pid)) process.kill(keeper.pid, 'SIGTERM');
  throw new StartError(
    `LocalStack was not healthy within ${timeoutMs / 1000} s; the keeper was stopped. See ${keeperLog(stateDir)}.`,
    msg('start.kept-timeout', { seconds: timeoutMs / 1000, log: keeperLog(stateDir) }),
  );
}

/** `localstack stop`: SIGTERM to the verified keeper (it stops LocalStack), SIGKILL to it if it does not go. */
export async function stopKept(stateDir: string, waitMs = 20_000): Promise<KeptRecord | null> {
  const record = readKept(stateDir);
  if (!record) return null;
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline && isStillRunning(record)) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isStillRunning(record)) process.kill(record.pid, 'SIGKILL');
  rmSync(keptFile(stateDir), { force: true });
  return record;
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-8).join('\n    ');
  } catch {
    return '(no log)';
  }
}
