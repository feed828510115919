// True to the articles (issue 28): every probe whose evidence is `observed`, and every sentence of a scenario or of
// the catalogue that says what an article did, has a row in docs/sources.md#claims — the article, its line, and a
// quote of that line; where the article's transcript is a test fixture, the quote must be in it. (The twin check for
// `documented` evidence lives beside it.)
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { say } from '../cli/i18n/messages.js';
import { loadCatalogue } from '../scenarios/catalogue.js';
import type { MessageCode } from './messages.js';
import type { ScenarioDefinition } from './scenario.js';

const SOURCES = new URL('../docs/sources.md', import.meta.url);
const FIXTURES = new URL('./probe/fixtures/', import.meta.url);
const ARTICLES = ['000', '001', '003', '004'];

interface Claim {
  scenario: string;
  where: string;
  article: string;
  line: number;
  quote: string;
  transcript: string | null;
}

/** The rows between <!-- claims:start --> and <!-- claims:end -->. */
function claims(): Claim[] {
  const text = readFileSync(SOURCES, 'utf8');
  const table = text.slice(text.indexOf('<!-- claims:start -->'), text.indexOf('<!-- claims:end -->'));
  const code = (cell: string) => /^`(.*)`$/.exec(cell)?.[1] ?? cell;
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replaceAll('\\|', '|'));
      return {
        scenario: code(cells[0]!),
        where: code(cells[1]!),
        article: cells[2]!,
        line: Number(cells[3]),
        quote: code(cells[4]!),
        transcript: cells[5] === '—' ? null : code(cells[5]!),
      };
    });
}

/** The article numbers a text names: "seed 004", "seeds 000 and 001", 「元記事 000・001」. */
function articlesNamed(text: string): string[] {
  const named = new Set<string>();
  for (const match of text.matchAll(/\b[Ss]eeds? ((?:\d{3}(?:,? (?:and )?)?)+)/g))
    for (const n of match[1]!.match(/\d{3}/g) ?? []) named.add(n);
  for (const match of text.matchAll(/元記事 (\d{3}(?:・\d{3})*)/g)) for (const n of match[1]!.split('・')) named.add(n);
  return [...named];
}

/** Each text of a scenario that can speak about an article, with where it is. */
function textsOf(scenario: ScenarioDefinition): { where: string; en: string; ja: string }[] {
  const texts = [
    { where: 'title', ...scenario.title },
    { where: 'summary', ...scenario.summary },
    { where: 'explain', ...scenario.explain },
  ];
  for (const probe of scenario.probes) {
    texts.push({ where: `probe:${probe.name}`, ...probe.description });
    if (probe.evidence.assumption) texts.push({ where: `assumption:${probe.name}`, ...probe.evidence.assumption });
  }
  return texts;
}

describe('claims about the articles (docs/sources.md#claims)', async () => {
  const rows = claims();
  const catalogue = await loadCatalogue();
  const byId = new Map(catalogue.map((scenario) => [scenario.id, scenario]));
  const hasRow = (scenario: string, where: string, article: string) =>
    rows.some((row) => row.scenario === scenario && row.where === where && row.article === article);

  it('has well-formed rows: a real scenario and place, an article, a line, a quote, and the quote in its transcript', () => {
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) {
      const label = `${row.scenario} ${row.where} (${row.article}:${row.line})`;
      expect(ARTICLES, label).toContain(row.article);
      expect(Number.isInteger(row.line) && row.line > 0, label).toBe(true);
      expect(row.quote.trim().length, label).toBeGreaterThan(0);
      // A quote is the article's own words, whole: no ellipsis standing in for what it does not say.
      expect(row.quote, label).not.toMatch(/…|\.\.\./);
      const message = /^\(message ([a-z0-9.-]+)\)$/.exec(row.scenario)?.[1];
      if (message) expect(row.where, label).toBe('text');
      else {
        const scenario = byId.get(row.scenario);
        expect(scenario, label).toBeDefined();
        expect(row.where, label).toMatch(/^(title|summary|explain|probe:[\w-]+|assumption:[\w-]+)$/);
        const probe = /^(?:probe|assumption):(.+)$/.exec(row.where)?.[1];
        if (probe)
          expect(
            scenario!.probes.map((p) => p.name),
            label,
          ).toContain(probe);
      }
      if (row.transcript) {
        const file = new URL(row.transcript, FIXTURES);
        expect(existsSync(file), `${label}: ${row.transcript}`).toBe(true);
        expect(readFileSync(file, 'utf8'), `${label}: the quote is in ${row.transcript}`).toContain(row.quote);
      }
    }
  });

  it('supports every observed probe with a line of each article it cites, one of them in a transcript', () => {
    let observed = 0;
    for (const scenario of catalogue)
      for (const probe of scenario.probes) {
        if (probe.evidence.level !== 'observed') continue;
        observed += 1;
        const where = `probe:${probe.name}`;
        const seeds = probe.evidence.citations.flatMap((citation) => (citation.seed ? [citation.seed] : []));
        expect(seeds.length, `${scenario.id} ${where} cites an article`).toBeGreaterThan(0);
        for (const seed of seeds)
          expect(hasRow(scenario.id, where, seed), `${scenario.id} ${where} ← ${seed}`).toBe(true);
        const transcribed = rows.some((row) => row.scenario === scenario.id && row.where === where && row.transcript);
        expect(transcribed, `${scenario.id} ${where}: a row quoting the article's transcript`).toBe(true);
      }
    expect(observed).toBeGreaterThan(5);
  });

  it('supports every sentence of a scenario that names an article, in either language', () => {
    for (const scenario of catalogue) {
      if (scenario.origin?.kind === 'user') continue;
      for (const text of textsOf(scenario)) {
        // "the seeds" says no article: a claim names the ones it means.
        expect(text.en, `${scenario.id} ${text.where}`).not.toMatch(/\bthe seeds\b|\bseeds'/i);
        for (const article of new Set([...articlesNamed(text.en), ...articlesNamed(text.ja)]))
          expect(hasRow(scenario.id, text.where, article), `${scenario.id} ${text.where} names ${article}`).toBe(true);
      }
    }
  });

  it('supports every message of the catalogue that names an article', () => {
    const source = readFileSync(new URL('./messages.ts', import.meta.url), 'utf8');
    const codes = [...source.matchAll(/^\s+\| '([a-z0-9.-]+)'/gm)].map((m) => m[1] as MessageCode);
    for (const code of codes) {
      const text = say({ code, params: {}, inner: { code: 'r53.refused' }, parts: [] }, 'en');
      for (const article of articlesNamed(text))
        expect(
          rows.some((row) => row.scenario === `(message ${code})` && row.article === article),
          `${code} names ${article}`,
        ).toBe(true);
    }
  });
});
