// `mtls-sandbox down`: stop every run of this state dir and everything it holds, then whatever a killed run left
// behind. A live run (its runner record, run-registry.ts) is asked to stop with SIGTERM: it stops its own child
// processes, containers and in-process servers (the ALB emulator, the echo target) and exits. Then each pid file's
// process is stopped. Nothing is signalled unless its pid, start time, boot and command line are still the recorded
// ones (process-identity.ts): a pid reused by another process — after a reboot, the system's own nginx — is left alone.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { type PidRecord, scanPidRecords } from './pid-records.js';
import { groupMembers, identify, isStillRunning, type RecordedIdentity } from '../os/process-identity.js';
import { readRunners, type RunnerRecord } from './run-registry.js';

export interface DownResult {
  /** Live runs stopped: asked with SIGTERM (`stopped`), or killed when they did not stop in time. */
  runs: { record: RunnerRecord; how: 'stopped' | 'killed' }[];
  /** Processes stopped: each has exited (its whole process group) when `down` returns. */
  stopped: PidRecord[];
  /**
   * Runs and processes still there after SIGTERM, SIGKILL and the bounded wait (a process stuck in the kernel):
   * their records are kept, so the next `down` tries again.
   */
  stillRunning: { name: string; pid: number; file: string; waitedMs: number }[];
  /** Recorded processes that are no longer there (their pid may now be someone else's: not touched). */
  alreadyGone: PidRecord[];
  /** Records without a start time (written by an older mtls-sandbox): cannot be told from a reused pid, so kept. */
  unverifiable: { file: string; record: PidRecord }[];
  /** Unreadable records, removed. */
  invalid: string[];
}

/** How long a run gets to stop its components after SIGTERM (nginx gets 3 s, LocalStack more). */
const RUN_STOP_MS = 20_000;
const PROCESS_STOP_MS = 3_000;
/** How long a process gets to be gone after SIGKILL: the kernel frees a large one (LocalStack) in well under this. */
const KILL_WAIT_MS = 10_000;

export async function down(state: string, options: { runStopMs?: number } = {}): Promise<DownResult> {
  const result: DownResult = {
    runs: [],
    stopped: [],
    stillRunning: [],
    alreadyGone: [],
    unverifiable: [],
    invalid: [],
  };
  const { runners, invalid } = readRunners(state);
  result.invalid.push(...invalid);
  await Promise.all(
    runners.map(async ({ file, record }) => {
      if (record.pid === process.pid) return;
      if (isStillRunning(record)) {
        const started = performance.now();
        const how = await stopRun(record, options.runStopMs);
        if (how === 'still-running') {
          result.stillRunning.push({ name: 'run', pid: record.pid, file, waitedMs: elapsed(started) });
          return;
        }
        result.runs.push({ record, how });
      }
      rmSync(file, { force: true });
    }),
  );
  // What the runs stopped has removed its own pid files; what is left was left behind.
  const scanned = scanPidRecords(state);
  result.invalid.push(...scanned.invalid);
  for (const { file, record } of scanned.records) {
    if (!record.startTime || !record.cmdline) {
      result.unverifiable.push({ file, record });
      continue;
    }
    if (isStillRunning(record)) {
      const started = performance.now();
      if (!(await stopGroup(record))) {
        result.stillRunning.push({ name: record.name, pid: record.pid, file, waitedMs: elapsed(started) });
        continue;
      }
      result.stopped.push(record);
    } else {
      result.alreadyGone.push(record);
    }
    rmSync(file, { force: true });
  }
  return result;
}

const elapsed = (started: number): number => Math.round(performance.now() - started);

/**
 * SIGTERM to the runner (its handlers stop everything it holds); SIGKILL if it is still there after the wait; then
 * a bounded wait until it has exited.
 */
async function stopRun(record: RunnerRecord, waitMs = RUN_STOP_MS): Promise<'stopped' | 'killed' | 'still-running'> {
  signalVerified(record, 'SIGTERM', false);
  if (await gone([record], waitMs)) return 'stopped';
  signalVerified(record, 'SIGKILL', false);
  return (await gone([record], KILL_WAIT_MS)) ? 'killed' : 'still-running';
}

/**
 * SIGTERM to the process group, SIGKILL after PROCESS_STOP_MS; nginx's workers are in the group too. Resolves once
 * the process and what is left of its group have exited (true), or with false when they are still there after
 * KILL_WAIT_MS.
 */
async function stopGroup(record: PidRecord): Promise<boolean> {
  signalVerified(record, 'SIGTERM', true);
  if (!(await gone([record], PROCESS_STOP_MS))) signalVerified(record, 'SIGKILL', true);
  // A worker the master left behind is still in its group; one by one, and only what looks like it.
  const tool = basename(record.executable);
  const members = groupMembers(record.pid).flatMap((pid) => {
    const member = identify(pid);
    return member && Number(member.startTime) >= Number(record.startTime) && member.cmdline.includes(tool)
      ? [member]
      : [];
  });
  for (const member of members) if (member.pid !== record.pid) signal(member.pid, 'SIGKILL');
  return gone([record, ...members], KILL_WAIT_MS);
}

/** Signals the recorded process (its group when `group`) only if it still is the recorded process. */
function signalVerified(record: PidRecord | RunnerRecord, name: NodeJS.Signals, group: boolean): void {
  if (!isStillRunning(record)) return;
  if (!group || !signal(-record.pid, name)) signal(record.pid, name);
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** Polls until none of the processes runs (a zombie has exited: its parent reaps it), or waitMs has passed. */
async function gone(processes: RecordedIdentity[], waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    if (!processes.some(isStillRunning)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return !processes.some(isStillRunning);
}
