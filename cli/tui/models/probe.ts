// A probe's story as lines: the exact command, the handshake steps (decisive ones marked), the response, what the
// target received, the load balancer's connection log, and the verdict. Pure.
import { distributionLines } from '../../distribution-chart.js';
import type { HandshakeStep, ProbeReport } from '../../../sandbox/report.js';
import type { ProbeSpec } from '../../../sandbox/scenario.js';
import { pick, type Lang } from '../../../sandbox/text.js';
import {
  decisiveFacts,
  evidenceText,
  fidelityShort,
  outcomeGlyph,
  outcomeHeadline,
  outcomeTone,
  STEP_ARROWS,
  say,
  stepText,
  t,
  verdictText,
} from '../../i18n/index.js';
import { sequenceLines } from '../../sequence-text.js';
import { factsBesideReason, outcomeReason } from '../../outcome-reason.js';
import { fitLine, line, lineWidth, paragraph, rule, seg, wrapAfter, type Line, type Tone } from '../lines.js';
import { widthOf } from '../text.js';
import type { ProbeState } from '../run-state.js';

export const ARROWS = STEP_ARROWS;

/** "▸ ← CertificateRequest: …": decisive steps carry a marker as well as a colour (NO_COLOR keeps the marker). */
export function stepLine(step: HandshakeStep, lang: Lang): Line {
  return [
    seg(step.decisive ? '▸ ' : '  ', 'decisive'),
    seg(`${ARROWS[step.direction]} `, 'dim'),
    seg(stepText(step, lang), step.decisive ? 'decisive' : 'plain'),
  ];
}

export const verdictMark = (report: ProbeReport | null): Line[number] =>
  report === null ? seg('…', 'dim') : report.pass ? seg('✓', 'ok') : seg('✗', 'bad');

/** The outcome in a few words: "HTTP 400" or "no HTTP response (Connection reset by peer)". */
export function outcomeOf(report: ProbeReport, lang: Lang): string {
  if (report.response) return `HTTP ${report.response.status}`;
  return t('noResponse', lang, { error: report.connectionError ?? report.handshake.error ?? '—' });
}

/** One line: what happened to the client, then the decisive facts (the rule, what the target saw, the body). */
export function factsOf(report: ProbeReport, lang: Lang, width = Number.MAX_SAFE_INTEGER): string {
  const full = [outcomeHeadline(report.outcome, lang), ...decisiveFacts(report, lang)].join(' · ');
  return widthOf(full) <= width ? full : outcomeHeadline(report.outcome, lang);
}

/** The outcome as a styled headline: its glyph and words in the outcome's tone. */
export function outcomeSegments(report: ProbeReport, lang: Lang): Line {
  const tone = outcomeTone(report.outcome.code);
  return [seg(`${outcomeGlyph(report.outcome.code)} ${outcomeHeadline(report.outcome, lang)}`, tone)];
}

/** Whether that is what AWS does, smaller: ✓/✗ and the evidence level. */
export function fidelitySegment(report: ProbeReport, lang: Lang): Line[number] {
  const tone = !report.pass ? 'bad' : report.verdict.level === 'assumed' ? 'warn' : 'dim';
  return seg(`${report.pass ? '✓' : '✗'} ${fidelityShort(report, lang)}`, tone);
}

/** The configuration lines that decide the outcome: file and line, decisive lines marked ▸. */
export function configLines(report: ProbeReport, lang: Lang, width: number): Line[] {
  const out: Line[] = [];
  for (const excerpt of report.config) {
    out.push(fitLine([seg(`${excerpt.file}`, 'accent'), seg(`  ${say(excerpt.what, lang)}`, 'dim')], width));
    const numberWidth = String(excerpt.lines.at(-1)?.number ?? 0).length;
    for (const line of excerpt.lines)
      out.push(
        fitLine(
          [
            seg(line.decisive ? '▸' : ' ', 'decisive'),
            seg(`${String(line.number).padStart(numberWidth)} `, 'dim'),
            seg(line.text, line.decisive ? 'decisive' : 'plain'),
          ],
          width,
        ),
      );
  }
  return out;
}

