// The topology as an inline SVG: client → load balancer (kind, listeners, where TLS ends, who checks the client
// certificate) → targets, one row per load balancer. Pure: diagram in, markup out.
import type { BalancerReport, TopologyReport } from '../../sandbox/report.js';
import { identityFiltersText, targetKindText, tlsEndsText, toTargetsText, verifierText } from '../i18n/index.js';
import { anchor } from './document.js';
import { attr, esc } from './html-text.js';
import type { Words } from './words.js';
import { listenerName } from './text-diagram.js';
import { textWidth, wrapText } from './text-measure.js';

const FONT = 13;
const SMALL = 12;
const LINE = 17;
const PAD = 10;
const BAND = 20; // the "TLS ends here" band at the bottom of a box
const ROW_GAP = 28;
const LB_MAX = 400;
const TARGET_MAX = 240;
const TARGET_GAP = 12;
const COLORS = {
  client: { fill: '#f6f8fa', stroke: '#57606a' },
  CLB: { fill: '#fff8c5', stroke: '#9a6700' },
  NLB: { fill: '#ddf4ff', stroke: '#0969da' },
  ALB: { fill: '#fbefff', stroke: '#8250df' },
  CloudFront: { fill: '#fff1e5', stroke: '#bc4c00' },
  target: { fill: '#dafbe1', stroke: '#1a7f37' },
};

interface Line {
  text: string;
  size: number;
  bold?: boolean;
  mono?: boolean;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: Line[];
  colors: { fill: string; stroke: string };
  tlsEndsHere: boolean;
  className: string;
}

