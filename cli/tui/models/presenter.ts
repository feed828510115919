// Presenter mode: the run as a story, one slide per keypress — the title and the question, the topology, what to
// notice, then each probe's command, sequence and outcome (in large letters, with its reason and how we know), the
// configuration once, the tally last; the components when asked (i). Pure.
import type { Message } from '../../../sandbox/messages.js';
import type { ProbeReport } from '../../../sandbox/report.js';
import type { ScenarioDefinition } from '../../../sandbox/scenario.js';
import { pick, type Lang } from '../../../sandbox/text.js';
import type { AppState } from '../app-state.js';
import {
  citationText,
  fidelityShort,
  outcomeGlyph,
  outcomeHeadline,
  outcomeShort,
  outcomeTone,
  outcomeWord,
  say,
  t,
  verdictText,
} from '../../i18n/index.js';
import { headlineCounts, headlineMark, headlineText, probeBasis } from '../../headline.js';
import { factsBesideReason, outcomeReason } from '../../outcome-reason.js';
import { sequenceLines } from '../../sequence-text.js';
import { diagramLines } from './diagram.js';
import { blank, fitLine, paragraph, seg, wrapAfter, type Line, type Tone } from '../lines.js';
import { isActive, type ProbeState, type RunState } from '../run-state.js';
import { center, widthOf, wrapText } from '../text.js';
import { configLines, stepLine } from './probe.js';
import { spinner, titleBarLine, type Ctx, type Hint, type Screen } from './screen.js';

export const PRESENTER_HINTS: Hint[] = [
  { keys: 'Space/→', label: 'keyNext', rank: 1 },
  { keys: '←', label: 'keyPrevious', rank: 2 },
  { keys: 'i', label: 'keyComponents', rank: 3 },
  { keys: 'r', label: 'keyRerun' },
  { keys: 'Esc', label: 'keyBack', rank: 1 },
  { keys: 'l', label: 'keyLang', rank: 3 },
  { keys: '?', label: 'keyHelp', pinned: true },
  { keys: 'q', label: 'keyQuit', pinned: true },
];

export type Slide =
  | { kind: 'title' }
  | { kind: 'topology' }
  | { kind: 'notice' }
  | { kind: 'config'; probe: ProbeState; index: number }
  | { kind: 'command'; probe: ProbeState; index: number }
  | { kind: 'handshake'; probe: ProbeState; index: number }
  | { kind: 'verdict'; probe: ProbeState; index: number }
  | { kind: 'error'; error: string }
  | { kind: 'skipped'; reason: Message }
  | { kind: 'summary' };

/**
 * The story a run tells, one slide per keypress: the title and the question, the topology, what to notice; then per
 * probe its command, its sequence and its outcome — the configuration that decides it once, with the first probe
 * that has one; the tally last. A live run only ever appends.
 */
