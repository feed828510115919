// Evidence that cannot drift, its documented half: a probe tagged `documented` must rest on fact entries that
// docs/aws-facts.md itself marks documented (or observed), never only on assumed ones, and never on none. Pure.
//
// Which entry a citation points at: the citation names a section of aws-facts.md (its `docs` anchor) and a source;
// the entries of that section that link to the source (its sources.md entry, found by the source's URL or id) are
// the ones it rests on. When the citation names a section of the source and some of those entries quote it, those
// are the ones. The twin check for `observed` probes against the seed articles lives apart from this one.
import type { Citation, EvidenceSpec } from './evidence.js';
import { type FactEntry, type FactsPage, normalizeUrl } from './facts-page.js';

export interface ProbeEvidence {
  scenario: string;
  probe: string;
  evidence: EvidenceSpec;
}

export interface DocumentedProblem {
  scenario: string;
  probe: string;
  /** The citation's source and the aws-facts.md anchor it names. */
  citation: string;
  problem: 'no-facts-citation' | 'no-section' | 'no-entry' | 'only-assumed';
}

const FACTS = 'docs/aws-facts.md#';

/** The sources.md anchors that stand for a citation's source: the one of its id, and every one naming its URL. */
function anchorsFor(citation: Citation, sources: Map<string, string[]>): Set<string> {
  const anchors = new Set<string>();
  if (sources.has(citation.source)) anchors.add(citation.source);
  if (citation.url) {
    const url = normalizeUrl(citation.url);
    for (const [anchor, urls] of sources) if (urls.includes(url)) anchors.add(anchor);
  }
  return anchors;
}

/** The fact entries a citation points at (see the header); empty when it points at none. */
export function entriesFor(citation: Citation, facts: FactsPage, sources: Map<string, string[]>): FactEntry[] | null {
  if (!citation.docs.startsWith(FACTS)) return [];
  const section = facts.sections.get(citation.docs.slice(FACTS.length));
  if (!section) return null;
  const anchors = anchorsFor(citation, sources);
  const linked = section.filter((entry) => entry.sources.some((anchor) => anchors.has(anchor)));
  const quoted = citation.section
    ? linked.filter((entry) => entry.text.toLowerCase().includes(citation.section!.toLowerCase()))
    : [];
  return quoted.length > 0 ? quoted : linked;
}

/** What is wrong with a probe's `documented` tag, by what aws-facts.md says of the entries it cites. */
export function documentedProblems(
  probe: ProbeEvidence,
  facts: FactsPage,
  sources: Map<string, string[]>,
): DocumentedProblem[] {
  if (probe.evidence.level !== 'documented') return [];
  const problems: DocumentedProblem[] = [];
  const report = (citation: Citation | null, problem: DocumentedProblem['problem']) =>
    problems.push({
      scenario: probe.scenario,
      probe: probe.probe,
      citation: citation ? `${citation.source} → ${citation.docs}` : '(none)',
      problem,
    });
  const onFacts = probe.evidence.citations.filter((citation) => citation.docs.startsWith(FACTS));
  if (onFacts.length === 0) report(probe.evidence.citations[0] ?? null, 'no-facts-citation');
  for (const citation of onFacts) {
    const entries = entriesFor(citation, facts, sources);
    if (entries === null) report(citation, 'no-section');
    else if (entries.length === 0) report(citation, 'no-entry');
    else if (entries.every((entry) => entry.level === 'assumed')) report(citation, 'only-assumed');
  }
  return problems;
}
