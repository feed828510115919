// The report as GitHub-flavoured Markdown. Pure: report data in, text out.
import type { ProbeReport } from '../../sandbox/report.js';
import { distributionLines } from '../distribution-chart.js';
import { headlineCounts, headlineMark, headlineShort, headlineText, probeBasis } from '../headline.js';
import { LEGEND, legendTerm } from '../legend.js';
import { factsBesideReason, outcomeReason } from '../outcome-reason.js';
import {
  anchor,
  clientWords,
  humanDate,
  outcomeMatrix,
  takeaways,
  recordedDetails,
  responseLine,
  tlsVerifyStatuses,
  type ReportDocument,
  type ReportSection,
} from './document.js';
import { coreClientOf, designRows, splitClients, takeawayHead, type CoreClient, type DesignRow } from './opening.js';
import { wordsFor, type Words } from './words.js';
import {
  citationText,
  citationUrl,
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
  const counts = headlineCounts(document.sections.map((section) => section.report));
  const blocks = [
    `# ${mdText(s('reportTitle'))}`,
    `${s('generated')}: ${mdText(humanDate(document.generatedAt, document.lang))}`,
    `**${headlineMark(counts)} ${mdText(headlineText(counts, s.lang))}**`,
    `${mdText(s('reportIntro'))} [${mdText(s('legendLink'))}](#legend)`,
    ...openingBlocks(document, s),
    ...takeawayBlocks(document, s),
    ...matrixBlocks(document, s),
    `## ${s('contentsHeading')}`,
    contentsTable(document, s),
    ...document.sections.flatMap((section) => sectionBlocks(section, s, document.docsBase)),
    ...appendixBlocks(document, s),
    ...legendBlocks(s),
  ];
  return `${blocks.join('\n\n')}\n`;
}

/** The counts in a few words, for a table cell: "3 as AWS · 1 assumed · 0 differ". */
const countsCell = (report: ReportSection['report'], s: Words): string =>
  report.skipped ? s('reportSkipped') : mdText(headlineShort(headlineCounts([report]), s.lang));

function contentsTable(document: ReportDocument, s: Words): string {
  const rows = document.sections.map(({ report }, index) => [
    String(index + 1),
    `[${mdText(report.title)}](#${anchor(report.scenario)}) ${mdCode(report.scenario)}`,
    countsCell(report, s),
    s('seconds', { seconds: (report.durationMs / 1000).toFixed(1) }),
  ]);
  return mdTable(['#', s('scenario'), s('contentsProbes'), s('duration')], rows, ['r', 'l', 'l', 'r']);
}

/** One outcome, short: "■ REFUSED 400", with "assumed" or ✗ where they apply. */
function outcomeCell(probe: ProbeReport, s: Words): string {
  const status = probe.outcome.status === null ? '' : ` ${probe.outcome.status}`;
  const basis = probeBasis(probe);
  const mark = basis === 'differ' ? ' ✗' : basis === 'assumed' ? ` (${s('basisAssumed')})` : '';
  return `${outcomeGlyph(probe.outcome.code)} ${mdText(outcomeWord(probe.outcome.code, s.lang))}${status}${mark}`;
}

