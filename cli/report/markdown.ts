// The report as GitHub-flavoured Markdown. Pure: report data in, text out.
import type { ProbeReport } from '../../sandbox/report.js';
import { distributionLines } from '../distribution-chart.js';
import {
  anchor,
  clientWords,
  countText,
  documentPasses,
  neutralResult,
  humanDate,
  outcomeMatrix,
  takeaways,
  recordedDetails,
  responseLine,
  tlsVerifyStatuses,
  type ReportDocument,
  type ReportSection,
} from './document.js';
import { wordsFor, type Words } from './words.js';
import {
  citationText,
  citationUrl,
  decisiveFacts,
  fidelityShort,
  forgeryText,
  identityLearnsLines,
  levelText,
  modeText,
  outcomeGlyph,
  outcomeHeadline,
  outcomeWord,
  say,
  STEP_ARROWS,
  stepText,
  verifierText,
} from '../i18n/index.js';
import { sequenceText } from '../sequence-text.js';
import { mdCode, mdFence, mdHtml, mdProse, mdTable, mdText } from './md-text.js';
import { textDiagram } from './text-diagram.js';

export function renderMarkdown(document: ReportDocument): string {
  const s = wordsFor(document.lang);
  const pass = documentPasses(document);
  const blocks = [
    `# ${mdText(s('reportTitle'))}`,
    `${s('generated')}: ${mdText(humanDate(document.generatedAt, document.lang))} · **${verdict(pass, s)}** ${mdText(s(pass ? 'overallPass' : 'overallFail'))}`,
    mdText(s('reportIntro')),
    ...takeawayBlocks(document, s),
    ...matrixBlocks(document, s),
    `## ${s('summary')}`,
    summaryTable(document, s),
    ...document.sections.flatMap((section) => sectionBlocks(section, s, document.docsBase)),
  ];
  return `${blocks.join('\n\n')}\n`;
}

const verdict = (pass: boolean, s: Words): string => (pass ? `✓ ${s('reportPass')}` : `✗ ${s('reportFail')}`);

function summaryTable(document: ReportDocument, s: Words): string {
  const rows = document.sections.map(({ report }) => [
    `[${mdCode(report.scenario)}](#${anchor(report.scenario)})`,
    mdText(report.title),
    countText(report, s('skippedWord')),
    s('evidenceCounts', report.evidence),
    s('seconds', { seconds: (report.durationMs / 1000).toFixed(1) }),
    neutralResult(report, s) ?? verdict(report.pass, s),
  ]);
  return mdTable(
    [s('scenario'), s('title'), s('probesPassed'), s('evidenceColumn'), s('duration'), s('result')],
    rows,
    ['l', 'l', 'r', 'l', 'r', 'l'],
  );
}

function takeawayBlocks(document: ReportDocument, s: Words): string[] {
  const items = document.sections.flatMap(({ report, explanation }) =>
    report.skipped || takeaways(explanation).length === 0
      ? []
      : [
          `**[${mdText(report.title)}](#${anchor(report.scenario)})**`,
          takeaways(explanation)
            .map((item) => `- ${mdText(item)}`)
            .join('\n'),
        ],
  );
  return items.length > 0 ? [`## ${s('takeawaysHeading')}`, ...items] : [];
}

/** Clients × front doors, a glyph and a word per cell. */
function matrixBlocks(document: ReportDocument, s: Words): string[] {
  const matrix = outcomeMatrix(document.sections, s('matrixNoCertificate'), s('matrixWithHeader'), (mode) =>
    modeText(mode, document.lang),
  );
  if (matrix.doors.length === 0) return [];
  const rows = matrix.clients.map((client) => [
    mdCode(client),
    ...matrix.doors.map(
      (door) =>
        (matrix.cells.get(client)?.get(door.key)?.probes ?? [])
          .map(
            (probe) =>
              `${outcomeGlyph(probe.outcome.code)} ${outcomeWord(probe.outcome.code, s.lang)}${probe.pass ? '' : ' ✗'}`,
          )
          .join('<br>') || '—',
    ),
  ]);
  return [
    `## ${s('matrixHeading')}`,
    mdText(s('matrixLegend')),
    mdTable([s('matrixClient'), ...matrix.doors.map((door) => `${door.label} (${mdCode(door.scenario)})`)], rows),
  ];
}

