// A probe's digest: what it asks (via, client) and what it expects with its evidence. `new --from` records each
// copied probe's; a probe that still has it has not been changed by the author (ScenarioDefinition.copiedFrom).
// Pure; the description and hooks are left out (rewording a probe does not make its evidence the author's).
import { digestOf } from './canonical.js';
import type { ProbeSpec } from './scenario.js';

export function probeDigest(probe: Pick<ProbeSpec, 'via' | 'client' | 'expect' | 'evidence' | 'unjudged'>): string {
  return digestOf({
    via: probe.via,
    client: probe.client,
    expect: probe.expect,
    // The sources by id and section: their titles and links may be reworded by the project without the author
    // changing anything.
    evidence: {
      level: probe.evidence.level,
      citations: probe.evidence.citations.map((citation) => [citation.source, citation.section]),
      assumption: probe.evidence.assumption ?? null,
    },
    unjudged: probe.unjudged ?? null,
  });
}
