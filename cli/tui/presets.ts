// Compare presets: the pairs of scenarios a trainer shows side by side. Data: adding a preset is one entry; a preset
// whose scenarios are not in the catalogue (yet) is left out. Pure.
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import type { Text } from '../../sandbox/text.js';

export interface ComparePreset {
  id: string;
  title: Text;
  /** Left and right, by scenario id. */
  scenarios: [string, string];
}

/** 1–3 are the README's "Start here" pairs, in its order; then the pairs a trainer reaches for next. */
export const COMPARE_PRESETS: ComparePreset[] = [
  {
    id: 'clb-vs-nlb',
    title: { en: 'CLB vs NLB, both TCP', ja: 'CLB vs NLB (どちらも TCP)' },
    scenarios: ['clb-tcp-passthrough', 'nlb-tcp-passthrough'],
  },
  {
    id: 'alb-termination-vs-nlb-passthrough',
    title: { en: 'ALB ends TLS vs NLB passes it', ja: 'ALB で TLS 終端 vs NLB でパススルー' },
    scenarios: ['alb-tls-termination', 'nlb-tcp-passthrough'],
  },
  {
    id: 'alb-verify-vs-passthrough',
    title: { en: 'ALB verify vs ALB passthrough', ja: 'ALB 検証 vs ALB パススルー' },
    scenarios: ['alb-mtls-verify-headers', 'alb-mtls-passthrough'],
  },
  {
    id: 'nlb-passthrough-vs-alb-verify',
    title: { en: 'NLB passthrough vs ALB verify', ja: 'NLB パススルー vs ALB 検証' },
    scenarios: ['nlb-tcp-passthrough', 'alb-mtls-verify-headers'],
  },
  {
    id: 'nlb-tcp-vs-nlb-mtls',
    title: { en: 'NLB then and now: TCP to nginx vs mTLS', ja: 'NLB の昔と今: TCP で nginx へ vs mTLS' },
    scenarios: ['nlb-tcp-passthrough', 'nlb-mtls-identity-filters'],
  },
];

/** The presets whose two scenarios are both in the catalogue, in order (keys 1–9 pick them). */
export function availablePresets(
  scenarios: readonly Pick<ScenarioDefinition, 'id'>[],
  presets: readonly ComparePreset[] = COMPARE_PRESETS,
): ComparePreset[] {
  const known = new Set(scenarios.map((scenario) => scenario.id));
  return presets.filter((preset) => preset.scenarios.every((id) => known.has(id))).slice(0, 9);
}
