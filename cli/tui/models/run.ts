// The run view: components coming up, each probe as it runs, and the selected probe (or the explanation) in
// detail below. Pure.
import type { ScenarioDefinition } from '../../../sandbox/scenario.js';
import { pick, type Lang } from '../../../sandbox/text.js';
import type { AppState } from '../app-state.js';
import { brokenReason, say, stageText, t } from '../../i18n/index.js';
import { headlineCounts, headlineMark, headlineShort, headlineText } from '../../headline.js';
import { fitLine, lineWidth, paragraph, seg, type Line, type Tone } from '../lines.js';
import { type IdentityLine, identityTableLines } from '../../identity-table-text.js';
import type { ComponentState, RunState } from '../run-state.js';
import { padEnd, truncate, widthOf } from '../text.js';
import { probeDetailLines, verdictMark } from './probe.js';
import { decisiveFacts, outcomeGlyph, outcomeShort, outcomeTone } from '../../i18n/index.js';
import {
  COMMON_HINTS,
  listWindowStart,
  spinner,
  titleBarLine,
  windowOf,
  type Ctx,
  type Hint,
  type Screen,
} from './screen.js';

export const RUN_HINTS: Hint[] = [
  { keys: '↑↓', label: 'keyMove' },
  { keys: 'Tab', label: 'keyPane', rank: 1 },
  { keys: 't', label: 'keyTranscript', rank: 1 },
  { keys: 'c', label: 'keyCompare', rank: 2 },
  { keys: 'p', label: 'keyPresenter', rank: 3 },
  { keys: 'r', label: 'keyRerun', rank: 4 },
  { keys: 'Esc', label: 'keyBack', rank: 1 },
  ...COMMON_HINTS,
];

/**
 * "✓ 4 probes: 3 as AWS documents or as observed, 1 on the sandbox's assumptions, 0 differ · 0.3 s" (the honest
 * headline, cli/headline.ts), or what the run is doing.
 */
export function runStatus(run: RunState | undefined, lang: Lang, tick: number, width = Number.MAX_SAFE_INTEGER): Line {
  if (!run) return [seg(t('probeWaiting', lang), 'dim')];
  if (run.phase === 'queued') return [seg(`${spinner(tick)} ${t('queued', lang)}`, 'accent')];
  if (run.phase === 'running') return [seg(`${spinner(tick)} ${t('running', lang)}`, 'accent')];
  if (run.phase === 'failed') return [seg(t('fail', lang), 'bad')];
  const report = run.report!;
  if (report.skipped) return [seg(t('skipped', lang), 'warn'), seg(` ${say(report.skipped, lang)}`, 'dim')];
  if (report.broken) return [seg(t('resultBroken', lang), 'bad'), seg(` ${brokenReason(report.broken, lang)}`, 'dim')];
  const counts = headlineCounts([report]);
  const mark = headlineMark(counts);
  const seconds = t('seconds', lang, { seconds: (report.durationMs / 1000).toFixed(1) });
  // The whole sentence where it fits; else the same counts in short words: a headline is never cut.
  const full = ` ${headlineText(counts, lang)} · ${seconds}`;
  const text = widthOf(full) + 2 <= width ? full : ` ${headlineShort(counts, lang)} · ${seconds}`;
  return [seg(mark, mark === '✗' ? 'bad' : 'ok'), seg(text)];
}

export function componentLine(component: ComponentState, tick: number, width: number, lang: Lang): Line {
  const mark =
    component.status === 'starting'
      ? seg(spinner(tick), 'accent')
      : component.status === 'ready'
        ? seg('●', 'ok')
        : seg('✗', 'bad');
  const report = component.report;
  const facts = report
    ? [
        seg(` ${padEnd(report.version, 18)} `, 'dim'),
        seg(report.address, 'accent'),
        seg(`  ${component.role ? say(component.role, lang) : ''}`, 'dim'),
      ]
    : [
        seg(
          `  ${component.errorSaid ? say(component.errorSaid, lang) : (component.error ?? (component.role ? say(component.role, lang) : ''))}`,
          component.error ? 'bad' : 'dim',
        ),
      ];
  return fitLine([mark, seg(' '), seg(padEnd(component.name, 14), 'heading'), ...facts], width);
}

