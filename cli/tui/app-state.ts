// The UI's whole state and how actions change it. Pure: side effects (running, compiling, quitting) are done by
// the App component when it sees the state ask for them.
import type { RunEvent } from '../../sandbox/events.js';
import type { TopologyReport } from '../../sandbox/report.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import type { Lang } from '../../sandbox/text.js';
import { cycle, partnerProbe, partnerScenario } from './pairs.js';
import { availablePresets } from './presets.js';
import { failRun, isActive, queuedRun, reduceRun, scenarioOf, type RunState } from './run-state.js';
import { initialLab, type LabAction, type LabState, reduceLab } from './lab-state.js';

export type View = 'browser' | 'run' | 'compare' | 'presenter' | 'transcript' | 'lab' | 'predict';
export type Focus = 'list' | 'detail';

export interface TopologyState {
  status: 'loading' | 'ready' | 'failed';
  topology: TopologyReport | null;
  error: string | null;
}

export interface TranscriptState {
  scenario: string;
  probe: string;
  scroll: number;
  hscroll: number;
  /** The committed search, and the match the view is on. */
  query: string;
  match: number;
  /** Typing a search after "/". */
  editing: boolean;
  draft: string;
}

export interface AppState {
  scenarios: ScenarioDefinition[];
  lang: Lang;
  view: View;
  /** Where Esc goes back to. */
  back: View[];
  help: boolean;
  /** How far the help (keys, then the legend) is scrolled. */
  helpScroll: number;
  quitting: boolean;
  browser: { index: number; focus: Focus; scroll: number };
  run: { scenario: string; probe: number; follow: boolean; focus: Focus; scroll: number };
  compare: {
    mode: 'probes' | 'scenarios';
    side: 0 | 1;
    scenarios: [string, string];
    probeScenario: string;
    probes: [string, string];
    scroll: number;
  };
  /** components: the components slide is shown over the story (i), until the next step. */
  presenter: { scenario: string; index: number; components: boolean };
  transcript: TranscriptState;
  runs: Record<string, RunState>;
  topologies: Record<string, TopologyState>;
  /** A topology kept up: the lab view, or a prediction run (lab-state.ts). */
  lab: LabState;
}

export type Action =
  | { type: 'move'; delta: number; max?: number }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'hscroll'; delta: number }
  | { type: 'switch-pane' }
  | { type: 'run'; scenario: string }
  | { type: 'queue-run'; scenario: string }
  | { type: 'event'; event: RunEvent }
  | { type: 'run-failed'; scenario: string; error: string }
  | { type: 'topology'; scenario: string; state: TopologyState }
  | { type: 'open-compare' }
  | { type: 'compare-mode' }
  | { type: 'compare-choose'; delta: number }
  /** Runs the two scenarios compared now (stepping through candidates runs nothing). */
  | { type: 'compare-run' }
  | { type: 'compare-preset'; index: number }
  | { type: 'open-presenter' }
  | { type: 'presenter-step'; delta: number; max: number }
  | { type: 'presenter-components' }
  | { type: 'open-transcript'; scenario: string; probe: string }
  | { type: 'search-start' }
  | { type: 'search-type'; text: string }
  | { type: 'search-erase' }
  | { type: 'search-commit'; lines: string[] }
  | { type: 'search-cancel' }
  | { type: 'search-next'; delta: number; lines: string[] }
  | { type: 'lab'; action: LabAction }
  | { type: 'toggle-lang' }
  | { type: 'help'; open: boolean }
  | { type: 'help-scroll'; delta: number; max: number }
  | { type: 'back' }
  | { type: 'quit' };

/** `startIn`: open straight in the lab on that scenario (`mtls-sandbox up <id>` on a terminal). */
export function initialState(scenarios: ScenarioDefinition[], lang: Lang, startIn?: { lab: string }): AppState {
  const first = scenarios[0]?.id ?? '';
  const state = initialBrowser(scenarios, lang, first);
  if (!startIn) return state;
  const index = Math.max(
    0,
    scenarios.findIndex((scenario) => scenario.id === startIn.lab),
  );
  return {
    ...state,
    view: 'lab',
    browser: { ...state.browser, index },
    lab: reduceLab(state.lab, { type: 'open', scenario: startIn.lab, purpose: 'lab' }),
  };
}