export function slidesOf(run: RunState | undefined): Slide[] {
  const slides: Slide[] = [{ kind: 'title' }];
  if (!run) return slides;
  // The topology once it is realized: who stands where, where TLS ends, who checks the certificate.
  if (run.topology) slides.push({ kind: 'topology' }, { kind: 'notice' });
  let configShown = false;
  run.probes.forEach((probe, index) => {
    slides.push({ kind: 'command', probe, index });
    if (!probe.report) return;
    slides.push({ kind: 'handshake', probe, index });
    if (!configShown && probe.report.config.length > 0) {
      slides.push({ kind: 'config', probe, index });
      configShown = true;
    }
    slides.push({ kind: 'verdict', probe, index });
  });
  if (run.phase === 'failed') slides.push({ kind: 'error', error: run.error ?? '' });
  if (run.report?.skipped) slides.push({ kind: 'skipped', reason: run.report.skipped });
  if (run.phase === 'done' && !run.report?.skipped) slides.push({ kind: 'summary' });
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

/** Every component that came up, with its version, address and what it stands in for (shown on request: i). */
function componentsSlide(run: RunState | undefined, lang: Lang, width: number): Line[] {
  const out: Line[] = [];
  for (const component of run?.components ?? []) {
    const report = component.report;
    if (!report) {
      out.push([seg(`✗ ${component.name}`, 'bad')], ...paragraph(component.error ?? '', width, 'bad', 2));
      continue;
    }
    out.push(
      fitLine(
        [
          seg('● ', 'ok'),
          seg(component.name, 'title'),
          seg(`  ${report.version}  `, 'dim'),
          seg(report.address, 'accent'),
        ],
        width,
      ),
      ...paragraph(component.role ? say(component.role, lang) : '', width, 'dim', 2),
    );
  }
  return out.length > 0 ? out : [[seg(t('presenterWaiting', lang), 'dim')]];
}

/** The opening: the scenario's title, what it shows, and the question every lesson answers. */
function titleSlide(scenario: ScenarioDefinition, lang: Lang, width: number): Line[] {
  const seeds = scenario.seeds.length > 0 ? t('presenterSeeds', lang, { seeds: scenario.seeds.join(', ') }) : '';
  return [
    ...paragraph(pick(scenario.title, lang), width, 'title'),
    blank(),
    ...paragraph(pick(scenario.summary, lang), width),
    blank(),
    ...paragraph(t('presenterQuestion', lang), width, 'heading'),
    ...(seeds ? [blank(), ...paragraph(seeds, width, 'dim')] : []),
  ];
}

/** The configuration that decides the scenario's outcomes, once: every excerpt the probes named, by file. */
function scenarioConfig(run: RunState | undefined): ProbeReport['config'] {
  const byFile = new Map<string, ProbeReport['config'][number]>();
  for (const probe of run?.probes ?? []) {
    for (const excerpt of probe.report?.config ?? []) {
      const known = byFile.get(excerpt.file);
      if (!known) {
        byFile.set(excerpt.file, { ...excerpt, lines: excerpt.lines.map((line) => ({ ...line })) });
        continue;
      }
      for (const line of excerpt.lines) {
        const same = known.lines.find((one) => one.number === line.number);
        if (same) same.decisive ||= line.decisive;
        else known.lines.push({ ...line });
      }
      known.lines.sort((x, y) => x.number - y.number);
    }
  }
  return [...byFile.values()];
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
  // smaller line under it, never the banner. Block letters are Latin: in Japanese, the word itself, framed.
  const word = outcomeWord(report.outcome.code, lang);
  const tone = outcomeTone(report.outcome.code);
  const big = lang === 'en' ? bigWord(word) : [];
  const lines: Line[] =
    big.length > 0 && widthOf(big[0] ?? '') <= width
      ? big.map((row) => [seg(center(row, width), tone)])
      : [[seg(center(`━━  ${outcomeGlyph(report.outcome.code)} ${word}  ━━`, width), tone)]];
  lines.push(blank(), ...centred(outcomeHeadline(report.outcome, lang), width, tone));
  // A stand-in's answer says so, under what happened: never read as AWS's.
  if (report.standIn) lines.push(...centred(say(report.standIn, lang), width, 'warn'));
  // Why: nginx's own words for a 400, the load balancer's tls_verify_status for a reset.
  const reason = outcomeReason(report, lang);
  if (reason) lines.push(...centred(reason, width, 'decisive'));
  for (const fact of factsBesideReason(report, lang)) lines.push(...centred(fact, width, 'heading'));
  const evidenceTone = !report.pass ? 'bad' : report.verdict.level === 'assumed' ? 'warn' : 'ok';
  lines.push(blank(), ...centred(evidenceWords(report, lang), width, evidenceTone));
  for (const mismatch of report.mismatches)
    lines.push(...wrapAfter([seg('✗ ', 'bad')], say(mismatch, lang), 'plain', width));
  return lines;
}

/** How we know, in plain words: "AWS documents this", "seen on real AWS in a published article", an assumption. */
export function evidenceWords(report: ProbeReport, lang: Lang): string {
  if (report.verdict.code === 'skipped') return t('verdictSkipped', lang);
  if (report.verdict.code === 'unjudged') return t('verdictUnjudged', lang);
  if (!report.pass) return `✗ ${verdictText(report, lang)}`;
  const first = report.evidence.citations[0];
  const source = first ? citationText(first, lang) : '';
  if (report.verdict.level === 'documented') return t('presenterDocumented', lang, { source });
  if (report.verdict.level === 'observed') return t('presenterObserved', lang, { source });
  return t('presenterAssumed', lang, { why: report.evidence.assumption ?? '' });
}

/** A paragraph centred line by line (a projector's audience reads the middle of the screen). */
function centred(text: string, width: number, tone: Tone): Line[] {
  return wrapText(text, Math.max(20, width - 8)).map((part) => [seg(center(part, width), tone)]);
}

function slideHeading(slide: Slide | undefined, total: number, lang: Lang): string {
  if (!slide) return t('presenterWaiting', lang);
  switch (slide.kind) {
    case 'title':
      return t('presenterTitle', lang);
    case 'topology':
      return t('probeTopology', lang);
    case 'notice':
      return t('explanation', lang);
    case 'config':
      return t('presenterConfig', lang);
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
    case 'summary':
      return t('presenterSummary', lang);
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
  const asked = state.presenter.components;
  const slide = slides[index];
  const total = scenario?.probes.length ?? 0;
  const title = titleBarLine(
    [seg('mtls-sandbox', 'title'), seg(` · ${t('presenter', lang)} · ${state.presenter.scenario}`)],
    `${t('presenterStep', lang, { index: Math.min(index + 1, Math.max(1, slides.length)), total: Math.max(1, slides.length) })} · ${t('langName', lang)}`,
    width,
  );
  const heading: Line[] = [
    [seg(asked ? t('components', lang) : slideHeading(slide, total, lang), 'heading')],
    fitLine([seg('━'.repeat(width), 'dim')], width),
  ];
  const room = Math.max(3, ctx.bodyHeight - heading.length - 2);
  let content: Line[] = [];
  if (!scenario) content = [];
  else if (asked) content = componentsSlide(run, lang, width);
  else if (!slide) content = [[seg(`${spinner(ctx.tick)} ${t('presenterWaiting', lang)}`, 'accent')]];
  else if (slide.kind === 'title') content = titleSlide(scenario, lang, width);
  else if (slide.kind === 'topology') {
    const topology = run?.topology ?? state.topologies[scenario.id]?.topology ?? null;
    content = topology ? diagramLines(topology, lang, width, run ? !run.stopped : null) : [];
  } else if (slide.kind === 'notice') content = paragraph(pick(scenario.explain, lang), width);
  else if (slide.kind === 'config')
    content = [
      [seg(t('decisiveLegend', lang), 'dim')],
      ...fitConfig(configLines({ config: scenarioConfig(run) } as ProbeReport, lang, width), room - 1),
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
  else content = summarySlide(run, lang, width);
  // Short slides sit in the middle of the screen, as on a projector; long ones start at the top.
  const shown = content.slice(0, room);
  const top = asked || slide?.kind === 'handshake' || slide?.kind === 'config' || slide?.kind === 'notice';
  const above = top ? 0 : Math.floor((room - shown.length) / 3);
  const body = [...heading, ...Array.from({ length: above }, blank), ...shown];
  while (body.length < ctx.bodyHeight - 1) body.push(blank());
  body.push(scoreboard(slides, index, width));
  return { title, body, hints: PRESENTER_HINTS, maxScroll: 0 };
}

/** The last slide: the honest headline of the run, and each probe's outcome with what it rests on. */
function summarySlide(run: RunState | undefined, lang: Lang, width: number): Line[] {
  const report = run?.report;
  if (!report) return [];
  const counts = headlineCounts([report]);
  const mark = headlineMark(counts);
  const lines: Line[] = [
    ...wrapAfter([seg(`${mark} `, mark === '✗' ? 'bad' : 'ok')], headlineText(counts, lang), 'heading', width),
    blank(),
  ];
  for (const probe of report.probes) {
    const basis = probeBasis(probe);
    const tone = basis === 'differ' ? 'bad' : basis === 'assumed' ? 'warn' : 'dim';
    lines.push(
      ...wrapAfter(
        [
          seg(`${outcomeGlyph(probe.outcome.code)} `, outcomeTone(probe.outcome.code)),
          seg(`${probe.name}  `, 'heading'),
        ],
        `${outcomeShort(probe.outcome, lang)} · ${fidelityShort(probe, lang)}`,
        tone,
        width,
      ),
    );
  }
  return lines;
}
