// The report as GitHub-flavoured Markdown. Pure: report data in, text out.
import type { ProbeReport } from '../../sandbox/report.js';
import { distributionLines } from '../distribution-chart.js';
import {
  anchor,
  DIRECTION_MARK,
  documentPasses,
  passedCount,
  recordedDetails,
  responseLine,
  stepsOf,
  tlsVerifyStatuses,
  type ReportDocument,
  type ReportSection,
} from './document.js';
import { strings, type Strings } from './i18n.js';
import { mdCode, mdFence, mdHtml, mdProse, mdTable, mdText } from './md-text.js';
import { textDiagram } from './text-diagram.js';

export function renderMarkdown(document: ReportDocument): string {
  const s = strings(document.lang);
  const pass = documentPasses(document);
  const blocks = [
    `# ${mdText(s.reportTitle)}`,
    `${s.generated}: ${mdText(document.generatedAt)} · **${verdict(pass, s)}** ${mdText(s.overall(pass))}`,
    mdText(s.intro),
    `## ${s.summary}`,
    summaryTable(document, s),
    ...document.sections.flatMap((section) => sectionBlocks(section, s)),
  ];
  return `${blocks.join('\n\n')}\n`;
}

const verdict = (pass: boolean, s: Strings): string => (pass ? `✓ ${s.pass}` : `✗ ${s.fail}`);

function summaryTable(document: ReportDocument, s: Strings): string {
  const rows = document.sections.map(({ report }) => [
    `[${mdCode(report.scenario)}](#${anchor(report.scenario)})`,
    mdText(report.title),
    `${passedCount(report)}/${report.probes.length}`,
    s.seconds(report.durationMs),
    report.skipped ? s.skipped : verdict(report.pass, s),
  ]);
  return mdTable([s.scenario, s.title, s.probesPassed, s.duration, s.result], rows, ['l', 'l', 'r', 'r', 'l']);
}

function sectionBlocks(section: ReportSection, s: Strings): string[] {
  const { report } = section;
  const blocks = [
    `<a id="${anchor(report.scenario)}"></a>`,
    `## ${report.skipped ? s.skipped : verdict(report.pass, s)} ${mdCode(report.scenario)} — ${mdText(report.title)}`,
    mdProse(section.summary),
  ];
  if (report.skipped) blocks.push(`**${s.skippedBecause}** ${mdText(report.skipped)}`);
  if (section.diagram && section.diagram.balancers.length > 0)
    blocks.push(`### ${s.topology}`, mdFence(textDiagram(section.diagram, s), 'text'));
  if (report.components.length > 0) {
    const rows = report.components.map((c) => [
      mdCode(c.name),
      mdText(c.kind),
      mdText(c.version),
      mdCode(c.address),
      mdText(c.role),
    ]);
    blocks.push(`### ${s.components}`, mdTable([s.name, s.kind, s.version, s.address, s.role], rows));
  }
  blocks.push(`### ${s.probes}`);
  if (report.probes.length === 0) blocks.push(s.noProbes);
  for (const probe of report.probes) blocks.push(...probeBlocks(report.scenario, probe, s));
  if (section.explanation) blocks.push(`### ${s.explanation}`, mdProse(section.explanation));
  if (report.emulationNotes?.length)
    blocks.push(`### ${s.emulationNotes}`, report.emulationNotes.map((note) => `- ${mdText(note)}`).join('\n'));
  if (report.notRealized.length > 0) {
    const rows = report.notRealized.map((r) => [
      mdCode(r.property ? `${r.logicalId}.${r.property}` : r.logicalId),
      mdCode(r.type),
      mdText(r.reason),
    ]);
    blocks.push(
      `<details><summary>${mdHtml(s.notRealized(report.notRealized.length))}</summary>`,
      mdTable([s.resource, s.type, s.reason], rows),
      '</details>',
    );
  }
  return blocks;
}

function probeBlocks(scenario: string, probe: ProbeReport, s: Strings): string[] {
  const blocks = [
    `<a id="${anchor(scenario, probe.name)}"></a>`,
    `#### ${verdict(probe.pass, s)} ${mdCode(probe.name)} — ${probe.pass ? s.passWords : s.failWords}`,
  ];
  if (probe.description) blocks.push(mdProse(probe.description));
  blocks.push(
    [
      `- **${s.client}:** ${mdText(s.clientDescription(probe.client.certificate, probe.client.sourceAddress))}`,
      `- **${s.response}:** ${mdText(responseLine(probe, s.noResponse))}`,
      ...tlsVerifyStatuses(probe).map((status) => `- **${s.connectionLog}:** ${s.tlsVerifyStatus} = ${mdCode(status)}`),
      `- **${s.reference}:** ${mdText(probe.reference)}`,
    ].join('\n'),
    `**${s.command}**`,
    mdFence(probe.command, 'sh'),
  );
  if (probe.skipped) blocks.push(`**${s.skippedProbe}:** ${mdText(probe.skipped)}`);
  const chart = distributionLines(probe);
  if (chart.length > 0) blocks.push(`**${s.distribution}**`, mdFence(chart.join('\n'), 'text'));
  if (probe.mismatches.length > 0)
    blocks.push(`**${s.mismatches}**`, probe.mismatches.map((m) => `- ✗ ${mdText(m)}`).join('\n'));
  blocks.push(`**${s.handshake}** — ${mdText(s.handshakeLegend)}`, handshakeList(probe, s));
  blocks.push(...targetBlocks(probe, s));
  blocks.push(
    `<details><summary>${mdHtml(s.transcriptLines(probe.transcript.length))}</summary>`,
    mdFence(probe.transcript.join('\n'), 'text'),
    '</details>',
  );
  return blocks;
}

function handshakeList(probe: ProbeReport, s: Strings): string {
  const steps = stepsOf(probe);
  if (steps.length === 0) return s.noSteps;
  return steps
    .map((step, index) => {
      const text = `${DIRECTION_MARK[step.direction]} ${mdText(step.label)}`;
      return `${index + 1}. ${step.decisive ? `◆ **${text}** ${mdCode(step.line.trim())}` : text}`;
    })
    .join('\n');
}

function targetBlocks(probe: ProbeReport, s: Strings): string[] {
  const target = probe.target;
  if (!target) return [`**${s.target}:** ${s.noTarget}`];
  const blocks = [
    `**${s.target}:** ${s.targetName} ${mdCode(target.name)} · ${s.remoteAddress} ${mdCode(target.remoteAddress)}`,
  ];
  const headers = Object.entries(target.receivedHeaders);
  blocks.push(
    headers.length > 0
      ? mdTable(
          [s.header, s.value],
          headers.map(([name, value]) => [mdCode(name), mdCode(value)]),
        )
      : s.noHeaders,
  );
  const details = recordedDetails(probe);
  if (details.length > 0)
    blocks.push(
      `**${s.recorded}**`,
      mdTable(
        [s.name, s.value],
        details.map(([name, value]) => [mdCode(name), mdCode(value)]),
      ),
    );
  return blocks;
}