function initialBrowser(scenarios: ScenarioDefinition[], lang: Lang, first: string): AppState {
  return {
    scenarios,
    lang,
    view: 'browser',
    back: [],
    help: false,
    helpScroll: 0,
    quitting: false,
    browser: { index: 0, focus: 'list', scroll: 0 },
    run: { scenario: first, probe: 0, follow: true, focus: 'list', scroll: 0 },
    compare: {
      mode: 'scenarios',
      side: 0,
      scenarios: [first, partnerScenario(first, scenarios)],
      probeScenario: first,
      probes: ['', ''],
      scroll: 0,
    },
    presenter: { scenario: first, index: 0, components: false },
    transcript: { scenario: first, probe: '', scroll: 0, hscroll: 0, query: '', match: 0, editing: false, draft: '' },
    runs: {},
    topologies: {},
    lab: initialLab(),
  };
}

export const selectedScenario = (state: AppState): ScenarioDefinition | undefined =>
  state.scenarios[state.browser.index];
export const scenarioById = (state: AppState, id: string): ScenarioDefinition | undefined =>
  state.scenarios.find((s) => s.id === id);

/** The scenario the current view is about (what r re-runs, p presents, c compares). */
export function currentScenario(state: AppState): string {
  switch (state.view) {
    case 'browser':
      return selectedScenario(state)?.id ?? '';
    case 'run':
      return state.run.scenario;
    case 'compare':
      return state.compare.mode === 'probes'
        ? state.compare.probeScenario
        : state.compare.scenarios[state.compare.side];
    case 'presenter':
      return state.presenter.scenario;
    case 'transcript':
      return state.transcript.scenario;
    case 'lab':
    case 'predict':
      return state.lab.scenario;
  }
}

/** Probes in the run view's list: the scenario's probes in order, then the explanation as a last entry. */
export const runListLength = (state: AppState): number =>
  (scenarioById(state, state.run.scenario)?.probes.length ?? 0) + 1;

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

function open(state: AppState, view: View): AppState {
  if (state.view === view) return state;
  return { ...state, view, back: [...state.back, state.view].slice(-8) };
}

/** Asks for a (fresh) run, unless one is already queued or running. */
function queue(state: AppState, scenario: string): AppState {
  if (!scenario || isActive(state.runs[scenario])) return state;
  return { ...state, runs: { ...state.runs, [scenario]: queuedRun(scenario) } };
}

/** Asks for a run only if the scenario has none yet: views that show results use the last ones. */
const ensureRun = (state: AppState, scenario: string): AppState =>
  state.runs[scenario] ? state : queue(state, scenario);

