// The headline of a run — the report's first line, the plain total, the terminal UI's status, the presenter's last
// slide: probes counted by what their outcome rests on, never "matches AWS" for an assumption. Every surface calls
// this one function, so when the record carries these counts itself, switching to them is a change here only. Pure.
import type { Message } from '../sandbox/messages.js';
import type { ProbeReport, ScenarioReport } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import { say, t } from './i18n/index.js';

export interface HeadlineCounts {
  /** Probes that ran (skipped ones are counted apart). */
  probes: number;
  /** As expected, and the expectation is what AWS documents or what a seed article shows (observed). */
  aws: number;
  /** As expected, and the expectation is the sandbox's assumption (AWS is silent). */
  assumed: number;
  /** As expected, and the expectation is the user's own (their scenario): never a claim about AWS. */
  yours: number;
  /** Observed only: no expectation, so nothing is said about AWS (a --template listener the sandbox has no model for). */
  unjudged: number;
  /** Not as expected, at any evidence level. */
  differ: number;
  /** Probes that did not run on this machine, in scenarios that ran. */
  skippedProbes: number;
  /** Scenarios that did not run, each with why. */
  skippedScenarios: { scenario: string; reason: Message }[];
  /** The user's scenarios that did not load or set up. */
  brokenScenarios: string[];
}

/** What one probe's result rests on. */
export type ProbeBasis = 'aws' | 'assumed' | 'yours' | 'unjudged' | 'differ' | 'skipped';

export function probeBasis(probe: Pick<ProbeReport, 'verdict' | 'skipped'>): ProbeBasis {
  const { code, basis } = probe.verdict;
  if (probe.skipped || code === 'skipped') return 'skipped';
  if (code === 'unjudged') return 'unjudged';
  if (code === 'differs') return 'differ';
  return basis === 'assumed' ? 'assumed' : basis === 'yours' ? 'yours' : 'aws';
}

/** The counts of one scenario or of a whole run, from the tallies the record carries (sandbox/tally.ts). */
export function headlineCounts(reports: readonly ScenarioReport[]): HeadlineCounts {
  const counts: HeadlineCounts = {
    probes: 0,
    aws: 0,
    assumed: 0,
    yours: 0,
    unjudged: 0,
    differ: 0,
    skippedProbes: 0,
    skippedScenarios: [],
    brokenScenarios: [],
  };
  for (const report of reports) {
    if (report.broken) counts.brokenScenarios.push(report.scenario);
    if (report.skipped) {
      counts.skippedScenarios.push({ scenario: report.scenario, reason: report.skipped });
      continue;
    }
    const { tally } = report;
    counts.probes += tally.ran;
    counts.aws += tally.byBasis.documented.asExpected + tally.byBasis.observed.asExpected;
    counts.assumed += tally.byBasis.assumed.asExpected;
    counts.yours += tally.byBasis.yours.asExpected;
    counts.unjudged += tally.unjudged;
    counts.differ += tally.differs;
    counts.skippedProbes += tally.skipped;
  }
  return counts;
}

/**
 * ✗ when something differs or broke; ✓ only when at least one probe was judged and everything judged is as expected
 * (probes observed only judge nothing); – otherwise.
 */
export function headlineMark(counts: HeadlineCounts): '✓' | '✗' | '–' {
  if (counts.differ > 0 || counts.brokenScenarios.length > 0) return '✗';
  return counts.aws + counts.assumed + counts.yours > 0 ? '✓' : '–';
}

/**
 * "148 probes: 105 as AWS documents or as observed, 43 on the sandbox's assumptions, 0 differ; 2 scenarios skipped
 * (nlb-ssm-certificates, sorry-page-failover: LocalStack is off)".
 */
export function headlineText(counts: HeadlineCounts, lang: Lang): string {
  const judged = counts.aws + counts.assumed + counts.yours + counts.differ;
  const parts = [
    counts.probes === 0
      ? t('headlineNoProbes', lang)
      : judged === 0
        ? t('headlineNothingJudged', lang, {
            n: counts.probes,
            probeWord: t(counts.probes === 1 ? 'headlineProbeWord' : 'headlineProbesWord', lang),
          })
        : t(counts.differ === 1 ? 'headlineProbesOneDiffers' : 'headlineProbes', lang, {
            probes: counts.probes,
            aws: counts.aws,
            assumed: counts.assumed,
            differ: counts.differ,
            probeWord: t(counts.probes === 1 ? 'headlineProbeWord' : 'headlineProbesWord', lang),
          }),
  ];
  if (counts.yours > 0) parts[0] += t('headlineYours', lang, { n: counts.yours });
  if (counts.unjudged > 0 && judged > 0) parts[0] += t('headlineUnjudged', lang, { n: counts.unjudged });
  if (counts.brokenScenarios.length > 0)
    parts.push(t('headlineBroken', lang, { n: counts.brokenScenarios.length, ids: counts.brokenScenarios.join(', ') }));
  if (counts.skippedProbes > 0)
    parts.push(
      t(counts.skippedProbes === 1 ? 'headlineSkippedProbe' : 'headlineSkippedProbes', lang, {
        n: counts.skippedProbes,
      }),
    );
  if (counts.skippedScenarios.length > 0)
    parts.push(
      t(counts.skippedScenarios.length === 1 ? 'headlineSkippedScenario' : 'headlineSkippedScenarios', lang, {
        n: counts.skippedScenarios.length,
        why: skippedWhy(counts.skippedScenarios, lang),
      }),
    );
  return parts.join(t('headlineSeparator', lang));
}

/** "a, b: LocalStack is off" — scenarios grouped by the reason they share. */
function skippedWhy(skipped: HeadlineCounts['skippedScenarios'], lang: Lang): string {
  const byReason = new Map<string, string[]>();
  for (const { scenario, reason } of skipped) {
    // The headline names why in a few words; the scenario's own line says what to do about it.
    const why =
      reason.code === 'skip.needs-localstack' && reason.inner
        ? t('skipWhyLocalStack', lang, { why: say(reason.inner, lang) })
        : say(reason, lang);
    byReason.set(why, [...(byReason.get(why) ?? []), scenario]);
  }
  return [...byReason].map(([why, ids]) => `${ids.join(', ')}: ${why}`).join(lang === 'ja' ? '。' : '; ');
}

/**
 * The headline where a few columns must do (compare's half of the screen): "4 probes · 3 as AWS · 1 assumed · 0
 * differ" — the same counts, never cut.
 */
export function headlineShort(counts: HeadlineCounts, lang: Lang): string {
  if (counts.probes === 0) return t('headlineNoProbes', lang);
  const parts = [
    t(counts.probes === 1 ? 'shortProbe' : 'shortProbes', lang, { n: counts.probes }),
    t('shortAws', lang, { n: counts.aws }),
  ];
  if (counts.assumed > 0) parts.push(t('shortAssumed', lang, { n: counts.assumed }));
  if (counts.yours > 0) parts.push(t('shortYours', lang, { n: counts.yours }));
  if (counts.unjudged > 0) parts.push(t('shortUnjudged', lang, { n: counts.unjudged }));
  parts.push(t('shortDiffer', lang, { n: counts.differ }));
  if (counts.skippedProbes > 0) parts.push(t('shortSkipped', lang, { n: counts.skippedProbes }));
  return parts.join(' · ');
}

/** The headline of a whole run, with its mark: "✓ 148 probes: …". */
export function headline(reports: readonly ScenarioReport[], lang: Lang): string {
  const counts = headlineCounts(reports);
  return `${headlineMark(counts)} ${headlineText(counts, lang)}`;
}
