// One probe of the HTML report: verdict, what was done, the handshake, what the target saw, the transcript. Pure.
import type { ProbeReport } from '../../sandbox/report.js';
import { anchor, DIRECTION_MARK, recordedDetails, responseLine, stepsOf, tlsVerifyStatuses } from './document.js';
import { attr, esc } from './html-text.js';
import type { Strings } from './i18n.js';
import { distributionLines } from '../distribution-chart.js';

export function verdictBadge(pass: boolean, s: Strings): string {
  return pass
    ? `<span class="verdict pass">✓ ${esc(s.pass)}</span>`
    : `<span class="verdict fail">✗ ${esc(s.fail)}</span>`;
}

export function probeHtml(scenario: string, probe: ProbeReport, s: Strings): string {
  const state = probe.pass ? 'pass' : 'fail';
  return [
    `<article class=${attr(`probe ${state}`)} id=${attr(anchor(scenario, probe.name))}>`,
    `<h4>${verdictBadge(probe.pass, s)} <code class="probe-name">${esc(probe.name)}</code> <span class="verdict-words">${esc(probe.pass ? s.passWords : s.failWords)}</span></h4>`,
    probe.description ? `<p class="description">${esc(probe.description)}</p>` : '',
    facts(probe, s),
    mismatches(probe, s),
    probe.skipped ? `<p class="skipped"><strong>${esc(s.skippedProbe)}:</strong> ${esc(probe.skipped)}</p>` : '',
    probe.distribution
      ? `<h5>${esc(s.distribution)}</h5>\n<pre class="distribution"><code>${esc(distributionLines(probe).join('\n'))}</code></pre>`
      : '',
    `<h5>${esc(s.command)}</h5>`,
    `<pre class="command"><code>${esc(probe.command)}</code></pre>`,
    `<h5>${esc(s.handshake)}</h5>`,
    handshake(probe, s),
    `<h5>${esc(s.target)}</h5>`,
    target(probe, s),
    `<details class="transcript"><summary>${esc(s.transcriptLines(probe.transcript.length))}</summary>`,
    `<pre><code>${esc(probe.transcript.join('\n'))}</code></pre>`,
    '</details>',
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}

function facts(probe: ProbeReport, s: Strings): string {
  const rows: [string, string][] = [
    [s.client, esc(s.clientDescription(probe.client.certificate, probe.client.sourceAddress))],
    [s.response, `<strong class="status">${esc(responseLine(probe, s.noResponse))}</strong>`],
    ...tlsVerifyStatuses(probe).map((status): [string, string] => [
      s.connectionLog,
      `${esc(s.tlsVerifyStatus)} = <code>${esc(status)}</code>`,
    ]),
    [s.reference, esc(probe.reference)],
  ];
  return `<dl class="facts">${rows.map(([term, value]) => `<dt>${esc(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function mismatches(probe: ProbeReport, s: Strings): string {
  if (probe.mismatches.length === 0) return '';
  return `<div class="mismatches"><strong>${esc(s.mismatches)}</strong><ul>${probe.mismatches.map((m) => `<li>✗ ${esc(m)}</li>`).join('')}</ul></div>`;
}

function handshake(probe: ProbeReport, s: Strings): string {
  const steps = stepsOf(probe);
  if (steps.length === 0) return `<p class="muted">${esc(s.noSteps)}</p>`;
  const items = steps.map((step) => {
    const text = `<span class="dir">${DIRECTION_MARK[step.direction]}</span> ${esc(step.label)}`;
    return step.decisive
      ? `<li class="decisive"><strong>◆ ${text}</strong><code class="line">${esc(step.line.trim())}</code></li>`
      : `<li>${text}</li>`;
  });
  return `<p class="legend">${esc(s.handshakeLegend)}</p>\n<ol class="steps">${items.join('')}</ol>`;
}

function target(probe: ProbeReport, s: Strings): string {
  const seen = probe.target;
  if (!seen) return `<p class="muted">${esc(s.noTarget)}</p>`;
  const out = [
    `<dl class="facts"><dt>${esc(s.targetName)}</dt><dd><code>${esc(seen.name)}</code></dd><dt>${esc(s.remoteAddress)}</dt><dd><code>${esc(seen.remoteAddress)}</code></dd></dl>`,
  ];
  const headers = Object.entries(seen.receivedHeaders);
  out.push(
    headers.length > 0 ? table([s.header, s.value], headers, 'headers') : `<p class="muted">${esc(s.noHeaders)}</p>`,
  );
  const details = recordedDetails(probe);
  if (details.length > 0)
    out.push(`<p class="table-title">${esc(s.recorded)}</p>`, table([s.name, s.value], details, 'recorded'));
  return out.join('\n');
}

function table(header: string[], rows: [string, string][], className: string): string {
  const head = `<thead><tr>${header.map((cell) => `<th>${esc(cell)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(([name, value]) => `<tr><td><code>${esc(name)}</code></td><td><code>${esc(value)}</code></td></tr>`)
    .join('');
  return `<table class=${attr(`kv ${className}`)}>${head}<tbody>${body}</tbody></table>`;
}
