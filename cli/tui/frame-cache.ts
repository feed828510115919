// The UI's first frame, kept for the next start: the bin writes it to the terminal before it loads Ink, React and
// the TypeScript loader (over a second on a busy machine), and the real first render replaces it moments later.
// The frame is the browser as the view models draw it for this terminal size, language and colour setting.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextProps } from 'ink';
import type { Lang } from '../../sandbox/text.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import { initialState } from './app-state.js';
import type { Line } from './lines.js';
import { screenOf } from './models/index.js';
import { helpBarLine } from './models/screen.js';
import { makeTheme } from './theme.js';

/** Where the frame for one terminal size, language and colour setting is kept (the bin reads the same name). */
export const frameCacheFile = (stateDir: string, columns: number, rows: number, lang: Lang, color: boolean): string =>
  join(stateDir, 'tui-frames', `${columns}x${rows}-${lang}-${color ? 'color' : 'plain'}.ansi`);

const COLORS: Record<string, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36 };

function sgr(props: TextProps): string {
  const codes: number[] = [];
  if (props.bold) codes.push(1);
  if (props.dimColor) codes.push(2);
  if (props.inverse) codes.push(7);
  if (typeof props.color === 'string' && COLORS[props.color]) codes.push(COLORS[props.color]!);
  if (typeof props.backgroundColor === 'string' && COLORS[props.backgroundColor])
    codes.push(COLORS[props.backgroundColor]! + 10);
  return codes.length > 0 ? `\x1b[${codes.join(';')}m` : '';
}

/** The lines as the terminal shows them: each segment in its style, each row cleared to its end. */
export function ansiFrame(lines: Line[], color: boolean): string {
  const theme = makeTheme(color);
  return lines
    .map((line) => {
      const text = line
        .map((segment) => {
          const style = sgr(theme(segment.tone));
          return style ? `${style}${segment.text}\x1b[0m` : segment.text;
        })
        .join('');
      return `${text}\x1b[K`;
    })
    .join('\n');
}

/** Draws the browser's first frame as the App will and keeps it for the next start. Never breaks the UI. */
export function saveFirstFrame(
  stateDir: string,
  scenarios: ScenarioDefinition[],
  lang: Lang,
  color: boolean,
  size: { columns: number; rows: number },
): void {
  try {
    const width = Math.max(40, size.columns);
    const bodyHeight = Math.max(5, size.rows - 3);
    const screen = screenOf(initialState(scenarios, lang), { width, bodyHeight, tick: 0 });
    const body = [...screen.body.slice(0, bodyHeight)];
    while (body.length < bodyHeight) body.push([]);
    const lines = [screen.title, ...body, helpBarLine(screen.hints, lang, width)];
    const file = frameCacheFile(stateDir, size.columns, size.rows, lang, color);
    mkdirSync(join(stateDir, 'tui-frames'), { recursive: true });
    writeFileSync(file, ansiFrame(lines, color));
  } catch {
    // A cache must never break the UI.
  }
}
