// The report as one self-contained HTML page to present: the honest headline, then the designs at a glance (who
// checks the certificate, what three clients got, what the target learns), takeaways one line each, the core
// clients at each front door, the contents, then a card per scenario with every probe folded to its headline, and
// at the end every other client and the legend. Inline CSS and SVG, no external resources; one small inline script
// for the copy buttons (the page reads the same without it). Pure.
import type { ProbeReport } from '../../sandbox/report.js';
import {
  forgeryText,
  identityLearnsLines,
  modeText,
  outcomeGlyph,
  outcomeHeadline,
  outcomeTone,
  outcomeWord,
  say,
  verifierText,
} from '../i18n/index.js';
import { headlineCounts, headlineMark, headlineText, probeBasis, type HeadlineCounts } from '../headline.js';
import { LEGEND, legendTerm } from '../legend.js';
import { outcomeReason } from '../outcome-reason.js';
import {
  anchor,
  humanDate,
  outcomeMatrix,
  takeaways,
  type FrontDoor,
  type ReportDocument,
  type ReportSection,
} from './document.js';
import { probeHtml } from './html-probe.js';
import { coreClientOf, designRows, splitClients, takeawayHead, type CoreClient, type DesignRow } from './opening.js';
import { attr, esc } from './html-text.js';
import { wordsFor, type Words } from './words.js';
import { COPY_SCRIPT, STYLE } from './style.js';
import { renderSvg } from './svg.js';

export interface HtmlOptions {
  /** For print (PDF): every probe unfolded, so the pages hold the details too. */
  print?: boolean;
}

