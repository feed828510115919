// Every source the scenarios cite points at a docs page and an anchor that exist, and every link between the two
// docs pages lands on an anchor: a citation in a report is a link into the repository's own docs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCES } from './sources.js';

const ROOT = new URL('../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, ROOT), 'utf8');
const anchorsOf = (text: string) => new Set([...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]!));

describe('sources', () => {
  it.each(Object.entries(SOURCES))('%s names a docs anchor that exists', (_id, source) => {
    const [file, anchor] = source.docs.split('#');
    expect(file).toMatch(/^docs\/[\w-]+\.md$/);
    expect(anchor, source.docs).toBeTruthy();
    expect([...anchorsOf(read(file!))], source.docs).toContain(anchor);
  });

  it('every link from one docs page to an anchor of another lands on an anchor', () => {
    const pages = ['docs/aws-facts.md', 'docs/sources.md'];
    const anchors = Object.fromEntries(pages.map((page) => [page.replace('docs/', ''), anchorsOf(read(page))]));
    const broken: string[] = [];
    for (const page of pages) {
      for (const m of read(page).matchAll(/\]\((?:([\w-]+\.md))?#([\w-]+)\)/g)) {
        const target = m[1] ?? page.replace('docs/', '');
        if (anchors[target] && !anchors[target].has(m[2]!)) broken.push(`${page} → ${target}#${m[2]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('give an https URL for every documentation page', () => {
    for (const [id, source] of Object.entries(SOURCES)) {
      if (source.kind === 'aws-doc' || source.kind === 'tool-doc') expect(source.url, id).toMatch(/^https:\/\//);
    }
  });
});
