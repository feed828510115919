// Plain-text output for a terminal without the TUI: one line per event as it happens, then a summary.
import type { RunEvent } from '../sandbox/events.js';
import type { ProbeReport, ScenarioReport } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import { evidenceText, say } from './i18n/index.js';
import { distributionLines } from './distribution-chart.js';
import { wafLine } from './waf-line.js';

const colorEnabled = (stream: NodeJS.WriteStream) => stream.isTTY === true && !process.env.NO_COLOR;

export function plainPrinter(
  write: (line: string) => void,
  color: boolean,
  lang: Lang = 'en',
): (event: RunEvent) => void {
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return (event) => {
    switch (event.type) {
      case 'localstack':
        write(event.description);
        break;
      case 'scenario-start':
        write(`\n${paint('1', `▶ ${event.scenario}`)} — ${event.title}`);
        break;
      case 'step':
        write(`  ${event.name.padEnd(8)} ${String(event.durationMs).padStart(6)} ms  ${event.detail}`);
        break;
      case 'component-ready':
        write(
          `  ${paint('32', '●')} ${event.component.name.padEnd(22)} ${event.component.version.padEnd(28)} ${event.component.address}\n      ${paint('2', event.component.role)}`,
        );
        break;
      case 'component-failed':
        write(`  ${paint('31', '✗')} ${event.name}: ${event.error}`);
        break;
      case 'probe-result':
        write(formatProbe(event.probe, paint, lang));
        break;
      case 'scenario-end':
        write(formatScenarioEnd(event.report, paint, lang));
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
      `  ${paint('33', '–')} ${paint('1', probe.name)}  ${paint('33', `skipped: ${say(probe.skipped, lang)}`)}`,
      `      ${paint('2', `$ ${probe.command}`)}`,
      `      ${paint('2', `ref: ${evidenceText(probe.evidence, lang)}`)}`,
    ].join('\n');
  }
  const mark = probe.pass ? paint('32', '✓') : paint('31', '✗');
  const hs = probe.handshake;
  const outcome = probe.response
    ? `HTTP ${probe.response.status}`
    : `no HTTP response (${probe.connectionError ?? hs.error ?? 'no answer'})`;
  const facts = [
    outcome,
    hs.tlsVersion ?? 'no TLS session',
    `Request CERT: ${hs.clientCertificateRequested ? 'yes' : 'no'}`,
    `client cert sent: ${hs.clientCertificateSent ? 'yes' : 'no'}`,
  ];
  const xff = probe.target?.receivedHeaders['x-forwarded-for'];
  const target = probe.target
    ? `${probe.clients ? 'last request: ' : ''}target ${probe.target.name} saw ${describeTarget(probe.target.details)}${xff ? ` x-forwarded-for=${xff}` : ''}`
    : 'no target received it';
  const lines = [
    `  ${mark} ${paint('1', probe.name)}  ${facts.join(' · ')}`,
    ...distributionLines(probe, undefined, lang).map((line) => `      ${line}`),
    `      ${target}`,
    `      ${paint('2', `$ ${probe.command}`)}`,
  ];
  const waf = wafLine(probe, lang);
  if (waf) lines.splice(lines.length - 1, 0, `      ${waf}`);
  for (const mismatch of probe.mismatches) lines.push(`      ${paint('31', `✗ ${say(mismatch, lang)}`)}`);
  lines.push(`      ${paint('2', `ref: ${evidenceText(probe.evidence, lang)}`)}`);
  return lines.join('\n');
}

function describeTarget(details: Record<string, string>): string {
  const keys = ['status', 'remote_addr', 'proxy_protocol_addr', 'ssl_protocol', 'ssl_client_verify', 'ssl_client_s_dn'];
  return keys
    .filter((key) => details[key] && details[key] !== '-')
    .map((key) => `${key}=${details[key]}`)
    .join(' ');
}

function formatScenarioEnd(report: ScenarioReport, paint: (code: string, text: string) => string, _lang: Lang): string {
  const notes = (report.emulationNotes ?? []).map((note) => `  ${paint('33', '!')} ${note}\n`).join('');
  const skippedProbes = report.probes.filter((probe) => probe.skipped).length;
  const passed = report.probes.filter((probe) => probe.pass && !probe.skipped).length;
  const verdict = report.skipped
    ? paint('33', `SKIPPED: ${report.skipped}`)
    : report.pass
      ? paint('32', 'PASS')
      : paint('31', 'FAIL');
  const skippedText = skippedProbes > 0 ? ` · ${paint('33', `${skippedProbes} skipped on this machine`)}` : '';
  return `${notes}  ${verdict} ${passed}/${report.probes.length - skippedProbes} probes match AWS's behaviour${skippedText} · ${(report.durationMs / 1000).toFixed(1)} s`;
}

export function formatSummary(reports: ScenarioReport[], lang: Lang, explanations: Map<string, string>): string {
  const lines = ['', lang === 'ja' ? '結果' : 'Summary'];
  for (const report of reports) {
    const passed = report.probes.filter((probe) => probe.pass).length;
    if (report.skipped) lines.push(`  – ${report.scenario.padEnd(28)} skipped: ${report.skipped}`);
    else
      lines.push(
        `  ${report.pass ? '✓' : '✗'} ${report.scenario.padEnd(28)} ${passed}/${report.probes.length}  ${(report.durationMs / 1000).toFixed(1)} s`,
      );
  }
  for (const report of reports) {
    const explanation = report.skipped ? undefined : explanations.get(report.scenario);
    if (explanation) lines.push('', `${report.scenario}:`, explanation);
  }
  return lines.join('\n');
}

export { colorEnabled };