export function renderHtml(document: ReportDocument, options: HtmlOptions = {}): string {
  const s = wordsFor(document.lang);
  return [
    '<!doctype html>',
    `<html lang=${attr(document.lang)}>`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(s('reportTitle'))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    `<h1>${esc(s('reportTitle'))}</h1>`,
    `<p class="meta">${esc(s('generated'))}: <time datetime=${attr(document.generatedAt)}>${esc(humanDate(document.generatedAt, document.lang))}</time></p>`,
    headlineHtml(document, s),
    `<p>${esc(s('reportIntro'))} <a href="#legend">${esc(s('legendLink'))}</a></p>`,
    '</header>',
    openingHtml(document, s),
    takeawaysHtml(document, s),
    matrixHtml(document, s),
    contentsHtml(document, s),
    ...document.sections.map((section) => sectionHtml(section, s, document.docsBase, options)),
    appendixHtml(document, s),
    legendHtml(s),
    '</main>',
    `<script>${COPY_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The honest headline: the run's counts by what they rest on, and the same as badges. */
function headlineHtml(document: ReportDocument, s: Words): string {
  const counts = headlineCounts(document.sections.map((section) => section.report));
  const mark = headlineMark(counts);
  const tone = mark === '✗' ? 'differs' : 'matches';
  return [
    `<p class=${attr(`headline ${tone}`)}><span class="mark">${esc(mark)}</span> ${esc(headlineText(counts, s.lang))}</p>`,
    `<p class="pills">${countPills(counts, s)}</p>`,
  ].join('\n');
}

/** The counts as badges: what rests on AWS (green), on an assumption (amber), and what differs (red). */
export function countPills(counts: HeadlineCounts, s: Words): string {
  const pills: string[] = [];
  if (counts.aws > 0) pills.push(`<span class="pill aws">${esc(s('pillAws', { n: counts.aws }))}</span>`);
  if (counts.assumed > 0)
    pills.push(`<span class="pill assumed">${esc(s('pillAssumed', { n: counts.assumed }))}</span>`);
  if (counts.unjudged > 0)
    pills.push(`<span class="pill unjudged">${esc(s('pillUnjudged', { n: counts.unjudged }))}</span>`);
  if (counts.differ > 0) pills.push(`<span class="pill differ">${esc(s('pillDiffer', { n: counts.differ }))}</span>`);
  if (counts.skippedScenarios.length > 0)
    pills.push(
      `<span class="pill skipped">${esc(s('pillSkippedScenarios', { n: counts.skippedScenarios.length }))}</span>`,
    );
  if (counts.skippedProbes > 0)
    pills.push(`<span class="pill skipped">${esc(s('pillSkippedProbes', { n: counts.skippedProbes }))}</span>`);
  return pills.join(' ');
}

/** The designs at a glance: who checks, what the three clients got, what the target learns. */
function openingHtml(document: ReportDocument, s: Words): string {
  const rows = designRows(document.sections);
  if (rows.length === 0) return '';
  const cell = (row: DesignRow, client: CoreClient) => {
    const shown = row.probes[client];
    if (!shown) return `<td class="empty">${esc(s('openingNotProbed'))}</td>`;
    return `<td>${outcomeLink(shown.scenario, shown.probe, s)}</td>`;
  };
  const learns = (row: DesignRow) => {
    if (row.learns === null) return row.probes.trusted ? esc(s('openingNoTarget')) : '—';
    if (row.learns.length === 0) return esc(s('openingNothing'));
    return row.learns.map((field) => `<code>${esc(field)}</code>`).join(' ');
  };
  const body = rows.map(
    (row) =>
      `<tr><th scope="row"><span class="design">${esc(row.design)}</span><br>${row.scenarios.map((one) => `<a class="door-scenario" href=${attr(`#${anchor(one.scenario)}`)}>${esc(one.scenario)}</a>`).join(' ')}</th><td>${esc(verifierText(row.verifiedBy, s.lang))}</td>${cell(row, 'none')}${cell(row, 'trusted')}${cell(row, 'untrusted')}<td class="learns">${learns(row)}</td></tr>`,
  );
  return [
    '<section class="opening" id="designs">',
    `<h2>${esc(s('openingHeading'))}</h2>`,
    `<p class="legend">${esc(s('openingIntro'))}</p>`,
    `<table class="opening"><thead><tr><th>${esc(s('openingDesign'))}</th><th>${esc(s('openingChecks'))}</th><th>${esc(s('openingNone'))}</th><th>${esc(s('openingTrusted'))}</th><th>${esc(s('openingUntrusted'))}</th><th>${esc(s('openingLearns'))}</th></tr></thead>`,
    `<tbody>${body.join('')}</tbody></table>`,
    `<p class="legend">${esc(s('openingLegend'))}</p>`,
    '</section>',
  ].join('\n');
}

/** One outcome as a link to its probe: glyph, word and status; "assumed" and ✗ where they apply. */
function outcomeLink(scenario: string, probe: ProbeReport, s: Words): string {
  const status = probe.outcome.status === null ? '' : ` ${probe.outcome.status}`;
  const reason = outcomeReason(probe, s.lang);
  const title = `${probe.name}: ${outcomeHeadline(probe.outcome, s.lang)}${reason ? ` — ${reason}` : ''}`;
  const basis = probeBasis(probe);
  const marks =
    basis === 'differ'
      ? ' <span class="differs">✗</span>'
      : basis === 'assumed'
        ? ` <span class="basis-assumed">${esc(s('basisAssumed'))}</span>`
        : '';
  return `<a class=${attr(`outcome ${outcomeTone(probe.outcome.code)}`)} href=${attr(`#${anchor(scenario, probe.name)}`)} title=${attr(title)}><span class="glyph">${esc(outcomeGlyph(probe.outcome.code))}</span> ${esc(outcomeWord(probe.outcome.code, s.lang))}${esc(status)}${cellFact(probe)}</a>${marks}`;
}

/** What to remember, one line per scenario (its first point), unfolding to the rest. */
function takeawaysHtml(document: ReportDocument, s: Words): string {
  const items = document.sections.flatMap(({ report, explanation }) => {
    const head = takeawayHead(takeaways(explanation));
    if (report.skipped || !head) return [];
    // The point first; the scenario it comes from after it, small, as a link to its card.
    const from = `<a class="door-scenario" href=${attr(`#${anchor(report.scenario)}`)} title=${attr(report.title)}>${esc(report.scenario)}</a>`;
    if (head.rest.length === 0) return [`<li><p>${esc(head.line)} ${from}</p></li>`];
    return [
      `<li><details><summary>${esc(head.line)} ${from} <span class="more">(${esc(s('takeawayMore', { n: head.rest.length }))})</span></summary><ul>${head.rest.map((item) => `<li>${esc(item)}</li>`).join('')}</ul></details></li>`,
    ];
  });
  if (items.length === 0) return '';
  return [
    '<section class="takeaways">',
    `<h2>${esc(s('takeawaysHeading'))}</h2>`,
    `<ul class="takeaway-lines">${items.join('')}</ul>`,
    '</section>',
  ].join('\n');
}

/** Front doors × the three core clients; every other client is in the appendix, so the table fits a page. */
function matrixHtml(document: ReportDocument, s: Words): string {
  const matrix = outcomeMatrix(document.sections, s('matrixNoCertificate'), s('matrixWithHeader'), (mode) =>
    modeText(mode, document.lang),
  );
  const { core } = splitClients(matrix.clients, s('matrixNoCertificate'));
  const coreProbes = (client: string, doorKey: string) =>
    (matrix.cells.get(client)?.get(doorKey)?.probes ?? []).filter((probe) => coreClientOf(probe) !== null);
  const doors = matrix.doors.filter((door) => core.some((client) => coreProbes(client, door.key).length > 0));
  if (doors.length === 0 || core.length === 0) return '';
  const cell = (client: string, doorKey: string) => {
    const probes = coreProbes(client, doorKey);
    if (probes.length === 0) return '<td class="empty">—</td>';
    // Several probes in one cell: each says which it is.
    const named = probes.length > 1;
    return `<td>${probes.map((probe) => `${outcomeLink(matrixScenario(doorKey), probe, s)}${named ? ` <span class="probe-ref">${esc(probe.name)}</span>` : ''}`).join('<br>')}</td>`;
  };
  const rows = doors.map(
    (door) => `<tr><th scope="row">${doorHead(door)}</th>${core.map((client) => cell(client, door.key)).join('')}</tr>`,
  );
  return [
    '<section class="matrix">',
    `<h2>${esc(s('matrixHeading'))}</h2>`,
    `<p class="legend">${esc(s('matrixCoreNote'))}</p>`,
    `<table class="matrix"><thead><tr><th>${esc(s('matrixDoor'))}</th>${core.map((client) => `<th><code>${esc(client)}</code></th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

const doorHead = (door: FrontDoor) =>
  `<span class="door">${esc(door.label)}</span><br><code class="door-scenario">${esc(door.scenario)}</code>`;

/** Every other client, door by door, as a wrapped list: as many clients as there are, never wider than the page. */
function appendixHtml(document: ReportDocument, s: Words): string {
  const matrix = outcomeMatrix(document.sections, s('matrixNoCertificate'), s('matrixWithHeader'));
  const rows = matrix.doors.flatMap((door) => {
    const items = matrix.clients.flatMap((client) =>
      (matrix.cells.get(client)?.get(door.key)?.probes ?? [])
        .filter((probe) => coreClientOf(probe) === null)
        .map((probe) => `<li><code>${esc(client)}</code> ${outcomeLink(matrixScenario(door.key), probe, s)}</li>`),
    );
    return items.length === 0
      ? []
      : [`<tr><th scope="row">${doorHead(door)}</th><td><ul class="others">${items.join('')}</ul></td></tr>`];
  });
  if (rows.length === 0) return '';
  return [
    '<section class="appendix" id="appendix">',
    `<h2>${esc(s('appendixHeading'))}</h2>`,
    `<p class="legend">${esc(s('appendixIntro'))}</p>`,
    `<table class="appendix"><thead><tr><th>${esc(s('matrixDoor'))}</th><th>${esc(s('matrixClient'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

const matrixScenario = (doorKey: string) => doorKey.split('|')[0] ?? '';

/** What the load balancer said when it answered itself ("Default Action", "Success!!"): the lesson of the cell. */
function cellFact(probe: ProbeReport): string {
  const fact = probe.outcome.fact;
  if (probe.outcome.code !== 'fixed-response' || !fact || fact.length > 24) return '';
  return ` <span class="cell-fact">“${esc(fact)}”</span>`;
}

/** The contents: every scenario with a link, its counts as badges and its time (the PDF's table of contents too). */
function contentsHtml(document: ReportDocument, s: Words): string {
  const rows = document.sections.map(({ report }, index) => {
    const counts = headlineCounts([report]);
    const rest = report.skipped
      ? `<span class="verdict skipped">${esc(s('reportSkipped'))}</span> ${esc(say(report.skipped, s.lang))}`
      : countPills(counts, s);
    return `<tr><td class="num">${index + 1}</td><td><a href=${attr(`#${anchor(report.scenario)}`)}>${esc(report.title)}</a><br><code class="door-scenario">${esc(report.scenario)}</code></td><td>${rest}</td><td class="num">${esc(s('seconds', { seconds: (report.durationMs / 1000).toFixed(1) }))}</td></tr>`;
  });
  return [
    '<section class="summary contents" id="contents">',
    `<h2>${esc(s('contentsHeading'))}</h2>`,
    `<table><thead><tr><th class="num">#</th><th>${esc(s('scenario'))}</th><th>${esc(s('contentsProbes'))}</th><th class="num">${esc(s('duration'))}</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

/** Every symbol and word the report uses, and what a seed is. */
function legendHtml(s: Words): string {
  const groups = LEGEND.map(
    (group) =>
      `<h3>${esc(s(group.heading))}</h3><dl class="legend-list">${group.entries.map((entry) => `<dt>${esc(legendTerm(entry, (key) => s(key)))}</dt><dd>${esc(s(entry.meaning))}</dd>`).join('')}</dl>`,
  );
  return [
    '<section class="legend-section" id="legend">',
    `<h2>${esc(s('legendHeading'))}</h2>`,
    ...groups,
    `<p class="legend">${esc(s('glossaryMore'))}</p>`,
    '</section>',
  ].join('\n');
}

/** The "what the target learns" table: one row per front door, the centre of such a scenario. */
function identityHtml(report: ReportSection['report'], s: Words): string {
  const rows = report.identityTable?.rows ?? [];
  if (rows.length === 0) return '';
  const body = rows.map((row) => {
    const learns = identityLearnsLines(row, s.lang)
      .map((line) => esc(line))
      .join('<br>');
    const forged = row.forgery?.result === 'as-sent' ? ' class="forgeable"' : '';
    return `<tr><th scope="row"><a href=${attr(`#${anchor(report.scenario, row.probe)}`)}>${esc(row.door)}</a></th><td>${esc(verifierText(row.verifiedBy, s.lang))}</td><td class="learns">${learns}</td><td${forged}>${esc(forgeryText(row.forgery, s.lang))}</td></tr>`;
  });
  return [
    '<section class="identity">',
    `<h3>${esc(s('identityHeading'))}</h3>`,
    `<p class="legend">${esc(s('identityLegend'))}</p>`,
    `<table class="identity"><thead><tr><th>${esc(s('identityDoor'))}</th><th>${esc(s('identityVerifiedBy'))}</th><th>${esc(s('identityLearns'))}</th><th>${esc(s('identityForgery'))}</th></tr></thead>`,
    `<tbody>${body.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function sectionHtml(section: ReportSection, s: Words, docsBase: string, options: HtmlOptions): string {
  const { report } = section;
  const badge = report.skipped
    ? `<span class="verdict skipped">${esc(s('reportSkipped'))}</span>`
    : countPills(headlineCounts([report]), s);
  const out = [
    `<section class="scenario" id=${attr(anchor(report.scenario))}>`,
    `<h2>${esc(report.title)}</h2>`,
    `<p class="scenario-id"><code>${esc(report.scenario)}</code> · ${badge} · ${esc(s('seconds', { seconds: (report.durationMs / 1000).toFixed(1) }))}</p>`,
    `<p class="lead">${esc(section.summary)}</p>`,
  ];
  if (report.skipped)
    out.push(
      `<p class="skipped-reason"><strong>${esc(s('skippedBecause'))}</strong> ${esc(say(report.skipped, s.lang))}</p>`,
    );
  out.push(identityHtml(report, s));
  // What to notice comes before the details it explains (its bullets are also the takeaways at the top).
  if (section.explanation && !report.skipped)
    out.push(`<div class="explanation">${proseHtml(section.explanation)}</div>`);

  if (report.topology.balancers.length > 0)
    out.push(
      `<h3>${esc(s('topology'))}</h3>`,
      `<figure class="topology">${renderSvg(report.scenario, report.topology, s)}</figure>`,
    );
  out.push(`<h3>${esc(s('probes'))}</h3>`);
  if (report.probes.length === 0) out.push(`<p class="muted">${esc(s('noProbes'))}</p>`);
  out.push(...report.probes.map((probe) => probeHtml(report.scenario, probe, s, docsBase, options.print === true)));
  if (report.components.length > 0) {
    const rows = report.components.map(
      (c) =>
        `<tr><td><code>${esc(c.name)}</code></td><td>${esc(c.kind)}</td><td>${esc(c.version)}</td><td><code>${esc(c.address)}</code></td><td>${esc(say(c.role, s.lang))}</td></tr>`,
    );
    out.push(
      `<details class="components"><summary>${esc(s('components'))} (${report.components.length})</summary>`,
      `<table class="components"><thead><tr><th>${esc(s('name'))}</th><th>${esc(s('kind'))}</th><th>${esc(s('version'))}</th><th>${esc(s('address'))}</th><th>${esc(s('role'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      '</details>',
    );
  }
  if (report.emulationNotes?.length)
    out.push(
      `<details class="emulation-notes"><summary>${esc(s('emulationNotesHeading'))} (${report.emulationNotes.length})</summary>`,
      `<ul class="emulation-notes">${report.emulationNotes.map((note) => `<li>${esc(say(note, s.lang))}</li>`).join('')}</ul>`,
      '</details>',
    );
  if (report.notRealized.length > 0) {
    const rows = report.notRealized.map(
      (r) =>
        `<tr><td><code>${esc(r.property ? `${r.logicalId}.${r.property}` : r.logicalId)}</code></td><td><code>${esc(r.type)}</code></td><td>${esc(say(r.reason, s.lang))}</td></tr>`,
    );
    out.push(
      `<details class="not-realized"><summary>${esc(s('notRealized', { n: report.notRealized.length }))}</summary>`,
      `<table><thead><tr><th>${esc(s('resource'))}</th><th>${esc(s('type'))}</th><th>${esc(s('reason'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
      '</details>',
    );
  }
  out.push('</section>');
  return out.join('\n');
}

/** Scenario prose: "- " lines become a list, other lines paragraphs. */
export function proseHtml(text: string): string {
  const out: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length > 0) out.push(`<ul>${items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`);
    items = [];
  };
  for (const line of text.split('\n')) {
    const item = /^\s*- (.*)$/.exec(line);
    if (item) {
      items.push(item[1]!);
      continue;
    }
    flush();
    if (line.trim() !== '') out.push(`<p>${esc(line)}</p>`);
  }
  flush();
  return out.join('\n');
}
