// The fields AWS validates, validated the same way for the compiler (sandbox/model/compile.ts, a template's
// resources) and the live ELBv2 API (sandbox/elbv2-api/actions.ts, CreateRule and friends). Pure.
//
// Shape: one file per concern; each exports readers that take a member as written — a resolved CloudFormation
// property or a parsed Query API parameter (written.ts) — and return the topology's value, or throw a Refusal
// (refusal.ts): AWS's error code, its message where known, what broke which rule, and whether the code is assumed.
// The compiler wraps a Refusal in an AwsApiError naming the resource (a set-up error); the API answers it as the
// error response. So the same mistake gives the same code and message from both.
//   refusal.ts     Refusal, the model's constraint wording, lengths, control characters
//   written.ts     reading lists, structures, maps, numbers and booleans as either source writes them
//   conditions.ts  rule conditions: fields, values, characters, regexes, per-rule counts and wildcards
//   actions.ts     rule and default actions: forward, fixed-response, redirect, authentication, their order
//   transforms.ts  rule transforms: types, rewrites, regexes, one of each
//   rules.ts       priorities, PriorityInUse, the rules quota, SetRulePriorities' pairs
//   listeners.ts   listener ports, DuplicateListener, the mutual authentication mode
// Sources and evidence levels of every rule: docs/listener-rules.md.
export {
  type ActionContext,
  ACTION_LIMITS,
  ACTION_TYPES,
  FIXED_RESPONSE_CONTENT_TYPES,
  readActions,
} from './actions.js';
export { CONDITION_LIMITS, checkConditions, readCondition, readConditions, wildcardsIn } from './conditions.js';
export { checkListenerPortFree, readListenerPort } from './listeners.js';
export { Refusal } from './refusal.js';
export { checkPriorityFree, checkPriorityPairs, checkRulesQuota, readPriority, RULE_LIMITS } from './rules.js';
export { readTransforms, REWRITE_LIMIT, TRANSFORM_TYPES } from './transforms.js';