export function reduce(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'move':
      return move(state, action.delta, action.max);
    case 'scroll':
      return scroll(state, action.delta, action.max);
    case 'hscroll':
      return state.view === 'transcript'
        ? {
            ...state,
            transcript: { ...state.transcript, hscroll: Math.max(0, state.transcript.hscroll + action.delta) },
          }
        : state;
    case 'switch-pane':
      return switchPane(state);
    case 'run': {
      const queued = queue(state, action.scenario);
      const sameScenario = state.run.scenario === action.scenario;
      return open(
        {
          ...queued,
          run: {
            scenario: action.scenario,
            probe: sameScenario ? state.run.probe : 0,
            follow: true,
            // Another scenario starts with the list focused: ↑↓ must move the selection, not scroll a detail pane
            // the user focused for the last one.
            focus: sameScenario ? state.run.focus : 'list',
            scroll: sameScenario ? state.run.scroll : 0,
          },
        },
        'run',
      );
    }
    case 'queue-run':
      return queue(state, action.scenario);
    case 'event': {
      const id = scenarioOf(action.event);
      if (id === null) return state;
      const next = reduceRun(state.runs[id] ?? queuedRun(id), action.event);
      return followRun({ ...state, runs: { ...state.runs, [id]: next } }, id);
    }
    case 'run-failed': {
      const run = state.runs[action.scenario] ?? queuedRun(action.scenario);
      return { ...state, runs: { ...state.runs, [action.scenario]: failRun(run, action.error) } };
    }
    case 'topology':
      return { ...state, topologies: { ...state.topologies, [action.scenario]: action.state } };
    case 'open-compare':
      return openCompare(state);
    case 'compare-mode': {
      const mode = state.compare.mode === 'probes' ? 'scenarios' : 'probes';
      const from = state.compare.probeScenario;
      // Into scenarios: the probes' scenario against its partner, unless it is already one of the pair.
      const scenarios: [string, string] =
        mode === 'scenarios' && !state.compare.scenarios.includes(from)
          ? [from, partnerScenario(from, state.scenarios)]
          : state.compare.scenarios;
      const compare = { ...state.compare, mode, scenarios, scroll: 0 } as const;
      return mode === 'probes'
        ? ensureRun({ ...state, compare: withProbes(state, compare) }, compare.probeScenario)
        : queueBoth({ ...state, compare });
    }
    case 'compare-choose':
      return compareChoose(state, action.delta);
    case 'compare-run':
      return state.compare.mode === 'scenarios' ? queueBoth(state) : state;
    case 'compare-preset': {
      const preset = availablePresets(state.scenarios)[action.index];
      if (!preset) return state;
      const compare = { ...state.compare, mode: 'scenarios' as const, scenarios: preset.scenarios, scroll: 0 };
      return queueBoth(open({ ...state, compare }, 'compare'));
    }
    case 'open-presenter': {
      // A scenario that has run is presented from its results; one that has not is run now, slide by slide.
      const scenario = currentScenario(state);
      const presenter = {
        scenario,
        index: state.presenter.scenario === scenario ? state.presenter.index : 0,
        components: false,
      };
      return open(ensureRun({ ...state, presenter }, scenario), 'presenter');
    }
    case 'presenter-step':
      return {
        ...state,
        presenter: {
          ...state.presenter,
          index: clamp(state.presenter.index + action.delta, 0, action.max),
          components: false,
        },
      };
    case 'presenter-components':
      return { ...state, presenter: { ...state.presenter, components: !state.presenter.components } };
    case 'open-transcript':
      return open(
        {
          ...state,
          transcript: {
            scenario: action.scenario,
            probe: action.probe,
            scroll: 0,
            hscroll: 0,
            query: state.transcript.query,
            match: 0,
            editing: false,
            draft: '',
          },
        },
        'transcript',
      );
    case 'search-start':
      return { ...state, transcript: { ...state.transcript, editing: true, draft: '' } };
    case 'search-type':
      return { ...state, transcript: { ...state.transcript, draft: state.transcript.draft + action.text } };
    case 'search-erase':
      return {
        ...state,
        transcript: { ...state.transcript, draft: [...state.transcript.draft].slice(0, -1).join('') },
      };
    case 'search-cancel':
      return { ...state, transcript: { ...state.transcript, editing: false, draft: '' } };
    case 'search-commit': {
      const transcript = { ...state.transcript, editing: false, query: state.transcript.draft, draft: '' };
      return {
        ...state,
        transcript: jumpToMatch(
          transcript,
          action.lines,
          firstMatchFrom(action.lines, transcript.query, state.transcript.scroll),
        ),
      };
    }
    case 'search-next': {
      const matches = matchingLines(action.lines, state.transcript.query);
      if (matches.length === 0) return state;
      return {
        ...state,
        transcript: jumpToMatch(
          state.transcript,
          action.lines,
          (state.transcript.match + action.delta + matches.length) % matches.length,
        ),
      };
    }
    case 'lab':
      return labAction(state, action.action);
    case 'toggle-lang':
      return { ...state, lang: state.lang === 'en' ? 'ja' : 'en' };
    case 'help':
      return { ...state, help: action.open, helpScroll: 0 };
    case 'help-scroll':
      return { ...state, helpScroll: clamp(state.helpScroll + action.delta, 0, Math.max(0, action.max)) };
    case 'back': {
      const previous = state.back[state.back.length - 1];
      if (!previous) return state;
      return { ...state, view: previous, back: state.back.slice(0, -1) };
    }
    case 'quit':
      return { ...state, quitting: true };
  }
}

