// A screen: title bar, body lines, help bar. Every view model returns one; <Frame> draws it. Pure.
import type { Lang } from '../../../sandbox/text.js';
import { t, type UiKey } from '../../i18n/index.js';
import { fitLine, lineWidth, seg, type Line } from '../lines.js';

export interface Hint {
  keys: string;
  label: UiKey;
  /** Kept when the bar is too narrow for everything (help and quit must always be discoverable). */
  pinned?: boolean;
  /** Lower is kept first when space runs out; hints without a rank go in their order after ranked ones. */
  rank?: number;
}

export interface Screen {
  title: Line;
  body: Line[];
  hints: Hint[];
  /** How far the scrollable part of the body can scroll, for the key handler to clamp to. */
  maxScroll: number;
}

/** What a view model needs besides the state: the space it has and the spinner frame. */
export interface Ctx {
  width: number;
  /** Rows available to the body (terminal rows minus title bar, help bar and the spare row). */
  bodyHeight: number;
  tick: number;
}

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const spinner = (tick: number): string => SPINNER[tick % SPINNER.length]!;

export const COMMON_HINTS: Hint[] = [
  { keys: 'l', label: 'keyLang', rank: 5 },
  { keys: '?', label: 'keyHelp', pinned: true },
  { keys: 'q', label: 'keyQuit', pinned: true },
];

/** The help bar: as many hints as fit, always keeping the pinned ones. */
export function helpBarLine(hints: Hint[], lang: Lang, width: number): Line {
  const render = (hint: Hint): Line => [seg(hint.keys, 'key'), seg(` ${t(hint.label, lang)}`, 'dim')];
  const gap = seg('  ');
  const chosen: Hint[] = hints.filter((h) => h.pinned);
  const used = () => chosen.reduce((sum, h) => sum + lineWidth(render(h)) + 2, -2);
  const byRank = hints
    .filter((h) => !h.pinned)
    .sort((a, b) => (a.rank ?? 50 + hints.indexOf(a)) - (b.rank ?? 50 + hints.indexOf(b)));
  for (const hint of byRank) {
    if (used() + lineWidth(render(hint)) + 2 <= width) chosen.push(hint);
  }
  const ordered = hints.filter((h) => chosen.includes(h));
  return fitLine(
    ordered.flatMap((h, i) => (i === 0 ? render(h) : [gap, ...render(h)])),
    width,
  );
}

/** The title bar: what you are looking at on the left, the language (and activity) on the right. */
export function titleBarLine(left: Line, right: string, width: number): Line {
  const rightWidth = lineWidth([seg(right)]);
  const fitted = fitLine(left, Math.max(0, width - rightWidth - 1));
  const pad = Math.max(1, width - lineWidth(fitted) - rightWidth);
  return [...fitted, seg(' '.repeat(pad)), seg(right, 'dim')];
}

/** A window of `height` lines starting at `scroll` (clamped), padded so the frame keeps its size. */
export function windowOf(
  lines: Line[],
  scroll: number,
  height: number,
): { lines: Line[]; scroll: number; maxScroll: number } {
  const maxScroll = Math.max(0, lines.length - height);
  const top = Math.max(0, Math.min(scroll, maxScroll));
  return { lines: lines.slice(top, top + height), scroll: top, maxScroll };
}

/** Keeps `selected` visible in a list of `height` rows. */
export function listWindowStart(selected: number, total: number, height: number): number {
  if (total <= height) return 0;
  return Math.max(0, Math.min(selected - Math.floor(height / 2), total - height));
}
