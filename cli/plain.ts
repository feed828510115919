// Plain-text output for a terminal without the TUI: one line per event as it happens, then a summary.
import type { RunEvent } from '../sandbox/events.js';
import { formatLocation } from '../sandbox/door.js';
import type { ProbeReport, ScenarioReport } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import {
  brokenReason,
  fidelityShort,
  outcomeGlyph,
  outcomeHeadline,
  referenceText,
  say,
  stageText,
  t,
} from './i18n/index.js';
import { padEnd } from './tui/text.js';
import { headline, headlineCounts, headlineMark, headlineShort, headlineText } from './headline.js';
import { factsBesideReason, outcomeReason } from './outcome-reason.js';
import { sequenceText } from './sequence-text.js';
import { distributionLines } from './distribution-chart.js';
import { wafLine } from './waf-line.js';
import { identityTableLines } from './identity-table-text.js';

const colorEnabled = (stream: NodeJS.WriteStream) => stream.isTTY === true && !process.env.NO_COLOR;

export function plainPrinter(
  write: (line: string) => void,
  color: boolean,
  lang: Lang = 'en',
  options: { diagrams?: boolean } = {},
): (event: RunEvent) => void {
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return (event) => {
    switch (event.type) {
      case 'localstack':
        write(say(event.description, lang));
        break;
      case 'scenario-start':
        write(`\n${paint('1', `▶ ${event.scenario}`)} — ${event.title}`);
        break;
      case 'step':
        write(
          `  ${padEnd(stageText(event.name, lang), 10)} ${String(event.durationMs).padStart(6)} ms  ${event.detail ? say(event.detail, lang) : ''}`,
        );
        break;
      case 'component-ready':
        write(
          `  ${paint('32', '●')} ${event.component.name.padEnd(22)} ${event.component.version.padEnd(28)} ${event.component.address}\n      ${paint('2', say(event.component.role, lang))}`,
        );
        break;
      case 'component-failed':
        write(`  ${paint('31', '✗')} ${event.name}: ${event.said ? say(event.said, lang) : event.error}`);
        break;
      case 'probe-result':
        write(formatProbe(event.probe, paint, lang));
        if (options.diagrams && !event.probe.skipped)
          write(
            sequenceText(event.probe, lang, 74)
              .map((line) => `      ${paint('2', line)}`)
              .join('\n'),
          );
        break;
      case 'scenario-end':
        write(formatScenarioEnd(event.report, paint, lang));
        break;
      case 'elbv2-change':
        write(`  ${paint('33', '↻')} ${say(event.change, lang)}`);
        break;
      default:
        break;
    }
  };
}

export function formatProbe(
  probe: ProbeReport,
  paint: (code: string, text: string) => string = (_, text) => text,
  lang: Lang = 'en',
): string {
  if (probe.skipped) {
    return [
      `  ${paint('33', '–')} ${paint('1', probe.name)}  ${paint('33', t('plainSkipped', lang, { reason: say(probe.skipped, lang) }))}`,
      `      ${paint('2', `$ ${probe.command}`)}`,
      `      ${paint('2', t('plainRef', lang, { ref: referenceText(probe, lang) }))}`,
    ].join('\n');
  }
  // What happened to the client comes first; whether AWS does the same, second and smaller.
  const code = probe.outcome.code;
  const colour = code === 'allowed' ? '32' : code === 'fixed-response' || code === 'redirected' ? '36' : '31';
  const headline = paint(`1;${colour}`, `${outcomeGlyph(code)} ${outcomeHeadline(probe.outcome, lang)}`);
  // Observed only is neither a tick nor a cross: nothing was expected.
  const fidelity =
    probe.verdict.code === 'unjudged'
      ? paint('33', `– ${fidelityShort(probe, lang)}`)
      : probe.pass
        ? paint(probe.verdict.basis === 'assumed' ? '33' : '32', `✓ ${fidelityShort(probe, lang)}`)
        : paint('31', `✗ ${fidelityShort(probe, lang)}`);
  const hs = probe.handshake;
  const yes = (value: boolean) => t(value ? 'yes' : 'no', lang);
  const facts = [
    ...factsBesideReason(probe, lang),
    hs.tlsVersion ?? t('noTlsSession', lang),
    `${t('requestCert', lang)}: ${yes(hs.clientCertificateRequested)}`,
    `${t('plainClientCertSent', lang)}: ${yes(hs.clientCertificateSent)}`,
  ];
  const xff = probe.target?.receivedHeaders['x-forwarded-for'];
  const saw = probe.target
    ? t('plainTargetSaw', lang, { name: probe.target.name, details: describeTarget(probe.target.details) })
    : '';
  const target = probe.target
    ? `${probe.clients ? t('plainLastRequest', lang) : ''}${saw}${xff ? ` x-forwarded-for=${xff}` : ''}`
    : t('plainNoTarget', lang);
  // A stand-in's answer says so on the line that shows it: never read as AWS's.
  const standIn = probe.standIn ? ` ${paint('33', `(${say(probe.standIn, lang)})`)}` : '';
  // Why, in the words of the part that decided it (nginx's error log for a 400, tls_verify_status for a reset).
  const reason = outcomeReason(probe, lang);
  const lines = [
    `  ${paint('1', probe.name)}  ${headline}${standIn}   ${fidelity}`,
    ...(reason ? [`      ${paint('1', reason)}`] : []),
    `      ${facts.join(' · ')}`,
    ...distributionLines(probe, undefined, lang).map((line) => `      ${line}`),
    `      ${target}`,
    `      ${paint('2', `$ ${probe.command}`)}`,
  ];
  const waf = wafLine(probe, lang);
  if (waf) lines.splice(lines.length - 1, 0, `      ${waf}`);
  if (probe.capture)
    lines.push(
      `      ${paint('2', t('plainCapture', lang, { file: probe.capture.file, packets: probe.capture.packets ?? '?' }))}`,
      `      ${paint('2', `$ ${probe.capture.tshark}`)}`,
    );
  for (const mismatch of probe.mismatches) lines.push(`      ${paint('31', `✗ ${say(mismatch, lang)}`)}`);
  lines.push(`      ${paint('2', t('plainRef', lang, { ref: referenceText(probe, lang) }))}`);
  return lines.join('\n');
}

