// The topology diagram drawn top-down with box characters, so it fits an 80-column pane:
// client → load balancer box (type, listeners, where TLS ends, who verifies the client, an NLB's identity filters and
// its new connection to the targets) → targets. Pure.
import type { BalancerReport, ListenerReport, TopologyReport } from '../../../sandbox/report.js';
import type { Lang } from '../../../sandbox/text.js';
import { identityFiltersText, modeText, t, targetKindText, toTargetsText, verifierText } from '../../i18n/index.js';
import { fitLine, lineText, seg, type Line, type Tone } from '../lines.js';
import { padEnd, widthOf, wrapText } from '../text.js';

export function tlsEnds(listener: ListenerReport, lang: Lang): string {
  const where =
    listener.tlsEndsAt === 'target'
      ? t('whereTarget', lang)
      : listener.tlsEndsAt === 'load-balancer'
        ? t('whereLb', lang)
        : t('whereNowhere', lang);
  return t('tlsEndsAt', lang, { where });
}

function listenerLines(listener: ListenerReport, lang: Lang): { text: string; tone: Tone }[] {
  const head =
    t('listener', lang, { protocol: listener.protocol, port: listener.port }) +
    (listener.address ? ` → ${listener.address}` : '');
  const rows: { text: string; tone: Tone }[] = [
    { text: head, tone: 'heading' },
    { text: tlsEnds(listener, lang), tone: 'plain' },
    { text: t('verifiedBy', lang, { who: verifierText(listener.clientVerifiedBy, lang) }), tone: 'decisive' },
  ];
  if (listener.mutualTls && listener.mutualTls !== 'off')
    rows.push({
      text: t('mutualTls', lang, { mode: modeText(listener.viewerMtlsMode ?? listener.mutualTls, lang) }),
      tone: 'accent',
    });
  const filters = identityFiltersText(listener, lang);
  if (filters) rows.push({ text: filters, tone: 'accent' });
  const targets = toTargetsText(listener, lang);
  if (targets) rows.push({ text: targets, tone: 'plain' });
  return rows;
}

function balancerLines(balancer: BalancerReport, lang: Lang, width: number): Line[] {
  const inner = Math.max(10, width - 4);
  const content = balancer.listeners.flatMap((listener) => listenerLines(listener, lang));
  // The box is as wide as its longest line, up to the pane.
  const boxInner = Math.min(
    inner,
    Math.max(widthOf(`${balancer.kind} ${balancer.path}`) + 2, ...content.map((row) => widthOf(row.text))),
  );
  const title = ` ${balancer.kind} ${balancer.path} `;
  const out: Line[] = [
    [seg('┌─', 'dim'), seg(title, 'title'), seg(`${'─'.repeat(Math.max(0, boxInner + 1 - widthOf(title)))}┐`, 'dim')],
  ];
  for (const row of content) {
    for (const part of wrapText(row.text, boxInner))
      out.push([seg('│ ', 'dim'), seg(padEnd(part, boxInner), row.tone), seg(' │', 'dim')]);
  }
  out.push([seg(`└${'─'.repeat(boxInner + 2)}┘`, 'dim')]);
  out.push([seg('  │', 'dim')]);
  if (balancer.targets.length === 0) out.push([seg('  └─▶ ', 'dim'), seg(t('noTargets', lang), 'dim')]);
  balancer.targets.forEach((target, index) => {
    const last = index === balancer.targets.length - 1;
    const row: Line = [
      seg(last ? '  └─▶ ' : '  ├─▶ ', 'dim'),
      seg(target.name, 'heading'),
      seg(`  ${targetKindText(target, lang)}`),
    ];
    const address = target.address ? `  ${target.address}` : '';
    // An address that does not fit goes under its target rather than being cut.
    if (widthOf(lineText(row) + address) <= width) out.push([...row, seg(address, 'accent')]);
    else out.push(row, [seg(last ? '      ' : '  │   ', 'dim'), seg(target.address ?? '', 'accent')]);
  });
  return out;
}

/** `live`: true while running, false for the last run's (stopped) addresses, null when never run. */
export function diagramLines(diagram: TopologyReport, lang: Lang, width: number, live: boolean | null): Line[] {
  const out: Line[] = wrapText(t('client', lang), width).map((part): Line => [seg(part, 'heading')]);
  for (const balancer of diagram.balancers) {
    out.push([seg('  │', 'dim')], [seg('  ▼', 'dim')]);
    out.push(...balancerLines(balancer, lang, width));
  }
  if (live !== null)
    out.push(
      ...wrapText(t(live ? 'addressesLive' : 'addressesLast', lang), width).map((part): Line => [seg(part, 'dim')]),
    );
  return out.map((l) => fitLine(l, width));
}
