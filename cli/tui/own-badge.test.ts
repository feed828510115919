// The browser marks a user's own scenarios (--scenarios) so they stand apart from the lessons.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../testing/tui-fixtures.js';
import { initialState } from './app-state.js';
import { lineText } from './lines.js';
import { browserListLines } from './models/browser.js';

describe('browser list', () => {
  it('shows [yours] after a user scenario, and nothing after the project’s', () => {
    const own = {
      ...SCENARIOS[0]!,
      id: 'my-experiment',
      origin: { kind: 'user' as const, folder: '/lab/my-experiment' },
    };
    const state = initialState([...SCENARIOS, own], 'en');
    const rows = browserListLines(state, 60, 0).lines.map(lineText);
    expect(rows.find((row) => row.includes('my-experiment'))).toContain('[yours]');
    expect(rows.filter((row) => row.includes('[yours]'))).toHaveLength(1);
    const ja = browserListLines({ ...state, lang: 'ja' }, 60, 0).lines.map(lineText);
    expect(ja.find((row) => row.includes('my-experiment'))).toContain('[自作]');
  });
});
