// Presenter mode: the run as a sequence of slides, one per keypress — each component coming up, each probe's
// command, its handshake, its verdict (in large letters) — and the explanation last. Pure.
import type { Message } from '../../../sandbox/messages.js';
import type { ScenarioDefinition } from '../../../sandbox/scenario.js';
import { pick, type Lang } from '../../../sandbox/text.js';
import type { AppState } from '../app-state.js';
import {
  decisiveFacts,
  evidenceText,
  outcomeHeadline,
  outcomeTone,
  outcomeWord,
  say,
  t,
  verdictText,
} from '../../i18n/index.js';
import { sequenceLines } from '../../sequence-text.js';
import { diagramLines } from './diagram.js';
import { blank, fitLine, paragraph, seg, wrapAfter, type Line } from '../lines.js';
import { isActive, type ComponentState, type ProbeState, type RunState } from '../run-state.js';
import { center, widthOf } from '../text.js';
import { configLines, stepLine } from './probe.js';
import { spinner, titleBarLine, type Ctx, type Hint, type Screen } from './screen.js';

export const PRESENTER_HINTS: Hint[] = [
  { keys: 'Space/→', label: 'keyNext', rank: 1 },
  { keys: '←', label: 'keyPrevious', rank: 2 },
  { keys: 'r', label: 'keyRerun' },
  { keys: 'Esc', label: 'keyBack', rank: 1 },
  { keys: 'l', label: 'keyLang', rank: 3 },
  { keys: '?', label: 'keyHelp', pinned: true },
  { keys: 'q', label: 'keyQuit', pinned: true },
];

export type Slide =
  | { kind: 'topology' }
  | { kind: 'component'; component: ComponentState }
  | { kind: 'config'; probe: ProbeState; index: number }
  | { kind: 'command'; probe: ProbeState; index: number }
  | { kind: 'handshake'; probe: ProbeState; index: number }
  | { kind: 'verdict'; probe: ProbeState; index: number }
  | { kind: 'error'; error: string }
  | { kind: 'skipped'; reason: Message }
  | { kind: 'explain' };

/** The slides a run has produced so far; a live run only ever appends. */
export function slidesOf(run: RunState | undefined): Slide[] {
  if (!run) return [];
  const slides: Slide[] = run.components
    .filter((c) => c.status !== 'starting')
    .map((component) => ({ kind: 'component', component }));
  // The topology once everything is up: who stands where, where TLS ends, who checks the certificate.
  if (run.topology) slides.push({ kind: 'topology' });
  run.probes.forEach((probe, index) => {
    slides.push({ kind: 'command', probe, index });
    if (!probe.report) return;
    slides.push({ kind: 'handshake', probe, index });
    if (probe.report.config.length > 0) slides.push({ kind: 'config', probe, index });
    slides.push({ kind: 'verdict', probe, index });
  });
  if (run.phase === 'failed') slides.push({ kind: 'error', error: run.error ?? '' });
  if (run.report?.skipped) slides.push({ kind: 'skipped', reason: run.report.skipped });
  if (run.phase === 'done') slides.push({ kind: 'explain' });
  return slides;
}

/** The last index a keypress may reach: one past the slides while more are coming (a "waiting" slide). */
export const presenterMax = (run: RunState | undefined): number =>
  Math.max(0, slidesOf(run).length - (isActive(run) || !run ? 0 : 1));

// A 5-row block font for the verdict words, readable from the back of a room.
const FONT: Record<string, string[]> = {
  A: [' ███ ', '█   █', '█████', '█   █', '█   █'],
  B: ['████ ', '█   █', '████ ', '█   █', '████ '],
  C: [' ████', '█    ', '█    ', '█    ', ' ████'],
  D: ['████ ', '█   █', '█   █', '█   █', '████ '],
  E: ['█████', '█    ', '████ ', '█    ', '█████'],
  F: ['█████', '█    ', '████ ', '█    ', '█    '],
  I: ['███', ' █ ', ' █ ', ' █ ', '███'],
  K: ['█   █', '█  █ ', '███  ', '█  █ ', '█   █'],
  L: ['█    ', '█    ', '█    ', '█    ', '█████'],
  M: ['█   █', '██ ██', '█ █ █', '█   █', '█   █'],
  N: ['█   █', '██  █', '█ █ █', '█  ██', '█   █'],
  O: [' ███ ', '█   █', '█   █', '█   █', ' ███ '],
  P: ['████ ', '█   █', '████ ', '█    ', '█    '],
  R: ['████ ', '█   █', '████ ', '█  █ ', '█   █'],
  S: [' ████', '█    ', ' ███ ', '    █', '████ '],
  T: ['█████', '  █  ', '  █  ', '  █  ', '  █  '],
  U: ['█   █', '█   █', '█   █', '█   █', ' ███ '],
  W: ['█   █', '█   █', '█ █ █', '██ ██', '█   █'],
  ' ': ['  ', '  ', '  ', '  ', '  '],
};

