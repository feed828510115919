// The ALB's request path as named stages, in the order the load balancer applies them:
//   request checks → WAF → rules → transforms → action → (forward, http-front.ts)
// Each is a small function of the exchange (exchange.ts) that records what it decided in the request log entry and
// returns a decision: go on to the next stage, or answer the client now with a response the ALB makes itself.
import type { RoutingAction } from '../model/topology.js';
import type { AlbListenerConfig } from './config.js';
import type { Exchange } from './exchange.js';
import { forwardedForCount } from './forward-headers.js';
import { clientMtlsHeaderHandling, isMtlsHeaderName } from './mtls-headers.js';
import type { RuleCheck } from './request-log.js';
import { type AlbResponse, errorResponse, fixedResponse, redirectLocation, redirectResponse } from './responses.js';
import { evaluateRules, hostWithoutPort, type RuleRequest } from './rules.js';
import { parseCookies } from './stickiness.js';
import type { ForwardAction, TargetChooser } from './target-choice.js';
import type { TargetGroupRuntime } from './targets.js';
import { applyTransforms } from './transforms.js';
import { evaluateWebAcl, wafLogEntry } from './waf.js';
import type { WafLog } from './waf-log.js';

/** What a stage decided: the next stage goes on, or the ALB answers the client itself. */
export type Decision = { next: true } | { answer: AlbResponse };

const NEXT: Decision = { next: true };
const answer = (response: AlbResponse): Decision => ({ answer: response });

/** What the stages share across requests: the listener's target groups, its WAF log, who picks targets. */
export interface StageDeps {
  groups: Map<string, TargetGroupRuntime>;
  /** Where WAF decisions are logged when the listener's load balancer has a web ACL. */
  wafLog?: WafLog;
  chooser: TargetChooser;
}

export type Stage = (x: Exchange, deps: StageDeps) => Decision;

/** ELB troubleshooting, HTTP 400: more than 16K in one header line, or 64K for the entire header (both protocols;
 * ELB quotas, "HTTP headers": request line 16K, single header 16K, entire request header 64K). */
const MAX_HEADER_LINE = 16 * 1024;
export const MAX_HEADER_TOTAL = 64 * 1024;

/** Every header as the request line and header lines would carry it ("name: value\r\n"), for the 64K limit. */
function headerBytes(raw: string[]): number {
  let total = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) total += raw[i]!.length + raw[i + 1]!.length + 4;
  return total;
}

/** Says what happens to headers a client sent under names the ALB writes itself (they never reach the target). */
function noteClientHeaders(x: Exchange): void {
  const clientMtls = [] as string[];
  const clientCopies = [] as string[];
  for (let i = 0; i < x.raw.length; i += 2) {
    if (isMtlsHeaderName(x.raw[i]!)) clientMtls.push(x.raw[i]!);
    else if (x.albWritten.has(x.raw[i]!.toLowerCase())) clientCopies.push(x.raw[i]!);
  }
  if (clientCopies.length > 0)
    x.notes.push(
      `client sent ${clientCopies.join(', ')}: dropped, the ALB writes that name itself (assumed: header modification renames; AWS says nothing of client copies)`,
    );
  if (clientMtls.length > 0) {
    const handling = clientMtlsHeaderHandling(x.info.mode);
    x.notes.push(
      `client sent ${clientMtls.join(', ')}: ${handling.action === 'passed-through' ? 'forwarded unchanged' : "dropped; the target gets the ALB's own"} (inferred: ${handling.source})`,
    );
  }
}

/** Request checks: methods the ALB refuses and its header limits (ELB troubleshooting: 400, 405, 463). */
export function checkRequest(x: Exchange): Decision {
  noteClientHeaders(x);
  if (x.req.method === 'TRACE') return answer(errorResponse(405)); // ELB troubleshooting: HTTP 405
  // Assumed: AWS does not say; the ALB's TRACE answer, as nginx gives CONNECT and TRACE the same 405.
  if (x.req.method === 'CONNECT') {
    x.notes.push('CONNECT: answered 405 as TRACE is (inferred: AWS does not document CONNECT)');
    return answer(errorResponse(405));
  }
  for (let i = 1; i < x.raw.length; i += 2) {
    if (x.raw[i - 1]!.length + x.raw[i]!.length + 2 > MAX_HEADER_LINE) return answer(errorResponse(400));
  }
  // Over HTTP/1.1 node's parser already refuses more than 64K; over HTTP/2 the session passes up to 1 MiB on.
  if (headerBytes(x.raw) > MAX_HEADER_TOTAL) return answer(errorResponse(400));
  if (forwardedForCount(x.raw) > 30) return answer(errorResponse(463)); // ELB troubleshooting: HTTP 463
  return NEXT;
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (!raw[i]!.startsWith(':')) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

/**
 * AWS WAF sees the request before the listener rules; a block is answered by the ALB, no target hears of it. The
 * access log records "waf" as an action (ELB "Access logs for your Application Load Balancer": actions taken).
 */
export function inspectWithWaf(x: Exchange, deps: StageDeps): Decision {
  const acl = x.config.webAcl;
  if (!acl) return NEXT;
  const wafRequest = {
    method: x.req.method ?? 'GET',
    uriPath: x.path,
    queryString: x.query,
    httpVersion: x.req.httpVersion,
    headers: pairs(x.raw),
    clientIp: x.info.clientIp,
  };
  const verdict = evaluateWebAcl(acl, wafRequest);
  deps.wafLog?.append(
    wafLogEntry(acl, verdict, wafRequest, { loadBalancer: x.config.name, requestId: x.trace, now: x.now }),
  );
  x.wafInspected = true;
  if (verdict.action !== 'BLOCK') return NEXT;
  x.entry.actions_executed = 'waf';
  x.notes.push(`AWS WAF blocked the request: rule ${verdict.terminatingRuleId}`);
  return answer(errorResponse(verdict.status ?? 403));
}

function headerMap(raw: string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(':')) continue;
    const prev = out[name];
    out[name] = prev === undefined ? raw[i + 1]! : Array.isArray(prev) ? [...prev, raw[i + 1]!] : [prev, raw[i + 1]!];
  }
  return out;
}

