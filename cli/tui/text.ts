// Display-width text helpers: terminals lay out columns, not characters, so Japanese (two columns a character)
// must be measured to align and truncate correctly.
import stringWidth from 'string-width';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A symbol that can be an emoji but is not one here (▶ ◀ ↪ ℹ without VS16): one column, as terminals and Ink draw
 * it. string-width 7 counts these as two, which left every row with an arrow head a column short.
 */
const TEXT_SYMBOL = /^\p{Extended_Pictographic}$/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

/**
 * Widths already measured: every redraw lays out mostly the same texts again, and measuring one (grapheme
 * segmentation, string-width's emoji tests) is most of a frame's layout time. Bounded: emptied when full.
 */
const measured = new Map<string, number>();
const MEASURED_MAX = 20_000;

function remember(text: string, width: number): number {
  if (measured.size >= MEASURED_MAX) measured.clear();
  measured.set(text, width);
  return width;
}

/** The columns one grapheme takes in a terminal. */
function clusterWidth(cluster: string): number {
  const known = measured.get(cluster);
  if (known !== undefined) return known;
  if (TEXT_SYMBOL.test(cluster) && !EMOJI_PRESENTATION.test(cluster)) return remember(cluster, 1);
  return remember(cluster, stringWidth(cluster));
}

/** Display columns of `text`: CJK and emoji two, everything else one (what the terminal and Ink agree on). */
export function widthOf(text: string): number {
  // Plain ASCII is by far the most common case: one column a character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  const known = measured.get(text);
  if (known !== undefined) return known;
  let width = 0;
  for (const cluster of clusters(text)) width += clusterWidth(cluster);
  return remember(text, width);
}

function* clusters(text: string): Generator<string> {
  for (const { segment } of graphemes.segment(text)) yield segment;
}

/** The longest prefix of `text` that fits in `width` columns. */
export function sliceToWidth(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const cluster of clusters(text)) {
    const w = clusterWidth(cluster);
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
    used += clusterWidth(cluster);
    index += cluster.length;
  }
  return (used > columns ? ' ' : '') + text.slice(index);
}

/** Fits `text` in `width` columns, ending with "…" when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (widthOf(text) <= width) return text;
  return `${sliceToWidth(text, width - 1)}…`;
}

export function padEnd(text: string, width: number): string {
  const fitted = truncate(text, width);
  return fitted + ' '.repeat(Math.max(0, width - widthOf(fitted)));
}

export function padStart(text: string, width: number): string {
  const fitted = truncate(text, width);
  return ' '.repeat(Math.max(0, width - widthOf(fitted))) + fitted;
}

/** Centres `text` in `width` columns (presenter slides). */
export function center(text: string, width: number): string {
  const fitted = truncate(text, width);
  return ' '.repeat(Math.max(0, Math.floor((width - widthOf(fitted)) / 2))) + fitted;
}

// --- Wrapping: at spaces for Latin text, at word boundaries for Japanese, with kinsoku ---------------------------

const words = new Intl.Segmenter('ja', { granularity: 'word' });

/** Japanese text (and its punctuation): a line may break between two of its words. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef\u30fc]/u;
/** A run of katakana is one word to a reader ("ロードバランサー"), whatever the dictionary splits. */
const KATAKANA = /^[\p{Script=Katakana}\u30fc\u30fb]+$/u;
/** Kinsoku: what may not start a line (closing marks, small kana, the long-vowel mark)… */
const NO_START =
  /^[、。，．・：；？！ー）」』】〕〉》］｝〟’”ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々ゝゞヽヾ)\]},.:;!?%]/u;
