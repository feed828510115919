// The plain output's counts come from the record (issue 22, item 3): nothing judged is said so and never "PASS 0/0",
// an observed-only probe is never counted as expected, every "assumed" reference carries its reason, and a user's
// broken scenario is a line of the summary like any other failure.
import { describe, expect, it } from 'vitest';
import { assumed, cite } from '../sandbox/evidence.js';
import { loadFailureReport } from '../sandbox/run.js';
import type { ProbeReport, ScenarioReport } from '../sandbox/report.js';
import { resultOf, tallyOf } from '../sandbox/tally.js';
import { formatProbe, formatSummary, plainPrinter, totalLine } from './plain.js';
import { probeRecord } from './testing/probe-record.js';
import { sampleReport } from './testing/report-fixture.js';

const TRANSCRIPT = [
  '* Connected to 127.0.0.1 (127.0.0.1) port 40443 (#0)',
  '> GET / HTTP/1.1',
  '> ',
  '< HTTP/1.1 200 OK',
  '< ',
  'hello',
];

/** A probe observed only: no expectation, as a --template listener the sandbox has no model for gets. */
function observedOnly(name: string): ProbeReport {
  const probe = probeRecord({ name, transcript: TRANSCRIPT, evidence: { level: 'assumed', citations: [] } });
  return {
    ...probe,
    evidence: { ...probe.evidence, assumption: 'the sandbox has no model of an HTTP listener' },
    verdict: { ...probe.verdict, code: 'unjudged' },
  };
}

function reportOf(scenario: string, probes: ProbeReport[]): ScenarioReport {
  const tally = tallyOf(probes);
  return {
    ...sampleReport(),
    scenario,
    probes,
    tally,
    result: resultOf({ skipped: false, broken: false, tally }),
    pass: probes.every((probe) => probe.pass),
    emulationNotes: [],
  };
}

/** What the plain printer writes at a scenario's end. */
function endLine(report: ScenarioReport): string {
  const lines: string[] = [];
  plainPrinter((line) => lines.push(line), false)({ type: 'scenario-end', report });
  return lines.join('\n');
}

describe('plain output: what the counts rest on', () => {
  const templateOnly = reportOf('template-http-only', [observedOnly('http-80-a'), observedOnly('http-80-b')]);

  it('says "nothing judged" for a run with no expectation, never PASS 0/0 nor "as expected"', () => {
    expect(templateOnly.result).toBe('nothing-judged');
    const end = endLine(templateOnly);
    expect(end).toContain('nothing judged: 2 probes observed only');
    expect(end).not.toMatch(/PASS|as expected|0\/0|✓/);
    const summary = formatSummary([templateOnly], 'en', new Map());
    expect(summary).not.toMatch(/✓|PASS|as expected/);
    expect(totalLine([templateOnly], 'en')).toBe(
      'Total, 1 scenario: – nothing judged: 2 probes observed only (no expectation, so nothing was compared with AWS) · 1.2 s',
    );
    const empty = reportOf('no-probes', []);
    expect(endLine(empty)).toContain('no probes ran');
    expect(endLine(empty)).not.toMatch(/✓|PASS/);
  });

  it('never counts an observed-only probe as expected beside judged ones', () => {
    const judged = probeRecord({ name: 'clientA', transcript: TRANSCRIPT });
    const mixed = reportOf('mixed', [judged, observedOnly('http-80')]);
    // Two probes ran: one judged as AWS documents it, one observed only, which is never counted as expected.
    expect(endLine(mixed)).toContain(
      "✓ 2 probes: 1 as AWS documents or as observed, 0 on the sandbox's assumptions, 0 differ, 1 observed only (no expectation, not compared with AWS)",
    );
    expect(totalLine([mixed], 'en')).toContain('1 as AWS documents or as observed');
    expect(totalLine([mixed], 'en')).toContain('1 observed only');
  });

  it('says the wall time of scenarios that ran side by side, with their times added up beside it', () => {
    const one = { ...reportOf('one', [probeRecord({ name: 'ok', transcript: TRANSCRIPT })]), durationMs: 3000 };
    const two = { ...one, scenario: 'two', durationMs: 4000 };
    expect(totalLine([one, two], 'en', 4200)).toMatch(/ · 4\.2 s \(7\.0 s of scenario time, side by side\)$/);
    expect(totalLine([one, two], 'ja', 4200)).toMatch(/ · 4\.2 秒 \(シナリオの所要時間の合計 7\.0 秒、並行して実行\)$/);
    // One after another, the sum is the wall time: said once, as before.
    expect(totalLine([one, two], 'en', 7100)).toMatch(/ · 7\.0 s$/);
    expect(totalLine([one, two], 'en')).toMatch(/ · 7\.0 s$/);
  });

  it('gives every reference its reason: an observed-only probe why, an assumption why', () => {
    const unjudged = formatProbe(observedOnly('http-80'));
    expect(unjudged).toContain('ref: observed only: the sandbox has no model of an HTTP listener');
    expect(unjudged).not.toMatch(/ref: assumed: *$/m);
    const why = { en: 'AWS does not say; the sandbox lets it through', ja: 'AWS は述べていない' };
    const guess = probeRecord({ name: 'guess', transcript: TRANSCRIPT, evidence: assumed(why, cite('aws-alb-mtls')) });
    expect(formatProbe(guess)).toContain('ref: assumed: AWS does not say; the sandbox lets it through; Mutual');
  });

  it("lists a user's broken scenario in the summary and the total, and fails the total", () => {
    const broken = loadFailureReport(
      'my-bad-stack',
      { file: '/home/me/lab/my-bad-stack/stack.ts', line: 12, column: 3, error: 'a mistake of mine' },
      'host',
    );
    const passing = reportOf('good', [probeRecord({ name: 'ok', transcript: TRANSCRIPT })]);
    const summary = formatSummary([passing, broken], 'en', new Map());
    expect(summary).toContain('✗ my-bad-stack');
    expect(summary).toContain('BROKEN: /home/me/lab/my-bad-stack/stack.ts:12:3: a mistake of mine');
    expect(totalLine([passing, broken], 'en')).toMatch(
      /^Total, 2 scenarios: ✗ 1 probe: 1 as AWS documents or as observed, .*; 1 of your scenarios broken \(my-bad-stack\)/,
    );
    expect(endLine(broken)).toContain('BROKEN: /home/me/lab/my-bad-stack/stack.ts:12:3');
  });
});
