// Predict, then see, in words: the question about a probe (the client, without the description that would give the
// answer away), the choices, the answer with its reason and evidence, and the score sheet — as plain lines for the
// terminal (run --predict), the UI's view model (cli/tui/models/predict.ts) and Markdown (report --predictions).
// Pure.
import type { LabCertificate } from '../sandbox/door.js';
import {
  type ActualAnswer,
  type Decider,
  DECIDERS,
  type PredictedOutcome,
  PREDICTED_OUTCOMES,
  type PredictionAnswer,
  type PredictionPick,
  type PredictionScore,
  type PredictionSheet,
  scoreOf,
} from '../sandbox/lab/prediction.js';
import type { ListenerReport, TopologyReport } from '../sandbox/report.js';
import type { ProbeSpec } from '../sandbox/scenario.js';
import { pick, type Lang } from '../sandbox/text.js';
import { citationText, levelText, outcomeHeadline, t, tlsEndsText, type UiKey } from './i18n/index.js';

const OUTCOME_KEYS: Record<PredictedOutcome | 'other', UiKey> = {
  allowed: 'predictOutcomeAllowed',
  'refused-by-target': 'predictOutcomeRefused-by-target',
  'reset-in-handshake': 'predictOutcomeReset-in-handshake',
  'tls-alert': 'predictOutcomeTls-alert',
  'load-balancer': 'predictOutcomeLoad-balancer',
  other: 'predictOutcomeOther',
};

const DECIDER_KEYS: Record<Decider, UiKey> = {
  'load-balancer': 'predictDeciderLoad-balancer',
  target: 'predictDeciderTarget',
};

export const outcomeChoiceText = (outcome: PredictedOutcome | 'other', lang: Lang): string =>
  t(OUTCOME_KEYS[outcome], lang);
export const deciderText = (decider: Decider, lang: Lang): string => t(DECIDER_KEYS[decider], lang);

/** The keys of the choices: 1–5 for what happens, a and b for who decides. */
export const OUTCOME_KEY_OF = (outcome: PredictedOutcome): string => String(PREDICTED_OUTCOMES.indexOf(outcome) + 1);
export const DECIDER_KEY_OF = (decider: Decider): string => 'ab'[DECIDERS.indexOf(decider)]!;

/** "3a", "3 a", "3A" → a pick; anything else → null. */
export function parsePick(text: string): PredictionPick | null {
  const match = /^\s*([1-5])\s*([abAB])\s*$/.exec(text);
  if (!match) return null;
  return {
    outcome: PREDICTED_OUTCOMES[Number(match[1]) - 1]!,
    decider: DECIDERS['ab'.indexOf(match[2]!.toLowerCase())]!,
  };
}

/** The listener a probe calls, as the topology report has it. */
export function listenerOf(
  topology: TopologyReport,
  via: ProbeSpec['via'],
): { label: string; listener: ListenerReport | null; kind: string } {
  const balancer = topology.balancers.find((candidate) => candidate.path === via.loadBalancer);
  const listener = balancer?.listeners.find((candidate) => candidate.port === via.port) ?? null;
  return {
    label: `${via.loadBalancer} ${listener?.protocol ?? '?'}:${via.port}${balancer ? ` (${balancer.kind})` : ''}`,
    listener,
    kind: balancer?.kind ?? '?',
  };
}

