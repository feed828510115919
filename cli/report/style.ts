// The HTML report's stylesheet, inlined into the page. Outcomes and verdicts carry a symbol and a word, so they read
// in black and white; long commands, headers and transcripts wrap instead of widening the page.
export const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --pass: #1a7f37; --fail: #cf222e; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--fg); background: #fff; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 64px; }
/* Japanese: kinsoku (no line starts with 、。）or a small kana) and breaks between phrases, not inside words. */
html:lang(ja) body { line-break: strict; word-break: auto-phrase; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono CJK JP", monospace; font-size: 0.86em; }
h1 { font-size: 1.9em; margin: 0 0 4px; }
h2 { font-size: 1.45em; margin: 0 0 6px; display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
h3 { font-size: 1.15em; margin: 26px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h4 { font-size: 1.05em; margin: 0 0 8px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
h5 { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 14px 0 6px; }
h2, h3, h4, h5 { break-after: avoid; }
p { margin: 6px 0; }
.meta, .muted, .legend, .scenario-id { color: var(--muted); }
.legend { font-size: 0.85em; }
.lead { font-size: 1.05em; }
header { padding-bottom: 12px; border-bottom: 3px solid var(--fg); margin-bottom: 20px; }
.overall { font-weight: 600; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
section.scenario { margin-top: 44px; padding-top: 18px; border-top: 3px solid var(--fg); }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; font-weight: 700; font-size: 0.85em; letter-spacing: 0.03em; white-space: nowrap; border: 2px solid; }
.verdict.pass { color: #fff; background: var(--pass); border-color: var(--pass); }
.verdict.fail { color: #fff; background: var(--fail); border-color: #000; border-style: double; border-width: 3px; }
.verdict.skipped { color: var(--fg); background: #fff8c5; border-color: #9a6700; border-style: dashed; }
.verdict-words { font-weight: 400; color: var(--muted); font-size: 0.9em; }
.probe-name { font-size: 1em; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 0.92em; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
td code { overflow-wrap: anywhere; }
table.components th, table.components td:nth-child(2) { white-space: nowrap; }
table.components td code { overflow-wrap: normal; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.kv td:first-child { width: 32%; }
.summary table td:nth-child(2) { width: 42%; }
.summary table td:nth-child(1) code { overflow-wrap: normal; word-break: normal; }
.summary table td:nth-child(4) { font-size: 0.85em; }
.cell-fact { font-weight: 400; color: var(--fg); }
figure.topology { margin: 8px 0; padding: 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; overflow: hidden; }
svg.diagram { display: block; max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", sans-serif; }
article.probe { margin: 18px 0; padding: 14px 16px; border: 1px solid var(--line); border-left: 6px solid var(--pass); border-radius: 6px; }
article.probe.fail { border-left: 8px double var(--fail); background: #fff8f8; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 14px; margin: 8px 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.status { font-size: 1.05em; }
.mismatches { margin: 10px 0; padding: 8px 12px; border: 2px solid var(--fail); border-radius: 6px; background: #ffebe9; }
.mismatches ul { margin: 4px 0 0; padding-left: 18px; list-style: none; }
pre { margin: 6px 0; padding: 10px 12px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.command { background: #24292f; color: #f6f8fa; border-color: #24292f; }
ol.steps { margin: 6px 0; padding-left: 28px; font-size: 0.92em; }
ol.steps li { margin: 1px 0; }
ol.steps li.decisive { background: #fff8c5; border-left: 3px solid #9a6700; padding: 2px 6px; margin: 3px 0 3px -6px; }
ol.steps li.decisive code.line { display: block; color: var(--muted); font-size: 0.85em; overflow-wrap: anywhere; }
.dir { display: inline-block; width: 1.2em; font-weight: 700; }
.table-title { font-weight: 600; margin-top: 10px; }
details { margin: 10px 0; }
details > summary { cursor: pointer; font-weight: 600; color: var(--muted); }
.explanation { padding: 4px 16px; border-left: 4px solid #0969da; background: #f3f9ff; }
.explanation ul { padding-left: 20px; }
a { color: #0969da; }
section.takeaways { margin: 18px 0 8px; }
.takeaway { margin: 8px 0 14px; padding: 6px 14px; border-left: 4px solid #0969da; background: #f3f9ff; }
.takeaway h3 { margin: 4px 0; padding: 0; border: 0; font-size: 1.05em; }
.takeaway ul { margin: 4px 0; padding-left: 20px; }
table.matrix th, table.matrix td { text-align: left; }
table.matrix td { white-space: nowrap; }
table.identity th, table.identity td { text-align: left; vertical-align: top; }
table.identity td.learns { font-family: ui-monospace, monospace; font-size: 0.85em; word-break: break-all; }
table.identity td.forgeable { color: var(--fail); font-weight: 600; }
.door { font-weight: 700; }
.door-scenario { font-weight: 400; color: var(--muted); font-size: 0.8em; }
a.outcome { text-decoration: none; font-weight: 700; }
a.outcome.ok, .outcome-badge.ok { color: var(--pass); }
a.outcome.bad, .outcome-badge.bad { color: var(--fail); }
a.outcome.accent, .outcome-badge.accent { color: #8250df; }
a.outcome.warn, .outcome-badge.warn { color: #9a6700; }
.glyph { display: inline-block; width: 1.1em; text-align: center; }
.differs { color: var(--fail); }
details.probe { margin: 10px 0; padding: 8px 14px; border: 1px solid var(--line); border-left: 6px solid var(--pass); border-radius: 6px; }
details.probe.fail { border-left: 8px double var(--fail); background: #fff8f8; }
details.probe > summary { cursor: pointer; list-style-position: outside; }
details.probe > summary .headline { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.outcome-badge { display: inline-block; padding: 1px 10px; border: 2px solid currentColor; border-radius: 4px; font-weight: 700; background: #fff; }
.fidelity { font-size: 0.8em; color: var(--muted); }
.fidelity.differs { color: var(--fail); font-weight: 700; }
.fidelity.assumed { color: #9a6700; }
.decisive-facts { display: block; margin: 2px 0 0 0; font-size: 0.88em; color: var(--muted); overflow-wrap: anywhere; }
figure.sequence { margin: 6px 0; overflow: hidden; }
svg.sequence { display: block; max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", sans-serif; }
.config-file { margin: 6px 0 2px; font-size: 0.9em; }
pre.config { padding: 6px 0; }
pre.config .line { display: block; padding: 0 10px; }
pre.config .line.decisive { background: #fff8c5; border-left: 3px solid #9a6700; font-weight: 700; }
pre.config .number { display: inline-block; min-width: 2.5em; color: var(--muted); user-select: none; }
details.long { display: inline; margin: 0; }
details.long > summary { display: inline; font-weight: 400; color: var(--fg); }
details.long[open] > summary { display: block; }
button.copy { margin-left: 6px; font-size: 0.8em; padding: 0 6px; cursor: pointer; }
.capture { font-size: 0.85em; overflow-wrap: anywhere; }
.headline { font-size: 1.12em; font-weight: 600; margin: 10px 0 4px; }
.headline .mark { display: inline-block; min-width: 1.2em; }
.headline.matches .mark { color: var(--pass); }
.headline.differs .mark { color: var(--fail); }
.pills { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0 10px; }
.pill { display: inline-block; padding: 1px 10px; border-radius: 4px; font-weight: 700; font-size: 0.85em; border: 2px solid; white-space: nowrap; }
.pill.aws { color: #fff; background: var(--pass); border-color: var(--pass); }
.pill.assumed { color: #6a4a00; background: #fff8c5; border-color: #9a6700; border-style: dashed; }
.pill.skipped { color: var(--fg); background: #fff8c5; border-color: #9a6700; border-style: dashed; font-weight: 600; }
.pill.unjudged { color: var(--muted); background: #fff; border-color: var(--line); }
.pill.differ { color: #fff; background: var(--fail); border-color: #000; border-style: double; border-width: 3px; }
.scenario-id .pill { font-size: 0.8em; }
section.opening { margin: 18px 0 8px; }
table.opening th, table.opening td { font-size: 1em; }
table.opening td.learns code { white-space: nowrap; }
.design { font-weight: 700; }
a.door-scenario { font-family: ui-monospace, monospace; font-size: 0.78em; font-weight: 400; color: var(--muted); margin-right: 6px; white-space: nowrap; display: inline-block; }
table.opening a.outcome, table.matrix a.outcome { white-space: nowrap; }
.basis-assumed { font-size: 0.78em; color: #9a6700; border: 1px dashed #9a6700; border-radius: 3px; padding: 0 3px; white-space: nowrap; }
ul.takeaway-lines { list-style: none; padding-left: 0; margin: 6px 0; }
ul.takeaway-lines > li { margin: 4px 0; padding: 3px 10px; border-left: 4px solid #0969da; background: #f3f9ff; }
ul.takeaway-lines > li > p, ul.takeaway-lines details { margin: 0; }
ul.takeaway-lines details > summary { color: var(--fg); font-weight: 400; }
ul.takeaway-lines details ul { margin: 4px 0 2px; padding-left: 22px; }
.probe-ref { font-family: ui-monospace, monospace; font-size: 0.75em; color: var(--muted); }
.more { color: var(--muted); font-size: 0.85em; }
ul.others { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 18px; }
ul.others li { white-space: nowrap; }
ul.others li code { font-size: 0.8em; color: var(--muted); }
dl.legend-list { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 3px 16px; margin: 6px 0; }
dl.legend-list dt { font-weight: 700; white-space: nowrap; }
dl.legend-list dd { margin: 0; }
section.legend-section, section.appendix { margin-top: 44px; padding-top: 18px; border-top: 3px solid var(--fg); }
@media (max-width: 760px) { table.components td code { overflow-wrap: anywhere; } }
/* Landscape, and no wider than Letter (279 mm) or taller than A4 (210 mm): the same PDF prints on either and fills a
   projector. */
@page { size: landscape; margin: 12mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section.scenario, section.appendix, section.legend-section, section.contents { break-before: page; }
  article.probe, figure.topology, figure.sequence, pre.command, tr, dl.legend-list > * { break-inside: avoid; }
  button.copy { display: none; }
  table.components td code { overflow-wrap: anywhere; }
  ul.others li { white-space: normal; }
  svg.diagram { max-height: 160mm; }
  .probe-body { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 16px; align-items: start; }
  .probe-sequence figure.sequence svg { width: 100%; height: auto; }
}
`;

/** The copy buttons of long header values: copies the full value, then says so for a moment. */
export const COPY_SCRIPT = `document.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('button.copy');
  if (!button) return;
  const value = document.getElementById(button.dataset.for);
  if (!value || !navigator.clipboard) return;
  navigator.clipboard.writeText(value.textContent).then(() => {
    const label = button.textContent;
    button.textContent = '✓';
    setTimeout(() => (button.textContent = label), 1500);
  });
});`;