function probeRow(
  scenario: ScenarioDefinition,
  index: number,
  run: RunState | undefined,
  selected: boolean,
  focused: boolean,
  lang: Lang,
  tick: number,
  width: number,
): Line {
  const spec = scenario.probes[index]!;
  // Names give way to the outcome on a narrow screen: what happened is the row's point. A name cut short keeps its
  // end (where names that share a start differ), and the detail below says it whole, with its position.
  const nameWidth = Math.min(width < 100 ? 24 : 30, Math.max(...scenario.probes.map((p) => widthOf(p.name))) + 1);
  const probe = run?.probes.find((p) => p.name === spec.name);
  const mark = !probe ? seg('·', 'dim') : probe.report ? verdictMark(probe.report) : seg(spinner(tick), 'accent');
  const head: Line = [
    seg(selected ? '›' : ' ', 'accent'),
    seg(' '),
    mark,
    seg(' '),
    seg(padEnd(middleCut(spec.name, nameWidth - 1), nameWidth), selected && focused ? 'selected' : 'heading'),
  ];
  // What happened to the client leads, in its tone; the decisive facts follow, dim, each whole or not at all (a
  // header cut before its "(absent)" would read as "it arrived"). The ✓/✗ before the name says whether that is
  // what was expected.
  const report = probe?.report;
  if (!report) return fitLine([...head, seg(probe ? ` ${t('probeRunning', lang)}` : '', 'dim')], width);
  const outcome = seg(
    ` ${outcomeGlyph(report.outcome.code)} ${outcomeShort(report.outcome, lang)}`,
    outcomeTone(report.outcome.code),
  );
  const line: Line = [...head, outcome];
  let used = lineWidth(fitLine(line, width));
  // The rule that matched (or the default action), then what the target saw, header by header: as many whole
  // entries as fit, a long value shortened with "…" (the detail has it whole), "(absent)" never cut off.
  const rules = decisiveFacts({ ...report, outcome: { ...report.outcome, targetSaw: [] } }, lang, { short: true });
  const pieces = rules.map((fact) => ` · ${fact}`);
  const saw = report.outcome.targetSaw.filter((seen) => seen.name !== 'error_log');
  let more = false;
  if (report.target && saw.length > 0) {
    const entries = saw.map(
      (seen) =>
        `${seen.name}: ${seen.value === null || seen.value === '' ? t('factAbsent', lang) : shortened(seen.value, 24)}`,
    );
    const budget = width - used - widthOf(pieces.join(''));
    let kept = entries.length;
    const sawText = (n: number) =>
      ` · ${t('factTargetSaw', lang, { target: report.target!.name, headers: entries.slice(0, n).join(', ') })}`;
    while (kept > 0 && widthOf(sawText(kept)) + (kept < entries.length ? 2 : 0) > budget) kept -= 1;
    if (kept > 0) pieces.push(sawText(kept));
    more = kept < entries.length;
  }
  for (const piece of pieces) {
    if (used + widthOf(piece) > width) {
      more = true;
      break;
    }
    line.push(seg(piece, 'dim'));
    used += widthOf(piece);
  }
  if (more && used + 2 <= width) line.push(seg(' …', 'dim'));
  return fitLine(line, width);
}

const shortened = (text: string, max: number): string => (widthOf(text) > max ? `${truncate(text, max)}` : text);

/** "empty-filter-lis…-trust-store": a name too long for its column keeps both ends, so two cut names differ. */
export function middleCut(name: string, width: number): string {
  if (widthOf(name) <= width) return name;
  const tail = Math.floor((width - 1) / 2);
  const head = width - 1 - tail;
  const chars = [...name];
  let start = '';
  for (const ch of chars) {
    if (widthOf(start + ch) > head) break;
    start += ch;
  }
  let end = '';
  for (const ch of chars.reverse()) {
    if (widthOf(ch + end) > tail) break;
    end = ch + end;
  }
  return `${start}…${end}`;
}

function explanationRow(
  selected: boolean,
  focused: boolean,
  run: RunState | undefined,
  lang: Lang,
  width: number,
): Line {
  const ready = run?.phase === 'done' || run?.phase === 'failed';
  const label = run?.report?.identityTable?.rows.length
    ? `${t('identityHeading', lang)} · ${t('explanation', lang)}`
    : t('explanation', lang);
  return fitLine(
    [
      seg(selected ? '›' : ' ', 'accent'),
      seg(' '),
      seg(ready ? 'ℹ' : '·', ready ? 'accent' : 'dim'),
      seg(' '),
      seg(label, selected && focused ? 'selected' : 'heading'),
    ],
    width,
  );
}

