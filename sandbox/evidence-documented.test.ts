// Evidence that cannot drift, documented half: every probe of every scenario tagged `documented` rests on fact
// entries docs/aws-facts.md marks documented or observed — not only on assumed ones, and not on none. A wrong tag
// fails here, not only when someone remembers to look.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../scenarios/catalogue.js';
import { assumed, cite, documented } from './evidence.js';
import { documentedProblems, entriesFor } from './evidence-documented.js';
import { parseFactsPage, parseSourcesPage } from './facts-page.js';

const ROOT = new URL('../', import.meta.url);
const facts = parseFactsPage(readFileSync(new URL('docs/aws-facts.md', ROOT), 'utf8'));
const sources = parseSourcesPage(readFileSync(new URL('docs/sources.md', ROOT), 'utf8'));

describe('documented probes rest on documented facts', () => {
  it('holds for every probe of every scenario in the catalogue', async () => {
    const scenarios = await loadCatalogue();
    const documentedProbes = scenarios.flatMap((scenario) =>
      scenario.probes
        .filter((probe) => probe.evidence.level === 'documented')
        .map((probe) => ({ scenario: scenario.id, probe: probe.name, evidence: probe.evidence })),
    );
    expect(documentedProbes.length).toBeGreaterThan(50);
    expect(documentedProbes.flatMap((probe) => documentedProblems(probe, facts, sources))).toEqual([]);
  });
});

describe('the check itself', () => {
  // A page in the shape of aws-facts.md: one fact the attribute page documents, one reading the sandbox assumed.
  const page = parseFactsPage(`<a id="alb-header-modification"></a>

## ALB header modification

- **documented** — \`routing.http.x_amzn_tls_version_and_cipher_suite.enabled\` adds two headers "in OpenSSL format".
  ([LoadBalancerAttribute](sources.md#aws-elbv2-load-balancer-attribute))
- **assumed** — "OpenSSL format" is read as \`TLSv1.2\` and \`TLSv1.3\`.
  ([LoadBalancerAttribute](sources.md#aws-elbv2-load-balancer-attribute))
`);
  // alb-header-modification's tls-version-and-cipher before issue 25: documented, resting on the spelling.
  const spelling = cite('aws-elbv2-load-balancer-attribute', 'TLSv1.2');
  const attribute = cite(
    'aws-elbv2-load-balancer-attribute',
    'routing.http.x_amzn_tls_version_and_cipher_suite.enabled',
  );

  it('reads the page: sections by anchor, entries with their level and the sources they link', () => {
    expect(page.sections.get('alb-header-modification')).toEqual([
      {
        level: 'documented',
        text: '`routing.http.x_amzn_tls_version_and_cipher_suite.enabled` adds two headers "in OpenSSL format". ([LoadBalancerAttribute](sources.md#aws-elbv2-load-balancer-attribute))',
        sources: ['aws-elbv2-load-balancer-attribute'],
      },
      {
        level: 'assumed',
        text: '"OpenSSL format" is read as `TLSv1.2` and `TLSv1.3`. ([LoadBalancerAttribute](sources.md#aws-elbv2-load-balancer-attribute))',
        sources: ['aws-elbv2-load-balancer-attribute'],
      },
    ]);
    // and the real page parses into the same shape
    expect(facts.sections.get('alb-header-modification')?.length).toBeGreaterThan(3);
  });

  it('fails a probe tagged documented whose citation points at an entry the page marks assumed', () => {
    expect(entriesFor(spelling, page, sources)?.map((entry) => entry.level)).toEqual(['assumed']);
    expect(
      documentedProblems(
        { scenario: 's', probe: 'tls-version-spelling', evidence: documented(spelling) },
        page,
        sources,
      ),
    ).toEqual([
      {
        scenario: 's',
        probe: 'tls-version-spelling',
        citation: 'aws-elbv2-load-balancer-attribute → docs/aws-facts.md#alb-header-modification',
        problem: 'only-assumed',
      },
    ]);
  });

  it('passes the same citation when the tag says what the page says: assumed', () => {
    const honest = assumed({ en: 'OpenSSL format read as TLSv1.2', ja: 'OpenSSL 形式を TLSv1.2 と読む' }, spelling);
    expect(documentedProblems({ scenario: 's', probe: 'p', evidence: honest }, page, sources)).toEqual([]);
  });

  it('passes a documented probe whose citation points at a documented entry', () => {
    expect(documentedProblems({ scenario: 's', probe: 'p', evidence: documented(attribute) }, page, sources)).toEqual(
      [],
    );
  });

  it('fails a documented probe whose citation points at no entry, or at no section of the page', () => {
    const nowhere = cite('aws-nlb-access-logs');
    expect(
      documentedProblems(
        {
          scenario: 's',
          probe: 'p',
          evidence: documented({ ...nowhere, docs: 'docs/aws-facts.md#alb-header-modification' }),
        },
        page,
        sources,
      )[0]?.problem,
    ).toBe('no-entry');
    expect(
      documentedProblems(
        { scenario: 's', probe: 'p', evidence: documented({ ...nowhere, docs: 'docs/aws-facts.md#no-such-section' }) },
        page,
        sources,
      )[0]?.problem,
    ).toBe('no-section');
    expect(
      documentedProblems({ scenario: 's', probe: 'p', evidence: documented(cite('seed-004')) }, page, sources)[0]
        ?.problem,
    ).toBe('no-facts-citation');
  });
});
