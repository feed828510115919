// The scenario browser: the catalogue grouped by story on the left; the selected scenario's summary, topology
// diagram and probes on the right. Pure.
import type { ScenarioDefinition } from '../../../sandbox/scenario.js';
import { countEvidence } from '../../../sandbox/evidence.js';
import { pick, type Lang } from '../../../sandbox/text.js';
import { storiesOf } from '../../../scenarios/catalogue.js';
import type { AppState, TopologyState } from '../app-state.js';
import { evidenceCountsText, levelText, t } from '../../i18n/index.js';
import { blank, fitLine, paragraph, rule, seg, sideBySide, type Line } from '../lines.js';
import { isActive, readyComponents, type RunState } from '../run-state.js';
import { diagramLines } from './diagram.js';
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

export const BROWSER_HINTS: Hint[] = [
  { keys: '↑↓', label: 'keyMove' },
  { keys: 'Enter', label: 'keyRun', rank: 1 },
  { keys: 'Tab', label: 'keyPane', rank: 1 },
  { keys: 'c', label: 'keyCompare' },
  { keys: 'p', label: 'keyPresenter' },
  { keys: 'u', label: 'keyLab' },
  { keys: 'e', label: 'keyPredict' },
  ...COMMON_HINTS,
];

/** A run's state as one character: ✓ passed, ✗ failed, spinner while running, · never run. */
export function runMark(run: RunState | undefined, tick: number): Line[number] {
  if (!run) return seg('·', 'dim');
  if (isActive(run)) return seg(spinner(tick), 'accent');
  if (run.report?.skipped) return seg('–', 'warn');
  if (run.phase === 'failed' || !run.report?.pass) return seg('✗', 'bad');
  return seg('✓', 'ok');
}

/** Wide enough for the longest id where the terminal allows, leaving the detail pane at least 55%. */
export function listWidth(width: number, scenarios: { id: string }[]): number {
  const longest = Math.max(0, ...scenarios.map((s) => s.id.length));
  return Math.max(26, Math.min(longest + 4, 40, Math.floor(width * 0.45)));
}

/** Story headings and scenario rows, and which row is selected. */
export function browserListLines(state: AppState, width: number, tick: number): { lines: Line[]; selectedRow: number } {
  const lines: Line[] = [];
  let selectedRow = 0;
  const focused = state.browser.focus === 'list';
  for (const story of storiesOf(state.scenarios)) {
    const inStory = state.scenarios.map((s, index) => ({ s, index })).filter(({ s }) => s.story.id === story.id);
    if (inStory.length === 0) continue;
    // Story titles wrap rather than lose their end: they are what groups the list.
    lines.push(...paragraph(pick(story.title, state.lang), width, 'heading'));
    for (const { s, index } of inStory) {
      const selected = index === state.browser.index;
      if (selected) selectedRow = lines.length;
      const row: Line = [
        seg(selected ? '›' : ' ', 'accent'),
        seg(' '),
        runMark(state.runs[s.id], tick),
        seg(' '),
        seg(s.id, selected && focused ? 'selected' : selected ? 'heading' : 'plain'),
        // The user's own (--scenarios): a badge, so a lesson's scenarios and an experiment are told apart.
        ...(s.origin?.kind === 'user' ? [seg(` ${t('ownBadge', state.lang)}`, 'accent')] : []),
      ];
      lines.push(fitLine(row, width));
    }
  }
  return { lines, selectedRow };
}

function topologyLines(
  topology: TopologyState | undefined,
  run: RunState | undefined,
  lang: Lang,
  width: number,
  tick: number,
): Line[] {
  if (!topology || topology.status === 'loading')
    return [
      [seg(`${spinner(tick)} `, 'accent'), seg(topology ? t('compiling', lang) : t('topologyWaiting', lang), 'dim')],
    ];
  if (topology.status === 'failed' || !topology.topology)
    return paragraph(t('topologyFailed', lang, { error: topology.error ?? '' }), width, 'bad');
  // A run's own topology has the local addresses; the compiled one is the shape alone.
  const live = readyComponents(run).length === 0 ? null : !run?.stopped;
  return diagramLines(run?.topology ?? topology.topology, lang, width, live);
}

export function browserDetailLines(state: AppState, scenario: ScenarioDefinition, width: number, tick: number): Line[] {
  const lang = state.lang;
  const run = state.runs[scenario.id];
  const lines: Line[] = [
    ...paragraph(pick(scenario.title, lang), width, 'title'),
    // The story, and the seeds it comes from when it has any (a scenario of the user's own may have none).
    ...paragraph(
      scenario.seeds.length > 0
        ? `${pick(scenario.story.title, lang)} · ${t('seeds', lang)} ${scenario.seeds.join(', ')}`
        : pick(scenario.story.title, lang),
      width,
      'dim',
    ),
    blank(),
    ...paragraph(pick(scenario.summary, lang), width),
    blank(),
    rule(t('topology', lang), width),
    ...topologyLines(state.topologies[scenario.id], run, lang, width, tick),
    blank(),
    rule(t('probes', lang), width),
    ...paragraph(evidenceCountsText(countEvidence(scenario.probes.map((p) => p.evidence.level)), lang), width, 'dim'),
  ];
  for (const probe of scenario.probes) {
    const report = run?.probes.find((p) => p.name === probe.name)?.report;
    const assumed = probe.evidence.level === 'assumed';
    // A pass that rests on an assumption is not "matches AWS": it is marked in the warning colour.
    const mark = report ? (report.pass ? seg('✓', assumed ? 'warn' : 'ok') : seg('✗', 'bad')) : seg('•', 'dim');
    const level = seg(` · ${levelText(probe.evidence.level, lang)}`, assumed ? 'warn' : 'dim');
    lines.push(fitLine([mark, seg(' '), seg(probe.name, 'heading'), level], width));
    lines.push(...paragraph(pick(probe.description, lang), width, 'dim', 2));
  }
  return lines;
}

export function browserScreen(state: AppState, ctx: Ctx): Screen {
  const left = listWidth(ctx.width, state.scenarios);
  const right = Math.max(10, ctx.width - left - 3);
  const list = browserListLines(state, left, ctx.tick);
  const start = listWindowStart(list.selectedRow, list.lines.length, ctx.bodyHeight);
  const scenario = state.scenarios[state.browser.index];
  const detail = windowOf(
    scenario ? browserDetailLines(state, scenario, right, ctx.tick) : [],
    state.browser.scroll,
    ctx.bodyHeight,
  );
  const body = sideBySide(
    list.lines.slice(start, start + ctx.bodyHeight),
    detail.lines,
    left,
    right,
    // The focused pane is unmistakable: a heavy, coloured rule beside the details, the selection inverted in the list.
    state.browser.focus === 'detail' ? ' ┃ ' : ' │ ',
    state.browser.focus === 'detail' ? 'accent' : 'dim',
  );
  return {
    title: titleBarLine(
      [seg('mtls-sandbox', 'title'), seg(` · ${t('scenarios', state.lang)} (${state.scenarios.length})`)],
      t('langName', state.lang),
      ctx.width,
    ),
    body,
    hints: BROWSER_HINTS,
    maxScroll: detail.maxScroll,
  };
}
