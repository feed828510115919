// The listener rule engine: which rule's actions apply to a request. Pure.
//
// Everything here follows the ELB "Listener rules" documentation (rule condition types) unless marked inferred:
// - rules are evaluated in priority order, lowest value first; the default rule is evaluated last;
// - values inside one condition are ORed, the conditions of one rule are ANDed;
// - the request is the one the client sent: rules never see the X-Amzn-Mtls-* / X-Forwarded-* headers the ALB adds
//   on the way to the target (seed 004: a rule on X-Amzn-Mtls-Clientcert-Subject never matched);
// - RegexValues (inferred where AWS is silent, model/rule-regex.ts): a value matches when the regex finds a match in
//   it; host names and header values case-insensitively, paths case-sensitively, as their wildcard values are; a
//   host regex sees the Host header as sent, port included;
// - a rule with a user authentication action (authenticate-oidc, authenticate-cognito, jwt-validation) keeps its
//   place in the order, so no later rule takes its requests, but is not realized: it yields no action, which the
//   ALB answers 503 (the sandbox's answer, not AWS's; the run lists the rule as not realized).
// Docs: docs/listener-rules.md has every behaviour with its AWS page and evidence level.
import { regexFinds } from '../model/rule-regex.js';
import type { ListenerRule, RoutingAction, RuleAction, RuleCondition } from '../model/topology.js';
import { cidrContains } from '../model/cidr.js';
import { wildcardMatch } from './wildcard.js';

/** A request as the client sent it. */
export interface RuleRequest {
  method: string;
  /** The Host header (or HTTP/2 :authority), possibly with a port. */
  host: string;
  /** The path without the query string, as received. */
  path: string;
  /** The raw query string, without the leading `?`. */
  query: string;
  /** Header names as sent; a header sent several times has several values, in order. */
  headers: Record<string, string | string[]>;
  sourceIp: string;
}

export interface ConditionTrace {
  field: RuleCondition['field'];
  matched: boolean;
}

export interface RuleTrace {
  logicalId: string;
  priority: number;
  matched: boolean;
  conditions: ConditionTrace[];
}

export interface RuleEvaluation {
  /** The rule whose actions apply; null means the listener's default actions. */
  rule: ListenerRule | null;
  /** The routing action to perform, or none when the matched rule is not realized (authentication). */
  actions: RoutingAction[];
  /** The authentication action that keeps the matched rule (or default rule) from being realized, if any. */
  notRealized: Exclude<RuleAction['type'], RoutingAction['type']> | null;
  /** Every rule looked at, in evaluation order, with which conditions matched (for explanations). */
  trace: RuleTrace[];
}

/** Host without the port; IPv6 literals keep their brackets. Rules compare host names, not ports (inferred). */
export function hostWithoutPort(host: string): string {
  const h = host.trim();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end === -1 ? h : h.slice(0, end + 1);
  }
  const colon = h.indexOf(':');
  return colon === -1 || h.indexOf(':', colon + 1) !== -1 ? h : h.slice(0, colon);
}

function headerValues(headers: Record<string, string | string[]>, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    if (Array.isArray(value)) out.push(...value);
    else out.push(value);
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A query-string value with its %XX escapes decoded; a decoded `*`, `?` or `\` is a literal, so it is escaped. */
export function decodePattern(pattern: string): string {
  if (!pattern.includes('%')) return pattern;
  return pattern.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run).replace(/[*?\\]/g, (ch) => `\\${ch}`);
    } catch {
      return run;
    }
  });
}

export interface QueryPair {
  key: string;
  value: string;
}

/** Splits a raw query string into decoded key/value pairs, in order ("a=1&flag&b=" → a:1, flag:"", b:""). */
export function parseQuery(query: string): QueryPair[] {
  if (!query) return [];
  return query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq === -1
        ? { key: safeDecode(part), value: '' }
        : { key: safeDecode(part.slice(0, eq)), value: safeDecode(part.slice(eq + 1)) };
    });
}

/** True when one of the condition's regexes finds a match in the text. */
function regexMatches(regexes: string[] | undefined, text: string, caseInsensitive: boolean): boolean {
  return Array.isArray(regexes) && regexes.some((source) => regexFinds(source, text, caseInsensitive));
}

const ROUTING: RuleAction['type'][] = ['forward', 'fixed-response', 'redirect'];

/** The routing actions of a rule the sandbox realizes; none for one with an authentication action. */
function routed(actions: RuleAction[]): Pick<RuleEvaluation, 'actions' | 'notRealized'> {
  const auth = actions.find((action) => !ROUTING.includes(action.type));
  if (auth) return { actions: [], notRealized: auth.type as RuleEvaluation['notRealized'] };
  return { actions: actions as RoutingAction[], notRealized: null };
}

export function conditionMatches(condition: RuleCondition, request: RuleRequest): boolean {
  switch (condition.field) {
    case 'host-header': {
      // Host names are case-insensitive and allow * and ? (ELB "Listener rules": host conditions).
      const host = hostWithoutPort(request.host);
      return (
        condition.values.some((v) => wildcardMatch(v, host, { caseInsensitive: true })) ||
        regexMatches(condition.regexValues, request.host.trim(), true)
      );
    }
    case 'path-pattern':
      // Case-sensitive, applied to the path only, not the query (ELB "Listener rules": path conditions).
      return (
        condition.values.some((v) => wildcardMatch(v, request.path, { caseInsensitive: false })) ||
        regexMatches(condition.regexValues, request.path, false)
      );
    case 'http-header': {
      // Name and value case-insensitive, * and ? in values; a header sent several times is searched value by
      // value until one matches (ELB API reference, HttpHeaderConditionConfig).
      const values = headerValues(request.headers, condition.headerName);
      return values.some(
        (actual) =>
          condition.values.some((v) => wildcardMatch(v, actual, { caseInsensitive: true })) ||
          regexMatches(condition.regexValues, actual, true),
      );
    }
    case 'http-request-method':
      // Exact, case-sensitive, no wildcards (ELB "Listener rules": HTTP request method conditions).
      return condition.values.some((v) => v === request.method);
    case 'query-string': {
      // Case-insensitive, * and ?, `\*`/`\?` for literals; a value without a key matches any key
      // (ELB API reference, QueryStringConditionConfig).
      // The request's pairs are percent-decoded, and so are the condition's values ("Any character can be
      // percentage encoded"; assumed: both forms are the same value).
      const pairs = parseQuery(request.query);
      const opts = { caseInsensitive: true, backslashEscapes: true };
      return condition.values.some((want) => {
        const key = want.key === null ? null : decodePattern(want.key);
        const value = decodePattern(want.value);
        return pairs.some(
          (pair) => (key === null || wildcardMatch(key, pair.key, opts)) && wildcardMatch(value, pair.value, opts),
        );
      });
    }
    case 'source-ip':
      // CIDR blocks, IPv4 or IPv6; the peer address, never X-Forwarded-For (ELB "Listener rules").
      return condition.values.some((cidr) => cidrContains(cidr, request.sourceIp));
  }
}

export function evaluateRules(
  rules: ListenerRule[],
  defaultActions: RuleAction[],
  request: RuleRequest,
): RuleEvaluation {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority);
  const trace: RuleTrace[] = [];
  for (const rule of ordered) {
    const conditions = rule.conditions.map((c) => ({ field: c.field, matched: conditionMatches(c, request) }));
    const matched = conditions.every((c) => c.matched);
    trace.push({ logicalId: rule.logicalId, priority: rule.priority, matched, conditions });
    if (matched) return { rule, ...routed(rule.actions), trace };
  }
  return { rule: null, ...routed(defaultActions), trace };
}