function sectionBlocks(section: ReportSection, s: Words, docsBase: string): string[] {
  const { report } = section;
  const blocks = [
    `<a id="${anchor(report.scenario)}"></a>`,
    `## ${neutralResult(report, s) ?? verdict(report.pass, s)} ${mdCode(report.scenario)} — ${mdText(report.title)}`,
    mdProse(section.summary),
    `${s('evidenceColumn')}: ${s('evidenceCounts', report.evidence)}`,
  ];
  if (report.skipped) blocks.push(`**${s('skippedBecause')}** ${mdText(say(report.skipped, s.lang))}`);
  blocks.push(...identityBlocks(report, s));
  if (report.topology.balancers.length > 0)
    blocks.push(`### ${s('topology')}`, mdFence(textDiagram(report.topology, s), 'text'));
  if (report.components.length > 0) {
    const rows = report.components.map((c) => [
      mdCode(c.name),
      mdText(c.kind),
      mdText(c.version),
      mdCode(c.address),
      mdText(say(c.role, s.lang)),
    ]);
    blocks.push(`### ${s('components')}`, mdTable([s('name'), s('kind'), s('version'), s('address'), s('role')], rows));
  }
  blocks.push(`### ${s('probes')}`);
  if (report.probes.length === 0) blocks.push(s('noProbes'));
  for (const probe of report.probes) blocks.push(...probeBlocks(report.scenario, probe, s, docsBase));
  if (section.explanation) blocks.push(`### ${s('explanationHeading')}`, mdProse(section.explanation));
  if (report.emulationNotes?.length)
    blocks.push(
      `### ${s('emulationNotesHeading')}`,
      report.emulationNotes.map((note) => `- ${mdText(say(note, s.lang))}`).join('\n'),
    );
  if (report.notRealized.length > 0) {
    const rows = report.notRealized.map((r) => [
      mdCode(r.property ? `${r.logicalId}.${r.property}` : r.logicalId),
      mdCode(r.type),
      mdText(say(r.reason, s.lang)),
    ]);
    blocks.push(
      `<details><summary>${mdHtml(s('notRealized', { n: report.notRealized.length }))}</summary>`,
      mdTable([s('resource'), s('type'), s('reason')], rows),
      '</details>',
    );
  }
  return blocks;
}

/** The "what the target learns" table: one row per front door, the centre of such a scenario. */
function identityBlocks(report: ReportSection['report'], s: Words): string[] {
  const rows = report.identityTable?.rows ?? [];
  if (rows.length === 0) return [];
  const cells = rows.map((row) => [
    `[${mdText(row.door)}](#${anchor(report.scenario, row.probe)})`,
    mdText(verifierText(row.verifiedBy, s.lang)),
    identityLearnsLines(row, s.lang)
      .map((line) => mdText(line))
      .join('<br>'),
    mdText(forgeryText(row.forgery, s.lang)),
  ]);
  return [
    `### ${s('identityHeading')}`,
    mdText(s('identityLegend')),
    mdTable([s('identityDoor'), s('identityVerifiedBy'), s('identityLearns'), s('identityForgery')], cells),
  ];
}

