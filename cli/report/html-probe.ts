// One probe of the HTML report: verdict, what was done, the handshake, what the target saw, the transcript. Pure.
import type { ProbeReport } from '../../sandbox/report.js';
import { citationText, levelText, say, STEP_ARROWS, stepText, verdictText } from '../i18n/index.js';
import { anchor, clientWords, recordedDetails, responseLine, tlsVerifyStatuses } from './document.js';
import { attr, esc } from './html-text.js';
import type { Words } from './words.js';
import { distributionLines } from '../distribution-chart.js';

export function verdictBadge(pass: boolean, s: Words): string {
  return pass
    ? `<span class="verdict pass">✓ ${esc(s('reportPass'))}</span>`
    : `<span class="verdict fail">✗ ${esc(s('reportFail'))}</span>`;
}

export function probeHtml(scenario: string, probe: ProbeReport, s: Words, docsBase: string): string {
  const state = probe.pass ? 'pass' : 'fail';
  return [
    `<article class=${attr(`probe ${state}`)} id=${attr(anchor(scenario, probe.name))}>`,
    `<h4>${verdictBadge(probe.pass, s)} <code class="probe-name">${esc(probe.name)}</code> <span class=${attr(`verdict-words ${probe.verdict.level}`)}>${esc(verdictText(probe, s.lang))}</span></h4>`,
    probe.description ? `<p class="description">${esc(probe.description)}</p>` : '',
    facts(probe, s, docsBase),
    mismatches(probe, s),
    probe.skipped
      ? `<p class="skipped"><strong>${esc(s('skippedProbe'))}:</strong> ${esc(say(probe.skipped, s.lang))}</p>`
      : '',
    probe.distribution
      ? `<h5>${esc(s('distributionHeading'))}</h5>\n<pre class="distribution"><code>${esc(distributionLines(probe, undefined, s.lang).join('\n'))}</code></pre>`
      : '',
    `<h5>${esc(s('command'))}</h5>`,
    `<pre class="command"><code>${esc(probe.command)}</code></pre>`,
    `<h5>${esc(s('handshake'))}</h5>`,
    handshake(probe, s),
    `<h5>${esc(s('targetHeading'))}</h5>`,
    target(probe, s),
    `<details class="transcript"><summary>${esc(s('transcriptLines', { n: probe.transcript.length }))}</summary>`,
    `<pre><code>${esc(probe.transcript.join('\n'))}</code></pre>`,
    '</details>',
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}

function facts(probe: ProbeReport, s: Words, docsBase: string): string {
  const rows: [string, string][] = [
    [s('clientLabel'), esc(clientWords(probe, s))],
    [s('response'), `<strong class="status">${esc(responseLine(probe, s('noResponseShort')))}</strong>`],
    ...tlsVerifyStatuses(probe).map((status): [string, string] => [
      s('lbConnectionLog'),
      `${esc('tls_verify_status')} = <code>${esc(status)}</code>`,
    ]),
    [s('referenceLabel'), evidenceHtml(probe, s, docsBase)],
  ];
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${esc(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function mismatches(probe: ProbeReport, s: Words): string {
  if (probe.mismatches.length === 0) return '';
  return `<div class="mismatches"><strong>${esc(s('mismatches'))}</strong><ul>${probe.mismatches.map((m) => `<li>✗ ${esc(say(m, s.lang))}</li>`).join('')}</ul></div>`;
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

function target(probe: ProbeReport, s: Words): string {
  const seen = probe.target;
  if (!seen) return `<p class="muted">${esc(s('noTargetSentence'))}</p>`;
  const out = [
    `<dl class="facts"><dt>${esc(s('targetName'))}</dt><dd><code>${esc(seen.name)}</code></dd><dt>${esc(s('remoteAddressLabel'))}</dt><dd><code>${esc(seen.remoteAddress)}</code></dd></dl>`,
  ];
  const headers = Object.entries(seen.receivedHeaders);
  out.push(
    headers.length > 0
      ? table([s('header'), s('value')], headers, 'headers')
      : `<p class="muted">${esc(s('noHeaders'))}</p>`,
  );
  const details = recordedDetails(probe);
  if (details.length > 0)
    out.push(`<p class="table-title">${esc(s('recorded'))}</p>`, table([s('name'), s('value')], details, 'recorded'));
  return out.join('\n');
}

function table(header: string[], rows: [string, string][], className: string): string {
  const head = `<thead><tr>${header.map((cell) => `<th>${esc(cell)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(([name, value]) => `<tr><td><code>${esc(name)}</code></td><td><code>${esc(value)}</code></td></tr>`)
    .join('');
  return `<table class=${attr(`kv ${className}`)}>${head}<tbody>${body}</tbody></table>`;
}

/** The evidence level, then each source as a link into the repository's docs, and to the page itself. */
function evidenceHtml(probe: ProbeReport, s: Words, docsBase: string): string {
  const sources = probe.evidence.citations.map((citation) => {
    const own = `<a href=${attr(`${docsBase}${citation.docs}`)}>${esc(citationText(citation, s.lang))}</a>`;
    return citation.url ? `${own} (<a href=${attr(citation.url)}>${esc(s('originalPage'))}</a>)` : own;
  });
  const why = probe.evidence.assumption ? ` — ${esc(probe.evidence.assumption)}` : '';
  return `<strong class=${attr(`level ${probe.evidence.level}`)}>${esc(levelText(probe.evidence.level, s.lang))}</strong>: ${sources.join('; ')}${why}`;
}
