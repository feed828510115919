// Keys → actions in the lab and predict views. Pure. Returns null for a key the views leave to the common ones
// (q, ?, l); Esc leaves the lab, which stops its topology.
import type { KeyInfo } from './key-info.js';
import { DECIDERS, PREDICTED_OUTCOMES } from '../../sandbox/lab/prediction.js';
import type { Action, AppState } from './app-state.js';
import { consolePaths, type LabAction } from './lab-state.js';
import type { Ctx, Screen } from './models/screen.js';

const lab = (action: LabAction): Action[] => [{ type: 'lab', action }];

export function labKeys(state: AppState, input: string, key: KeyInfo, screen: Screen, ctx: Ctx): Action[] | null {
  if (state.view !== 'lab' && state.view !== 'predict') return null;
  if (key.escape) return lab({ type: 'leave' });
  // Elsewhere Backspace goes back; here that would leave the topology running unseen.
  if (key.backspace) return [];
  const page = Math.max(1, ctx.bodyHeight - 6);
  if (key.pageUp || key.pageDown)
    return lab({ type: 'scroll', delta: key.pageUp ? -page : page, max: screen.maxScroll });
  return state.view === 'predict' ? predictKeys(state, input, key, screen) : labViewKeys(state, input, key, screen);
}

function predictKeys(state: AppState, input: string, key: KeyInfo, screen: Screen): Action[] | null {
  const probes = state.scenarios.find((candidate) => candidate.id === state.lab.scenario)?.probes.length ?? 0;
  if (key.upArrow || key.downArrow || input === 'j' || input === 'k')
    return lab({ type: 'scroll', delta: key.upArrow || input === 'k' ? -1 : 1, max: screen.maxScroll });
  if (/^[1-5]$/.test(input)) return lab({ type: 'predict-outcome', outcome: PREDICTED_OUTCOMES[Number(input) - 1]! });
  if (input === 'a' || input === 'b') return lab({ type: 'predict-decider', decider: DECIDERS['ab'.indexOf(input)]! });
  if (key.return)
    return state.lab.predict.step === 'answered'
      ? lab({ type: 'predict-next', probes })
      : lab({ type: 'predict-go', probes });
  return null;
}

function labViewKeys(state: AppState, input: string, key: KeyInfo, screen: Screen): Action[] | null {
  const scenario = state.scenarios.find((candidate) => candidate.id === state.lab.scenario);
  const pane = state.lab.pane;
  if (key.tab) return lab({ type: 'pane', delta: key.shift ? -1 : 1 });
  if (input === 'r') return lab({ type: 'rerun' });
  if (input === 'a') return lab({ type: 'scenario-probes', specs: scenario?.probes ?? [] });
  const up = key.upArrow || input === 'k';
  const down = key.downArrow || input === 'j';
  switch (pane) {
    case 'overview':
      if (up || down) return lab({ type: 'scroll', delta: up ? -1 : 1, max: screen.maxScroll });
      return null;
    case 'console': {
      const paths = consolePaths(scenario);
      if (up || down) return lab({ type: 'field', delta: up ? -1 : 1 });
      if (key.leftArrow || key.rightArrow) return lab({ type: 'value', delta: key.leftArrow ? -1 : 1, paths });
      if (/^[1-9]$/.test(input)) return lab({ type: 'preset', index: Number(input) - 1 });
      if (key.return) return lab({ type: 'send', paths });
      if (input === 'm') return lab({ type: 'mode' });
      if (input === 's') return lab({ type: 'save' });
      return null;
    }
    case 'probes':
      if (up || down) return lab({ type: 'select', delta: up ? -1 : 1, count: state.lab.probes.length });
      return null;
    case 'challenges': {
      const challenges = scenario?.challenges ?? [];
      if (up || down) return lab({ type: 'select', delta: up ? -1 : 1, count: challenges.length });
      if (input === 'h') return lab({ type: 'hint' });
      const challenge = challenges[state.lab.challenge];
      if (key.return && challenge) return lab({ type: 'check', challenge: challenge.id });
      return null;
    }
  }
}