function probeBlocks(scenario: string, probe: ProbeReport, s: Words, docsBase: string): string[] {
  const blocks = [
    `<a id="${anchor(scenario, probe.name)}"></a>`,
    `#### ${outcomeGlyph(probe.outcome.code)} ${mdText(outcomeHeadline(probe.outcome, s.lang))} — ${mdCode(probe.name)}`,
    `${probe.pass ? '✓' : '✗'} ${mdText(fidelityShort(probe, s.lang))}${decisiveFacts(probe, s.lang)
      .map((fact) => ` · ${mdText(fact)}`)
      .join('')}`,
  ];
  if (probe.description) blocks.push(mdProse(probe.description));
  // A stand-in's answer says so, right under what happened: never read as AWS's.
  if (probe.standIn) blocks.push(mdProse(say(probe.standIn, s.lang)));
  blocks.push(
    [
      `- **${s('clientLabel')}:** ${mdText(clientWords(probe, s))}`,
      `- **${s('response')}:** ${mdText(responseLine(probe, s('noResponseShort')))}`,
      ...tlsVerifyStatuses(probe).map(
        (status) => `- **${s('lbConnectionLog')}:** ${'tls_verify_status'} = ${mdCode(status)}`,
      ),
      `- **${s('referenceLabel')}:** ${evidenceMarkdown(probe, s, docsBase)}`,
    ].join('\n'),
    `**${s('command')}**`,
    mdFence(probe.command, 'sh'),
  );
  if (probe.skipped) blocks.push(`**${s('skippedProbe')}:** ${mdText(say(probe.skipped, s.lang))}`);
  const chart = distributionLines(probe, undefined, s.lang);
  if (chart.length > 0) blocks.push(`**${s('distributionHeading')}**`, mdFence(chart.join('\n'), 'text'));
  if (probe.mismatches.length > 0)
    blocks.push(`**${s('mismatches')}**`, probe.mismatches.map((m) => `- ✗ ${mdText(say(m, s.lang))}`).join('\n'));
  if (!probe.skipped) blocks.push(`**${s('sequence')}**`, mdFence(sequenceText(probe, s.lang, 78).join('\n'), 'text'));
  if (probe.config.length > 0)
    blocks.push(
      `**${s('configHeading')}**`,
      ...probe.config.map(
        (excerpt) =>
          `${mdCode(excerpt.file)} — ${mdText(say(excerpt.what, s.lang))}\n\n${mdFence(
            excerpt.lines
              .map((line) => `${line.decisive ? '▸' : ' '} ${String(line.number).padStart(3)}  ${line.text}`)
              .join('\n'),
            'text',
          )}`,
      ),
    );
  blocks.push(`**${s('handshake')}** — ${mdText(s('handshakeLegend'))}`, handshakeList(probe, s));
  blocks.push(...targetBlocks(probe, s));
  blocks.push(
    `<details><summary>${mdHtml(s('transcriptLines', { n: probe.transcript.length }))}</summary>`,
    mdFence(probe.transcript.join('\n'), 'text'),
    '</details>',
  );
  return blocks;
}

function handshakeList(probe: ProbeReport, s: Words): string {
  const steps = probe.steps;
  if (steps.length === 0) return s('noSteps');
  return steps
    .map((step, index) => {
      const text = `${STEP_ARROWS[step.direction]} ${mdText(stepText(step, s.lang))}`;
      return `${index + 1}. ${step.decisive ? `◆ **${text}** ${mdCode(step.line.trim())}` : text}`;
    })
    .join('\n');
}

function targetBlocks(probe: ProbeReport, s: Words): string[] {
  const target = probe.target;
  if (!target) return [`**${s('targetHeading')}:** ${s('noTargetSentence')}`];
  const blocks = [
    `**${s('targetHeading')}:** ${s('targetName')} ${mdCode(target.name)} · ${s('remoteAddressLabel')} ${mdCode(target.remoteAddress)}`,
  ];
  const headers = Object.entries(target.receivedHeaders);
  blocks.push(
    headers.length > 0
      ? mdTable(
          [s('header'), s('value')],
          headers.map(([name, value]) => [mdCode(name), mdCode(value)]),
        )
      : s('noHeaders'),
  );
  const details = recordedDetails(probe);
  if (details.length > 0)
    blocks.push(
      `**${s('recorded')}**`,
      mdTable(
        [s('name'), s('value')],
        details.map(([name, value]) => [mdCode(name), mdCode(value)]),
      ),
    );
  return blocks;
}

/** The evidence level, then each source as a link into the repository's docs, and to the page itself. */
function evidenceMarkdown(probe: ProbeReport, s: Words, docsBase: string): string {
  const sources = probe.evidence.citations.map((citation) => {
    const own = `[${mdText(citationText(citation, s.lang))}](${docsBase}${citation.docs})`;
    const url = citationUrl(citation, s.lang);
    return url ? `${own} ([${mdText(s('originalPage'))}](${url}))` : own;
  });
  const why = probe.evidence.assumption ? ` — ${mdText(probe.evidence.assumption)}` : '';
  return `**${levelText(probe.evidence.level, s.lang)}**: ${sources.join('; ')}${why}`;
}
