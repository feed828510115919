// A probe's sequence diagram as inline SVG: three lifelines (client, load balancer, target), one arrow per message
// with its label above it, and notes for what the load balancer decided; decisive events bold and coloured. Pure.
import type { ProbeReport, SequenceParty } from '../../sandbox/report.js';
import { sequenceLabel } from '../i18n/index.js';
import { anchor } from './document.js';
import { attr, esc } from './html-text.js';
import { textWidth } from './text-measure.js';
import type { Words } from './words.js';

const WIDTH = 720;
const TOP = 44;
const ROW = 24;
const FONT = 12;
const X: Record<SequenceParty, number> = { client: 70, 'load-balancer': 360, target: 650 };
const DECISIVE = '#9a6700';

export function renderSequenceSvg(scenario: string, probe: ProbeReport, s: Words): string {
  const marker = `seq-${anchor(scenario, probe.name)}`;
  const parts: string[] = [];
  let y = TOP;
  for (const event of probe.sequence.events) {
    const label = sequenceLabel(event, probe, s.lang);
    const colour = event.decisive ? DECISIVE : '#24292f';
    const weight = event.decisive ? ' font-weight="700"' : '';
    if (event.from === event.to) {
      // A note: a box on the lifeline, wide enough for its words (wrapped into two lines when long).
      const lines = splitNote(label, 300);
      const width = Math.min(320, Math.max(...lines.map((line) => textWidth(line, FONT))) + 16);
      const x = Math.min(WIDTH - width - 4, Math.max(4, X[event.from] - width / 2));
      const height = 8 + lines.length * 15;
      parts.push(
        `<rect x=${attr(round(x))} y=${attr(y - 4)} width=${attr(round(width))} height=${attr(height)} rx="4" fill=${attr(event.decisive ? '#fff8c5' : '#f6f8fa')} stroke=${attr(event.decisive ? DECISIVE : '#d1d9e0')}/>`,
        ...lines.map(
          (line, index) =>
            `<text x=${attr(round(x + 8))} y=${attr(y + 9 + index * 15)} font-size=${attr(FONT)} fill=${attr(colour)}${weight}>${esc(line)}</text>`,
        ),
      );
      y += height + 6;
      continue;
    }
    const [from, to] = [X[event.from], X[event.to]];
    // The label between two lifelines, never across one: an arrow through a passthrough load balancer carries it on
    // the stretch nearer its sender.
    const passed = (Object.values(X) as number[]).filter((x) => x > Math.min(from, to) && x < Math.max(from, to));
    const near = passed.length === 0 ? to : to > from ? passed[0]! : passed[passed.length - 1]!;
    const left = Math.min(from, near);
    const text = cut(label, Math.abs(near - from) - 16);
    parts.push(
      `<line x1=${attr(from)} y1=${attr(y + 8)} x2=${attr(to + (to > from ? -2 : 2))} y2=${attr(y + 8)} stroke=${attr(colour)} stroke-width=${attr(event.decisive ? 2 : 1.2)} marker-end=${attr(`url(#${marker})`)}/>`,
      `<text x=${attr(left + 8)} y=${attr(y + 3)} font-size=${attr(FONT)} fill=${attr(colour)}${weight}>${esc(text)}</text>`,
    );
    y += ROW;
  }
  const height = y + 10;
  const names: [SequenceParty, string][] = [
    ['client', s('seqClient')],
    ['load-balancer', probe.sequence.loadBalancer === 'passthrough' ? s('seqLbPassthrough') : s('seqLb')],
    ['target', s('seqTarget')],
  ];
  const label = s('sequenceLabel', { probe: probe.name });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sequence" role="img" aria-label=${attr(label)} width=${attr(WIDTH)} height=${attr(height)} viewBox=${attr(`0 0 ${WIDTH} ${height}`)}>`,
    `<title>${esc(label)}</title>`,
    `<defs><marker id=${attr(marker)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#24292f"/></marker></defs>`,
    ...names.flatMap(([party, name]) => [
      `<rect x=${attr(X[party] - 62)} y="4" width="124" height="22" rx="4" fill="#ddf4ff" stroke="#0969da"/>`,
      `<text x=${attr(X[party])} y="19" font-size="12" font-weight="700" text-anchor="middle">${esc(name)}</text>`,
      `<line x1=${attr(X[party])} y1="26" x2=${attr(X[party])} y2=${attr(height - 4)} stroke="#8c959f" stroke-dasharray="4 3"/>`,
    ]),
    ...parts,
    '</svg>',
  ].join('\n');
}

const round = (value: number) => Math.round(value);

function cut(text: string, width: number): string {
  if (textWidth(text, FONT) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, FONT) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/** At most two lines: the second cut if it must be. */
function splitNote(text: string, width: number): string[] {
  if (textWidth(text, FONT) <= width) return [text];
  let first = '';
  for (const word of text.split(/(?<= )/)) {
    if (textWidth(first + word, FONT) > width) break;
    first += word;
  }
  if (first === '') first = cut(text, width).replace(/…$/, '');
  return [first.trimEnd(), cut(text.slice(first.length).trim(), width)];
}
