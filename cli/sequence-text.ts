// A probe's sequence diagram in box-drawing characters: client, load balancer and target lifelines, one row per
// message (its label on the arrow) and notes for what the load balancer decided. Fits any width from ~36 columns
// (half an 80-column terminal, in compare) up. Pure: the record's sequence in, styled lines out.
import type { ProbeReport, SequenceEvent, SequenceParty } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import { sequenceLabel, t } from './i18n/index.js';
import type { Line, Tone } from './tui/lines.js';
import { widthOf } from './tui/text.js';

interface Cell {
  ch: string;
  tone: Tone;
}

const PARTIES: SequenceParty[] = ['client', 'load-balancer', 'target'];

/** Lifeline columns for a width: the client near the left edge, the target near the right, the load balancer between. */
function columns(width: number): Record<SequenceParty, number> {
  return { client: 3, 'load-balancer': Math.floor(width / 2), target: width - 5 };
}

/** Steps a compact diagram leaves out unless they decide something: the handshake's routine middle. */
const ROUTINE: ReadonlySet<string> = new Set([
  'server-key-exchange',
  'server-hello-done',
  'client-key-exchange',
  'encrypted-extensions',
  'server-certificate-verify',
  'finished',
  'alert',
]);

/** `compact`: without the routine handshake steps (for a screen too short for all of them). */
export function sequenceLines(
  report: ProbeReport,
  lang: Lang,
  width: number,
  options: { compact?: boolean } = {},
): Line[] {
  const w = Math.max(30, width);
  const col = columns(w);
  const out: Line[] = [];
  const heads: [SequenceParty, string][] = [
    ['client', t('seqClient', lang)],
    ['load-balancer', report.sequence.loadBalancer === 'passthrough' ? t('seqLbPassthrough', lang) : t('seqLb', lang)],
    ['target', t('seqTarget', lang)],
  ];
  const header = blankRow(w, col, false);
  for (const [party, name] of heads) {
    const start =
      party === 'client' ? 0 : party === 'target' ? w - widthOf(name) : col[party] - Math.floor(widthOf(name) / 2);
    put(header, Math.max(0, start), name, 'heading');
  }
  out.push(toLine(header), toLine(blankRow(w, col, true)));
  for (const event of report.sequence.events) {
    const kind = event.step === null ? null : report.steps[event.step]?.kind;
    if (options.compact && !event.decisive && kind && ROUTINE.has(kind)) continue;
    out.push(...eventRows(event, report, lang, w, col));
  }
  out.push(toLine(blankRow(w, col, true)));
  return out;
}

function eventRows(
  event: SequenceEvent,
  report: ProbeReport,
  lang: Lang,
  w: number,
  col: Record<SequenceParty, number>,
): Line[] {
  const label = sequenceLabel(event, report, lang);
  const labelTone: Tone = event.decisive ? 'decisive' : 'plain';
  const mark = event.decisive ? '▸ ' : '';
  if (event.from === event.to) {
    // A note: beside its lifeline, wrapped over as many rows as it needs.
    const at = col[event.from];
    const leftwards = event.from === 'target';
    // Up to the next lifeline on its side (the target's notes go left of it), or to the edge.
    const next = event.from === 'client' ? col['load-balancer'] : event.from === 'load-balancer' ? col.target : w;
    const room = leftwards ? at - col['load-balancer'] - 3 : next - at - 3;
    const parts = wrapTo(`${mark}${label}`, Math.max(8, room));
    return parts.map((part) => {
      const row = blankRow(w, col, true);
      const start = leftwards ? at - 2 - widthOf(part) : at + 2;
      put(row, Math.max(0, start), part, event.decisive ? 'decisive' : 'accent');
      return toLine(row);
    });
  }
  const row = blankRow(w, col, true);
  const [a, b] = [col[event.from], col[event.to]];
  const [left, right] = a < b ? [a, b] : [b, a];
  for (let x = left + 1; x < right; x += 1) {
    const crossed = PARTIES.some((party) => col[party] === x);
    row[x] = { ch: crossed ? '┼' : '─', tone: 'dim' };
  }
  row[a] = { ch: a < b ? '├' : '┤', tone: 'dim' };
  if (a < b) row[b - 1] = { ch: '▶', tone: event.decisive ? 'decisive' : 'dim' };
  else row[b + 1] = { ch: '◀', tone: event.decisive ? 'decisive' : 'dim' };
  // The label sits on the arrow, after its first two dashes, cut to the arrow's length; it flows around a lifeline
  // the arrow crosses (a passthrough load balancer), so the crossing stays visible even in a narrow diagram.
  const crossings = PARTIES.filter((party) => col[party] > left && col[party] < right).length;
  const room = right - left - 5 - crossings;
  const text = cutTo(`${mark}${label}`, room);
  if (room > 0) put(row, left + (a < b ? 2 : 3), ` ${text} `, labelTone, (x) => row[x]?.ch === '┼');
  return [toLine(row)];
}

