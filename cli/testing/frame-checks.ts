// What the views' tests check of every frame (cli/tui/views*.test.ts), and the words they wait for.
import { expect } from 'vitest';
import { stringWidth } from './render-app.js';

/** The frame is one row under the terminal and no row is wider than it (80×24 unless said). */
export function expectFits(frame: string, columns = 80, rows = 24): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

/** The start of an escape sequence: a frame rendered without colour has none. */
export const ESC = '\x1b[';

/** The end of the run's honest headline, in its long words or the short ones a narrow status line has room for. */
export const DONE = '0 differ · 0.3 s';
