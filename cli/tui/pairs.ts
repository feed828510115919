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

/** What a client sends, whatever it goes through: its certificate, its form and its request. */
const sameClient = (a: ProbeSpec, b: ProbeSpec) =>
  (a.client.certificate ?? null) === (b.client.certificate ?? null) &&
  (a.client.form ?? 'pem') === (b.client.form ?? 'pem') &&
  (a.client.path ?? '/') === (b.client.path ?? '/');

/**
 * The default partner of a probe. Where a scenario sends the same client through several load balancers (then and
 * now: TCP passthrough, the ALB, the NLB TLS listener), the same client through the next one, wrapping around: that
 * compares designs. Otherwise without a certificate vs with one, the comparison that explains mutual TLS.
 */
export function partnerProbe(name: string, probes: ProbeSpec[]): string {
  const index = probes.findIndex((p) => p.name === name);
  const self = probes[index];
  if (!self) return probes[0]?.name ?? name;
  const rotated = [...probes.slice(index + 1), ...probes.slice(0, index)];
  const elsewhere = rotated.find((p) => p.via.loadBalancer !== self.via.loadBalancer && sameClient(p, self));
  if (elsewhere) return elsewhere.name;
  const other = probes.find((p) => p.name !== name && hasCertificate(p) !== hasCertificate(self));
  return other?.name ?? probes.find((p) => p.name !== name)?.name ?? name;
}

/** Cycles through a list of ids: the next (delta 1) or previous (-1) one after `current`. */
export function cycle(ids: string[], current: string, delta: number): string {
  if (ids.length === 0) return current;
  const index = ids.indexOf(current);
  return ids[(((index < 0 ? 0 : index + delta) % ids.length) + ids.length) % ids.length]!;
}
