// The report as one self-contained HTML page to present: takeaways and an outcome matrix first (what happened to
// each client at each front door), the scenarios below with every probe folded to its headline. Inline CSS and SVG,
// no external resources; one small inline script for the copy buttons (the page reads the same without it). Pure.
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
import {
  anchor,
  countText,
  documentPasses,
  neutralResult,
  humanDate,
  outcomeMatrix,
  takeaways,
  type ReportDocument,
  type ReportSection,
} from './document.js';
import { probeHtml, verdictBadge } from './html-probe.js';
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
  const pass = documentPasses(document);
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
    `<p class="overall">${verdictBadge(pass, s)} ${esc(s(pass ? 'overallPass' : 'overallFail'))}</p>`,
    `<p>${esc(s('reportIntro'))}</p>`,
    '</header>',
    takeawaysHtml(document, s),
    matrixHtml(document, s),
    summary(document, s),
    ...document.sections.map((section) => sectionHtml(section, s, document.docsBase, options)),
    '</main>',
    `<script>${COPY_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** What to remember, scenario by scenario: the bullets of each "What to notice". */
function takeawaysHtml(document: ReportDocument, s: Words): string {
  const blocks = document.sections.flatMap(({ report, explanation }) => {
    const items = takeaways(explanation);
    if (report.skipped || items.length === 0) return [];
    return [
      `<div class="takeaway"><h3><a href=${attr(`#${anchor(report.scenario)}`)}>${esc(report.title)}</a></h3><ul>${items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul></div>`,
    ];
  });
  if (blocks.length === 0) return '';
  return ['<section class="takeaways">', `<h2>${esc(s('takeawaysHeading'))}</h2>`, ...blocks, '</section>'].join('\n');
}

/**
 * Clients × front doors, one glyph and word per cell. Few front doors: a column each; many (a report of every
 * scenario): a row each, so the table keeps to the page's width.
 */
function matrixHtml(document: ReportDocument, s: Words): string {
  const matrix = outcomeMatrix(document.sections, s('matrixNoCertificate'), s('matrixWithHeader'), (mode) =>
    modeText(mode, document.lang),
  );
  if (matrix.doors.length === 0) return '';
  const cell = (client: string, doorKey: string) => {
    const probes = matrix.cells.get(client)?.get(doorKey)?.probes ?? [];
    if (probes.length === 0) return '<td class="empty">—</td>';
    const items = probes.map(
      (probe) =>
        `<a class=${attr(`outcome ${outcomeTone(probe.outcome.code)}`)} href=${attr(`#${anchor(matrixScenario(doorKey), probe.name)}`)} title=${attr(`${probe.name}: ${outcomeHeadline(probe.outcome, s.lang)}`)}><span class="glyph">${esc(outcomeGlyph(probe.outcome.code))}</span> ${esc(outcomeWord(probe.outcome.code, s.lang))}${cellFact(probe)}${probe.pass ? '' : ' <span class="differs">✗</span>'}</a>`,
    );
    return `<td>${items.join('<br>')}</td>`;
  };
  const doorHead = (door: (typeof matrix.doors)[number]) =>
    `<span class="door">${esc(door.label)}</span><br><code class="door-scenario">${esc(door.scenario)}</code>`;
  const wide = matrix.doors.length <= 5;
  const head = wide
    ? `<tr><th>${esc(s('matrixClient'))}</th>${matrix.doors.map((door) => `<th>${doorHead(door)}</th>`).join('')}</tr>`
    : `<tr><th>${esc(s('matrixDoor'))}</th>${matrix.clients.map((client) => `<th><code>${esc(client)}</code></th>`).join('')}</tr>`;
  const rows = wide
    ? matrix.clients.map(
        (client) =>
          `<tr><th scope="row"><code>${esc(client)}</code></th>${matrix.doors.map((door) => cell(client, door.key)).join('')}</tr>`,
      )
    : matrix.doors.map(
        (door) =>
          `<tr><th scope="row">${doorHead(door)}</th>${matrix.clients.map((client) => cell(client, door.key)).join('')}</tr>`,
      );
  return [
    '<section class="matrix">',
    `<h2>${esc(s('matrixHeading'))}</h2>`,
    `<p class="legend">${esc(s('matrixLegend'))}</p>`,
    `<table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`,
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

function summary(document: ReportDocument, s: Words): string {
  const rows = document.sections.map(({ report }) => {
    const neutral = neutralResult(report, s);
    const result = neutral ? `<span class="verdict skipped">${esc(neutral)}</span>` : verdictBadge(report.pass, s);
    return `<tr><td><a href=${attr(`#${anchor(report.scenario)}`)}><code>${esc(report.scenario)}</code></a></td><td>${esc(report.title)}</td><td class="num">${esc(countText(report, s('skippedWord')))}</td><td>${esc(s('evidenceCounts', report.evidence))}</td><td class="num">${esc(s('seconds', { seconds: (report.durationMs / 1000).toFixed(1) }))}</td><td>${result}</td></tr>`;
  });
  return [
    '<section class="summary">',
    `<h2>${esc(s('summary'))}</h2>`,
    `<table><thead><tr><th>${esc(s('scenario'))}</th><th>${esc(s('title'))}</th><th class="num">${esc(s('probesPassed'))}</th><th>${esc(s('evidenceColumn'))}</th><th class="num">${esc(s('duration'))}</th><th>${esc(s('result'))}</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
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
  const neutral = neutralResult(report, s);
  const badge = neutral ? `<span class="verdict skipped">${esc(neutral)}</span>` : verdictBadge(report.pass, s);
  const out = [
    `<section class="scenario" id=${attr(anchor(report.scenario))}>`,
    `<h2>${badge} ${esc(report.title)}</h2>`,
    `<p class="scenario-id"><code>${esc(report.scenario)}</code> · ${esc(countText(report, s('skippedWord')))} · ${esc(s('evidenceCounts', report.evidence))} · ${esc(s('seconds', { seconds: (report.durationMs / 1000).toFixed(1) }))}</p>`,
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
