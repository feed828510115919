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

export const COMPARE_PRESETS: ComparePreset[] = [
  {
    id: 'nlb-passthrough-vs-alb-verify',
    title: { en: 'NLB passthrough vs ALB verify', ja: 'NLB パススルー vs ALB 検証' },
    scenarios: ['nlb-tcp-passthrough', 'alb-mtls-verify-headers'],
  },
  {
    id: 'alb-passthrough-vs-verify',
    title: { en: 'ALB passthrough vs ALB verify', ja: 'ALB パススルー vs ALB 検証' },
    scenarios: ['alb-mtls-passthrough', 'alb-mtls-verify-headers'],
  },
  {
    id: 'nlb-vs-clb',
    title: { en: 'NLB vs CLB, both TCP', ja: 'NLB vs CLB (どちらも TCP)' },
    scenarios: ['nlb-tcp-passthrough', 'clb-tcp-passthrough'],
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
