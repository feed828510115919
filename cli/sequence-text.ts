// A probe's sequence diagram in box-drawing characters: client, load balancer and target lifelines, one row per
// message (its label on the arrow) and notes for what the load balancer decided. Fits any width from ~36 columns
// (half an 80-column terminal, in compare) up. Pure: the record's sequence in, styled lines out.
import type { ProbeReport, SequenceEvent, SequenceParty } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import { sequenceLabel, t } from './i18n/index.js';
import type { Line, Tone } from './tui/lines.js';
import { widthOf, wrapParagraph } from './tui/text.js';

interface Cell {
  ch: string;
  tone: Tone;
}

const PARTIES: SequenceParty[] = ['client', 'load-balancer', 'target'];

/**
 * Lifeline columns for a width: the client near the left edge, the target near the right, the load balancer between
 * — nearer the client when it passes TLS through (the messages run client ↔ target, their labels sit right of it),
 * nearer the target when it ends TLS (the messages run client ↔ load balancer).
 */
function columns(width: number, loadBalancer: ProbeReport['sequence']['loadBalancer']): Record<SequenceParty, number> {
  const share = loadBalancer === 'passthrough' ? 0.38 : 0.56;
  return { client: 2, 'load-balancer': Math.round(width * share), target: width - 3 };
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
  const col = columns(w, report.sequence.loadBalancer);
  const out: Line[] = [];
  const passthrough = report.sequence.loadBalancer === 'passthrough';
  const header = blankRow(w, col, false);
  for (const [, name, start] of headNames(lang, passthrough, w, col)) put(header, Math.max(0, start), name, 'heading');
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
    // A space on both sides: a note never touches a lifeline, let alone crosses one.
    const room = leftwards ? at - col['load-balancer'] - 4 : next - at - 4;
    const parts = wrapParagraph(`${mark}${label}`, Math.max(8, room));
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
  // The label sits on the arrow between two lifelines, never across one: where the arrow passes a lifeline (a
  // passthrough load balancer), in the wider stretch, the sender's first. It is measured in columns (Japanese is
  // two a character) and shortened with "…" to fit; the handshake list below has it whole.
  const stops = [left, ...PARTIES.map((party) => col[party]).filter((x) => x > left && x < right), right];
  const stretches = stops.slice(1).map((end, index) => {
    const start = stops[index]!;
    // After "├─" or "┼─" (after "◀─" at the arrow head), before "─┼" or "─▶│".
    const from = start + (a > b && start === left ? 3 : 2);
    const to = end - (a < b && end === right ? 3 : 2);
    return { from, room: to - from + 1 - 2 };
  });
  if (a > b) stretches.reverse();
  const stretch = stretches.reduce((best, one) => (one.room > best.room ? one : best), stretches[0]!);
  if (stretch.room > 0) {
    // Too long for the stretch: the TLS message's short name first (CertRequest, Cert (empty)), then a cut.
    const compact = widthOf(`${mark}${label}`) > stretch.room ? compactLabel(event, report, lang) : null;
    const text = shortLabel(mark, compact ?? label, stretch.room);
    put(row, stretch.from, ` ${text} `, labelTone);
  }
  return [toLine(row)];
}

/**
 * The lifelines' names and where each starts, measured so none runs into the next: the client's at the left edge,
 * the target's at the right, the load balancer's centred on its lifeline or moved aside to clear them. The long
 * names where they fit ("load balancer (TCP)", "ロードバランサー (TCP)"), else the short ones ("LB (TCP)"), else cut.
 */
function headNames(
  lang: Lang,
  passthrough: boolean,
  w: number,
  col: Record<SequenceParty, number>,
): [SequenceParty, string, number][] {
  const place = (names: string[]): [SequenceParty, string, number][] | null => {
    const [client, lb, target] = names.map(widthOf) as [number, number, number];
    const lbStart = Math.min(Math.max(col['load-balancer'] - Math.floor(lb / 2), client + 1), w - target - 1 - lb);
    if (lbStart <= client || lbStart + lb >= w - target) return null;
    return [
      ['client', names[0]!, 0],
      ['load-balancer', names[1]!, lbStart],
      ['target', names[2]!, w - target],
    ];
  };
  const long = [t('seqClient', lang), t(passthrough ? 'seqLbPassthrough' : 'seqLb', lang), t('seqTarget', lang)];
  const short = [long[0]!, t(passthrough ? 'seqLbPassthroughShort' : 'seqLbShort', lang), long[2]!];
  const placed = place(long) ?? place(short);
  if (placed) return placed;
  // Even the short names are too wide (a very narrow column): each gets its third.
  const share = Math.max(1, Math.floor(w / 3) - 1);
  return place(short.map((name) => cutTo(name, share))) ?? [];
}

function blankRow(w: number, col: Record<SequenceParty, number>, lifelines: boolean): Cell[] {
  const row: Cell[] = Array.from({ length: w }, () => ({ ch: ' ', tone: 'plain' as Tone }));
  if (lifelines) for (const party of PARTIES) row[col[party]] = { ch: '│', tone: 'dim' };
  return row;
}

/** Writes text from cell `at` on; a wide character takes two cells (the second left empty). */
function put(row: Cell[], at: number, text: string, tone: Tone): void {
  let x = at;
  for (const ch of text) {
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

/** The short names of TLS messages, for a diagram too narrow for the long ones (half an 80-column screen). */
function compactLabel(event: SequenceEvent, report: ProbeReport, lang: Lang): string | null {
  const step = event.step === null ? undefined : report.steps[event.step];
  if (!step) return null;
  switch (step.kind) {
    case 'server-certificate':
      return t('seqCompactServerCert', lang);
    case 'certificate-request':
      return 'CertRequest';
    case 'client-certificate':
      return t(step.params.empty ? 'seqCompactCertEmpty' : 'seqCompactCertSent', lang);
    case 'client-certificate-verify':
      return 'CertVerify';
    case 'server-key-exchange':
      return 'ServerKeyEx';
    case 'client-key-exchange':
      return 'ClientKeyEx';
    case 'server-hello-done':
      return 'HelloDone';
    case 'http-response':
      return `HTTP ${String(step.params.status ?? '')}`.trim();
    default:
      return null;
  }
}

/**
 * A label in `room` columns: whole if it fits; else its head cut and its parenthesis kept, where the difference
 * usually is ("Certif… (empty)" against "Certif… (client)"); else cut at the end. Always with "…" when cut; the
 * decisive mark (▸) always stays.
 */
function shortLabel(mark: string, label: string, room: number): string {
  const text = `${mark}${label}`;
  if (widthOf(text) <= room) return text;
  const space = room - widthOf(mark);
  const split = /^(.*\S) \(([^()]*)\)$/u.exec(label);
  if (split && space >= 8) {
    const [, head, inner] = split as unknown as [string, string, string];
    const tail = ` (${inner})`;
    if (space - widthOf(tail) >= 4) return `${mark}${cutTo(head, space - widthOf(tail))}${tail}`;
    // Even the parenthesis is too long: both halves cut, so "(空)" and "(ク…)" still differ.
    const headRoom = Math.max(4, Math.floor(space / 2));
    return `${mark}${cutTo(head, headRoom)} (${cutTo(inner, space - headRoom - 3)})`;
  }
  return cutTo(text, room);
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

/** The diagram as plain text (plain output, Markdown): the same rows without styling. */
export function sequenceText(report: ProbeReport, lang: Lang, width = 80): string[] {
  return sequenceLines(report, lang, width).map((line) => line.map((segment) => segment.text).join(''));
}
