// `mtls-sandbox down`: stop every run of this state dir and everything it holds, then whatever a killed run left
// behind. A live run (its runner record, run-registry.ts) is asked to stop with SIGTERM: it stops its own child
// processes, containers and in-process servers (the ALB emulator, the echo target) and exits. Then each pid file's
// process is stopped. Nothing is signalled unless its pid, start time, boot and command line are still the recorded
// ones (process-identity.ts): a pid reused by another process — after a reboot, the system's own nginx — is left alone.
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { type PidRecord, scanPidRecords } from './pid-records.js';
import { groupMembers, identify, isStillRunning } from '../os/process-identity.js';
import { readRunners, type RunnerRecord } from './run-registry.js';

export interface DownResult {
  /** Live runs stopped: asked with SIGTERM (`stopped`), or killed when they did not stop in time. */
  runs: { record: RunnerRecord; how: 'stopped' | 'killed' }[];
  stopped: PidRecord[];
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

export async function down(state: string, options: { runStopMs?: number } = {}): Promise<DownResult> {
  const result: DownResult = { runs: [], stopped: [], alreadyGone: [], unverifiable: [], invalid: [] };
  const { runners, invalid } = readRunners(state);
  result.invalid.push(...invalid);
  await Promise.all(
    runners.map(async ({ file, record }) => {
      if (record.pid === process.pid) return;
      if (isStillRunning(record)) result.runs.push({ record, how: await stopRun(record, options.runStopMs) });
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
      await stopGroup(record);
      result.stopped.push(record);
    } else {
      result.alreadyGone.push(record);
    }
    rmSync(file, { force: true });
  }
  return result;
}

/** SIGTERM to the runner (its handlers stop everything it holds); SIGKILL if it is still there after the wait. */
async function stopRun(record: RunnerRecord, waitMs = RUN_STOP_MS): Promise<'stopped' | 'killed'> {
  signalVerified(record, 'SIGTERM', false);
  if (await gone(record, waitMs)) return 'stopped';
  signalVerified(record, 'SIGKILL', false);
  await gone(record, 1000);
  return 'killed';
}

/** SIGTERM to the process group, SIGKILL after PROCESS_STOP_MS; nginx's workers are in the group too. */
async function stopGroup(record: PidRecord): Promise<void> {
  signalVerified(record, 'SIGTERM', true);
  if (!(await gone(record, PROCESS_STOP_MS))) {
    signalVerified(record, 'SIGKILL', true);
    await gone(record, 1000);
  }
  // A worker the master left behind is still in its group; one by one, and only what looks like it.
  for (const pid of groupMembers(record.pid)) {
    const member = identify(pid);
    const tool = basename(record.executable);
    if (member && Number(member.startTime) >= Number(record.startTime) && member.cmdline.includes(tool))
      signal(pid, 'SIGKILL');
  }
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

async function gone(record: PidRecord | RunnerRecord, waitMs: number): Promise<boolean> {
  for (let waited = 0; waited < waitMs; waited += 50) {
    if (!isStillRunning(record)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isStillRunning(record);
}
