// Renders the App with ink-testing-library at a fixed terminal size, with helpers to press keys and wait for text.
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import type { Lang } from '../../sandbox/text.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import { App } from '../tui/App.js';
import { fakeEngine, SCENARIOS, type FakeEngine } from './tui-fixtures.js';

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
  /** Open straight in the lab on this scenario, as `mtls-sandbox up <id>` does. */
  startIn?: { lab: string };
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
      ...(options.startIn ? { startIn: options.startIn } : {}),
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
        const before = frame();
        app.stdin.write(KEYS[key] ?? key);
        // Let Ink parse (a lone Esc waits for setImmediate) and React render; on a loaded machine a key sent before
        // the previous one rendered can meet a stale handler, so wait (briefly) for the frame to change.
        await new Promise((resolve) => setTimeout(resolve, key === 'escape' ? 20 : 5));
        const deadline = Date.now() + 300;
        while (frame() === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    /** Waits until the frame contains every text (polling, with a deadline), and returns the frame. */
    waitFor(...texts: string[]): Promise<string> {
      return waitUntil((text) => texts.every((t) => text.includes(t)), JSON.stringify(texts));
    },
    /** Waits until the frame satisfies `ready`. */
    waitUntil: (ready: (frame: string) => boolean, what: string) => waitUntil(ready, what),
  };

  async function waitUntil(ready: (frame: string) => boolean, what: string): Promise<string> {
    // Generous: a ready frame returns at once; on a busy machine a run view's frames can take seconds to render.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (ready(frame())) return frame();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`Timed out waiting for ${what} in:\n${frame()}`);
  }
}

/** Display width, for checking that frames fit the terminal. */
// The terminal's own measure (▶ is one column), the one the view models lay out with.
export { widthOf as stringWidth } from '../tui/text.js';
