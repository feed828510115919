// One child process of the host driver: started with execa in its own process group, recorded in a pid file so
// `mtls-sandbox down` can remove what a killed run left behind (down.ts reads the records back).
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { findTool, type Tool } from './binaries.js';
import type { ManagedProcess, ProcessSpec } from './driver.js';
import { StartError } from './errors.js';
import { waitForPort } from './ports.js';
import { pidDir } from './state-dir.js';

export interface PidRecord {
  name: string;
  pid: number;
  executable: string;
  args: string[];
  ownerPid: number;
  startedAt: string;
}

export interface HostProcess extends ManagedProcess {
  /** Resolves once every address in spec.listens accepts connections; else stops the process and throws StartError. */
  ready(): Promise<void>;
  /** Stops the process group (SIGTERM, then SIGKILL after 3 s) and removes the pid file. */
  stop(): Promise<void>;
  /** SIGKILL to the group and the pid file removed, synchronously (the exit hook). */
  killNow(): void;
}

/**
 * Spawns a process component and writes its pid file; `onUnexpectedExit` is called when it exits after it was
 * ready and before stop() was called.
 */
export function spawnHostProcess(spec: ProcessSpec, state: string, onUnexpectedExit: () => void): HostProcess {
  if (!spec.executable && spec.tool === 'localstack')
    throw new StartError(`${spec.name}: no executable given for LocalStack.`);
  const executable = spec.executable ?? findTool(spec.tool as Tool);
  // A file descriptor, not a pipe, so the child keeps logging if this process dies. (The literal type is
  // only for execa's typings, which accept fd numbers but not a plain `number`.)
  const log = openSync(spec.logFile, 'a') as 3;
  // detached: the child leads its own process group, so stopping it also stops nginx's workers.
  const child = execa(executable, spec.args, {
    cwd: spec.cwd,
    detached: true,
    cleanup: false,
    reject: false,
    stdin: 'ignore',
    stdout: log,
    stderr: log,
    ...(spec.env ? { env: spec.env } : {}),
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new StartError(`${spec.name}: ${executable} could not be started.`);
  let hasExited = false;
  let isReady = false;
  let stopRequested = false;
  const exitedPromise = child.then(() => {
    hasExited = true;
    if (isReady && !stopRequested) onUnexpectedExit();
  });
  const pidFile = join(pidDir(state), `${spec.name}.${pid}.json`);
  const record: PidRecord = {
    name: spec.name,
    pid,
    executable,
    args: spec.args,
    ownerPid: process.pid,
    startedAt: new Date().toISOString(),
  };
  mkdirSync(pidDir(state), { recursive: true });
  writeFileSync(pidFile, JSON.stringify(record, null, 1));
  const stop = async () => {
    stopRequested = true;
    await stopGroup(pid, exitedPromise, () => hasExited);
    rmSync(pidFile, { force: true });
  };
  return {
    spec,
    pid,
    exited: () => hasExited,
    stop,
    killNow: () => {
      if (hasExited) return;
      signalGroup(pid, 'SIGKILL');
      rmSync(pidFile, { force: true });
    },
    ready: async () => {
      for (const address of spec.listens) {
        const outcome = await waitForPort(address.host, address.port, {
          timeoutMs: spec.startTimeoutMs ?? 10_000,
          gone: () => hasExited,
        });
        if (outcome !== 'ready') {
          await stop();
          throw new StartError(await explainFailedStart(spec, address, outcome));
        }
      }
      isReady = true;
    },
  };
}

async function stopGroup(pid: number, exited: Promise<void>, hasExited: () => boolean): Promise<void> {
  if (hasExited()) return;
  signalGroup(pid, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 3000))),
  ]);
  clearTimeout(timer);
  if (!stopped) {
    signalGroup(pid, 'SIGKILL');
    await exited;
  }
  // nginx workers are in the same group; make sure none outlives its master.
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

async function explainFailedStart(
  spec: ProcessSpec,
  address: { host: string; port: number },
  outcome: 'exited' | 'timeout',
): Promise<string> {
  const log = await readFile(spec.logFile, 'utf8').catch(() => '');
  const tail = log.trim().split('\n').slice(-5).join('\n    ');
  const where = `${address.host}:${address.port}`;
  if (/Address already in use|cannot bind socket/i.test(log)) {
    return `${spec.name} (${spec.tool}) could not listen on ${where}: the port is already in use. Run \`mtls-sandbox down\` to stop what an earlier run left behind, or stop the process holding the port (\`ss -ltnp 'sport = :${address.port}'\` shows it), then try again.\n    ${tail}`;
  }
  if (outcome === 'exited') {
    return `${spec.name} (${spec.tool}) exited while starting. Its log (${spec.logFile}) ends with:\n    ${tail}`;
  }
  return `${spec.name} (${spec.tool}) did not accept connections on ${where} within ${(spec.startTimeoutMs ?? 10_000) / 1000} s. See ${spec.logFile}.`;
}

/** Every pid file in the state dir, for `down`. Unreadable ones are removed. */
export function readPidRecords(state: string): { file: string; record: PidRecord }[] {
  const dir = pidDir(state);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: { file: string; record: PidRecord }[] = [];
  for (const name of names.filter((file) => file.endsWith('.json'))) {
    const file = join(dir, name);
    try {
      out.push({ file, record: JSON.parse(readFileSync(file, 'utf8')) as PidRecord });
    } catch {
      rmSync(file, { force: true });
    }
  }
  return out;
}
