// How tones look. With NO_COLOR every tone is plain text: no escape codes at all, so meaning must never depend
// on colour alone (the views also use ✓/✗, ▸ and › markers).
import type { TextProps } from 'ink';
import type { Tone } from './lines.js';

export type Theme = (tone: Tone) => TextProps;

/** no-color.org: NO_COLOR set to a non-empty value turns colour off. */
export const colorEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => !env.NO_COLOR;

const STYLES: Record<Tone, TextProps> = {
  plain: {},
  title: { bold: true, color: 'cyan' },
  heading: { bold: true },
  dim: { dimColor: true },
  ok: { color: 'green', bold: true },
  bad: { color: 'red', bold: true },
  warn: { color: 'yellow' },
  accent: { color: 'cyan' },
  decisive: { color: 'yellow', bold: true },
  selected: { inverse: true },
  key: { color: 'cyan', bold: true },
  match: { backgroundColor: 'yellow', color: 'black' },
};

export const makeTheme = (color: boolean): Theme => (color ? (tone) => STYLES[tone] : () => ({}));
