// One child process of the host driver: started with execa in its own process group, recorded in a pid file (with
// its start time and command line, so `mtls-sandbox down` can remove what a killed run left behind and never a
// process that merely reuses the pid), and ready only once *it* listens on its ports (port-owner.ts).
import { closeSync, openSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';
import { list, msg } from '../messages.js';
import { findTool, type Tool } from './binaries.js';
import type { ManagedProcess, ProcessSpec } from './driver.js';
import { PortInUseError, StartError } from './errors.js';
import { type PidRecord, writePidRecord } from './pid-records.js';
import { describePortHolder, holderParts } from './port-holder.js';
import { waitForOwnListener } from './ports.js';
import { bootId, groupMembers, identify, selfIdentity } from '../os/process-identity.js';
import { thisRun } from './run-registry.js';

export type { PidRecord } from './pid-records.js';
export { readPidRecords } from './pid-records.js';

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
  if (pid === undefined)
    throw new StartError(
      `${spec.name}: ${executable} could not be started.`,
      msg('start.cannot-start', { name: spec.name, executable }),
    );
  let hasExited = false;
  let isReady = false;
  let stopRequested = false;
  const exitedPromise = child.then(() => {
    hasExited = true;
    if (isReady && !stopRequested) onUnexpectedExit();
  });
  const self = selfIdentity();
  const record: PidRecord = {
    name: spec.name,
    pid,
    // Read at once: the start time is the kernel's, the command line what was executed (nginx later prefixes it
    // with "nginx: master process ").
    startTime: identify(pid)?.startTime ?? '',
    cmdline: [executable, ...spec.args].join(' '),
    bootId: bootId(),
    executable,
    args: spec.args,
    runId: thisRun(state).id,
    ownerPid: process.pid,
    owner: { pid: self.pid, startTime: self.startTime, cmdline: self.cmdline, bootId: self.bootId },
    startedAt: new Date().toISOString(),
  };
  const pidFile = writePidRecord(state, record);
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
        const outcome = await waitForOwnListener(address.host, address.port, {
          timeoutMs: spec.startTimeoutMs ?? 10_000,
          gone: () => hasExited,
          // nginx's workers share the master's listening socket: the whole process group is ours. The leader
          // holds it itself, so the group is listed only when it does not.
          ours: () => [pid],
          more: () => groupMembers(pid),
        });
        if (outcome !== 'ready') {
          await stop();
          throw await explainFailedStart(spec, address, outcome, state);
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

/** Signals our child's process group only: never a lone pid, which may belong to someone else once ours is reaped. */
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
  outcome: 'exited' | 'timeout' | { taken: number[] },
  state: string,
): Promise<StartError> {
  const log = await readFile(spec.logFile, 'utf8').catch(() => '');
  const tail = log.trim().split('\n').slice(-5).join('\n    ');
  const where = `${address.host}:${address.port}`;
  if (typeof outcome === 'object') {
    const holder = describePortHolder(state, address.host, address.port, outcome.taken);
    return new PortInUseError(
      `${spec.name} (${spec.tool}) was given ${where}, but another listener answers there: ${holder.who}. ${holder.advice}`,
      address.port,
      outcome.taken,
      list('start.port-answered', { name: spec.name, tool: spec.tool, where }, holderParts(holder)),
    );
  }
  if (/Address already in use|cannot bind socket/i.test(log)) {
    const holder = describePortHolder(state, address.host, address.port);
    return new PortInUseError(
      `${spec.name} (${spec.tool}) could not listen on ${where}: the port is held by ${holder.who}. ${holder.advice}\n    ${tail}`,
      address.port,
      [],
      list('start.port-held', { name: spec.name, tool: spec.tool, where, tail }, holderParts(holder)),
    );
  }
  if (outcome === 'exited') {
    return new StartError(
      `${spec.name} (${spec.tool}) exited while starting. Its log (${spec.logFile}) ends with:\n    ${tail || '(nothing)'}`,
      msg('setup.component-exited', { name: spec.name, tool: spec.tool, log: spec.logFile, tail: tail || '(nothing)' }),
    );
  }
  const seconds = (spec.startTimeoutMs ?? 10_000) / 1000;
  return new StartError(
    `${spec.name} (${spec.tool}) did not accept connections on ${where} within ${seconds} s. See ${spec.logFile}.`,
    msg('setup.component-timeout', { name: spec.name, tool: spec.tool, where, seconds, log: spec.logFile }),
  );
}
