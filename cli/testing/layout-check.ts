// Test support: how a terminal frame lines up, measured by display column (Japanese two a character, ▶ one) — the
// column compare's divider stands in on every row, and whether any text runs across a sequence diagram's lifeline.
import { widthOf } from '../tui/text.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The character at each display column of a line; the second column of a wide character is ''. */
export function cells(line: string): string[] {
  const out: string[] = [];
  for (const { segment } of graphemes.segment(line)) {
    out.push(segment);
    for (let extra = 1; extra < widthOf(segment); extra += 1) out.push('');
  }
  return out;
}

/**
 * The display columns where every row has a divider (│ between the two sides, or ≠): exactly one when compare's
 * sides line up. A row's lifelines (│) are candidates too, so a column only survives if every row has one there.
 */
export function dividerColumns(rows: readonly string[]): Set<number> {
  const columnsOf = (line: string) => {
    const row = cells(line);
    // A row whose right side is empty ends at the divider (Ink drops trailing blanks).
    return row.flatMap((ch, at) =>
      (ch === '│' || ch === '≠') && row[at - 1] === ' ' && (row[at + 1] ?? ' ') === ' ' ? [at] : [],
    );
  };
  const [first = [], ...rest] = rows.filter((line) => line.trim() !== '').map(columnsOf);
  return new Set(first.filter((column) => rest.every((row) => row.includes(column))));
}

/**
 * Rows of the sequence diagrams in a frame where anything but a lifeline stands on a lifeline's column. The
 * lifelines are the columns of the last row above that holds nothing but │ and spaces, three to a diagram (two
 * side by side in compare, apart from compare's `divider`); in every row below where a diagram goes on (one of its columns holds │ ├ ┤ ┼), all three
 * of its columns must hold a lifeline piece or an arrow head — never a letter, a space or half a wide character.
 * Returns the offending rows (empty: no label crosses a lifeline).
 */
export function lifelineCrossings(frame: string, divider?: number): string[] {
  const bad: string[] = [];
  let diagrams: number[][] = [];
  for (const line of frame.split('\n')) {
    const row = cells(line);
    if (/│/.test(line) && /^[ │≠]+$/.test(line)) {
      // Compare's own divider (given) is not a lifeline; the rest are three to a diagram, left to right.
      const columns = row.flatMap((ch, at) => (ch === '│' && at !== divider ? [at] : []));
      diagrams = [];
      for (let i = 0; i < columns.length; i += 3) diagrams.push(columns.slice(i, i + 3));
      continue;
    }
    for (const lifelines of diagrams) {
      const piece = (at: number) => '│├┤┼'.includes(row[at] || '_');
      if (!lifelines.some(piece)) continue;
      if (lifelines.some((at) => !(piece(at) || '▶◀'.includes(row[at] || '_')))) bad.push(line);
    }
  }
  return [...new Set(bad)];
}