/**
 * A shell command as lines of at most `width` columns, broken only between its words (never inside a quoted one) and
 * ending each broken line with ` \`, so the lines pasted together run unchanged. A word wider than `width` stays
 * whole on its line.
 */
export function shellLines(command: string, width: number): string[] {
  const tokens = command.match(/(?:'[^']*'|\\.|[^\s'])+/g) ?? [];
  // An option stays on the line of its value: "-H 'Name: value'", "--cert FILE".
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    const takesValue = /^-/.test(token) && next !== undefined && !/^-|^'?https?:/.test(next);
    words.push(takesValue ? `${token} ${next}` : token);
    if (takesValue) i += 1;
  }
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && widthOf(`${candidate} \\`) > width) {
      lines.push(`${current} \\`);
      current = `  ${word}`;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}

/** A body excerpt worth reading: an HTML page's <title>, otherwise the first lines. */
export function bodyExcerpt(body: string, maxLines = 3): string[] {
  const title = /<title>([^<]*)<\/title>/i.exec(body);
  if (title) return [title[1]!.trim()];
  return body
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(0, maxLines);
}

/** The connection-log fields that explain a verdict. */
export function connectionLogFacts(report: ProbeReport): string[] {
  return report.connectionLog.map((entry) => {
    // An NLB TLS listener's entries are the sandbox's own log (log=sandbox-nlb-connection-log), with the alert sent
    // and the target that got the connection.
    const keys = [
      'log',
      'tls_verify_status',
      'tls_alert_sent',
      'leaf_client_cert_subject',
      'tls_protocol',
      'listener_port',
      'target',
    ];
    return keys
      .filter((key) => entry[key] !== undefined && entry[key] !== '-')
      .map((key) => `${key}=${entry[key]}`)
      .join('  ');
  });
}