/** The listener rules on the request as the client sent it: the matched rule and the action that ends it. */
export function evaluateListenerRules(x: Exchange): Decision {
  const ruleRequest: RuleRequest = {
    method: x.req.method ?? 'GET',
    host: x.authority,
    path: x.path,
    query: x.query,
    headers: headerMap(x.raw),
    sourceIp: x.info.clientIp,
  };
  const { rule, actions, trace, notRealized } = evaluateRules(x.config.rules, x.config.defaultActions, ruleRequest);
  x.entry.matched_rule_priority = rule ? rule.priority : 0;
  x.ruleChecks = ruleChecksOf(x.config.rules, trace);
  // An authenticate-* or jwt-validation action needs an identity provider: the rule is kept in the priority order
  // but not realized, so the request it takes ends here. The last routing action is the terminal one.
  if (notRealized) x.notes.push(`the matched rule's ${notRealized} action is not realized here (no identity provider)`);
  const action: RoutingAction | undefined = actions[actions.length - 1];
  if (!action) return answer(errorResponse(503));
  x.rule = rule;
  x.action = action;
  x.entry.actions_executed = x.wafInspected ? `waf,${action.type}` : action.type;
  return NEXT;
}

/**
 * Rule transforms rewrite what the target gets, after routing (ELB "Transforms for listener rules"); they apply to
 * forwarded requests only (a fixed response or a redirect has no target to send a rewritten request to).
 */
export function applyRuleTransforms(x: Exchange): Decision {
  if (x.action?.type !== 'forward') return NEXT;
  const transformed = applyTransforms(x.rule?.transforms, { host: x.authority, url: x.url });
  x.notes.push(...transformed.notes);
  if (!transformed.ok) return answer(errorResponse(transformed.status));
  x.transformed = { host: transformed.host, url: transformed.url };
  return NEXT;
}

/** The action: a fixed response or a redirect answered here; a forward chooses its target group and target. */
export function takeAction(x: Exchange, deps: StageDeps): Decision {
  const action = x.action!;
  if (action.type === 'fixed-response') return answer(fixedResponse(action));
  if (action.type === 'redirect') {
    const source = {
      protocol: x.info.protocol,
      host: hostWithoutPort(x.authority),
      port: x.config.advertisedPort,
      path: x.path,
      query: x.query,
    };
    x.entry.redirect_url = redirectLocation(action, source);
    return answer(redirectResponse(action, source));
  }
  return chooseForwardTarget(x, action, deps);
}

function chooseForwardTarget(x: Exchange, action: ForwardAction, deps: StageDeps): Decision {
  const cookies = parseCookies(x.req.headers.cookie);
  const { id, sticky } = deps.chooser.chooseGroup(action, cookies, x.now);
  const group = id ? deps.groups.get(id) : undefined;
  const target = group ? deps.chooser.chooseTarget(group, cookies, x.now, x.notes) : null;
  x.entry.target_group = id ?? '-';
  if (!group || !target) return answer(errorResponse(503)); // ELB troubleshooting: no registered targets
  x.entry.target = target.key;
  x.choice = { group, target, sticky };
  return NEXT;
}

/** The stages in order, by the names the request log uses when one of them fails. */
export const STAGES: readonly [name: string, stage: Stage][] = [
  ['request checks', checkRequest],
  ['WAF', inspectWithWaf],
  ['rules', evaluateListenerRules],
  ['transforms', applyRuleTransforms],
  ['action', takeAction],
];

/** The rules a request met, with each condition's values: what the report shows as "the rule that matched". */
function ruleChecksOf(
  rules: AlbListenerConfig['rules'],
  trace: ReturnType<typeof evaluateRules>['trace'],
): RuleCheck[] {
  return trace.map((checked) => {
    const rule = rules.find((candidate) => candidate.logicalId === checked.logicalId);
    return {
      logicalId: checked.logicalId,
      priority: checked.priority,
      matched: checked.matched,
      conditions: (rule?.conditions ?? []).map((condition, index) => ({
        field: condition.field,
        headerName: condition.field === 'http-header' ? condition.headerName : null,
        values: [
          ...condition.values.map((value) =>
            typeof value === 'string' ? value : `${value.key === null ? '' : `${value.key}=`}${value.value}`,
          ),
          ...('regexValues' in condition ? (condition.regexValues ?? []).map((regex) => `regex ${regex}`) : []),
        ],
        matched: checked.conditions[index]?.matched ?? false,
      })),
    };
  });
}
