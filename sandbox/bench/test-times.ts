// The test suite's figures in the bench: vitest's own record of each project's wall time (sandbox/testing/
// test-times.ts), against issue 26's targets, each with when it was measured. Pure.
import type { TestTimes, TimedRun } from '../testing/test-times.js';
import { fixed } from './table.js';

/** Issue 26: the suite under 300 s (`npm test`), the unit project under 30 s; the integration project has none. */
export const SUITE_TARGETS = { suiteMs: 300_000, unitMs: 30_000 };

export interface TargetRow {
  what: string;
  figure: string;
  target: string;
  met: boolean | null;
}

export const timedRunCells = (run: TimedRun): string[] => [
  fixed(run.wallMs / 1000, 1),
  String(run.files),
  String(run.tests),
  String(run.failedTests),
  run.reason,
  run.measuredAt,
];

/** Each figure with when it was measured, or that it never was; a run that did not pass proves no time. */
export function testTimeTargets(tests: TestTimes | null): TargetRow[] {
  const row = (what: string, run: TimedRun | undefined, limitMs: number | null): TargetRow => {
    const target = limitMs === null ? '(none of its own)' : `≤ ${limitMs / 1000} s`;
    if (!run) return { what, figure: 'not measured yet — run npm test', target, met: null };
    const passed = run.reason === 'passed';
    const figure = `${fixed(run.wallMs / 1000, 1)} s (${passed ? '' : `${run.reason}, `}measured ${run.measuredAt})`;
    if (limitMs === null) return { what, figure, target, met: null };
    return { what, figure, target, met: passed && run.wallMs <= limitMs };
  };
  return [
    row('test suite wall time (npm test)', tests?.suite, SUITE_TARGETS.suiteMs),
    row('unit project wall time', tests?.projects.unit, SUITE_TARGETS.unitMs),
    row('integration project wall time', tests?.projects.integration, null),
  ];
}
