// What a rule is checked against beyond its conditions, actions and transforms: its priority, the listener's other
// rules and the load balancer's rule quota; and SetRulePriorities' list. Pure.
// Sources: API Reference CreateRule (Priority 1–50000; "A listener can't have multiple rules with the same priority"
// → PriorityInUse "The specified priority is in use."; TooManyRules "You've reached the limit on the number of rules
// per load balancer."), SetRulePriorities; Quotas, "Rules per Application Load Balancer (excluding default rules)":
// 100 by default (adjustable: an account may have more).
import { constraint, Refusal, refuse } from './refusal.js';

export const RULE_LIMITS = {
  priority: { min: 1, max: 50_000 },
  /** Rules per Application Load Balancer, default rules excluded: the default quota (adjustable). */
  rulesPerLoadBalancer: 100,
} as const;

/** A priority as written: a whole number 1–50000. */
export function readPriority(written: unknown, member = 'priority'): number {
  const { min, max } = RULE_LIMITS.priority;
  if (written === undefined || written === null)
    refuse(constraint(null, member, 'Member must not be null'), 'a rule needs a Priority');
  const text = String(written).trim();
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || value < min || value > max)
    refuse(
      constraint(text, member, `Member must have value between ${min} and ${max}`),
      `Priority ${text} is outside 1–50000`,
    );
  return value;
}

/** PriorityInUse when another rule of the listener has the priority (documented code and message). */
export function checkPriorityFree(priority: number, others: { id: string; priority: number }[]): void {
  const taken = others.find((other) => other.priority === priority);
  if (taken)
    throw new Refusal(
      'PriorityInUse',
      'The specified priority is in use.',
      `rule ${taken.id} of the same listener already has priority ${priority}`,
      false,
    );
}

/** TooManyRules when the load balancer would hold more rules than the default quota (documented code). */
export function checkRulesQuota(rulesAfter: number): void {
  if (rulesAfter > RULE_LIMITS.rulesPerLoadBalancer)
    throw new Refusal(
      'TooManyRules',
      "You've reached the limit on the number of rules per load balancer.",
      `the load balancer would have ${rulesAfter} rules besides its default rules; the default quota is ${RULE_LIMITS.rulesPerLoadBalancer} (an account can ask for more)`,
      false,
    );
}

/** SetRulePriorities: each rule and each priority once in one call (assumed codes: AWS publishes none). */
export function checkPriorityPairs(pairs: { ruleArn: string; priority: number }[]): void {
  const rules = new Set<string>();
  const priorities = new Set<number>();
  for (const pair of pairs) {
    if (rules.has(pair.ruleArn))
      refuse(`Rule '${pair.ruleArn}' was provided multiple times`, 'a SetRulePriorities call names each rule once');
    if (priorities.has(pair.priority))
      refuse(
        `Priority '${pair.priority}' was provided multiple times`,
        'a SetRulePriorities call gives each priority to one rule',
      );
    rules.add(pair.ruleArn);
    priorities.add(pair.priority);
  }
}
