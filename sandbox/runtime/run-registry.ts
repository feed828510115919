// This process as a run of the sandbox in a state dir. While it holds anything — a child process, a container, a
// server inside this process (the ALB emulator, the echo target, any component a driver adopts) — a runner record
// says who it is (pid, start time, command line, boot) and what it holds, so `mtls-sandbox down` can stop it and
// everything with it, and knows never to touch a process that merely reuses its pid.
//
// Each run also gets its own directory (<state>/runs/<run id>/) for the configurations and logs of its scenarios, so
// two runs in one state dir never write each other's files; <state>/scenarios/<id> links to the latest run of a
// scenario. Directories of runs that are over (their owner process gone, nothing of theirs running) are removed when
// a new run starts, except the latest of each scenario: renamed aside at once (<state>/runs/.removing-…), so no one
// finds them any more, and deleted in the background while the run goes on (a few hundred files each, which a
// synchronous delete would make the run wait for). What a run that ended first left of that is deleted by the next.
import { rm } from 'node:fs/promises';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { readPidRecords, writeJsonAtomically } from './pid-records.js';
import { isStillRunning, type RecordedIdentity, selfIdentity } from '../os/process-identity.js';

export interface RunnerRecord extends RecordedIdentity {
  runId: string;
  stateDir: string;
  startedAt: string;
  /** What the run holds now, by name: process components, containers and in-process servers. */
  components: string[];
}

interface RunState {
  id: string;
  dir: string;
  state: string;
  components: string[];
  startedAt: string;
  /** Scenario directories in use by this process (a second prepare of the same scenario gets its own). */
  scenarioDirs: Set<string>;
  /** The runner record is on disk (from the first component held to the last released). */
  recorded: boolean;
  /** A rewrite of the record with the components as they are now, due soon (changes come in bursts). */
  rewrite?: NodeJS.Timeout;
  /** The background deletion of finished runs' directories. */
  pruned: Promise<void>;
}

/** How long a change to the components waits to be written with the next ones: a scenario starts or stops several
 * in a burst. The record itself is written at once when the first is held and removed when the last is released. */
const REWRITE_DELAY_MS = 250;
/** Where a finished run's directory goes while it is deleted in the background. */
const REMOVING = '.removing-';

const runs = new Map<string, RunState>();
let exitHookInstalled = false;

export const runsDir = (state: string): string => join(state, 'runs');
const runnerFile = (run: { dir: string }): string => join(run.dir, 'runner.json');
/** Who owns a run directory (written when it is made): a directory is pruned only once its owner is gone. */
const ownerFile = (run: { dir: string }): string => join(run.dir, 'owner.json');

/** This process's run in `state`: its id and directory (made, and finished runs' directories pruned, on first use). */
export function thisRun(state: string): { id: string; dir: string } {
  const key = resolve(state);
  let run = runs.get(key);
  if (!run) {
    const self = selfIdentity();
    const id = `${self.pid}-${self.startTime || Date.now()}`;
    run = {
      id,
      dir: join(runsDir(key), id),
      state: key,
      components: [],
      startedAt: new Date().toISOString(),
      scenarioDirs: new Set(),
      recorded: false,
      pruned: Promise.resolve(),
    };
    mkdirSync(run.dir, { recursive: true });
    writeJsonAtomically(ownerFile(run), {
      pid: self.pid,
      startTime: self.startTime,
      cmdline: self.cmdline,
      bootId: self.bootId,
    });
    runs.set(key, run);
    run.pruned = pruneFinishedRuns(key, id);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // A run that ends in any way no longer holds anything.
      process.on('exit', () => {
        for (const each of runs.values()) rmSync(runnerFile(each), { force: true });
      });
    }
  }
  return { id: run.id, dir: run.dir };
}

/** Resolves once the directories of finished runs that this process's run set aside are deleted. */
export function prunedRuns(state: string): Promise<void> {
  return runs.get(resolve(state))?.pruned ?? Promise.resolve();
}

/**
 * A component now runs for this process: listed in the runner record. The first is written at once (from then on
 * `down` knows this process holds something); later ones with the next burst of changes, or at flushRunner.
 */
export function holdComponent(state: string, name: string): void {
  thisRun(state);
  const run = runs.get(resolve(state))!;
  run.components.push(name);
  if (run.recorded) rewriteSoon(run);
  else writeRunner(run);
}

/** A component stopped; with nothing left, the runner record goes at once. */
export function releaseComponent(state: string, name: string): void {
  const run = runs.get(resolve(state));
  if (!run) return;
  const index = run.components.indexOf(name);
  if (index >= 0) run.components.splice(index, 1);
  if (run.components.length > 0) return rewriteSoon(run);
  clearTimeout(run.rewrite);
  run.rewrite = undefined;
  run.recorded = false;
  rmSync(runnerFile(run), { force: true });
}

/** Writes the runner record now if a change to its components is still due (a scenario has started). */
export function flushRunner(state: string): void {
  const run = runs.get(resolve(state));
  if (!run?.rewrite) return;
  clearTimeout(run.rewrite);
  run.rewrite = undefined;
  if (run.components.length > 0) writeRunner(run);
}

function rewriteSoon(run: RunState): void {
  run.rewrite ??= setTimeout(() => flushRunner(run.state), REWRITE_DELAY_MS).unref();
}

