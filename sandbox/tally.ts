// How a scenario's probes fared, counted once, in the record (report.ts ProbeTally), so that the plain output, the
// TUI and the reports all show the same numbers. Pure. A probe with no expectation (observed only) is never counted
// as "as expected"; a scenario passes only when at least one probe was judged.
import type { ProbeReport, ProbeTally, ScenarioReport, ScenarioResult, VerdictBasis } from './report.js';

const BASES: readonly VerdictBasis[] = ['documented', 'observed', 'assumed', 'yours'];
const RESULTS: readonly ScenarioResult[] = ['pass', 'fail', 'nothing-judged', 'skipped', 'broken'];

export function emptyTally(): ProbeTally {
  return {
    ran: 0,
    skipped: 0,
    judged: 0,
    unjudged: 0,
    asExpected: 0,
    differs: 0,
    byBasis: Object.fromEntries(BASES.map((basis) => [basis, { judged: 0, asExpected: 0 }])) as ProbeTally['byBasis'],
  };
}

export function tallyOf(probes: readonly Pick<ProbeReport, 'verdict'>[]): ProbeTally {
  const tally = emptyTally();
  for (const { verdict } of probes) {
    if (verdict.code === 'skipped') {
      tally.skipped += 1;
      continue;
    }
    tally.ran += 1;
    if (verdict.code === 'unjudged') {
      tally.unjudged += 1;
      continue;
    }
    tally.judged += 1;
    tally.byBasis[verdict.basis].judged += 1;
    if (verdict.code === 'matches') {
      tally.asExpected += 1;
      tally.byBasis[verdict.basis].asExpected += 1;
    } else tally.differs += 1;
  }
  return tally;
}

export function sumTallies(tallies: Iterable<ProbeTally>): ProbeTally {
  const total = emptyTally();
  for (const one of tallies) {
    for (const key of ['ran', 'skipped', 'judged', 'unjudged', 'asExpected', 'differs'] as const)
      total[key] += one[key];
    for (const basis of BASES) {
      total.byBasis[basis].judged += one.byBasis[basis].judged;
      total.byBasis[basis].asExpected += one.byBasis[basis].asExpected;
    }
  }
  return total;
}

/** The scenario's result from its tally: PASS needs at least one judged probe. */
export function resultOf(run: { skipped: boolean; broken: boolean; tally: ProbeTally }): ScenarioResult {
  if (run.broken) return 'broken';
  if (run.skipped) return 'skipped';
  if (run.tally.differs > 0) return 'fail';
  return run.tally.judged === 0 ? 'nothing-judged' : 'pass';
}

export function countResults(reports: readonly Pick<ScenarioReport, 'result'>[]): Record<ScenarioResult, number> {
  const counts = Object.fromEntries(RESULTS.map((result) => [result, 0])) as Record<ScenarioResult, number>;
  for (const report of reports) counts[report.result] += 1;
  return counts;
}

/** A run's exit status from its scenarios' results: 2 when one broke, 1 when one failed, else 0. */
export function exitCodeOf(reports: readonly Pick<ScenarioReport, 'result'>[]): 0 | 1 | 2 {
  if (reports.some((report) => report.result === 'broken')) return 2;
  return reports.some((report) => report.result === 'fail') ? 1 : 0;
}
