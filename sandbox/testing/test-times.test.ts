// The record of the suite's wall time per project: what a run changes in it, and reading it back.
import { describe, expect, it } from 'vitest';
import { type FinishedRun, type ModuleSpan, parseTestTimes, type TestTimes, updateTestTimes } from './test-times.js';

const span = (project: string, startMs: number, endMs: number, tests = 2, failedTests = 0): ModuleSpan => ({
  project,
  startMs,
  endMs,
  tests,
  failedTests,
});

const run = (overrides: Partial<FinishedRun>): FinishedRun => ({
  startMs: 0,
  endMs: 100_000,
  reason: 'passed',
  at: new Date('2026-12-07T10:00:00Z'),
  modules: [],
  complete: new Set(),
  wholeSuite: false,
  ...overrides,
});

describe('updateTestTimes', () => {
  it('gives each project the span of its files, and the suite the whole run', () => {
    const times = updateTestTimes(
      null,
      run({
        modules: [span('unit', 1_000, 9_000), span('unit', 2_000, 12_000, 3, 1), span('integration', 12_500, 90_000)],
        complete: new Set(['unit', 'integration']),
        wholeSuite: true,
        reason: 'failed',
      }),
    );
    expect(times.projects.unit).toEqual({
      wallMs: 11_000,
      files: 2,
      tests: 5,
      failedTests: 1,
      reason: 'failed',
      measuredAt: '2026-12-07T10:00:00.000Z',
    });
    expect(times.projects.integration?.wallMs).toBe(77_500);
    expect(times.suite).toMatchObject({ wallMs: 100_000, files: 3, tests: 7, failedTests: 1 });
  });

  it('keeps what a partial run did not measure: other projects, and the suite', () => {
    const before: TestTimes = updateTestTimes(
      null,
      run({
        modules: [span('unit', 0, 20_000), span('integration', 20_000, 250_000)],
        complete: new Set(['unit', 'integration']),
        wholeSuite: true,
      }),
    );
    const after = updateTestTimes(
      before,
      run({
        at: new Date('2026-12-08T10:00:00Z'),
        modules: [span('unit', 0, 15_000)],
        complete: new Set(['unit']),
        wholeSuite: false,
      }),
    );
    expect(after.projects.unit).toMatchObject({ wallMs: 15_000, measuredAt: '2026-12-08T10:00:00.000Z' });
    expect(after.projects.integration).toEqual(before.projects.integration);
    expect(after.suite).toEqual(before.suite);
    // A project that ran only in part (a file filter) is not measured at all.
    const filtered = updateTestTimes(after, run({ modules: [span('integration', 0, 1_000)], complete: new Set() }));
    expect(filtered).toEqual(after);
  });
});

describe('parseTestTimes', () => {
  it('reads a record back, and refuses what is not one', () => {
    const record = updateTestTimes(
      null,
      run({ modules: [span('unit', 0, 1_000)], complete: new Set(['unit']), wholeSuite: true }),
    );
    expect(parseTestTimes(JSON.stringify(record))).toEqual(record);
    for (const text of ['', '{', 'null', '[]', '{"projects":{"unit":{"wallMs":"fast"}}}', '{"suite":1,"projects":{}}'])
      expect(parseTestTimes(text), text).toBeNull();
  });
});
