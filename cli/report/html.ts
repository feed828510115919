// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external resources. Pure.
import { say } from '../i18n/index.js';
import { anchor, documentPasses, passedCount, type ReportDocument, type ReportSection } from './document.js';
import { probeHtml, verdictBadge } from './html-probe.js';
import { attr, esc } from './html-text.js';
import { wordsFor, type Words } from './words.js';
import { STYLE } from './style.js';
import { renderSvg } from './svg.js';

export function renderHtml(document: ReportDocument): string {
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
    `<p class="meta">${esc(s('generated'))}: <time datetime=${attr(document.generatedAt)}>${esc(document.generatedAt)}</time></p>`,
    `<p class="overall">${verdictBadge(pass, s)} ${esc(s(pass ? 'overallPass' : 'overallFail'))}</p>`,
    `<p>${esc(s('reportIntro'))}</p>`,
    '</header>',
    summary(document, s),
    ...document.sections.map((section) => sectionHtml(section, s, document.docsBase)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function summary(document: ReportDocument, s: Words): string {
  const rows = document.sections.map(({ report }) => {
    const result = report.skipped
      ? `<span class="verdict skipped">${esc(s('reportSkipped'))}</span>`
      : verdictBadge(report.pass, s);
    return `<tr><td><a href=${attr(`#${anchor(report.scenario)}`)}><code>${esc(report.scenario)}</code></a></td><td>${esc(report.title)}</td><td class="num">${passedCount(report)}/${report.probes.length}</td><td>${esc(s('evidenceCounts', report.evidence))}</td><td class="num">${esc(s('seconds', { seconds: (report.durationMs / 1000).toFixed(1) }))}</td><td>${result}</td></tr>`;
  });
  return [
    '<section class="summary">',
    `<h2>${esc(s('summary'))}</h2>`,
    `<table><thead><tr><th>${esc(s('scenario'))}</th><th>${esc(s('title'))}</th><th class="num">${esc(s('probesPassed'))}</th><th>${esc(s('evidenceColumn'))}</th><th class="num">${esc(s('duration'))}</th><th>${esc(s('result'))}</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function sectionHtml(section: ReportSection, s: Words, docsBase: string): string {
  const { report } = section;
  const badge = report.skipped
    ? `<span class="verdict skipped">${esc(s('reportSkipped'))}</span>`
    : verdictBadge(report.pass, s);
  const out = [
    `<section class="scenario" id=${attr(anchor(report.scenario))}>`,
    `<h2>${badge} ${esc(report.title)}</h2>`,
    `<p class="scenario-id"><code>${esc(report.scenario)}</code> · ${passedCount(report)}/${report.probes.length} · ${esc(s('evidenceCounts', report.evidence))} · ${esc(s('seconds', { seconds: (report.durationMs / 1000).toFixed(1) }))}</p>`,
    `<p class="lead">${esc(section.summary)}</p>`,
  ];
  if (report.skipped)
    out.push(
      `<p class="skipped-reason"><strong>${esc(s('skippedBecause'))}</strong> ${esc(say(report.skipped, s.lang))}</p>`,
    );
  if (report.topology.balancers.length > 0)
    out.push(
      `<h3>${esc(s('topology'))}</h3>`,
      `<figure class="topology">${renderSvg(report.scenario, report.topology, s)}</figure>`,
    );
  if (report.components.length > 0) {
    const rows = report.components.map(
      (c) =>
        `<tr><td><code>${esc(c.name)}</code></td><td>${esc(c.kind)}</td><td>${esc(c.version)}</td><td><code>${esc(c.address)}</code></td><td>${esc(say(c.role, s.lang))}</td></tr>`,
    );
    out.push(
      `<h3>${esc(s('components'))}</h3>`,
      `<table class="components"><thead><tr><th>${esc(s('name'))}</th><th>${esc(s('kind'))}</th><th>${esc(s('version'))}</th><th>${esc(s('address'))}</th><th>${esc(s('role'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
  }
  out.push(`<h3>${esc(s('probes'))}</h3>`);
  if (report.probes.length === 0) out.push(`<p class="muted">${esc(s('noProbes'))}</p>`);
  out.push(...report.probes.map((probe) => probeHtml(report.scenario, probe, s, docsBase)));
  if (section.explanation)
    out.push(
      `<h3>${esc(s('explanationHeading'))}</h3>`,
      `<div class="explanation">${proseHtml(section.explanation)}</div>`,
    );
  if (report.emulationNotes?.length)
    out.push(
      `<h3>${esc(s('emulationNotesHeading'))}</h3>`,
      `<ul class="emulation-notes">${report.emulationNotes.map((note) => `<li>${esc(say(note, s.lang))}</li>`).join('')}</ul>`,
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
