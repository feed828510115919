// One probe of the HTML report, folded to its headline: what happened to the client (a badge in symbol and word),
// whether that is what AWS does (smaller), the decisive facts. Unfolded: the sequence diagram, the configuration
// that decides it, the command, the handshake, what the target saw (long values folded, with a copy button), the
// transcript. Pure.
import type { ProbeReport } from '../../sandbox/report.js';
import {
  citationText,
  citationUrl,
  fidelityShort,
  levelText,
  outcomeGlyph,
  outcomeHeadline,
  outcomeTone,
  say,
  STEP_ARROWS,
  stepText,
  verdictText,
} from '../i18n/index.js';
import { factsBesideReason, outcomeReason } from '../outcome-reason.js';
import { anchor, clientWords, recordedDetails, responseLine, tlsVerifyStatuses } from './document.js';
import { attr, esc } from './html-text.js';
import { renderSequenceSvg } from './sequence-svg.js';
import type { Words } from './words.js';
import { distributionLines } from '../distribution-chart.js';

/** What happened to the client, as a badge: glyph and words, coloured by kind of outcome. */
export function outcomeBadge(probe: ProbeReport, s: Words): string {
  // A stand-in's answer says so on the badge itself: never read as AWS's.
  const standIn = probe.standIn ? ` (${say(probe.standIn, s.lang)})` : '';
  return `<span class=${attr(`outcome-badge ${outcomeTone(probe.outcome.code)}`)}>${esc(outcomeGlyph(probe.outcome.code))} ${esc(`${outcomeHeadline(probe.outcome, s.lang)}${standIn}`)}</span>`;
}

/** Whether that is what AWS does: smaller, with the evidence level. */
function fidelityBadge(probe: ProbeReport, s: Words): string {
  const state = !probe.pass ? 'differs' : probe.verdict.level === 'assumed' ? 'assumed' : 'matches';
  return `<span class=${attr(`fidelity ${state}`)} title=${attr(verdictText(probe, s.lang))}>${probe.pass ? '✓' : '✗'} ${esc(fidelityShort(probe, s.lang))}</span>`;
}

export function probeHtml(scenario: string, probe: ProbeReport, s: Words, docsBase: string, open = false): string {
  const state = probe.pass ? 'pass' : 'fail';
  // Why first (nginx's own words for a 400, the load balancer's tls_verify_status for a reset), then the facts.
  const reason = outcomeReason(probe, s.lang);
  const facts = [...(reason ? [reason] : []), ...factsBesideReason(probe, s.lang)];
  const sequence = probe.skipped
    ? ''
    : `<div class="probe-sequence"><h5>${esc(s('sequence'))}</h5>\n<figure class="sequence">${renderSequenceSvg(scenario, probe, s)}</figure></div>`;
  // On paper (landscape) the facts and the sequence diagram stand side by side; the diagram shows the handshake's
  // steps with the decisive ones marked, so the step list is for the screen.
  const onPaper = open && !probe.skipped;
  const targetBlock = `<h5>${esc(s('targetHeading'))}</h5>\n${target(probe, s, scenario)}`;
  const body = [
    probe.description ? `<p class="description">${esc(probe.description)}</p>` : '',
    factsList(probe, s, docsBase),
    mismatches(probe, s),
    probe.skipped
      ? `<p class="skipped"><strong>${esc(s('skippedProbe'))}:</strong> ${esc(say(probe.skipped, s.lang))}</p>`
      : '',
    probe.distribution
      ? `<h5>${esc(s('distributionHeading'))}</h5>\n<pre class="distribution"><code>${esc(distributionLines(probe, undefined, s.lang).join('\n'))}</code></pre>`
      : '',
    onPaper ? '' : sequence,
    configHtml(probe, s),
    `<h5>${esc(s('command'))}</h5>`,
    `<pre class="command"><code>${esc(probe.command)}</code></pre>`,
    probe.capture
      ? `<p class="capture">${esc(s('captureLabel'))}: <code>${esc(probe.capture.file)}</code> · <code>${esc(probe.capture.tshark)}</code></p>`
      : '',
    onPaper ? '' : `<h5>${esc(s('handshake'))}</h5>`,
    onPaper ? '' : handshake(probe, s),
    onPaper ? '' : targetBlock,
    `<details class="transcript"><summary>${esc(s('transcriptLines', { n: probe.transcript.length }))}</summary>`,
    `<pre><code>${esc(probe.transcript.join('\n'))}</code></pre>`,
    '</details>',
  ].filter(Boolean);
  return [
    `<details class=${attr(`probe ${state}`)} id=${attr(anchor(scenario, probe.name))}${open || !probe.pass ? ' open' : ''}>`,
    `<summary><span class="headline"><code class="probe-name">${esc(probe.name)}</code> ${outcomeBadge(probe, s)} ${fidelityBadge(probe, s)}</span>${facts.length > 0 ? `<span class="decisive-facts">${facts.map(esc).join(' · ')}</span>` : ''}</summary>`,
    onPaper
      ? `<div class="probe-body"><div class="probe-facts">${body.join('\n')}</div><div class="probe-side">${sequence}\n${targetBlock}</div></div>`
      : body.join('\n'),
    '</details>',
  ]
    .filter(Boolean)
    .join('\n');
}

