// docs/aws-facts.md read as data: its sections (by anchor) and, in each, its fact entries — the bullets that start
// with an evidence level — with the sources each links to. docs/sources.md read as its entries' anchors and URLs.
// Pure (the texts in, the structure out), so a check can hold a scenario's evidence against what the page says.
import type { EvidenceLevel } from './evidence.js';

export interface FactEntry {
  level: EvidenceLevel;
  /** The bullet's text without its level, on one line. */
  text: string;
  /** The sources.md anchors the bullet links to. */
  sources: string[];
}

export interface FactsPage {
  /** Fact entries by the anchor of the section they are in. */
  sections: Map<string, FactEntry[]>;
}

const LEVEL = /^- \*\*(documented|observed|assumed)\*\* — ?/;
const ANCHOR = /^<a id="([^"]+)"><\/a>\s*$/;

/** The fact entries of aws-facts.md, by section. A bullet runs until the next bullet, anchor or heading. */
export function parseFactsPage(text: string): FactsPage {
  const sections = new Map<string, FactEntry[]>();
  let section: string | null = null;
  let current: string[] | null = null;
  let level: EvidenceLevel | null = null;
  const flush = () => {
    if (section && current && level) {
      const body = current.join(' ').replace(/\s+/g, ' ').trim();
      const sources = [...body.matchAll(/\]\(sources\.md#([\w-]+)\)/g)].map((m) => m[1]!);
      sections.get(section)!.push({ level, text: body, sources: [...new Set(sources)] });
    }
    current = null;
    level = null;
  };
  for (const line of text.split('\n')) {
    const anchor = ANCHOR.exec(line);
    if (anchor) {
      flush();
      section = anchor[1]!;
      sections.set(section, []);
      continue;
    }
    const bullet = LEVEL.exec(line);
    if (bullet) {
      flush();
      level = bullet[1] as EvidenceLevel;
      current = [line.slice(bullet[0].length)];
      continue;
    }
    if (line.startsWith('#') || line.startsWith('- ') || line.startsWith('|')) flush();
    else if (current && line.trim() !== '') current.push(line.trim());
    else if (current && line.trim() === '') flush();
  }
  flush();
  return { sections };
}

/** The entries of sources.md: anchor → the URLs its text names. */
export function parseSourcesPage(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  let anchor: string | null = null;
  for (const line of text.split('\n')) {
    const found = ANCHOR.exec(line);
    if (found) {
      anchor = found[1]!;
      entries.set(anchor, []);
      continue;
    }
    if (!anchor) continue;
    for (const m of line.matchAll(/https?:\/\/[^\s)<>,"`]+/g)) entries.get(anchor)!.push(normalizeUrl(m[0]));
  }
  return entries;
}

/** One form for comparing documentation URLs: no scheme, no fragment or query, no trailing slash or full stop. */
export function normalizeUrl(url: string): string {
  return url
    .replace(/^https?:\/\//, '')
    .replace(/[#?].*$/, '')
    .replace(/[./]+$/, '')
    .toLowerCase();
}
