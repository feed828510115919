// The bench's rows for the test suite: met / NOT met against issue 26's targets, and plain about what is missing.
import { describe, expect, it } from 'vitest';
import type { TestTimes, TimedRun } from '../testing/test-times.js';
import { testTimeTargets } from './test-times.js';

const timed = (wallMs: number, reason = 'passed'): TimedRun => ({
  wallMs,
  files: 10,
  tests: 100,
  failedTests: reason === 'passed' ? 0 : 1,
  reason,
  measuredAt: '2026-12-07T10:00:00.000Z',
});

describe('testTimeTargets', () => {
  it('says what was never measured, and how to measure it', () => {
    const rows = testTimeTargets(null);
    expect(rows.map((row) => row.what)).toEqual([
      'test suite wall time (npm test)',
      'unit project wall time',
      'integration project wall time',
    ]);
    for (const row of rows) {
      expect(row.figure).toBe('not measured yet — run npm test');
      expect(row.met).toBeNull();
    }
  });

  it('holds each figure, with when it was measured, against its target', () => {
    const tests: TestTimes = {
      suite: timed(299_000),
      projects: { unit: timed(31_000), integration: timed(250_000) },
    };
    const [suite, unit, integration] = testTimeTargets(tests);
    expect(suite).toEqual({
      what: 'test suite wall time (npm test)',
      figure: '299.0 s (measured 2026-12-07T10:00:00.000Z)',
      target: '≤ 300 s',
      met: true,
    });
    expect(unit).toMatchObject({ figure: '31.0 s (measured 2026-12-07T10:00:00.000Z)', target: '≤ 30 s', met: false });
    expect(integration).toMatchObject({ target: '(none of its own)', met: null });
  });

  it('never calls a failed or interrupted run met, however fast', () => {
    const [suite] = testTimeTargets({ suite: timed(10_000, 'failed'), projects: {} });
    expect(suite).toMatchObject({ figure: '10.0 s (failed, measured 2026-12-07T10:00:00.000Z)', met: false });
  });
});