function factsList(probe: ProbeReport, s: Words, docsBase: string): string {
  const rows: [string, string][] = [
    [s('clientLabel'), esc(clientWords(probe, s))],
    [s('response'), `<strong class="status">${esc(responseLine(probe, s('noResponseShort')))}</strong>`],
    ...tlsVerifyStatuses(probe).map((status): [string, string] => [
      s('lbConnectionLog'),
      `${esc('tls_verify_status')} = <code>${esc(status)}</code>`,
    ]),
    [s('verdict'), esc(verdictText(probe, s.lang))],
    [s('referenceLabel'), evidenceHtml(probe, s, docsBase)],
  ];
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${esc(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function mismatches(probe: ProbeReport, s: Words): string {
  if (probe.mismatches.length === 0) return '';
  return `<div class="mismatches"><strong>${esc(s('mismatches'))}</strong><ul>${probe.mismatches.map((m) => `<li>✗ ${esc(say(m, s.lang))}</li>`).join('')}</ul></div>`;
}

/** The configuration lines that decide the outcome, file and line, the decisive ones marked. */
function configHtml(probe: ProbeReport, s: Words): string {
  if (probe.config.length === 0) return '';
  const blocks = probe.config.map((excerpt) => {
    const lines = excerpt.lines
      .map(
        (line) =>
          `<span class=${attr(line.decisive ? 'line decisive' : 'line')}><span class="number">${line.number}</span>${esc(line.text)}</span>`,
      )
      .join('');
    return `<div class="config"><p class="config-file"><code>${esc(excerpt.file)}</code> — ${esc(say(excerpt.what, s.lang))}</p><pre class="config"><code>${lines}</code></pre></div>`;
  });
  return [`<h5>${esc(s('configHeading'))}</h5>`, ...blocks].join('\n');
}

function handshake(probe: ProbeReport, s: Words): string {
  const steps = probe.steps;
  if (steps.length === 0) return `<p class="muted">${esc(s('noSteps'))}</p>`;
  const items = steps.map((step) => {
    const text = `<span class="dir">${STEP_ARROWS[step.direction]}</span> ${esc(stepText(step, s.lang))}`;
    return step.decisive
      ? `<li class="decisive"><strong>◆ ${text}</strong><code class="line">${esc(step.line.trim())}</code></li>`
      : `<li>${text}</li>`;
  });
  return `<p class="legend">${esc(s('handshakeLegend'))}</p>\n<ol class="steps">${items.join('')}</ol>`;
}

function target(probe: ProbeReport, s: Words, scenario: string): string {
  const seen = probe.target;
  if (!seen) return `<p class="muted">${esc(s('noTargetSentence'))}</p>`;
  const out = [
    `<dl class="facts"><dt>${esc(s('targetName'))}</dt><dd><code>${esc(seen.name)}</code></dd><dt>${esc(s('remoteAddressLabel'))}</dt><dd><code>${esc(seen.remoteAddress)}</code></dd></dl>`,
  ];
  const headers = Object.entries(seen.receivedHeaders);
  const id = (index: number) => `${anchor(scenario, probe.name)}--h${index}`;
  out.push(
    headers.length > 0
      ? table([s('header'), s('value')], headers, 'headers', s, id)
      : `<p class="muted">${esc(s('noHeaders'))}</p>`,
  );
  const details = recordedDetails(probe);
  if (details.length > 0)
    out.push(
      `<p class="table-title">${esc(s('recorded'))}</p>`,
      table([s('name'), s('value')], details, 'recorded', s, (index) => `${id(index)}r`),
    );
  return out.join('\n');
}

/** Values longer than this are folded: a certificate in a header would otherwise fill the page. */
const LONG_VALUE = 100;

function table(
  header: string[],
  rows: [string, string][],
  className: string,
  s: Words,
  id: (index: number) => string,
): string {
  const head = `<thead><tr>${header.map((cell) => `<th>${esc(cell)}</th>`).join('')}</tr></thead>`;
  const value = (text: string, index: number) =>
    text.length <= LONG_VALUE
      ? `<code>${esc(text)}</code>`
      : `<details class="long"><summary><code>${esc(text.slice(0, 60))}…</code> <span class="muted">(${esc(s('charactersCount', { n: text.length }))})</span></summary><code id=${attr(id(index))}>${esc(text)}</code></details><button type="button" class="copy" data-for=${attr(id(index))}>${esc(s('copyButton'))}</button>`;
  const body = rows
    .map(([name, text], index) => `<tr><td><code>${esc(name)}</code></td><td>${value(text, index)}</td></tr>`)
    .join('');
  return `<table class=${attr(`kv ${className}`)}>${head}<tbody>${body}</tbody></table>`;
}

/** The evidence level, then each source as a link into the repository's docs, and to the page itself. */
function evidenceHtml(probe: ProbeReport, s: Words, docsBase: string): string {
  const sources = probe.evidence.citations.map((citation) => {
    const own = `<a href=${attr(`${docsBase}${citation.docs}`)}>${esc(citationText(citation, s.lang))}</a>`;
    const url = citationUrl(citation, s.lang);
    return url ? `${own} (<a href=${attr(url)}>${esc(s('originalPage'))}</a>)` : own;
  });
  const why = probe.evidence.assumption ? ` — ${esc(probe.evidence.assumption)}` : '';
  return `<strong class=${attr(`level ${probe.evidence.level}`)}>${esc(levelText(probe.evidence.level, s.lang))}</strong>: ${sources.join('; ')}${why}`;
}