/** The designs at a glance: who checks, what the three clients got, what the target learns. */
function openingBlocks(document: ReportDocument, s: Words): string[] {
  const rows = designRows(document.sections);
  if (rows.length === 0) return [];
  const cell = (row: DesignRow, client: CoreClient) => {
    const shown = row.probes[client];
    return shown
      ? `[${outcomeCell(shown.probe, s)}](#${anchor(shown.scenario, shown.probe.name)})`
      : s('openingNotProbed');
  };
  const learns = (row: DesignRow) =>
    row.learns === null
      ? s('openingNoTarget')
      : row.learns.length === 0
        ? s('openingNothing')
        : row.learns.map((field) => mdCode(field)).join(' ');
  return [
    `## ${s('openingHeading')}`,
    mdText(s('openingIntro')),
    mdTable(
      [
        s('openingDesign'),
        s('openingChecks'),
        s('openingNone'),
        s('openingTrusted'),
        s('openingUntrusted'),
        s('openingLearns'),
      ],
      rows.map((row) => [
        `**${mdText(row.design)}**<br>${row.scenarios.map((one) => `[${mdCode(one.scenario)}](#${anchor(one.scenario)})`).join(' ')}`,
        mdText(verifierText(row.verifiedBy, s.lang)),
        cell(row, 'none'),
        cell(row, 'trusted'),
        cell(row, 'untrusted'),
        learns(row),
      ]),
    ),
    mdText(s('openingLegend')),
  ];
}

/** One line per scenario (its first point), unfolding to the rest. */
function takeawayBlocks(document: ReportDocument, s: Words): string[] {
  const items = document.sections.flatMap(({ report, explanation }) => {
    const head = takeawayHead(takeaways(explanation));
    if (report.skipped || !head) return [];
    const from = `[${mdCode(report.scenario)}](#${anchor(report.scenario)})`;
    if (head.rest.length === 0) return [`- ${mdText(head.line)} ${from}`];
    return [
      `- <details><summary>${mdHtml(head.line)} (${mdHtml(s('takeawayMore', { n: head.rest.length }))})</summary>\n\n${head.rest.map((item) => `  - ${mdText(item)}`).join('\n')}\n\n  </details> ${from}`,
    ];
  });
  return items.length > 0 ? [`## ${s('takeawaysHeading')}`, items.join('\n')] : [];
}

/** Front doors × the three core clients; every other client is in the appendix. */
function matrixBlocks(document: ReportDocument, s: Words): string[] {
  const matrix = outcomeMatrix(document.sections, s('matrixNoCertificate'), s('matrixWithHeader'), (mode) =>
    modeText(mode, document.lang),
  );
  const { core } = splitClients(matrix.clients, s('matrixNoCertificate'));
  const coreProbes = (client: string, doorKey: string) =>
    (matrix.cells.get(client)?.get(doorKey)?.probes ?? []).filter((probe) => coreClientOf(probe) !== null);
  const doors = matrix.doors.filter((door) => core.some((client) => coreProbes(client, door.key).length > 0));
  if (doors.length === 0) return [];
  const rows = doors.map((door) => [
    `${mdText(door.label)} (${mdCode(door.scenario)})`,
    ...core.map((client) => {
      const probes = coreProbes(client, door.key);
      const named = probes.length > 1;
      return (
        probes.map((probe) => `${outcomeCell(probe, s)}${named ? ` ${mdCode(probe.name)}` : ''}`).join('<br>') || '—'
      );
    }),
  ]);
  return [
    `## ${s('matrixHeading')}`,
    mdText(s('matrixCoreNote')),
    mdTable([s('matrixDoor'), ...core.map((client) => mdCode(client))], rows),
  ];
}

/** Every other client, door by door. */
function appendixBlocks(document: ReportDocument, s: Words): string[] {
  const matrix = outcomeMatrix(document.sections, s('matrixNoCertificate'), s('matrixWithHeader'));
  const rows = matrix.doors.flatMap((door) => {
    const items = matrix.clients.flatMap((client) =>
      (matrix.cells.get(client)?.get(door.key)?.probes ?? [])
        .filter((probe) => coreClientOf(probe) === null)
        .map((probe) => `${mdCode(client)} ${outcomeCell(probe, s)}`),
    );
    return items.length === 0 ? [] : [[`${mdText(door.label)} (${mdCode(door.scenario)})`, items.join('<br>')]];
  });
  if (rows.length === 0) return [];
  return [
    '<a id="appendix"></a>',
    `## ${s('appendixHeading')}`,
    mdText(s('appendixIntro')),
    mdTable([s('matrixDoor'), s('matrixClient')], rows),
  ];
}

/** Every symbol and word, and what a seed is. */
function legendBlocks(s: Words): string[] {
  return [
    '<a id="legend"></a>',
    `## ${s('legendHeading')}`,
    ...LEGEND.flatMap((group) => [
      `**${mdText(s(group.heading))}**`,
      group.entries
        .map((entry) => `- **${mdText(legendTerm(entry, (key) => s(key)))}** — ${mdText(s(entry.meaning))}`)
        .join('\n'),
    ]),
    mdText(s('glossaryMore')),
  ];
}

function sectionBlocks(section: ReportSection, s: Words, docsBase: string): string[] {
  const { report } = section;
  const blocks = [
    `<a id="${anchor(report.scenario)}"></a>`,
    `## ${mdText(report.title)}`,
    `${mdCode(report.scenario)} · ${report.skipped ? s('reportSkipped') : `${headlineMark(headlineCounts([report]))} ${countsCell(report, s)}`}`,
    mdProse(section.summary),
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
    `${probe.pass ? '✓' : '✗'} ${mdText(fidelityShort(probe, s.lang))}${[
      outcomeReason(probe, s.lang),
      ...factsBesideReason(probe, s.lang),
    ]
      .flatMap((fact) => (fact ? [` · ${mdText(fact)}`] : []))
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