export function bigWord(word: string): string[] {
  return [0, 1, 2, 3, 4].map((row) => [...word].map((letter) => FONT[letter]?.[row] ?? '').join('  '));
}

function componentSlide(component: ComponentState, lang: Lang, width: number): Line[] {
  const report = component.report;
  if (!report) return [[seg(`✗ ${component.name}`, 'bad')], blank(), ...paragraph(component.error ?? '', width, 'bad')];
  return [
    [seg('● ', 'ok'), seg(component.name, 'title')],
    blank(),
    [seg(report.version, 'heading')],
    [seg(report.address, 'accent')],
    blank(),
    ...paragraph(component.role ? say(component.role, lang) : '', width, 'dim'),
  ];
}

function probeIntro(scenario: ScenarioDefinition, probe: ProbeState, lang: Lang, width: number): Line[] {
  const spec = scenario.probes.find((p) => p.name === probe.name);
  return [[seg(probe.name, 'title')], ...(spec ? paragraph(pick(spec.description, lang), width, 'dim') : []), blank()];
}

/**
 * The configuration lines on one screen: when they are too many, each file keeps its name and its decisive lines
 * with the line before each (what they belong to); "⋮" marks what was left out.
 */
function fitConfig(lines: Line[], height: number): Line[] {
  if (lines.length <= height) return lines;
  const isFile = (line: Line) => line[0]?.tone === 'accent';
  const isDecisive = (line: Line) => line[0]?.text === '▸';
  const keep = new Set<number>();
  lines.forEach((line, index) => {
    if (isFile(line)) keep.add(index);
    if (isDecisive(line)) {
      keep.add(index);
      if (index > 0 && !isFile(lines[index - 1]!)) keep.add(index - 1);
    }
  });
  const out: Line[] = [];
  let last = -1;
  for (const index of [...keep].sort((a, b) => a - b)) {
    if (last >= 0 && index > last + 1 && !isFile(lines[index]!)) out.push([seg('  ⋮', 'dim')]);
    out.push(lines[index]!);
    last = index;
  }
  return out.slice(0, height);
}

/** The sequence diagram, or the decisive steps alone when the diagram is taller than the screen. */
function sequenceSlide(probe: ProbeState, lang: Lang, height: number, width: number): Line[] {
  const diagram = sequenceLines(probe.report!, lang, width);
  if (diagram.length <= height) return diagram;
  const compact = sequenceLines(probe.report!, lang, width, { compact: true });
  return compact.length <= height ? compact : handshakeSlide(probe, lang, height, width);
}

function handshakeSlide(probe: ProbeState, lang: Lang, height: number, width: number): Line[] {
  let steps = probe.report?.steps ?? [];
  // Too tall for the screen: the decisive steps matter most, curl's own remarks least.
  if (steps.length > height) steps = steps.filter((s) => s.decisive || s.direction !== 'info');
  if (steps.length > height)
    steps = steps.filter(
      (s) =>
        s.decisive ||
        !(s.kind === 'change-cipher-spec' || (s.kind === 'server-certificate-field' && s.params.field !== 'serial')),
    );
  return steps.slice(0, height).map((step) => fitLine(stepLine(step, lang), width));
}

function verdictSlide(probe: ProbeState, lang: Lang, width: number): Line[] {
  const report = probe.report!;
  // The banner says what happened to the client (ALLOWED, REFUSED, RESET…); whether AWS does the same is the
  // smaller line under it, never the banner.
  // The block letters spell English words; in Japanese the banner is the word itself (「拒否」), not REFUSED above it.
  const word = outcomeWord(report.outcome.code, lang);
  const tone = outcomeTone(report.outcome.code);
  const big = lang === 'en' ? bigWord(word) : [];
  const lines: Line[] =
    big.length > 0 && widthOf(big[0] ?? '') <= width
      ? big.map((row) => [seg(center(row, width), tone)])
      : [[seg(center(word, width), tone)]];
  lines.push(blank(), [seg(center(outcomeHeadline(report.outcome, lang), width), tone)]);
  // A stand-in's answer says so, under what happened: never read as AWS's.
  if (report.standIn) lines.push(...wrapAfter([], say(report.standIn, lang), 'warn', width));
  for (const fact of decisiveFacts(report, lang)) lines.push([seg(center(fact, width), 'heading')]);
  const fidelityTone = !report.pass ? 'bad' : report.verdict.level === 'assumed' ? 'warn' : 'dim';
  lines.push(blank(), [seg(center(`${report.pass ? '✓' : '✗'} ${verdictText(report, lang)}`, width), fidelityTone)]);
  lines.push(blank());
  for (const mismatch of report.mismatches)
    lines.push(...wrapAfter([seg('✗ ', 'bad')], say(mismatch, lang), 'plain', width));
  lines.push(
    ...wrapAfter([seg(`${t('reference', lang)}: `, 'dim')], evidenceText(report.evidence, lang), 'dim', width),
  );
  return lines;
}

