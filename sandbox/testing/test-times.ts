// The suite's wall time per vitest project, as vitest itself saw it (test-times-reporter.ts writes it after each run
// to .sandbox/test-times.json; `npm run bench` prints it against the targets). Pure: the record, how a run updates
// it, and reading it back.

/** One project's (or the whole suite's) last complete run. */
export interface TimedRun {
  /** First test file started until the last one ended (the suite: the run's start until its end). */
  wallMs: number;
  files: number;
  tests: number;
  failedTests: number;
  /** How the run ended, as vitest says: passed, failed or interrupted. */
  reason: string;
  measuredAt: string;
}

export interface TestTimes {
  /** Every project run together (`npm test`); absent until such a run. */
  suite?: TimedRun;
  projects: Record<string, TimedRun>;
}

/** A test file as the reporter saw it: its project, when it started and ended (ms), its tests. */
export interface ModuleSpan {
  project: string;
  startMs: number;
  endMs: number;
  tests: number;
  failedTests: number;
}

export interface FinishedRun {
  startMs: number;
  endMs: number;
  reason: string;
  at: Date;
  modules: readonly ModuleSpan[];
  /** The projects whose every test file ran (a file filter or a `.only` run measures nothing). */
  complete: ReadonlySet<string>;
  /** Every project of the configuration ran, completely. */
  wholeSuite: boolean;
}

/**
 * The record after a run: each project that ran completely gets this run's figures, the others keep theirs; the
 * suite's figure only from a run of the whole suite.
 */
export function updateTestTimes(previous: TestTimes | null, run: FinishedRun): TestTimes {
  const next: TestTimes = {
    ...(previous?.suite ? { suite: previous.suite } : {}),
    projects: { ...previous?.projects },
  };
  const measuredAt = run.at.toISOString();
  const timed = (modules: readonly ModuleSpan[], startMs: number, endMs: number): TimedRun => ({
    wallMs: Math.round(endMs - startMs),
    files: modules.length,
    tests: modules.reduce((sum, module) => sum + module.tests, 0),
    failedTests: modules.reduce((sum, module) => sum + module.failedTests, 0),
    reason: run.reason,
    measuredAt,
  });
  for (const project of run.complete) {
    const modules = run.modules.filter((module) => module.project === project);
    if (modules.length === 0) continue;
    const start = Math.min(...modules.map((module) => module.startMs));
    const end = Math.max(...modules.map((module) => module.endMs));
    next.projects[project] = timed(modules, start, end);
  }
  if (run.wholeSuite && run.modules.length > 0) next.suite = timed(run.modules, run.startMs, run.endMs);
  return next;
}

const isTimedRun = (value: unknown): value is TimedRun => {
  const run = value as TimedRun;
  return (
    typeof run === 'object' &&
    run !== null &&
    typeof run.wallMs === 'number' &&
    typeof run.files === 'number' &&
    typeof run.tests === 'number' &&
    typeof run.measuredAt === 'string'
  );
};

/** The record from the file's text; null when it is not one (a file from another version, or half written). */
export function parseTestTimes(text: string): TestTimes | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const record = value as TestTimes;
  if (typeof record !== 'object' || record === null || typeof record.projects !== 'object' || !record.projects)
    return null;
  if (record.suite !== undefined && !isTimedRun(record.suite)) return null;
  if (!Object.values(record.projects).every(isTimedRun)) return null;
  return record;
}