function move(state: AppState, delta: number, max?: number): AppState {
  switch (state.view) {
    case 'browser': {
      if (state.browser.focus === 'detail') return scroll(state, delta, max ?? Number.MAX_SAFE_INTEGER);
      const index = clamp(state.browser.index + delta, 0, Math.max(0, state.scenarios.length - 1));
      return {
        ...state,
        browser: { ...state.browser, index, scroll: index === state.browser.index ? state.browser.scroll : 0 },
      };
    }
    case 'run': {
      if (state.run.focus === 'detail') return scroll(state, delta, max ?? Number.MAX_SAFE_INTEGER);
      const probe = clamp(state.run.probe + delta, 0, runListLength(state) - 1);
      // Moving by hand stops the selection from following the running probe.
      return {
        ...state,
        run: { ...state.run, probe, follow: false, scroll: probe === state.run.probe ? state.run.scroll : 0 },
      };
    }
    default:
      return scroll(state, delta, max ?? Number.MAX_SAFE_INTEGER);
  }
}

function scroll(state: AppState, delta: number, max: number): AppState {
  const next = (value: number) => clamp(value + delta, 0, Math.max(0, max));
  switch (state.view) {
    case 'browser':
      return { ...state, browser: { ...state.browser, scroll: next(state.browser.scroll) } };
    case 'run':
      return { ...state, run: { ...state.run, scroll: next(state.run.scroll) } };
    case 'compare':
      return { ...state, compare: { ...state.compare, scroll: next(state.compare.scroll) } };
    case 'transcript':
      return { ...state, transcript: { ...state.transcript, scroll: next(state.transcript.scroll) } };
    case 'presenter':
    case 'lab':
    case 'predict':
      return state;
  }
}

/** The lab's actions; opening one shows its view, and once it has stopped the view before it comes back. */
function labAction(state: AppState, action: LabAction): AppState {
  const lab = reduceLab(state.lab, action);
  if (action.type === 'open') return open({ ...state, lab }, action.purpose === 'predict' ? 'predict' : 'lab');
  if (action.type === 'stopped' && (state.view === 'lab' || state.view === 'predict')) {
    const previous = state.back[state.back.length - 1];
    return { ...state, lab, view: previous ?? 'browser', back: state.back.slice(0, -1) };
  }
  return { ...state, lab };
}

function switchPane(state: AppState): AppState {
  const other = (focus: Focus): Focus => (focus === 'list' ? 'detail' : 'list');
  switch (state.view) {
    case 'browser':
      return { ...state, browser: { ...state.browser, focus: other(state.browser.focus) } };
    case 'run':
      return { ...state, run: { ...state.run, focus: other(state.run.focus) } };
    case 'compare':
      return { ...state, compare: { ...state.compare, side: state.compare.side === 0 ? 1 : 0 } };
    default:
      return state;
  }
}

/** While a run is in progress, the run view's selection follows the probe that is running. */
function followRun(state: AppState, id: string): AppState {
  if (state.run.scenario !== id || !state.run.follow) return state;
  const run = state.runs[id]!;
  const scenario = scenarioById(state, id);
  const last = run.probes[run.probes.length - 1];
  if (!scenario) return state;
  const indexOf = (name: string | undefined) =>
    Math.max(
      0,
      scenario.probes.findIndex((p) => p.name === name),
    );
  // Finished: the first probe that failed, or else the explanation. Running: the probe in progress.
  const failed = run.probes.find((p) => p.report && !p.report.pass);
  const probe =
    run.phase === 'done' ? (failed ? indexOf(failed.name) : scenario.probes.length) : last ? indexOf(last.name) : 0;
  return probe === state.run.probe ? state : { ...state, run: { ...state.run, probe, scroll: 0 } };
}

