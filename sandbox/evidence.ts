// How we know what AWS does: every expectation carries its evidence (docs/aws-facts.md). Pure data and helpers.
//   documented: an AWS (or nginx, HAProxy, OpenSSL) documentation page says so;
//   observed:   a published observation of real AWS shows it (one of the seed articles);
//   assumed:    AWS is silent; the sandbox chose, and says why. Never shown as "matches AWS".
import { SOURCES, type Source, type SourceId } from './sources.js';
import type { Text } from './text.js';

export type EvidenceLevel = 'documented' | 'observed' | 'assumed';

/** A source as the record carries it: what it is, where to read it, and where the repository's docs state the fact. */
export interface Citation {
  /** The source's id in sandbox/sources.ts, e.g. "aws-alb-mtls", "seed-004". */
  source: string;
  kind: 'aws-doc' | 'tool-doc' | 'seed' | 'sandbox';
  title: string;
  section: string | null;
  url: string | null;
  /** The seed article's id ("004") for kind "seed". */
  seed: string | null;
  /** The repository page and anchor that states the fact, e.g. "docs/aws-facts.md#alb-mtls-verify". */
  docs: string;
}

/** What a scenario author writes: the level, the sources, and for an assumption the reason in both languages. */
export interface EvidenceSpec {
  level: EvidenceLevel;
  citations: Citation[];
  assumption?: Text;
}

/** One source, optionally narrowed to a section of it. */
export function cite(source: SourceId, section?: string): Citation {
  const entry: Source = SOURCES[source];
  return {
    source,
    kind: entry.kind,
    title: entry.title,
    section: section ?? entry.section ?? null,
    url: entry.url ?? null,
    seed: entry.seed ?? null,
    docs: entry.docs,
  };
}

export const documented = (...citations: Citation[]): EvidenceSpec => ({ level: 'documented', citations });

export const observed = (...citations: Citation[]): EvidenceSpec => ({ level: 'observed', citations });

/** AWS is silent: the sandbox's choice, why it chose so, and the nearest sources it rests on. */
export const assumed = (assumption: Text, ...citations: Citation[]): EvidenceSpec => ({
  level: 'assumed',
  assumption,
  citations,
});

/** How many expectations rest on each level of evidence (a scenario's, a run's, a catalogue entry's). */
export type EvidenceCounts = Record<EvidenceLevel, number>;

export function countEvidence(levels: Iterable<EvidenceLevel>): EvidenceCounts {
  const counts: EvidenceCounts = { documented: 0, observed: 0, assumed: 0 };
  for (const level of levels) counts[level] += 1;
  return counts;
}

export function sumEvidence(counts: Iterable<EvidenceCounts>): EvidenceCounts {
  const total: EvidenceCounts = { documented: 0, observed: 0, assumed: 0 };
  for (const one of counts) for (const level of Object.keys(total) as EvidenceLevel[]) total[level] += one[level];
  return total;
}
