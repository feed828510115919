// Styled lines: what every view model produces and the <Lines> component draws. A view model fits its lines to
// the width it is given, so Ink never has to wrap (and CJK text stays aligned).
import { padEnd, sliceToWidth, truncate, widthOf, wrapText } from './text.js';

/** What a piece of text means; the theme decides how that looks (or that it looks like nothing, with NO_COLOR). */
export type Tone =
  | 'plain'
  | 'title'
  | 'heading'
  | 'dim'
  | 'ok'
  | 'bad'
  | 'warn'
  | 'accent'
  | 'decisive'
  | 'selected'
  | 'key'
  | 'match';

export interface Segment {
  text: string;
  tone: Tone;
}

export type Line = Segment[];

export const seg = (text: string, tone: Tone = 'plain'): Segment => ({ text, tone });
export const line = (...segments: (Segment | string)[]): Line =>
  segments.map((s) => (typeof s === 'string' ? seg(s) : s));
export const blank = (): Line => [];

export const lineText = (l: Line): string => l.map((s) => s.text).join('');
export const lineWidth = (l: Line): number => widthOf(lineText(l));

/** Cuts a line to `width` columns, with "…" on the segment where it was cut. */
export function fitLine(l: Line, width: number): Line {
  if (lineWidth(l) <= width) return l;
  if (width <= 0) return [];
  const out: Line = [];
  let used = 0;
  for (const s of l) {
    const w = widthOf(s.text);
    if (used + w < width) {
      out.push(s);
      used += w;
      continue;
    }
    // This segment crosses the edge: keep what fits and mark the cut.
    out.push({ text: `${sliceToWidth(s.text, width - used - 1)}…`, tone: s.tone });
    break;
  }
  return out;
}

/** Pads a fitted line to exactly `width` columns (for side-by-side columns). */
export function padLine(l: Line, width: number): Line {
  const fitted = fitLine(l, width);
  const rest = width - lineWidth(fitted);
  return rest > 0 ? [...fitted, seg(' '.repeat(rest))] : fitted;
}

/** Wraps text after a prefix (e.g. "  ✓ "): continuation lines are indented by the prefix's width. */
export function wrapAfter(prefix: Line, text: string, tone: Tone, width: number): Line[] {
  const indent = lineWidth(prefix);
  const room = Math.max(8, width - indent);
  return wrapText(text, room).map((part, index) => [
    ...(index === 0 ? prefix : [seg(' '.repeat(indent))]),
    seg(part, tone),
  ]);
}

/** A paragraph wrapped to `width`, every line in one tone. */
export const paragraph = (text: string, width: number, tone: Tone = 'plain', indent = 0): Line[] =>
  wrapAfter([seg(' '.repeat(indent))], text, tone, width);

/** Two columns of lines side by side, padded so the second column starts at the same place on every row. */
export function sideBySide(
  left: Line[],
  right: Line[],
  leftWidth: number,
  rightWidth: number,
  gap = ' │ ',
  gapTone: Tone = 'dim',
): Line[] {
  const rows = Math.max(left.length, right.length);
  const out: Line[] = [];
  for (let i = 0; i < rows; i += 1)
    out.push([...padLine(left[i] ?? [], leftWidth), seg(gap, gapTone), ...fitLine(right[i] ?? [], rightWidth)]);
  return out;
}

/** A heading line the full width: "── Handshake ─────". */
export function rule(title: string, width: number, tone: Tone = 'heading'): Line {
  const head = `── ${title} `;
  return [seg(truncate(head, width), tone), seg('─'.repeat(Math.max(0, width - widthOf(head))), 'dim')];
}

export { padEnd };
