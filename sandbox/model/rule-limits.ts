// The limits AWS puts on listener rules, checked when the template is compiled: a rule CreateRule would refuse
// fails the set-up with the error CreateRule answers, naming the rule (docs/aws-facts.md#alb-rule-limits). Pure.
//   ELB quotas, Rules: 5 condition values per rule; condition wildcards per rule (see MAX_WILDCARDS).
//   API Reference: HttpHeaderConditionConfig (HttpHeaderName ≤ 40 characters), *ConditionConfig Values and
//     RegexValues (≤ 128 characters each), RuleCondition ("the value for a condition can't be empty"), CreateRule
//     (Priority 1–50000; PriorityInUse "The specified priority is in use."; one host header rewrite and one URL
//     rewrite transform), RewriteConfig (Regex and Replace ≤ 1,024 characters).
// The code and message of the 5-values error were seen in published CloudFormation/Terraform output of real AWS
// ("ValidationError: A rule can only have '5' condition values and regex values"); for the other limits AWS
// publishes no error, and the ones here (ValidationError in the API's constraint wording) are assumed.
import { AwsApiError } from './errors.js';
import { unsupportedRegexFeature } from './rule-regex.js';
import type { ListenerRule, RuleCondition } from './topology.js';

export const RULE_LIMITS = {
  conditionValues: 5,
  /**
   * Copies of the quotas page disagree: the archived English guide and the zh_cn page say 5, the current ja_jp page
   * says 6, and an AWS documentation maintainer wrote in 2020 that 5 is the default and 6 an earlier one some
   * accounts keep. The sandbox takes 5, the stricter: a rule that passes here then passes on every account.
   */
  wildcards: 5,
  headerName: 40,
  value: 128,
  rewrite: 1024,
  priority: { min: 1, max: 50_000 },
} as const;

const VALIDATION = 'ValidationError';

/** A condition's values as written: plain values (with their wildcards) and regexes. */
function valuesOf(condition: RuleCondition): { plain: string[]; regexes: string[] } {
  const regexes = 'regexValues' in condition ? (condition.regexValues ?? []) : [];
  if (condition.field === 'query-string')
    return { plain: condition.values.flatMap((v) => [...(v.key === null ? [] : [v.key]), v.value]), regexes };
  return { plain: condition.values, regexes };
}

/** `*` and `?` that act as wildcards; query strings escape literal ones with a backslash. */
function wildcardsIn(text: string, escapes: boolean): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (escapes && text[i] === '\\') i++;
    else if (text[i] === '*' || text[i] === '?') count++;
  }
  return count;
}

/** The API's wording for a constraint on a member (the Query API's ValidationError, e.g. for Priority). */
const constraint = (value: string, member: string, rule: string) =>
  `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${rule}`;

/** Throws the AwsApiError CreateRule would answer for this rule, if any. */
export function checkRuleLimits(rule: ListenerRule, resource: string): void {
  const refuse = (code: string, message: string, detail: string, assumed: boolean): never => {
    throw new AwsApiError(resource, 'CreateRule', code, message, detail, assumed);
  };
  const { min, max } = RULE_LIMITS.priority;
  if (!Number.isInteger(rule.priority) || rule.priority < min || rule.priority > max)
    refuse(
      VALIDATION,
      constraint(String(rule.priority), 'priority', `Member must have value between ${min} and ${max}`),
      `Priority ${rule.priority} is outside 1–50000`,
      true,
    );
  let values = 0;
  let wildcards = 0;
  for (const [index, condition] of rule.conditions.entries()) {
    const { plain, regexes } = valuesOf(condition);
    const where = `conditions.${index + 1}`;
    // An NLB source-ip condition names an address family instead of values (model/nlb-rules.ts checks it).
    const family = condition.field === 'source-ip' && condition.ipAddressType !== undefined;
    if (condition.values.length === 0 && regexes.length === 0 && !family)
      refuse(
        VALIDATION,
        'A condition value cannot be empty',
        `the ${condition.field} condition has no Values and no RegexValues (it could never match)`,
        true,
      );
    values += condition.values.length + regexes.length;
    if (condition.field !== 'http-request-method' && condition.field !== 'source-ip')
      for (const text of plain) wildcards += wildcardsIn(text, condition.field === 'query-string');
    if (condition.field === 'http-header' && condition.headerName.length > RULE_LIMITS.headerName)
      refuse(
        VALIDATION,
        constraint(
          condition.headerName,
          `${where}.httpHeaderConfig.httpHeaderName`,
          'Member must have length less than or equal to 40',
        ),
        `the header name is ${condition.headerName.length} characters; AWS allows ${RULE_LIMITS.headerName}`,
        true,
      );
    for (const text of [...plain, ...regexes]) {
      if (text.length > RULE_LIMITS.value)
        refuse(
          VALIDATION,
          constraint(text, `${where}.values`, 'Member must have length less than or equal to 128'),
          `a ${condition.field} value is ${text.length} characters; AWS allows ${RULE_LIMITS.value}`,
          true,
        );
    }
    for (const regex of regexes) {
      const problem = unsupportedRegexFeature(regex);
      if (problem) refuse(VALIDATION, `Invalid regular expression '${regex}'`, problem, true);
    }
  }
  if (values > RULE_LIMITS.conditionValues)
    refuse(
      VALIDATION,
      `A rule can only have '${RULE_LIMITS.conditionValues}' condition values and regex values`,
      `the rule's conditions have ${values} values in all`,
      false,
    );
  if (wildcards > RULE_LIMITS.wildcards)
    refuse(
      VALIDATION,
      `A rule can only have '${RULE_LIMITS.wildcards}' wildcards`,
      `the rule's condition values hold ${wildcards} wildcards (* and ?) in all`,
      true,
    );
  const types = rule.transforms?.map((t) => t.type) ?? [];
  for (const type of new Set(types))
    if (types.filter((t) => t === type).length > 1)
      refuse(
        VALIDATION,
        'You can add one host header rewrite transform and one URL rewrite transform',
        `the rule has more than one ${type} transform`,
        true,
      );
  for (const transform of rule.transforms ?? [])
    for (const rewrite of transform.rewrites) {
      for (const text of [rewrite.regex, rewrite.replace])
        if (text.length > RULE_LIMITS.rewrite)
          refuse(
            VALIDATION,
            constraint(text.slice(0, 40), 'transforms.rewrites', 'Member must have length less than or equal to 1024'),
            `a ${transform.type} Regex or Replace is ${text.length} characters; AWS allows ${RULE_LIMITS.rewrite}`,
            true,
          );
      const problem = unsupportedRegexFeature(rewrite.regex);
      if (problem) refuse(VALIDATION, `Invalid regular expression '${rewrite.regex}'`, problem, false);
    }
}

/** Throws PriorityInUse when another rule of the listener already has this priority. */
export function checkPriorityFree(rule: ListenerRule, others: ListenerRule[], resource: string): void {
  const taken = others.find((other) => other.priority === rule.priority);
  if (taken)
    throw new AwsApiError(
      resource,
      'CreateRule',
      'PriorityInUse',
      'The specified priority is in use.',
      `rule ${taken.logicalId} of the same listener already has priority ${rule.priority}`,
      false,
    );
}
