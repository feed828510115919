// Keys → actions, per view. Pure: the App dispatches what this returns.
import type { KeyInfo } from './key-info.js';
import { currentScenario, scenarioById, type Action, type AppState } from './app-state.js';
import { presenterMax, slidesOf } from './models/presenter.js';
import type { Ctx, Screen } from './models/screen.js';
import { transcriptLines } from './models/transcript.js';
import { labKeys } from './lab-keys.js';

export function actionsForKey(state: AppState, input: string, key: KeyInfo, screen: Screen, ctx: Ctx): Action[] {
  if (state.quitting) return [];
  if (key.ctrl && input === 'c') return [{ type: 'quit' }];
  if (state.view === 'transcript' && state.transcript.editing) return searchKeys(state, input, key);
  if (!state.help) {
    const inLab = labKeys(state, input, key, screen, ctx);
    if (inLab) return inLab;
  }
  if (input === 'q' && !key.ctrl && !key.meta) return [{ type: 'quit' }];
  if (state.help) {
    // The help scrolls (the legend is below the keys); any other key closes it.
    const step = key.upArrow || input === 'k' ? -1 : key.downArrow || input === 'j' ? 1 : 0;
    const page = key.pageUp ? -(ctx.bodyHeight - 2) : key.pageDown || input === ' ' ? ctx.bodyHeight - 2 : 0;
    if (step || page) return [{ type: 'help-scroll', delta: step || page, max: screen.maxScroll }];
    return [{ type: 'help', open: false }];
  }
  if (input === '?') return [{ type: 'help', open: true }];
  if (input === 'l' && !key.ctrl) return [{ type: 'toggle-lang' }];
  if (key.escape || (key.backspace && state.view !== 'browser')) return [{ type: 'back' }];

  const page = Math.max(1, ctx.bodyHeight - 3);
  const up = key.upArrow || input === 'k';
  const down = key.downArrow || input === 'j';
  const max = screen.maxScroll;
  switch (state.view) {
    case 'browser':
      if (up || down) return [{ type: 'move', delta: up ? -1 : 1, max }];
      if (key.pageUp || key.pageDown)
        return [
          state.browser.focus === 'detail'
            ? { type: 'scroll', delta: key.pageUp ? -page : page, max }
            : { type: 'move', delta: key.pageUp ? -page : page },
        ];
      if (key.return || input === 'r') return runSelected(state);
      if (key.tab) return [{ type: 'switch-pane' }];
      if (input === 'c') return [{ type: 'open-compare' }];
      if (input === 'p') return [{ type: 'open-presenter' }];
      if (/^[1-9]$/.test(input)) return [{ type: 'compare-preset', index: Number(input) - 1 }];
      if (input === 'u' || input === 'e') return openLab(state, input === 'u' ? 'lab' : 'predict');
      return [];
    case 'run': {
      if (up || down) return [{ type: 'move', delta: up ? -1 : 1, max }];
      if (key.pageUp || key.pageDown) return [{ type: 'scroll', delta: key.pageUp ? -page : page, max }];
      if (key.tab) return [{ type: 'switch-pane' }];
      if (input === 'r') return [{ type: 'run', scenario: state.run.scenario }];
      if (input === 'c') return [{ type: 'open-compare' }];
      if (input === 'p') return [{ type: 'open-presenter' }];
      const probe = scenarioById(state, state.run.scenario)?.probes[state.run.probe];
      if ((input === 't' || key.return) && probe)
        return [{ type: 'open-transcript', scenario: state.run.scenario, probe: probe.name }];
      return [];
    }
    case 'compare':
      if (up || down) return [{ type: 'scroll', delta: up ? -1 : 1, max }];
      if (key.pageUp || key.pageDown) return [{ type: 'scroll', delta: key.pageUp ? -page : page, max }];
      if (key.tab) return [{ type: 'switch-pane' }];
      if (key.leftArrow || key.rightArrow || input === '[' || input === ']')
        return [{ type: 'compare-choose', delta: key.leftArrow || input === '[' ? -1 : 1 }];
      if (input === 's') return [{ type: 'compare-mode' }];
      if (key.return) return [{ type: 'compare-run' }];
      if (/^[1-9]$/.test(input)) return [{ type: 'compare-preset', index: Number(input) - 1 }];
      if (input === 'c') return [{ type: 'back' }];
      if (input === 'r') return rerunCompared(state);
      if (input === 'p') return [{ type: 'open-presenter' }];
      if (input === 't' && state.compare.mode === 'probes')
        return [
          {
            type: 'open-transcript',
            scenario: state.compare.probeScenario,
            probe: state.compare.probes[state.compare.side],
          },
        ];
      return [];
    case 'presenter': {
      const next = input === ' ' || key.rightArrow || key.return || down || input === 'n';
      const previous = key.leftArrow || up || input === 'b';
      if (next || previous)
        return [
          { type: 'presenter-step', delta: next ? 1 : -1, max: presenterMax(state.runs[state.presenter.scenario]) },
        ];
      if (input === 'r')
        return [
          { type: 'queue-run', scenario: state.presenter.scenario },
          { type: 'presenter-step', delta: -Number.MAX_SAFE_INTEGER, max: 0 },
        ];
      if (input === 'p') return [{ type: 'back' }];
      if (input === 'c') return [{ type: 'open-compare' }];
      if (input === 'i') return [{ type: 'presenter-components' }];
      if (input === 't') {
        const slide = slidesOf(state.runs[state.presenter.scenario])[state.presenter.index];
        if (slide && 'probe' in slide)
          return [{ type: 'open-transcript', scenario: state.presenter.scenario, probe: slide.probe.name }];
      }
      return [];
    }
    case 'transcript': {
      if (up || down) return [{ type: 'scroll', delta: up ? -1 : 1, max }];
      if (key.pageUp || key.pageDown || input === ' ')
        return [{ type: 'scroll', delta: key.pageUp ? -page : page, max }];
      if (key.home || input === 'g') return [{ type: 'scroll', delta: -Number.MAX_SAFE_INTEGER, max }];
      if (key.end || input === 'G') return [{ type: 'scroll', delta: Number.MAX_SAFE_INTEGER, max }];
      if (key.leftArrow || key.rightArrow || input === 'h')
        return [{ type: 'hscroll', delta: key.rightArrow ? 8 : -8 }];
      if (input === '/') return [{ type: 'search-start' }];
      if (input === 'n' || input === 'N')
        return [{ type: 'search-next', delta: input === 'n' ? 1 : -1, lines: transcriptLines(state) }];
      if (input === 't') return [{ type: 'back' }];
      if (input === 'c') return [{ type: 'open-compare' }];
      return [];
    }
    case 'lab':
    case 'predict':
      return [];
  }
}