export function renderSvg(scenario: string, diagram: TopologyReport, s: Words): string {
  const marker = `arrow-${anchor(scenario)}`;
  const parts: string[] = [];
  let y = PAD;
  let width = 0;
  for (const balancer of diagram.balancers) {
    const row = layoutRow(balancer, s, y, marker);
    parts.push(row.markup);
    y += row.height + ROW_GAP;
    width = Math.max(width, row.width);
  }
  const height = Math.max(y - ROW_GAP + PAD, 2 * PAD);
  width = Math.ceil(width + PAD);
  const label = s('diagramLabel', { scenario });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" aria-label=${attr(label)} width=${attr(width)} height=${attr(Math.ceil(height))} viewBox=${attr(`0 0 ${width} ${Math.ceil(height)}`)}>`,
    `<title>${esc(label)}</title>`,
    `<defs><marker id=${attr(marker)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#24292f"/></marker></defs>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function layoutRow(
  balancer: BalancerReport,
  s: Words,
  top: number,
  marker: string,
): { markup: string; width: number; height: number } {
  const passthrough =
    balancer.listeners.length > 0 && balancer.listeners.every((listener) => listener.tlsEndsAt === 'target');
  const lbTlsEnds = balancer.listeners.some((listener) => listener.tlsEndsAt === 'load-balancer');

  const clientLines: Line[] = [
    { text: s('diagramClient'), size: FONT, bold: true },
    { text: s('diagramClientTools'), size: SMALL },
  ];
  const lbLines: Line[] = [
    { text: balancer.kind, size: 18, bold: true },
    { text: balancer.path, size: SMALL },
  ];
  for (const listener of balancer.listeners) {
    lbLines.push({ text: `${s('listenerWord')} ${listenerName(listener)}`, size: FONT, bold: true });
    if (listener.address) lbLines.push({ text: listener.address, size: SMALL, mono: true });
    lbLines.push(...wrapped(`${s('tlsEndsAtLabel')}: ${tlsEndsText(listener.tlsEndsAt, s.lang)}`, SMALL, LB_MAX));
    lbLines.push(
      ...wrapped(`${s('verifiedByLabel')}:`, SMALL, LB_MAX),
      ...wrapped(verifierText(listener.clientVerifiedBy, s.lang), SMALL, LB_MAX).map((line) => ({
        ...line,
        bold: true,
      })),
    );
    const filters = identityFiltersText(listener, s.lang);
    if (filters) lbLines.push(...wrapped(filters, SMALL, LB_MAX));
    const targets = toTargetsText(listener, s.lang);
    if (targets) lbLines.push(...wrapped(targets, SMALL, LB_MAX));
  }
  const targetLines: Line[][] = balancer.targets.map((target) => [
    { text: target.name, size: FONT + 1, bold: true },
    ...wrapped(targetKindText(target, s.lang), SMALL, TARGET_MAX),
    ...(target.address ? [{ text: target.address, size: SMALL, mono: true }] : []),
  ]);

  const clientWidth = boxWidth(clientLines, 0);
  const lbWidth = boxWidth(lbLines, lbTlsEnds ? textWidth(s('tlsEndsHere'), SMALL) : 0);
  const targetWidth = Math.max(
    120,
    ...targetLines.map((lines) => boxWidth(lines, passthrough ? textWidth(s('tlsEndsHere'), SMALL) : 0)),
  );
  const inLabel = balancer.listeners.map(listenerName).join(', ');
  const inGap = Math.ceil(Math.max(70, textWidth(inLabel, SMALL) + 24));
  // An NLB TLS listener opens a connection of its own to the targets.
  const toTargets = balancer.listeners.map((listener) => listener.targetProtocol).filter(Boolean);
  const outLabel = passthrough
    ? s('passthroughLabel')
    : toTargets.length === balancer.listeners.length && new Set(toTargets).size === 1
      ? s('newConnectionLabel', { protocol: toTargets[0]! })
      : '';
  const outGap = Math.ceil(Math.max(40, textWidth(outLabel, SMALL) + 20));
  const busGap = 28;

  const clientHeight = boxHeight(clientLines, false);
  const lbHeight = boxHeight(lbLines, lbTlsEnds);
  const targetHeights = targetLines.map((lines) => boxHeight(lines, passthrough));
  const targetsHeight =
    targetHeights.reduce((sum, h) => sum + h, 0) + TARGET_GAP * Math.max(0, targetHeights.length - 1);
  const height = Math.max(clientHeight, lbHeight, targetsHeight);
  const middle = Math.round(top + height / 2);

  const client: Box = {
    x: PAD,
    y: Math.round(middle - clientHeight / 2),
    width: clientWidth,
    height: clientHeight,
    lines: clientLines,
    colors: COLORS.client,
    tlsEndsHere: false,
    className: 'client',
  };
  const lb: Box = {
    x: client.x + clientWidth + inGap,
    y: Math.round(middle - lbHeight / 2),
    width: lbWidth,
    height: lbHeight,
    lines: lbLines,
    colors: COLORS[balancer.kind],
    tlsEndsHere: lbTlsEnds,
    className: 'balancer',
  };
  const busX = lb.x + lbWidth + outGap;
  const targetX = busX + busGap;
  let targetY = Math.round(middle - targetsHeight / 2);
  const targets: Box[] = targetLines.map((lines, index) => {
    const box: Box = {
      x: targetX,
      y: targetY,
      width: targetWidth,
      height: targetHeights[index]!,
      lines,
      colors: COLORS.target,
      tlsEndsHere: passthrough,
      className: 'target',
    };
    targetY += box.height + TARGET_GAP;
    return box;
  });

  const markup = [`<g class="row" data-balancer=${attr(balancer.path)}>`];
  markup.push(
    arrow(client.x + client.width, middle, lb.x, middle, marker),
    edgeLabel(inLabel, Math.round((client.x + client.width + lb.x) / 2), middle - 7),
  );
  if (targets.length > 0) {
    const mids = targets.map((box) => Math.round(box.y + box.height / 2));
    markup.push(
      `<path d=${attr(`M${lb.x + lb.width} ${middle}H${busX}`)} stroke="#24292f" stroke-width="1.5" fill="none"/>`,
    );
    markup.push(
      `<path d=${attr(`M${busX} ${Math.min(middle, ...mids)}V${Math.max(middle, ...mids)}`)} stroke="#24292f" stroke-width="1.5" fill="none"/>`,
    );
    for (const mid of mids) markup.push(arrow(busX, mid, targetX, mid, marker));
    if (outLabel) markup.push(edgeLabel(outLabel, Math.round((lb.x + lb.width + busX) / 2), middle - 7));
  }
  markup.push(drawBox(client, s), drawBox(lb, s), ...targets.map((box) => drawBox(box, s)), '</g>');
  const width = targets.length > 0 ? targetX + targetWidth : lb.x + lbWidth;
  return { markup: markup.join('\n'), width, height };
}

function wrapped(text: string, size: number, maxWidth: number): Line[] {
  return wrapText(text, maxWidth - 2 * PAD, size).map((part) => ({ text: part, size }));
}

function boxWidth(lines: Line[], bandText: number): number {
  const widest = Math.max(
    bandText,
    ...lines.map((line) => textWidth(line.text, line.size) * (line.mono ? 1.05 : 1) * (line.bold ? 1.06 : 1)),
  );
  return Math.ceil(widest + 2 * PAD);
}

function boxHeight(lines: Line[], band: boolean): number {
  const text = lines.reduce((sum, line) => sum + Math.max(LINE, line.size + 5), 0);
  // Even, so that centring on the row's middle stays on whole pixels and arrows run straight.
  return 2 * Math.ceil((text + 2 * PAD - 4 + (band ? BAND + 4 : 0)) / 2);
}

function drawBox(box: Box, s: Words): string {
  const out = [
    `<g class=${attr(box.className)}>`,
    `<rect x=${attr(box.x)} y=${attr(box.y)} width=${attr(box.width)} height=${attr(box.height)} rx="8" fill=${attr(box.colors.fill)} stroke=${attr(box.colors.stroke)} stroke-width="1.5"/>`,
  ];
  let baseline = box.y + PAD - 4;
  for (const line of box.lines) {
    baseline += Math.max(LINE, line.size + 5);
    const style = [
      line.bold ? ' font-weight="700"' : '',
      line.mono ? ' font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, \'DejaVu Sans Mono\', monospace"' : '',
    ].join('');
    out.push(
      `<text x=${attr(box.x + PAD)} y=${attr(baseline - 4)} font-size=${attr(line.size)}${style} fill="#1f2328">${esc(line.text)}</text>`,
    );
  }
  if (box.tlsEndsHere) {
    const bandY = box.y + box.height - BAND;
    out.push(
      `<path d=${attr(`M${box.x} ${bandY}H${box.x + box.width}V${box.y + box.height - 8}a8 8 0 0 1 -8 8H${box.x + 8}a8 8 0 0 1 -8 -8Z`)} fill="#24292f"/>`,
    );
    out.push(
      `<text class="tls-ends" x=${attr(box.x + PAD)} y=${attr(bandY + 14)} font-size=${attr(SMALL)} font-weight="700" fill="#ffffff">${esc(s('tlsEndsHere'))}</text>`,
    );
  }
  out.push('</g>');
  return out.join('\n');
}

function arrow(x1: number, y1: number, x2: number, y2: number, marker: string): string {
  return `<path d=${attr(`M${x1} ${y1}L${x2 - 1} ${y2}`)} stroke="#24292f" stroke-width="1.5" fill="none" marker-end=${attr(`url(#${marker})`)}/>`;
}

function edgeLabel(text: string, x: number, y: number): string {
  return text
    ? `<text x=${attr(x)} y=${attr(y)} font-size=${attr(SMALL)} text-anchor="middle" fill="#1f2328">${esc(text)}</text>`
    : '';
}
