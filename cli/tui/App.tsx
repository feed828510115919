// The UI root: holds the state, turns keys into actions, and does what the state asks of the engine (run queued
// scenarios, compile topologies for diagrams, stop everything on quit).
import { useApp, useInput, type Key } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import type { Lang } from '../../sandbox/text.js';
import { say } from '../i18n/index.js';
import { initialState, reduce, selectedScenario, type Action, type AppState } from './app-state.js';
import { Frame } from './components/Frame.js';
import type { Engine } from './engine.js';
import { actionsForKey } from './keys.js';
import { screenOf } from './models/index.js';
import type { Ctx } from './models/screen.js';
import { isActive } from './run-state.js';
import { makeTheme } from './theme.js';
import { useTerminalSize, type Size } from './use-terminal-size.js';
import { useTicker } from './use-ticker.js';
import { useLab } from './use-lab.js';

export interface AppProps {
  scenarios: ScenarioDefinition[];
  lang: Lang;
  engine: Engine;
  color: boolean;
  /** A fixed terminal size (tests); otherwise the terminal's, following resizes. */
  size?: Size;
  /** Called after every component has been stopped, just before the UI unmounts. */
  onQuit?: () => void;
  /** Open straight in the lab on this scenario (`mtls-sandbox up <id>` on a terminal). */
  startIn?: { lab: string };
  /** Called after each key has been decided (the launcher times the first one: time to interactive). */
  onKeyHandled?: () => void;
}

/** Waits this long after the selection settles before compiling its topology, so scrolling stays responsive. */
const COMPILE_DELAY_MS = 150;

function reduceAll(state: AppState, actions: Action | Action[]): AppState {
  return (Array.isArray(actions) ? actions : [actions]).reduce(reduce, state);
}

export function App({ scenarios, lang, engine, color, size, onQuit, startIn, onKeyHandled }: AppProps) {
  const [state, dispatch] = useReducer(reduceAll, undefined, () => initialState(scenarios, lang, startIn));
  const { exit } = useApp();
  const terminal = useTerminalSize(size);
  const busy =
    Object.values(state.runs).some(isActive) ||
    state.lab.phase === 'starting' ||
    state.lab.phase === 'stopping' ||
    state.lab.pending.length > 0 ||
    Object.values(state.topologies).some((t) => t.status === 'loading') ||
    state.quitting;
  const tick = useTicker(busy);
  const width = Math.max(40, terminal.columns);
  const bodyHeight = Math.max(5, terminal.rows - 3);
  const ctx: Ctx = useMemo(() => ({ width, bodyHeight, tick }), [width, bodyHeight, tick]);
  const screen = useMemo(() => screenOf(state, ctx), [state, ctx]);
  const theme = useMemo(() => makeTheme(color), [color]);

  // Keys can arrive faster than React renders (key repeat, tmux send-keys): each one is decided on the state the
  // previous ones lead to, not on the last rendered state.
  const latest = useRef(state);
  latest.current = state;
  useInput((input, key) => {
    let current = latest.current;
    const all: Action[] = [];
    for (const [part, partKey] of splitInput(current, input, key)) {
      const actions = actionsForKey(current, part, partKey, screen, ctx);
      all.push(...actions);
      current = reduceAll(current, actions);
    }
    latest.current = current;
    if (all.length > 0) dispatch(all);
    onKeyHandled?.();
  });

  useRunQueue(state, engine, dispatch);
  useLab(state, engine, dispatch);
  useTopologies(state, engine, dispatch);

  useEffect(() => {
    if (!state.quitting) return;
    void engine
      .stop()
      .catch(() => undefined)
      .finally(() => {
        onQuit?.();
        exit();
      });
  }, [state.quitting, engine, exit, onQuit]);

  return <Frame screen={screen} theme={theme} lang={state.lang} width={ctx.width} bodyHeight={ctx.bodyHeight} />;
}

/**
 * Ink hands several characters that arrive together over as one input (a paste); outside a search each is a key
 * of its own, and Enter, Tab and Backspace among them must still count as those keys.
 */
function splitInput(state: AppState, input: string, key: Key): [string, Key][] {
  const typing = state.view === 'transcript' && state.transcript.editing;
  if (input.length <= 1 || key.ctrl || key.meta || (typing && !input.includes('\r'))) return [[input, key]];
  return [...input].map((char) => [
    char,
    { ...key, return: char === '\r', tab: char === '\t', backspace: char === '\x7f' || char === '\b' },
  ]);
}

/** Starts queued runs one at a time, feeding their events into the state. */
function useRunQueue(state: AppState, engine: Engine, dispatch: (action: Action) => void): void {
  const running = useRef(false);
  const [finished, setFinished] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `finished` re-runs the effect when a run ends, to start the next
  useEffect(() => {
    if (running.current || state.quitting) return;
    const next = Object.values(state.runs).find((run) => run.phase === 'queued');
    const scenario = next && state.scenarios.find((s) => s.id === next.scenario);
    if (!next || !scenario) return;
    running.current = true;
    engine
      .run(scenario, state.lang, (event) => dispatch({ type: 'event', event }))
      .catch((error: unknown) => {
        // A set-up error with a message code is said in the UI's language; any other as it was thrown.
        const said = (error as { said?: Parameters<typeof say>[0] } | null)?.said;
        dispatch({
          type: 'run-failed',
          scenario: scenario.id,
          error: said ? say(said, state.lang) : error instanceof Error ? error.message : String(error),
        });
      })
      .finally(() => {
        running.current = false;
        setFinished((n) => n + 1);
      });
  }, [state.runs, state.quitting, state.scenarios, state.lang, finished, engine, dispatch]);
}

/** Compiles the topologies the current view draws, once the selection has settled. */
function useTopologies(state: AppState, engine: Engine, dispatch: (action: Action) => void): void {
  const wanted =
    state.view === 'browser'
      ? [selectedScenario(state)?.id ?? '']
      : state.view === 'compare' && state.compare.mode === 'scenarios'
        ? state.compare.scenarios
        : [];
  const missing = wanted.filter((id) => id && !state.topologies[id]);
  const key = missing.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the ids still missing, so other renders keep the pending timer
  useEffect(() => {
    if (!key || state.quitting) return;
    const timer = setTimeout(() => {
      for (const id of missing) {
        const scenario = state.scenarios.find((s) => s.id === id);
        if (!scenario) continue;
        dispatch({ type: 'topology', scenario: id, state: { status: 'loading', topology: null, error: null } });
        engine.compile(scenario).then(
          (topology) => dispatch({ type: 'topology', scenario: id, state: { status: 'ready', topology, error: null } }),
          (error: unknown) =>
            dispatch({
              type: 'topology',
              scenario: id,
              state: {
                status: 'failed',
                topology: null,
                error: error instanceof Error ? error.message : String(error),
              },
            }),
        );
      }
    }, COMPILE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key, state.quitting]);
}