/** …and what may not end one (opening marks). */
const NO_END = /[（「『【〔〈《［｛〝‘“([{]$/u;
/** Where a long Latin token may break when it must: after one of these (ssl_client_verify= / NONE)… */
const BREAK_AFTER = /(?<=[=,;&?/:|])/;
/** …and, when a piece is still longer than a line, after one of these (x-amzn- / mtls-). */
const BREAK_AFTER_WEAK = /(?<=[-_.%])/;

interface Unit {
  /** The text, and the pieces it may break into when it is longer than a line. */
  text: string;
  pieces: string[];
  /** A space came before it (a break that is dropped at the start of a line). */
  spaced: boolean;
}

const isCjk = (text: string) => CJK.test(text);

/** Why two adjacent pieces of text with no space between them may not break: null if they may. */
function bond(left: string, right: string): 'kinsoku' | 'word' | 'katakana' | null {
  if (NO_START.test(right) || NO_END.test(left)) return 'kinsoku';
  const l = left.slice(-1);
  const r = right.slice(0, 1);
  if (KATAKANA.test(l) && KATAKANA.test(r)) return 'katakana';
  // Latin next to Latin is one word; a break needs Japanese on one side.
  return isCjk(l) || isCjk(r) ? null : 'word';
}

/**
 * The text as units no line may break inside, each with the spaces before it noted and the pieces it may break into
 * when it is longer than a line (a katakana run at its dictionary words, never against kinsoku).
 */
function unitsOf(text: string): Unit[] {
  const units: Unit[] = [];
  let spaced = false;
  for (const { segment } of words.segment(text)) {
    if (/^\s+$/u.test(segment)) {
      spaced = true;
      continue;
    }
    const last = units[units.length - 1];
    const why = last && !spaced ? bond(last.text, segment) : null;
    if (last && why) {
      last.text += segment;
      if (why === 'katakana') last.pieces.push(segment);
      else last.pieces[last.pieces.length - 1] += segment;
    } else units.push({ text: segment, pieces: [segment], spaced });
    spaced = false;
  }
  for (const unit of units)
    unit.pieces = unit.pieces.flatMap((piece) => (isCjk(piece) ? [piece] : piece.split(BREAK_AFTER)));
  return units;
}

/**
 * Wraps one paragraph to `width` columns: at spaces for Latin text; at word boundaries for Japanese (Intl.Segmenter,
 * katakana runs kept whole), never starting a line with 、。）」ー or a small kana nor ending one with （「; a word
 * longer than a line breaks after a separator (= , ; / : - _ .), and only an opaque run (base64) is cut anywhere.
 * Continuation lines get `hang` spaces, so "- " bullets keep their indent.
 */
export function wrapParagraph(text: string, width: number, hang = 0): string[] {
  if (width <= 0) return [''];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const limit = () => (lines.length === 0 ? width : Math.max(1, width - hang));
  const flush = () => {
    lines.push((lines.length === 0 ? '' : ' '.repeat(Math.min(hang, width - 1))) + line.trimEnd());
    line = '';
    used = 0;
  };
  const place = (piece: string, spaced: boolean) => {
    const gap = spaced && used > 0 ? 1 : 0;
    const w = widthOf(piece);
    if (used > 0 && used + gap + w > limit()) flush();
    if (used > 0 && gap) {
      line += ' ';
      used += 1;
    }
    if (w <= limit() - used) {
      line += piece;
      used += w;
      return;
    }
    const weak = piece.split(BREAK_AFTER_WEAK);
    if (weak.length > 1) {
      for (const part of weak) place(part, false);
      return;
    }
    // Longer than a whole line with no separator to break at: cut it, the only way it fits — and still never start
    // a line with a closing mark: the character before it goes down with it.
    for (const cluster of clusters(piece)) {
      const cw = widthOf(cluster);
      if (used + cw > limit() && used > 0) {
        const last = [...clusters(line)].at(-1) ?? '';
        const carry = NO_START.test(cluster) && widthOf(line) > widthOf(last) ? last : '';
        line = line.slice(0, line.length - carry.length);
        flush();
        line = carry;
        used = widthOf(carry);
      }
      line += cluster;
      used += cw;
    }
  };
  const indent = /^\s*/.exec(text)?.[0] ?? '';
  if (indent) {
    line = indent;
    used = widthOf(indent);
  }
  for (const unit of unitsOf(text)) {
    const w = widthOf(unit.text);
    const gap = unit.spaced && used > 0 ? 1 : 0;
    if (used + gap + w <= limit() || (used === 0 && w <= limit())) {
      place(unit.text, unit.spaced);
      continue;
    }
    if (w <= Math.max(1, width - hang)) {
      flush();
      place(unit.text, false);
      continue;
    }
    // Longer than a line: its pieces, as many on each line as fit.
    for (const [index, piece] of unit.pieces.entries()) place(piece, index === 0 && unit.spaced);
  }
  if (line.trim().length > 0 || lines.length === 0) flush();
  return lines;
}

/** Wraps multi-line text; each line keeps its own indent, and "- " bullets hang. */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((raw) => {
    const indent = /^(\s*(?:[-•*]\s+|\d+\.\s+)?)/.exec(raw)?.[1] ?? '';
    return wrapParagraph(raw, width, widthOf(indent));
  });
}
