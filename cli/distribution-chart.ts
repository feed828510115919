// A distribution probe's numbers as text: one bar per target, scaled to all requests, then how the clients fared.
import type { ProbeReport } from '../sandbox/report.js';

const BAR_WIDTH = 32;

/** Lines (without indentation) for a distribution probe; empty for any other probe. */
export function distributionLines(probe: ProbeReport, barWidth = BAR_WIDTH): string[] {
  const counts = probe.distribution;
  const clients = probe.clients ?? [];
  if (!counts) return [];
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const names = Object.keys(counts).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const nameWidth = Math.max(...names.map((name) => name.length), 6);
  const countWidth = String(total).length;
  const lines = [`requests per target — ${total} request${total === 1 ? '' : 's'} from ${probe.client.sourceAddress}:`];
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
  lines.push(
    `clients on one target: ${pinned}/${clients.length} · stickiness cookie: ${cookies.length === 0 ? 'none set' : `${cookies.join(', ')} set for ${withCookie}/${clients.length}`}`,
  );
  return lines;
}
