// The record's counts (issue 22, item 3): PASS needs a judged probe, an observed-only probe is never "as expected",
// and each judged probe is counted by whose expectation it checks.
import { describe, expect, it } from 'vitest';
import type { ProbeReport, Verdict, VerdictBasis } from './report.js';
import { countResults, exitCodeOf, resultOf, sumTallies, tallyOf } from './tally.js';

const probe = (code: Verdict['code'], basis: VerdictBasis = 'documented'): Pick<ProbeReport, 'verdict'> => ({
  verdict: { code, level: basis === 'yours' ? 'documented' : basis, basis, expectation: null, copied: null },
});

describe('tallyOf', () => {
  it('counts observed-only probes apart, never as expected', () => {
    const tally = tallyOf([probe('unjudged'), probe('unjudged'), probe('unjudged')]);
    expect(tally).toMatchObject({ ran: 3, judged: 0, unjudged: 3, asExpected: 0, differs: 0 });
    expect(resultOf({ skipped: false, broken: false, tally })).toBe('nothing-judged');
  });

  it('counts judged probes by their basis, skipped ones apart', () => {
    const tally = tallyOf([
      probe('matches', 'documented'),
      probe('matches', 'observed'),
      probe('matches', 'assumed'),
      probe('differs', 'yours'),
      probe('matches', 'yours'),
      probe('skipped'),
      probe('unjudged'),
    ]);
    expect(tally).toEqual({
      ran: 6,
      skipped: 1,
      judged: 5,
      unjudged: 1,
      asExpected: 4,
      differs: 1,
      byBasis: {
        documented: { judged: 1, asExpected: 1 },
        observed: { judged: 1, asExpected: 1 },
        assumed: { judged: 1, asExpected: 1 },
        yours: { judged: 2, asExpected: 1 },
      },
    });
    expect(resultOf({ skipped: false, broken: false, tally })).toBe('fail');
  });

  it('passes only with at least one judged probe', () => {
    expect(resultOf({ skipped: false, broken: false, tally: tallyOf([]) })).toBe('nothing-judged');
    expect(resultOf({ skipped: false, broken: false, tally: tallyOf([probe('matches'), probe('unjudged')]) })).toBe(
      'pass',
    );
    expect(resultOf({ skipped: false, broken: true, tally: tallyOf([probe('matches')]) })).toBe('broken');
  });

  it('adds tallies up and says the exit status: 2 when one broke, 1 when one failed', () => {
    const total = sumTallies([tallyOf([probe('matches')]), tallyOf([probe('differs', 'yours'), probe('unjudged')])]);
    expect(total).toMatchObject({ ran: 3, judged: 2, asExpected: 1, differs: 1, unjudged: 1 });
    expect(total.byBasis.yours).toEqual({ judged: 1, asExpected: 0 });
    const reports = [{ result: 'pass' as const }, { result: 'fail' as const }, { result: 'nothing-judged' as const }];
    expect(countResults(reports)).toEqual({ pass: 1, fail: 1, 'nothing-judged': 1, skipped: 0, broken: 0 });
    expect(exitCodeOf(reports)).toBe(1);
    expect(exitCodeOf([...reports, { result: 'broken' }])).toBe(2);
    expect(exitCodeOf([{ result: 'nothing-judged' }, { result: 'skipped' }])).toBe(0);
  });
});