/** The browser's u (the lab) and e (predict, then see) on the selected scenario. */
function openLab(state: AppState, purpose: 'lab' | 'predict'): Action[] {
  const id = currentScenario(state);
  return id ? [{ type: 'lab', action: { type: 'open', scenario: id, purpose } }] : [];
}

function runSelected(state: AppState): Action[] {
  const id = currentScenario(state);
  return id ? [{ type: 'run', scenario: id }] : [];
}

function rerunCompared(state: AppState): Action[] {
  const ids = state.compare.mode === 'probes' ? [state.compare.probeScenario] : state.compare.scenarios;
  return [...new Set(ids)].map((scenario) => ({ type: 'queue-run', scenario }));
}

/** While typing a search, keys are text; Enter searches, Esc cancels. */
function searchKeys(state: AppState, input: string, key: KeyInfo): Action[] {
  if (key.escape) return [{ type: 'search-cancel' }];
  if (key.return) return [{ type: 'search-commit', lines: transcriptLines(state) }];
  if (key.backspace || key.delete) return [{ type: 'search-erase' }];
  if (
    input &&
    !key.ctrl &&
    !key.meta &&
    !key.tab &&
    !key.upArrow &&
    !key.downArrow &&
    !key.leftArrow &&
    !key.rightArrow
  )
    return [{ type: 'search-type', text: input }];
  return [];
}
