// Which two things a comparison starts with: the pairs the seeds contrast, otherwise a sensible neighbour. Pure.
import type { ProbeSpec, ScenarioDefinition } from '../../sandbox/scenario.js';

/** The scenario to compare with: the one it declares (compareWith), or one that declares it, in catalogue order. */
export function partnerScenario(id: string, scenarios: ScenarioDefinition[]): string {
  const known = new Set(scenarios.map((s) => s.id));
  const declared = scenarios.find((s) => s.id === id)?.compareWith?.find((other) => known.has(other));
  if (declared) return declared;
  const declaring = scenarios.find((s) => s.compareWith?.includes(id));
  if (declaring) return declaring.id;
  // Otherwise the next scenario of the same story, else simply the next one.
  const index = scenarios.findIndex((s) => s.id === id);
  const self = scenarios[index];
  const sameStory = scenarios.find((s, i) => i !== index && s.story.id === self?.story.id);
  return sameStory?.id ?? scenarios[(index + 1) % Math.max(1, scenarios.length)]?.id ?? id;
}

const hasCertificate = (spec: ProbeSpec) => Boolean(spec.client.certificate);

/** Without a certificate vs with one is the comparison that explains mutual TLS, so that is the default partner. */
export function partnerProbe(name: string, probes: ProbeSpec[]): string {
  const self = probes.find((p) => p.name === name);
  if (!self) return probes[0]?.name ?? name;
  const other = probes.find((p) => p.name !== name && hasCertificate(p) !== hasCertificate(self));
  return other?.name ?? probes.find((p) => p.name !== name)?.name ?? name;
}

/** Cycles through a list of ids: the next (delta 1) or previous (-1) one after `current`. */
export function cycle(ids: string[], current: string, delta: number): string {
  if (ids.length === 0) return current;
  const index = ids.indexOf(current);
  return ids[(((index < 0 ? 0 : index + delta) % ids.length) + ids.length) % ids.length]!;
}
