// Renders the App with ink-testing-library at a fixed terminal size, with helpers to press keys and wait for text.
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import type { Lang } from '../../../sandbox/text.js';
import type { ScenarioDefinition } from '../../../sandbox/scenario.js';
import { App } from '../App.js';
import type { AppState } from '../app-state.js';
import { fakeEngine, SCENARIOS, type FakeEngine } from './fixtures.js';

const KEYS: Record<string, string> = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  tab: '\t',
  escape: '\x1b',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  backspace: '\x7f',
  space: ' ',
};

export interface RenderOptions {
  lang?: Lang;
  color?: boolean;
  columns?: number;
  rows?: number;
  engine?: FakeEngine;
  scenarios?: ScenarioDefinition[];
  prepare?: (state: AppState) => AppState;
}

export function renderApp(options: RenderOptions = {}) {
  const engine = options.engine ?? fakeEngine();
  let quit = false;
  const size = { columns: options.columns ?? 80, rows: options.rows ?? 24 };
  const app = render(
    createElement(App, {
      scenarios: options.scenarios ?? SCENARIOS,
      lang: options.lang ?? 'en',
      engine,
      color: options.color ?? false,
      size,
      prepare: options.prepare,
      onQuit: () => {
        quit = true;
      },
    }),
  );
  const frame = () => app.lastFrame() ?? '';
  return {
    app,
    engine,
    frame,
    quit: () => quit,
    /** Presses named keys (up, enter, tab, escape…) or types characters, one event each. */
    async press(...keys: string[]) {
      for (const key of keys) {
        app.stdin.write(KEYS[key] ?? key);
        // Let Ink parse (a lone Esc waits for setImmediate) and React render.
        await new Promise((resolve) => setTimeout(resolve, key === 'escape' ? 20 : 5));
      }
    },
    /** Waits until the frame contains every text (polling, with a deadline), and returns the frame. */
    async waitFor(...texts: string[]): Promise<string> {
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline) {
        if (texts.every((text) => frame().includes(text))) return frame();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error(`Timed out waiting for ${JSON.stringify(texts)} in:\n${frame()}`);
    },
  };
}

/** Every line of a frame fits the terminal's width (in display columns). */
export { default as stringWidth } from 'string-width';