function describeTarget(details: Record<string, string>): string {
  const keys = ['status', 'remote_addr', 'proxy_protocol_addr', 'ssl_protocol', 'ssl_client_verify', 'ssl_client_s_dn'];
  return keys
    .filter((key) => details[key] && details[key] !== '-')
    .map((key) => `${key}=${details[key]}`)
    .join(' ');
}

function formatScenarioEnd(report: ScenarioReport, paint: (code: string, text: string) => string, lang: Lang): string {
  const notes = report.emulationNotes.map((note) => `  ${paint('33', '!')} ${say(note, lang)}\n`).join('');
  if (report.broken) return `${notes}  ${paint('31', brokenText(report.broken, lang))}`;
  if (report.skipped)
    return `${notes}  ${paint('33', t('plainScenarioSkipped', lang, { reason: say(report.skipped, lang) }))}`;
  const counts = headlineCounts([report]);
  const mark = headlineMark(counts);
  const headline = `${paint(mark === '✗' ? '31' : '32', mark)} ${headlineText(counts, lang)}`;
  const seconds = t('seconds', lang, { seconds: (report.durationMs / 1000).toFixed(1) });
  const style = { heading: '1', door: '1', field: '0', forgeable: '31', safe: '32', muted: '2' } as const;
  const table = identityTableLines(report.identityTable, lang)
    .map((line) => `  ${paint(style[line.kind], line.text)}\n`)
    .join('');
  return `${table}${notes}  ${headline} · ${seconds}`;
}

/** "BROKEN: /home/me/lab/x/stack.ts:12:3: boom". */
const brokenText = (broken: NonNullable<ScenarioReport['broken']>, lang: Lang): string =>
  t('plainScenarioBroken', lang, { where: formatLocation(broken), error: brokenReason(broken, lang) });

/**
 * What to notice per scenario, then the summary table, then one total line — the last thing printed, so it is what a
 * long run leaves on the screen. A skipped scenario says "skipped", never "0/0".
 */
export function formatSummary(
  reports: ScenarioReport[],
  lang: Lang,
  explanations: Map<string, string>,
  wallMs?: number,
): string {
  const lines: string[] = [];
  for (const report of reports) {
    const explanation = report.skipped ? undefined : explanations.get(report.scenario);
    if (explanation) lines.push('', `${report.scenario}:`, explanation);
  }
  lines.push('', t('plainSummary', lang));
  for (const report of reports) {
    if (report.broken) {
      lines.push(`  ✗ ${report.scenario.padEnd(32)} ${brokenText(report.broken, lang)}`);
      continue;
    }
    if (report.skipped) {
      lines.push(`  – ${report.scenario.padEnd(32)} ${t('plainSkipped', lang, { reason: say(report.skipped, lang) })}`);
      continue;
    }
    // Each scenario by what its probes rest on, as the total says it for the run.
    const counts = headlineCounts([report]);
    const seconds = t('seconds', lang, { seconds: (report.durationMs / 1000).toFixed(1) }).padStart(7);
    lines.push(`  ${headlineMark(counts)} ${report.scenario.padEnd(32)} ${seconds}  ${headlineShort(counts, lang)}`);
  }
  lines.push('', totalLine(reports, lang, wallMs));
  return lines.join('\n');
}

/**
 * "Total, 18 scenarios: ✓ 148 probes: 105 as AWS documents or as observed, 43 on the sandbox's assumptions, 0 differ;
 * 2 scenarios skipped (…) · 212.3 s": the honest headline (cli/headline.ts), the last thing a run prints. The time
 * is the scenarios' own times added up; given the run's wall time (`wallMs`), scenarios that ran side by side add up
 * to more than it, and the line says both: how long the run took, and the sum.
 */
export function totalLine(reports: ScenarioReport[], lang: Lang, wallMs?: number): string {
  const sumMs = reports.reduce((sum, report) => sum + report.durationMs, 0);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const headlineText = headline(reports, lang);
  // The sum can pass the wall time only when scenarios overlapped (5 %: the two are measured apart).
  if (wallMs !== undefined && reports.length > 1 && sumMs > wallMs * 1.05)
    return t('plainTotalSideBySide', lang, {
      n: reports.length,
      headline: headlineText,
      seconds: seconds(wallMs),
      sum: seconds(sumMs),
    });
  return t(reports.length === 1 ? 'plainTotalOne' : 'plainTotal', lang, {
    n: reports.length,
    headline: headlineText,
    seconds: seconds(sumMs),
  });
}

export { colorEnabled };
