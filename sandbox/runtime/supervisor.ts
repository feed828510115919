// Child processes of a run: started with execa in their own process group, recorded in pid files so
// `mtls-sandbox down` can remove what a killed run left behind, and stopped on every way out.
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { AlbListenerConfig } from '../alb/config.js';
import type { EchoTargetOptions } from '../echo/echo-server.js';
import type { ComponentKind, ComponentReport } from '../report.js';
import { findTool, type Tool } from './binaries.js';
import { waitForPort } from './ports.js';
import { pidDir } from './state-dir.js';

export interface ProcessSpec {
  name: string;
  kind: ComponentKind;
  /** A system tool found with findTool, or 'localstack' (run from its venv: give `executable`). */
  tool: Tool | 'localstack';
  /** Run this file instead of looking `tool` up on PATH (e.g. the LocalStack venv's python). */
  executable?: string;
  /** Extra environment variables for the child. */
  env?: Record<string, string>;
  args: string[];
  cwd: string;
  /** Addresses that accept connections once the process is ready. */
  listens: { host: string; port: number }[];
  /** stdout and stderr go here. */
  logFile: string;
  startTimeoutMs?: number;
}

export interface PidRecord {
  name: string;
  pid: number;
  executable: string;
  args: string[];
  ownerPid: number;
  startedAt: string;
}

export class StartError extends Error {}

export interface ManagedProcess {
  spec: ProcessSpec;
  pid: number;
  exited: () => boolean;
  stop: () => Promise<void>;
}

const live = new Set<Supervisor>();
let exitHookInstalled = false;

export class Supervisor {
  private readonly processes: ManagedProcess[] = [];
  private stopping: Promise<void> | undefined;
  /** Child processes and in-process servers, in start order. */
  private readonly stoppables: { name: string; stop: () => Promise<void> }[] = [];

  /** Which runtime this supervisor is (the docker driver, sandbox/runtime/docker/driver.ts, extends this class). */
  readonly runtime: 'host' | 'docker' = 'host';
  // What another runtime does elsewhere (absent here: the host's tools, and servers in this process).
  /** The version a tool reports where this runtime runs it. */
  toolVersion?(tool: Tool): Promise<string>;
  /** Runs one ALB emulator listener. */
  albListener?(
    config: AlbListenerConfig,
  ): Promise<{ address: { host: string; port: number }; close(): Promise<void>; healthChecked(): Promise<void> }>;
  /** Runs an echo target. */
  echoServer?(options: EchoTargetOptions): Promise<{ address: { host: string; port: number }; close(): Promise<void> }>;
  /** Adds where a component runs (image, container) to its report. */
  decorate?(component: ComponentReport): ComponentReport;

  constructor(private readonly state: string) {
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // Last resort on any exit path that skipped stopAll(): signal every group we started, synchronously.
      process.on('exit', () => {
        for (const supervisor of live) supervisor.killAllNow();
      });
    }
  }

  get running(): readonly ManagedProcess[] {
    return this.processes;
  }

  async start(spec: ProcessSpec): Promise<ManagedProcess> {
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
    const exitedPromise = child.then(() => {
      hasExited = true;
    });
    const pidFile = this.pidFile(spec.name, pid);
    const record: PidRecord = {
      name: spec.name,
      pid,
      executable,
      args: spec.args,
      ownerPid: process.pid,
      startedAt: new Date().toISOString(),
    };
    mkdirSync(pidDir(this.state), { recursive: true });
    writeFileSync(pidFile, JSON.stringify(record, null, 1));
    const managed: ManagedProcess = {
      spec,
      pid,
      exited: () => hasExited,
      stop: async () => {
        await stopGroup(pid, exitedPromise, () => hasExited);
        rmSync(pidFile, { force: true });
      },
    };
    this.processes.push(managed);
    this.stoppables.push({ name: spec.name, stop: managed.stop });

    for (const address of spec.listens) {
      const outcome = await waitForPort(address.host, address.port, {
        timeoutMs: spec.startTimeoutMs ?? 10_000,
        gone: () => hasExited,
      });
      if (outcome !== 'ready') {
        await managed.stop();
        this.processes.splice(this.processes.indexOf(managed), 1);
        this.stoppables.pop();
        throw new StartError(await explainFailedStart(spec, address, outcome));
      }
    }
    return managed;
  }

  /** Stops one process and forgets it (a target being replaced, as ECS replaces a task). */
  async stopProcess(managed: ManagedProcess): Promise<void> {
    await managed.stop();
    const index = this.processes.indexOf(managed);
    if (index >= 0) this.processes.splice(index, 1);
    const stoppable = this.stoppables.findIndex((item) => item.stop === managed.stop);
    if (stoppable >= 0) this.stoppables.splice(stoppable, 1);
  }

  /** Servers running inside this process (ALB emulator, echo targets): stopped with the rest, in order. */
  adopt(name: string, stop: () => Promise<void>): void {
    this.stoppables.push({ name, stop });
  }

  /** Stops everything this supervisor started, newest first (load balancers before their targets). */
  async stopAll(): Promise<void> {
    // Two callers (a signal handler and a finally block) share one stop; the processes stay listed until they
    // are gone, so an exit in the middle still lets the exit hook kill what is left.
    this.stopping ??= (async () => {
      const all = this.stoppables.splice(0).reverse();
      for (const item of all) await item.stop();
      this.processes.splice(0);
      live.delete(this);
      this.stopping = undefined;
    })();
    return this.stopping;
  }

  private killAllNow(): void {
    for (const managed of this.processes) {
      if (managed.exited()) continue;
      try {
        process.kill(-managed.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(this.pidFile(managed.spec.name, managed.pid), { force: true });
    }
  }

  private pidFile(name: string, pid: number): string {
    return join(pidDir(this.state), `${name}.${pid}.json`);
  }
}

/** Stops every supervisor of this process: what Ctrl-C and SIGTERM handlers call before exiting. */
export async function stopEverySupervisor(): Promise<void> {
  for (const supervisor of [...live]) await supervisor.stopAll();
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