function detailLines(state: AppState, scenario: ScenarioDefinition, run: RunState | undefined, width: number): Line[] {
  const lang = state.lang;
  if (state.run.probe >= scenario.probes.length) {
    // Where the emulation differs from AWS or rests on inference is said right under the explanation.
    const notes = run?.report?.emulationNotes ?? [];
    const said = notes.length
      ? [
          ...paragraph(t('emulationNotes', lang), width),
          ...notes.flatMap((note) => paragraph(`! ${say(note, lang)}`, width)),
        ]
      : [];
    // A scenario with a "what the target learns" table shows it first: it is what the scenario is for.
    return [
      ...identityLines(run, lang, width),
      ...paragraph(pick(scenario.explain, lang), width),
      ...(said.length ? [...paragraph('', width), ...said] : []),
    ];
  }
  const spec = scenario.probes[state.run.probe];
  return probeDetailLines(
    spec,
    run?.probes.find((p) => p.name === spec?.name),
    lang,
    width,
    {
      index: state.run.probe + 1,
      total: scenario.probes.length,
    },
  );
}

const IDENTITY_TONES: Record<IdentityLine['kind'], Tone> = {
  heading: 'heading',
  muted: 'dim',
  door: 'decisive',
  field: 'plain',
  forgeable: 'bad',
  safe: 'ok',
};

/** The run's "what the target learns" table, each line wrapped to the width, then a blank line. */
function identityLines(run: RunState | undefined, lang: Lang, width: number): Line[] {
  const lines = identityTableLines(run?.report?.identityTable, lang);
  if (lines.length === 0) return [];
  return [...lines.flatMap((line) => paragraph(line.text, width, IDENTITY_TONES[line.kind])), ...paragraph('', width)];
}

export function runScreen(state: AppState, ctx: Ctx): Screen {
  const lang = state.lang;
  const width = ctx.width;
  const scenario = state.scenarios.find((s) => s.id === state.run.scenario);
  const run = state.runs[state.run.scenario];
  const title = titleBarLine(
    [seg('mtls-sandbox', 'title'), seg(` · ▶ ${state.run.scenario}`)],
    t('langName', lang),
    width,
  );
  if (!scenario) return { title, body: [], hints: RUN_HINTS, maxScroll: 0 };

  const top: Line[] = [
    fitLine([seg(pick(scenario.title, lang), 'heading')], width),
    fitLine(runStatus(run, lang, ctx.tick, width), width),
  ];
  if (run && run.steps.length > 0)
    top.push(
      fitLine([seg(run.steps.map((s) => `${stageText(s.name, lang)} ${s.durationMs} ms`).join(' · '), 'dim')], width),
    );
  if (!run) top.push(...paragraph(t('notRunYet', lang), width, 'accent'));
  for (const component of run?.components ?? []) top.push(componentLine(component, ctx.tick, width, lang));
  if (run?.error) top.push(...paragraph(t('runFailed', lang, { error: run.error }), width, 'bad'));
  if (run?.report?.skipped) top.push(...paragraph(say(run.report.skipped, lang), width, 'warn'));

  const focused = state.run.focus === 'list';
  const rows = [
    ...scenario.probes.map((_, i) => probeRow(scenario, i, run, i === state.run.probe, focused, lang, ctx.tick, width)),
    explanationRow(state.run.probe >= scenario.probes.length, focused, run, lang, width),
  ];
  // The list gets at most a third of the body when space is short, so the detail stays readable.
  const listHeight = Math.min(rows.length, Math.max(3, Math.floor(ctx.bodyHeight / 3)));
  const start = listWindowStart(state.run.probe, rows.length, listHeight);
  const topHeight = Math.min(top.length, Math.max(2, ctx.bodyHeight - listHeight - 6));
  const head = [...top.slice(0, topHeight), ...rows.slice(start, start + listHeight)];
  const detailHeight = Math.max(1, ctx.bodyHeight - head.length - 1);
  const detail = windowOf(detailLines(state, scenario, run, width), state.run.scroll, detailHeight);
  const separator = fitLine(
    [
      seg(
        state.run.focus === 'detail' ? '━'.repeat(width) : '─'.repeat(width),
        state.run.focus === 'detail' ? 'accent' : 'dim',
      ),
    ],
    width,
  );
  return { title, body: [...head, separator, ...detail.lines], hints: RUN_HINTS, maxScroll: detail.maxScroll };
}