function writeRunner(run: RunState): void {
  run.recorded = true;
  const self = selfIdentity();
  const record: RunnerRecord = {
    runId: run.id,
    pid: self.pid,
    startTime: self.startTime,
    cmdline: self.cmdline,
    bootId: self.bootId,
    stateDir: run.state,
    startedAt: run.startedAt,
    components: [...run.components],
  };
  writeJsonAtomically(runnerFile(run), record);
}

/** Every runner record in the state dir; malformed ones are removed and listed in `invalid`. */
export function readRunners(state: string): {
  runners: { file: string; dir: string; record: RunnerRecord }[];
  invalid: string[];
} {
  const runners: { file: string; dir: string; record: RunnerRecord }[] = [];
  const invalid: string[] = [];
  for (const name of safeReaddir(runsDir(state))) {
    if (name.startsWith(REMOVING)) continue; // being deleted: nothing of it runs
    const dir = join(runsDir(state), name);
    const file = runnerFile({ dir });
    if (!existsSync(file)) continue;
    try {
      const record = JSON.parse(readFileSync(file, 'utf8')) as RunnerRecord;
      if (!Number.isInteger(record?.pid) || typeof record.runId !== 'string') throw new Error('not a runner record');
      runners.push({ file, dir, record });
    } catch {
      rmSync(file, { force: true });
      invalid.push(file);
    }
  }
  return { runners, invalid };
}

/** The live runs of the state dir other than this process (their processes checked by identity). */
export function liveRuns(state: string): RunnerRecord[] {
  return readRunners(state)
    .runners.map(({ record }) => record)
    .filter((record) => record.pid !== process.pid && isStillRunning(record));
}

/**
 * A directory for one scenario's configurations and logs in this run: <run dir>/<scenario id> (with a suffix when
 * this process already prepares that scenario), linked from <state>/scenarios/<scenario id>. release() frees it.
 */
export function claimScenarioDir(state: string, scenarioId: string): { dir: string; release(): void } {
  const { dir: runDir } = thisRun(state);
  const run = runs.get(resolve(state))!;
  let name = scenarioId;
  for (let n = 2; run.scenarioDirs.has(name); n++) name = `${scenarioId}.${n}`;
  run.scenarioDirs.add(name);
  const dir = join(runDir, name);
  linkLatest(run.state, scenarioId, dir);
  return { dir, release: () => run.scenarioDirs.delete(name) };
}

/**
 * Points <state>/scenarios/<id> at `dir`, atomically (a new link renamed over the old one). A real directory there
 * (an older version's layout — or a project's own scenario folder, when the state dir was pointed at a checkout) is
 * left as it is, with no link: the link is a convenience, and deleting what may be someone's files is not.
 */
function linkLatest(state: string, scenarioId: string, dir: string): void {
  const link = join(state, 'scenarios', scenarioId);
  mkdirSync(dirname(link), { recursive: true });
  try {
    if (lstatSync(link).isDirectory()) return;
  } catch {
    // nothing there yet
  }
  const tmp = `${link}.${process.pid}.link`;
  rmSync(tmp, { force: true });
  try {
    symlinkSync(relative(dirname(link), dir), tmp);
    renameSync(tmp, link);
  } catch {
    rmSync(tmp, { force: true }); // a convenience only: the run uses its own directory either way
  }
}

/**
 * Removes the directories of runs that are over, unless a process of theirs still runs or a scenario link points in:
 * each is renamed aside now and deleted in the background, with what earlier runs left set aside.
 */
function pruneFinishedRuns(state: string, ownId: string): Promise<void> {
  const all = safeReaddir(runsDir(state)).filter((name) => name !== ownId);
  const aside = all.filter((name) => name.startsWith(REMOVING)).map((name) => join(runsDir(state), name));
  for (const name of finishedRuns(
    state,
    all.filter((name) => !name.startsWith(REMOVING)),
  )) {
    const moved = join(runsDir(state), `${REMOVING}${ownId}-${name}`);
    try {
      renameSync(join(runsDir(state), name), moved);
      aside.push(moved);
    } catch {
      // another run is pruning it at the same time
    }
  }
  return Promise.all(
    aside.map((dir) =>
      rm(dir, { recursive: true, force: true }).catch(() => {
        // another run is deleting it at the same time; whatever is left, the next run deletes
      }),
    ),
  ).then(() => {});
}

/** The runs among `names` that are over: no scenario link points in, and no process of theirs still runs. */
function finishedRuns(state: string, names: string[]): string[] {
  if (names.length === 0) return [];
  const linked = new Set<string>();
  for (const entry of safeReaddir(join(state, 'scenarios'))) {
    try {
      const target = readlinkSync(join(state, 'scenarios', entry));
      linked.add(basename(dirname(resolve(join(state, 'scenarios'), target))));
    } catch {
      // not a link
    }
  }
  const records = readPidRecords(state);
  return names.filter((name) => {
    if (linked.has(name)) return false;
    const dir = join(runsDir(state), name);
    const owner = readQuietly(ownerFile({ dir })) ?? readQuietly(runnerFile({ dir }));
    if (owner && isStillRunning(owner)) return false;
    return !records.some(({ record }) => record.runId === name && isStillRunning(record));
  });
}

function readQuietly(file: string): RecordedIdentity | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RecordedIdentity;
  } catch {
    return null;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
