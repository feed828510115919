// A distribution probe's numbers as text: one bar per target, scaled to all requests, then how the clients fared.
import type { ProbeReport } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import { sourcesText, t } from './i18n/index.js';

const BAR_WIDTH = 32;

/** Lines (without indentation) for a distribution probe; empty for any other probe. */
export function distributionLines(probe: ProbeReport, barWidth = BAR_WIDTH, lang: Lang = 'en'): string[] {
  const counts = probe.distribution;
  const clients = probe.clients ?? [];
  if (!counts) return [];
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const names = Object.keys(counts).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const nameWidth = Math.max(...names.map((name) => name.length), 6);
  const countWidth = String(total).length;
  const sources = sourcesText(probe.client, lang);
  const lines = [t(total === 1 ? 'requestsPerTargetOne' : 'requestsPerTarget', lang, { total, sources })];
  for (const name of names) {
    const count = counts[name]!;
    const filled = total === 0 ? 0 : Math.round((count / total) * barWidth);
    lines.push(
      `  ${name.padEnd(nameWidth)} ${'█'.repeat(filled)}${'·'.repeat(barWidth - filled)} ${String(count).padStart(countWidth)}  ${total === 0 ? '' : `${Math.round((count / total) * 100)}%`}`.trimEnd(),
    );
  }
  const pinned = clients.filter((client) => Object.keys(client.targets).length === 1).length;
  const cookies = [
    ...new Set(clients.map((client) => client.lbCookie).filter((name): name is string => name !== null)),
  ];
  const withCookie = clients.filter((client) => client.lbCookie !== null).length;
  const cookie =
    cookies.length === 0
      ? t('cookieNone', lang)
      : t('cookieSet', lang, { names: cookies.join(', '), count: withCookie, clients: clients.length });
  lines.push(t('clientsPinned', lang, { pinned, clients: clients.length, cookie }));
  return lines;
}