function slideHeading(slide: Slide | undefined, total: number, lang: Lang): string {
  if (!slide) return t('presenterWaiting', lang);
  switch (slide.kind) {
    case 'component':
      return t('componentUp', lang);
    case 'topology':
      return t('probeTopology', lang);
    case 'config':
      return t('probeConfig', lang, { index: slide.index + 1, total });
    case 'command':
      return t('probeCommand', lang, { index: slide.index + 1, total });
    case 'handshake':
      return t('probeSequence', lang, { index: slide.index + 1, total });
    case 'verdict':
      return t('probeOutcome', lang, { index: slide.index + 1, total });
    case 'error':
      return t('failed', lang);
    case 'skipped':
      return t('skipped', lang);
    case 'explain':
      return t('explanation', lang);
  }
}

/** ✓/✗ for each probe judged up to this slide: the audience keeps the score. */
function scoreboard(slides: Slide[], index: number, width: number): Line {
  const seen = slides.slice(0, index + 1).flatMap((s) => (s.kind === 'verdict' ? [s.probe] : []));
  return fitLine(
    seen.flatMap((probe) => [
      seg(probe.report?.pass ? '✓ ' : '✗ ', probe.report?.pass ? 'ok' : 'bad'),
      seg(`${probe.name}  `, 'dim'),
    ]),
    width,
  );
}

export function presenterScreen(state: AppState, ctx: Ctx): Screen {
  const lang = state.lang;
  const width = ctx.width;
  const scenario = state.scenarios.find((s) => s.id === state.presenter.scenario);
  const run: RunState | undefined = state.runs[state.presenter.scenario];
  const slides = slidesOf(run);
  const index = Math.min(state.presenter.index, slides.length);
  const slide = slides[index];
  const total = scenario?.probes.length ?? 0;
  const title = titleBarLine(
    [seg('mtls-sandbox', 'title'), seg(` · ${t('presenter', lang)} · ${state.presenter.scenario}`)],
    `${t('presenterStep', lang, { index: Math.min(index + 1, Math.max(1, slides.length)), total: Math.max(1, slides.length) })} · ${t('langName', lang)}`,
    width,
  );
  const heading: Line[] = [
    [seg(slideHeading(slide, total, lang), 'heading')],
    fitLine([seg('━'.repeat(width), 'dim')], width),
  ];
  const room = Math.max(3, ctx.bodyHeight - heading.length - 2);
  let content: Line[] = [];
  if (!scenario) content = [];
  else if (!slide) content = [[seg(`${spinner(ctx.tick)} ${t('presenterWaiting', lang)}`, 'accent')]];
  else if (slide.kind === 'component') content = componentSlide(slide.component, lang, width);
  else if (slide.kind === 'topology')
    content = run?.topology ? diagramLines(run.topology, lang, width, !run.stopped) : [];
  else if (slide.kind === 'config')
    content = [
      [seg(slide.probe.name, 'title'), seg(`   ${t('decisiveLegend', lang)}`, 'dim')],
      ...fitConfig(configLines(slide.probe.report!, lang, width), room - 1),
    ];
  else if (slide.kind === 'command')
    content = [
      ...probeIntro(scenario, slide.probe, lang, width),
      ...wrapAfter([seg('$ ', 'accent')], slide.probe.command, 'heading', width),
    ];
  else if (slide.kind === 'handshake')
    content = [
      [seg(slide.probe.name, 'title'), seg(`   ${t('decisiveLegend', lang)}`, 'dim')],
      ...sequenceSlide(slide.probe, lang, room - 1, width),
    ];
  else if (slide.kind === 'verdict')
    content = [[seg(slide.probe.name, 'title')], ...verdictSlide(slide.probe, lang, width)];
  else if (slide.kind === 'error') content = paragraph(slide.error, width, 'bad');
  else if (slide.kind === 'skipped') content = paragraph(say(slide.reason, lang), width, 'warn');
  else content = paragraph(pick(scenario.explain, lang), width);
  // Short slides sit in the middle of the screen, as on a projector; long ones start at the top.
  const shown = content.slice(0, room);
  const above = slide?.kind === 'handshake' || slide?.kind === 'config' ? 0 : Math.floor((room - shown.length) / 3);
  const body = [...heading, ...Array.from({ length: above }, blank), ...shown];
  while (body.length < ctx.bodyHeight - 1) body.push(blank());
  body.push(scoreboard(slides, index, width));
  return { title, body, hints: PRESENTER_HINTS, maxScroll: 0 };
}