function withProbes(state: AppState, compare: AppState['compare']): AppState['compare'] {
  const specs = scenarioById(state, compare.probeScenario)?.probes ?? [];
  const names = specs.map((p) => p.name);
  const left = names.includes(compare.probes[0]) ? compare.probes[0] : (names[0] ?? '');
  const right =
    names.includes(compare.probes[1]) && compare.probes[1] !== left ? compare.probes[1] : partnerProbe(left, specs);
  return { ...compare, probes: [left, right] };
}

function queueBoth(state: AppState): AppState {
  const [a, b] = state.compare.scenarios;
  return ensureRun(ensureRun(state, a), b);
}

function openCompare(state: AppState): AppState {
  if (state.view === 'run' || state.view === 'presenter' || state.view === 'transcript') {
    // Probes of one scenario: the selected one against its partner (no certificate ↔ with a certificate).
    const scenario = currentScenario(state);
    const specs = scenarioById(state, scenario)?.probes ?? [];
    const selected =
      state.view === 'run'
        ? specs[state.run.probe]?.name
        : state.view === 'transcript'
          ? state.transcript.probe
          : undefined;
    const left = selected ?? specs[0]?.name ?? '';
    const compare = {
      ...state.compare,
      mode: 'probes' as const,
      side: 0 as const,
      probeScenario: scenario,
      probes: [left, partnerProbe(left, specs)] as [string, string],
      scroll: 0,
    };
    return open(ensureRun({ ...state, compare }, scenario), 'compare');
  }
  if (state.view === 'compare') return state;
  const id = selectedScenario(state)?.id ?? '';
  const compare = {
    ...state.compare,
    mode: 'scenarios' as const,
    side: 0 as const,
    scenarios: [id, partnerScenario(id, state.scenarios)] as [string, string],
    probeScenario: id,
    scroll: 0,
  };
  return open(queueBoth({ ...state, compare: withProbes(state, compare) }), 'compare');
}

function compareChoose(state: AppState, delta: number): AppState {
  const { compare } = state;
  const side = compare.side;
  if (compare.mode === 'probes') {
    const names = (scenarioById(state, compare.probeScenario)?.probes ?? []).map((p) => p.name);
    const probes: [string, string] = [...compare.probes];
    probes[side] = cycle(names, probes[side], delta);
    return { ...state, compare: { ...compare, probes, scroll: 0 } };
  }
  const scenarios: [string, string] = [...compare.scenarios];
  scenarios[side] = cycle(
    state.scenarios.map((s) => s.id),
    scenarios[side],
    delta,
  );
  // Choosing runs nothing: only the pair settled on runs (Enter), never every scenario passed on the way.
  return { ...state, compare: { ...compare, scenarios, scroll: 0 } };
}

// --- transcript search ----------------------------------------------------------------------------------------

export function matchingLines(lines: string[], query: string): number[] {
  if (!query) return [];
  const needle = query.toLowerCase();
  return lines.flatMap((text, index) => (text.toLowerCase().includes(needle) ? [index] : []));
}

function firstMatchFrom(lines: string[], query: string, from: number): number {
  const matches = matchingLines(lines, query);
  const index = matches.findIndex((line) => line >= from);
  return Math.max(index, 0);
}

/** Puts match number `match` a few lines below the top, so its context shows. */
function jumpToMatch(transcript: TranscriptState, lines: string[], match: number): TranscriptState {
  const target = matchingLines(lines, transcript.query)[match];
  if (target === undefined) return { ...transcript, match: 0 };
  return { ...transcript, match, scroll: Math.max(0, target - 2) };
}
