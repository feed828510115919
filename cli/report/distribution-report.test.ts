// Distribution probes and probes skipped on this machine, as the Markdown and HTML reports show them.
import { describe, expect, it } from 'vitest';
import { msg } from '../../sandbox/messages.js';
import type { ProbeReport } from '../../sandbox/report.js';
import { sampleDocument } from '../testing/report-fixture.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

function documentWith(change: (probe: ProbeReport) => ProbeReport, lang: 'en' | 'ja' = 'en') {
  const document = sampleDocument(lang);
  const section = document.sections[0]!;
  section.report = {
    ...section.report,
    probes: section.report.probes.map((probe, index) => (index === 0 ? change(probe) : probe)),
  };
  return document;
}

const distributed = (probe: ProbeReport): ProbeReport => ({
  ...probe,
  client: { certificate: 'clientA', sourceAddress: '127.0.0.1', sources: ['127.0.0.1', '127.0.0.1'] },
  distribution: { 'web-1': 0, 'web-2': 4 },
  clients: [1, 2].map((n) => ({
    name: `client-${n}`,
    sourceAddress: '127.0.0.1',
    targets: { 'web-2': 2 },
    lbCookie: null,
    command: 'curl …',
  })),
});

describe('reports of distribution probes', () => {
  it('Markdown shows the requests per target as a text chart', () => {
    const md = renderMarkdown(documentWith(distributed));
    expect(md).toContain('**Where the requests landed**');
    expect(md).toMatch(/web-1 +·+ 0 {2}0%\n +web-2 +█+ 4 {2}100%/);
    expect(renderMarkdown(documentWith(distributed, 'ja'))).toContain('**リクエストの行き先**');
  });

  it('HTML shows the same chart, escaped, in a pre block', () => {
    const html = renderHtml(documentWith(distributed));
    expect(html).toMatch(
      /<h5>Where the requests landed<\/h5>\n<pre class="distribution"><code>requests per target — 4 requests from 127\.0\.0\.1 \(2 clients behind one address\):/,
    );
  });

  it('both say why a probe did not run on this machine', () => {
    const skipped = (probe: ProbeReport): ProbeReport => ({
      ...probe,
      pass: true,
      mismatches: [],
      skipped: msg('skip.source-not-local', { address: '127.0.0.23', error: 'EADDRNOTAVAIL' }),
    });
    expect(renderMarkdown(documentWith(skipped))).toContain(
      '**Not run on this machine:** 127.0.0.23 is not a local address on this machine (EADDRNOTAVAIL)',
    );
    expect(renderHtml(documentWith(skipped))).toContain(
      '<p class="skipped"><strong>Not run on this machine:</strong> 127.0.0.23 is not a local address on this machine (EADDRNOTAVAIL)',
    );
  });
});