/** Everything about one probe, for the run view's detail pane. */
export function probeDetailLines(
  spec: ProbeSpec | undefined,
  probe: ProbeState | undefined,
  lang: Lang,
  width: number,
  position?: { index: number; total: number },
  /** The command broken between arguments with ` \` (it still pastes into a shell), as the lab's console shows it. */
  options: { pastable?: boolean } = {},
): Line[] {
  const out: Line[] = [];
  const name = spec?.name ?? probe?.name ?? '';
  // The whole name (the list may have cut it), and where it stands among the scenario's probes.
  const where = position ? `  ${t('probePosition', lang, position)}` : '';
  out.push(...wrapAfter([verdictMark(probe?.report ?? null), seg(' ')], `${name}${where}`, 'heading', width));
  if (spec) out.push(...paragraph(pick(spec.description, lang), width, 'dim', 2));
  out.push(rule(t('command', lang), width));
  if (!probe) {
    out.push(line(`  ${t('probeWaiting', lang)}`));
    return out;
  }
  if (options.pastable)
    for (const [index, text] of shellLines(probe.command, width - 2).entries())
      out.push(index === 0 ? [seg('$ ', 'accent'), seg(text)] : [seg(text)]);
  else out.push(...wrapAfter([seg('$ ', 'accent')], probe.command, 'plain', width));
  const report = probe.report;
  if (!report) {
    out.push(line(`  ${t('probeRunning', lang)}`));
    return out;
  }
  if (report.skipped) out.push(rule(t('skipped', lang), width), ...paragraph(say(report.skipped, lang), width));
  if (!report.skipped) {
    const [headline] = outcomeSegments(report, lang);
    out.push(rule(t('outcomeHeading', lang), width), ...wrapAfter([], headline!.text, headline!.tone, width));
    // Why, in the words of the part that decided it: nginx's error log for a 400, tls_verify_status for a reset.
    const reason = outcomeReason(report, lang);
    if (reason) out.push(...wrapAfter([seg('  ')], reason, 'decisive', width));
    for (const fact of factsBesideReason(report, lang)) out.push(...wrapAfter([seg('  ')], fact, 'plain', width));
    out.push([seg('  '), fidelitySegment(report, lang)]);
    out.push(rule(t('sequence', lang), width), ...sequenceLines(report, lang, width));
    if (report.config.length > 0) out.push(rule(t('configHeading', lang), width), ...configLines(report, lang, width));
  }
  // A probe of many requests: the distribution per target as a bar chart (stickiness scenarios).
  const chart = distributionLines(report);
  if (chart.length > 0)
    out.push(rule(t('distribution', lang), width), ...chart.map((text) => fitLine(line(text), width)));
  out.push(rule(t('handshake', lang), width), [seg(t('decisiveLegend', lang), 'dim')]);
  for (const step of report.steps) {
    const [marker, arrow, words] = stepLine(step, lang);
    out.push(...wrapAfter([marker!, arrow!], words!.text, words!.tone, width));
  }

  out.push(rule(t('response', lang), width));
  if (report.response) {
    out.push([seg(`HTTP ${report.response.status}`, 'heading'), seg(`  (HTTP/${report.response.httpVersion})`, 'dim')]);
    for (const excerpt of bodyExcerpt(report.response.body)) out.push(fitLine(line(`  ${excerpt}`), width));
  } else {
    out.push(line(t('noResponse', lang, { error: report.connectionError ?? report.handshake.error ?? '—' })));
  }

  out.push(rule(t('targetReceived', lang), width));
  if (report.target) {
    out.push([seg(report.target.name, 'heading'), seg(`  ${t('remoteAddress', lang)} ${report.target.remoteAddress}`)]);
    // Values wrap rather than lose their end; only one too long to read here (a certificate in a header) is cut,
    // saying how long it is (the report and the transcript have it whole).
    const value = (prefix: Line, text: string, tone: Tone) => {
      const lines = wrapAfter(prefix, text, tone, width);
      if (lines.length <= 3) return lines;
      const kept = lines.slice(0, 2);
      kept.push(
        fitLine(
          [seg(' '.repeat(lineWidth(prefix))), seg(t('charactersCount', lang, { n: text.length }), 'dim')],
          width,
        ),
      );
      kept[1] = [...kept[1]!, seg(' …', 'dim')];
      return kept.map((one) => fitLine(one, width));
    };
    for (const [key, detail] of Object.entries(report.target.details)) {
      if (detail && detail !== '-' && key !== 'remote_addr')
        out.push(
          ...value(
            [seg(`  ${key} = `, 'dim')],
            detail,
            key.includes('verify') || key === 'error_log' ? 'decisive' : 'plain',
          ),
        );
    }
    const headers = Object.entries(report.target.receivedHeaders);
    if (headers.length > 0) out.push(line(`  ${t('headers', lang)}:`));
    for (const [key, header] of headers)
      out.push(...value([seg(`    ${key}: `, key.startsWith('x-amzn-mtls') ? 'accent' : 'dim')], header, 'plain'));
  } else {
    out.push(line(t('noTarget', lang)));
  }

  const logs = connectionLogFacts(report);
  if (logs.length > 0) {
    out.push(rule(t('connectionLog', lang), width));
    for (const facts of logs) out.push(...wrapAfter([seg('  ')], facts, 'plain', width));
  }

  out.push(rule(t('verdict', lang), width));
  out.push([
    report.pass
      ? seg(`✓ ${verdictText(report, lang)}`, report.verdict.level === 'assumed' ? 'warn' : 'ok')
      : seg(`✗ ${verdictText(report, lang)}`, 'bad'),
  ]);
  for (const mismatch of report.mismatches)
    out.push(...wrapAfter([seg('  ✗ ', 'bad')], say(mismatch, lang), 'plain', width));
  out.push(...wrapAfter([seg(`${t('reference', lang)}: `, 'dim')], evidenceText(report.evidence, lang), 'dim', width));
  if (report.evidence.assumption)
    out.push(...wrapAfter([seg(`${t('assumptionLabel', lang)}: `, 'dim')], report.evidence.assumption, 'dim', width));
  return out;
}