/** What the learner is told before predicting: who calls what, with which certificate and headers. Not the answer. */
export function questionLines(
  spec: ProbeSpec,
  topology: TopologyReport,
  certificates: readonly LabCertificate[],
  lang: Lang,
): string[] {
  const { label, listener } = listenerOf(topology, spec.via);
  const certificate = spec.client.certificate
    ? certificates.find((candidate) => candidate.name === spec.client.certificate)
    : null;
  const headers = Object.entries(spec.client.headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  return [
    t('predictVia', lang, { listener: label }),
    ...(listener ? [`  ${t('tlsEndsAt', lang, { where: tlsEndsText(listener.tlsEndsAt, lang) })}`] : []),
    certificate
      ? t('predictWithCertificate', lang, {
          name: certificate.name,
          subject: certificate.subject,
          issuer: certificate.issuer,
        })
      : t('predictWithoutCertificate', lang),
    t('predictRequest', lang, { method: spec.client.method ?? 'GET', path: spec.client.path ?? '/' }),
    ...(headers ? [t('predictHeaders', lang, { headers })] : []),
  ];
}

/** The choices, one per line, with their keys. */
export function choiceLines(lang: Lang): { outcomes: string[]; deciders: string[] } {
  return {
    outcomes: PREDICTED_OUTCOMES.map((outcome) => `${OUTCOME_KEY_OF(outcome)}  ${outcomeChoiceText(outcome, lang)}`),
    deciders: DECIDERS.map((decider) => `${DECIDER_KEY_OF(decider)}  ${deciderText(decider, lang)}`),
  };
}

export const actualText = (actual: ActualAnswer, lang: Lang): string =>
  t('predictAnswer', lang, {
    outcome: outcomeChoiceText(actual.outcome, lang),
    decider: deciderText(actual.decider, lang),
  });

export const pickedText = (picked: PredictionPick | null, lang: Lang): string =>
  picked
    ? t('predictYouSaid', lang, {
        outcome: outcomeChoiceText(picked.outcome, lang),
        decider: deciderText(picked.decider, lang),
      })
    : t('predictNoAnswer', lang);

const mark = (right: boolean, lang: Lang) => (right ? `✓ ${t('predictRight', lang)}` : `✗ ${t('predictWrong', lang)}`);

/** After the probe ran: what happened, the prediction against it, why, and how we know. */
export function answerLines(
  answer: PredictionAnswer,
  lang: Lang,
): { kind: 'heading' | 'right' | 'wrong' | 'plain' | 'dim'; text: string }[] {
  const evidence = [
    levelText(answer.evidence.level, lang),
    ...answer.evidence.citations.map((citation) => citationText(citation, lang)),
  ].join(' · ');
  return [
    { kind: 'heading', text: outcomeHeadline(answer.outcome, lang) },
    {
      kind: answer.outcomeRight && answer.deciderRight ? 'right' : 'wrong',
      text: `${pickedText(answer.picked, lang)}  ${mark(answer.outcomeRight, lang)} / ${mark(answer.deciderRight, lang)}`,
    },
    { kind: 'plain', text: actualText(answer.actual, lang) },
    { kind: 'heading', text: t('predictWhy', lang) },
    { kind: 'plain', text: pick(answer.description, lang) },
    { kind: 'heading', text: t('predictEvidence', lang) },
    { kind: 'dim', text: evidence },
    ...(answer.evidence.assumption ? [{ kind: 'dim' as const, text: pick(answer.evidence.assumption, lang) }] : []),
  ];
}

const scoreLine = (score: PredictionScore, lang: Lang): string =>
  t('predictScoreLine', lang, {
    outcomes: score.outcomes,
    deciders: score.deciders,
    both: score.both,
    probes: score.probes,
  });

/** The score and the probes that surprised the learner. */
export function scoreLines(answers: readonly PredictionAnswer[], lang: Lang): string[] {
  const score = scoreOf(answers);
  const lines = [scoreLine(score, lang)];
  lines.push('', t('predictSurprises', lang));
  if (score.surprises.length === 0) lines.push(`  ${t('predictNoSurprise', lang)}`);
  for (const answer of answers.filter((entry) => score.surprises.includes(entry.probe)))
    lines.push(
      `  ✗ ${answer.probe}: ${pickedText(answer.picked, lang)} — ${actualText(answer.actual, lang)}`,
      `    ${outcomeHeadline(answer.outcome, lang)}`,
    );
  return lines;
}

/** The whole sheet as plain text: title, one line per probe, then the score. */
export function sheetText(sheet: PredictionSheet, lang: Lang): string {
  const lines = [
    `${t('predictSheetTitle', lang, { scenario: sheet.scenario })} — ${pick(sheet.title, lang)}`,
    sheet.startedAt,
    '',
  ];
  for (const answer of sheet.answers)
    lines.push(
      `${answer.outcomeRight && answer.deciderRight ? '✓' : '✗'} ${answer.probe}`,
      `    ${pickedText(answer.picked, lang)}`,
      `    ${actualText(answer.actual, lang)} · ${outcomeHeadline(answer.outcome, lang)}`,
    );
  lines.push('', `${t('predictScoreHeading', lang)}`, ...scoreLines(sheet.answers, lang));
  return `${lines.join('\n')}\n`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The sheet as GitHub Markdown, for a trainer to print or share (report --predictions FILE). */
export function sheetMarkdown(sheet: PredictionSheet, lang: Lang): string {
  const score = scoreOf(sheet.answers);
  const rows = sheet.answers.map(
    (answer) =>
      `| ${cell(answer.probe)} | ${cell(answer.picked ? `${outcomeChoiceText(answer.picked.outcome, lang)} / ${deciderText(answer.picked.decider, lang)}` : t('predictNoAnswer', lang))} | ${cell(`${outcomeChoiceText(answer.actual.outcome, lang)} / ${deciderText(answer.actual.decider, lang)} — ${outcomeHeadline(answer.outcome, lang)}`)} | ${answer.outcomeRight ? '✓' : '✗'} ${answer.deciderRight ? '✓' : '✗'} |`,
  );
  const surprises = sheet.answers.filter((answer) => score.surprises.includes(answer.probe));
  return [
    `# ${t('predictSheetTitle', lang, { scenario: sheet.scenario })}`,
    '',
    `${pick(sheet.title, lang)} · ${sheet.startedAt}`,
    '',
    `**${scoreLine(score, lang)}**`,
    '',
    `| ${t('predictSheetProbe', lang)} | ${t('predictSheetPicked', lang)} | ${t('predictSheetActual', lang)} | ${t('predictSheetResult', lang)} |`,
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `## ${t('predictSurprises', lang)}`,
    '',
    ...(surprises.length === 0
      ? [t('predictNoSurprise', lang)]
      : surprises.flatMap((answer) => [
          `- **${cell(answer.probe)}** — ${cell(actualText(answer.actual, lang))} — ${cell(pick(answer.description, lang))}`,
        ])),
    '',
  ].join('\n');
}