function blankRow(w: number, col: Record<SequenceParty, number>, lifelines: boolean): Cell[] {
  const row: Cell[] = Array.from({ length: w }, () => ({ ch: ' ', tone: 'plain' as Tone }));
  if (lifelines) for (const party of PARTIES) row[col[party]] = { ch: '│', tone: 'dim' };
  return row;
}

/** Writes text from cell `at` on; a wide character takes two cells (the second left empty); cells `keep` says
 * to keep are stepped over. */
function put(row: Cell[], at: number, text: string, tone: Tone, keep: (x: number) => boolean = () => false): void {
  let x = at;
  for (const ch of text) {
    while (x < row.length && keep(x)) x += 1;
    const cw = widthOf(ch);
    if (x + cw > row.length) break;
    row[x] = { ch, tone };
    if (cw === 2) row[x + 1] = { ch: '', tone };
    x += Math.max(1, cw);
  }
}

function toLine(row: Cell[]): Line {
  const line: Line = [];
  for (const cell of row) {
    const last = line[line.length - 1];
    if (last && last.tone === cell.tone) last.text += cell.ch;
    else line.push({ text: cell.ch, tone: cell.tone });
  }
  // Trailing blanks carry nothing.
  const lastSeg = line[line.length - 1];
  if (lastSeg) lastSeg.text = lastSeg.text.trimEnd();
  return line.filter((segment) => segment.text !== '');
}

function cutTo(text: string, room: number): string {
  if (widthOf(text) <= room) return text;
  let out = '';
  for (const ch of text) {
    if (widthOf(`${out}${ch}…`) > room) break;
    out += ch;
  }
  return `${out}…`;
}

/** Greedy word wrap to `room` columns; only a word longer than a line is cut (Japanese wraps between characters). */
function wrapTo(text: string, room: number): string[] {
  const out: string[] = [];
  let line = '';
  // Tokens: Latin words, and Japanese text one character at a time; `spaced` says whether a space came before it.
  const tokens = text
    .split(' ')
    .flatMap((word) =>
      (/[^\p{ASCII}]/u.test(word) ? [...word] : [word]).map((token, index) => ({ token, spaced: index === 0 })),
    );
  for (const { token: word, spaced } of tokens) {
    const joined = line === '' ? word : spaced ? `${line} ${word}` : `${line}${word}`;
    if (widthOf(joined) <= room) {
      line = joined;
      continue;
    }
    if (line !== '') out.push(line);
    line = word;
    while (widthOf(line) > room) {
      const head = cutTo(line, room).replace(/…$/, '');
      out.push(head);
      line = line.slice(head.length);
    }
  }
  if (line !== '') out.push(line);
  return out;
}

/** The diagram as plain text (plain output, Markdown): the same rows without styling. */
export function sequenceText(report: ProbeReport, lang: Lang, width = 80): string[] {
  return sequenceLines(report, lang, width).map((line) => line.map((segment) => segment.text).join(''));
}
