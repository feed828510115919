// Every reference a report shows links into the repository's own docs: each source names a page and an anchor
// that exist there.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCES } from './sources.js';

const root = new URL('../', import.meta.url);

describe('sources', () => {
  it('name a docs page and anchor that exist', () => {
    for (const [id, source] of Object.entries(SOURCES)) {
      const [file, anchor] = source.docs.split('#');
      const page = new URL(file!, root);
      expect(existsSync(page), `${id}: ${file}`).toBe(true);
      expect(readFileSync(page, 'utf8'), `${id}: #${anchor}`).toContain(`<a id="${anchor}"></a>`);
    }
  });

  it('give an https URL for every documentation page', () => {
    for (const [id, source] of Object.entries(SOURCES)) {
      if (source.kind === 'aws-doc' || source.kind === 'tool-doc') expect(source.url, id).toMatch(/^https:\/\//);
    }
  });
});
