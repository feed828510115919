// Display-width text helpers: terminals lay out columns, not characters, so Japanese (two columns a character)
// must be measured with string-width to align and truncate correctly.
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const widthOf = (text: string): number => stringWidth(text);

function* clusters(text: string): Generator<string> {
  for (const { segment } of graphemes.segment(text)) yield segment;
}

/** The longest prefix of `text` that fits in `width` columns. */
export function sliceToWidth(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const cluster of clusters(text)) {
    const w = stringWidth(cluster);
    if (used + w > width) break;
    out += cluster;
    used += w;
  }
  return out;
}

/** Drops the first `columns` columns (horizontal scrolling); a wide character cut in half becomes a space. */
export function dropColumns(text: string, columns: number): string {
  if (columns <= 0) return text;
  let used = 0;
  let index = 0;
  for (const cluster of clusters(text)) {
    if (used >= columns) break;
    used += stringWidth(cluster);
    index += cluster.length;
  }
  return (used > columns ? ' ' : '') + text.slice(index);
}

/** Fits `text` in `width` columns, ending with "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  return `${sliceToWidth(text, width - 1)}…`;
}

export function padEnd(text: string, width: number): string {
  const fitted = truncate(text, width);
  return fitted + ' '.repeat(Math.max(0, width - stringWidth(fitted)));
}

export function padStart(text: string, width: number): string {
  const fitted = truncate(text, width);
  return ' '.repeat(Math.max(0, width - stringWidth(fitted))) + fitted;
}

/** Centres `text` in `width` columns (presenter slides). */
export function center(text: string, width: number): string {
  const fitted = truncate(text, width);
  return ' '.repeat(Math.max(0, Math.floor((width - stringWidth(fitted)) / 2))) + fitted;
}

const isWide = (cluster: string) => stringWidth(cluster) > 1;

/**
 * Wraps one paragraph to `width` columns: at spaces for Latin text, between any two characters for Japanese
 * (which has no spaces), and inside words only when a word alone is too long (URLs, PEM, long commands).
 * Continuation lines get `hang` spaces, so "- " bullets keep their indent.
 */
export function wrapParagraph(text: string, width: number, hang = 0): string[] {
  if (width <= 0) return [''];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const limit = () => (lines.length === 0 ? width : Math.max(1, width - hang));
  const flush = () => {
    lines.push((lines.length === 0 ? '' : ' '.repeat(Math.min(hang, width - 1))) + line.trimEnd());
    line = '';
    lineWidth = 0;
  };
  // Tokens: runs of non-space Latin, single wide characters, and runs of spaces.
  const tokens = text.match(/\s+|[^\s]/gu) ?? [];
  const words: string[] = [];
  for (const token of tokens) {
    const last = words[words.length - 1];
    const joinable =
      last !== undefined &&
      !/^\s/.test(token) &&
      !/\s$/.test(last) &&
      !isWide(token) &&
      !isWide(last.slice(-1)) &&
      !/[、。，．]$/.test(last);
    if (joinable) words[words.length - 1] = last + token;
    else words.push(token);
  }
  for (const word of words) {
    const w = stringWidth(word);
    if (/^\s+$/.test(word)) {
      if (lineWidth > 0 && lineWidth + w <= limit()) {
        line += word;
        lineWidth += w;
      }
      continue;
    }
    if (lineWidth + w > limit() && lineWidth > 0) flush();
    if (w <= limit()) {
      line += word;
      lineWidth += w;
      continue;
    }
    // A word longer than a line: cut it.
    for (const cluster of clusters(word)) {
      const cw = stringWidth(cluster);
      if (lineWidth + cw > limit() && lineWidth > 0) flush();
      line += cluster;
      lineWidth += cw;
    }
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
}

/** Wraps multi-line text; each line keeps its own indent, and "- " bullets hang. */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((raw) => {
    const indent = /^(\s*(?:[-•*]\s+|\d+\.\s+)?)/.exec(raw)?.[1] ?? '';
    return wrapParagraph(raw, width, stringWidth(indent));
  });
}
