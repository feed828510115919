// Predict, then see: before each probe runs the learner picks what will happen and who decides; then the answer, why,
// and how we know; at the end the score and the probes that surprised them. Pure.
import { DECIDERS, PREDICTED_OUTCOMES, scoreOf } from '../../../sandbox/lab/prediction.js';
import type { Lang } from '../../../sandbox/text.js';
import type { AppState } from '../app-state.js';
import { t } from '../../i18n/index.js';
import {
  answerLines,
  DECIDER_KEY_OF,
  deciderText,
  OUTCOME_KEY_OF,
  outcomeChoiceText,
  questionLines,
  scoreLines,
} from '../../predict-text.js';
import { sequenceLines } from '../../sequence-text.js';
import { blank, fitLine, paragraph, rule, seg, type Line, type Tone } from '../lines.js';
import { componentLine } from './run.js';
import { COMMON_HINTS, spinner, titleBarLine, windowOf, type Ctx, type Hint, type Screen } from './screen.js';

export const PREDICT_HINTS: Hint[] = [
  { keys: '1-5', label: 'keyPredict', rank: 1 },
  { keys: 'a b', label: 'keyChoose', rank: 1 },
  { keys: 'Enter', label: 'keyNext', rank: 1 },
  { keys: '↑↓', label: 'keyScroll', rank: 3 },
  { keys: 'Esc', label: 'keyLeave', rank: 2 },
  ...COMMON_HINTS,
];

const TONES: Record<ReturnType<typeof answerLines>[number]['kind'], Tone> = {
  heading: 'heading',
  right: 'ok',
  wrong: 'bad',
  plain: 'plain',
  dim: 'dim',
};

function choice(key: string, text: string, chosen: boolean, width: number): Line {
  return fitLine(
    [seg(chosen ? '›' : ' ', 'accent'), seg(` ${key} `, 'key'), seg(text, chosen ? 'selected' : 'plain')],
    width,
  );
}

export function predictLines(state: AppState, ctx: Ctx): Line[] {
  const { lab, lang } = state;
  const width = ctx.width;
  const scenario = state.scenarios.find((candidate) => candidate.id === lab.scenario);
  const probes = scenario?.probes ?? [];
  const { predict } = lab;
  if (lab.phase === 'starting')
    return [
      [seg(`${spinner(ctx.tick)} ${t('labStarting', lang)}`, 'accent')],
      ...lab.run.components.map((component) => componentLine(component, ctx.tick, width, lang)),
    ];
  if (lab.phase === 'failed') return paragraph(t('labFailed', lang, { error: lab.error ?? '' }), width, 'bad');
  if (lab.phase === 'ended') return paragraph(t('labEnded', lang, { component: lab.endedBy ?? '' }), width, 'bad');
  if (predict.step === 'done') return scoreSheetLines(state, width);
  const spec = probes[predict.index];
  if (!spec || !lab.info || !lab.run.topology) return [];
  const score = scoreOf(predict.answers);
  const out: Line[] = [
    fitLine(
      [
        seg(t('predictProgress', lang, { index: predict.index + 1, total: probes.length }), 'heading'),
        seg(` · ${t('predictScoreSoFar', lang, { right: score.both, done: score.probes })}`, 'dim'),
      ],
      width,
    ),
    rule(t('predictClient', lang), width),
    ...questionLines(spec, lab.run.topology, lab.info.certificates, lang).flatMap((text) => paragraph(text, width)),
  ];
  if (predict.step === 'asking' || predict.step === 'running') {
    out.push(rule(t('predictWhat', lang), width));
    for (const outcome of PREDICTED_OUTCOMES)
      out.push(choice(OUTCOME_KEY_OF(outcome), outcomeChoiceText(outcome, lang), predict.outcome === outcome, width));
    out.push(rule(t('predictWho', lang), width));
    for (const decider of DECIDERS)
      out.push(choice(DECIDER_KEY_OF(decider), deciderText(decider, lang), predict.decider === decider, width));
    out.push(blank());
    if (predict.step === 'running') out.push([seg(`${spinner(ctx.tick)} ${t('predictRunning', lang)}`, 'accent')]);
    else if (predict.outcome && predict.decider) out.push([seg(t('predictGo', lang), 'accent')]);
    else out.push([seg(t('predictPickBoth', lang), 'dim')]);
    return out;
  }
  const answer = predict.answers[predict.index];
  if (!answer) return out;
  out.push(rule(t('predictHappened', lang), width));
  for (const entry of answerLines(answer, lang)) out.push(...paragraph(entry.text, width, TONES[entry.kind]));
  const report = lab.probes.find((probe) => probe.name === spec.name)?.report;
  if (report) out.push(rule(t('sequence', lang), width), ...sequenceLines(report, lang, width));
  out.push(blank(), [seg(t(predict.index + 1 >= probes.length ? 'predictFinish' : 'predictNext', lang), 'accent')]);
  return out;
}

function scoreSheetLines(state: AppState, width: number): Line[] {
  const { lab, lang } = state;
  const out: Line[] = [rule(t('predictScoreHeading', lang), width)];
  for (const text of scoreLines(lab.predict.answers, lang))
    out.push(...(text === '' ? [blank()] : paragraph(text, width, text.startsWith('  ✗') ? 'bad' : 'plain')));
  if (lab.predict.file)
    out.push(blank(), ...paragraph(t('predictSaved', lang, { file: lab.predict.file }), width, 'dim'));
  return out;
}

export function predictScreen(state: AppState, ctx: Ctx): Screen {
  const lang: Lang = state.lang;
  const title = titleBarLine(
    [seg('mtls-sandbox', 'title'), seg(` · ${t('predictTitle', lang)} · ${state.lab.scenario}`)],
    t('langName', lang),
    ctx.width,
  );
  const body = windowOf(predictLines(state, ctx), state.lab.scroll, ctx.bodyHeight);
  return { title, body: body.lines, hints: PREDICT_HINTS, maxScroll: body.maxScroll };
}
