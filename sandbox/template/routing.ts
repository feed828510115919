// The routing probes of a template's ALB listeners (HTTP and HTTPS alike): for each listener rule a request its
// conditions should match (witness.ts), and one that no rule should. Which rule the request meets and what the ALB
// answers is the rule model's to say (sandbox/alb/rules.ts, the ELB "Listener rules" documentation): the rule's
// priority, and by its action the status and body of a fixed response, the status and Location of a redirect, or
// which target group's targets a forward reaches. The status a forwarded request gets is the stand-in target's, so
// it is never part of the expectation. A listener an NLB forwards to (a target group of type alb) is probed through
// that NLB as well. Pure.
import { evaluateRules, hostWithoutPort, type RuleEvaluation, type RuleRequest } from '../alb/rules.js';
import { redirectLocation } from '../alb/responses.js';
import { assumed, cite, documented, type EvidenceSpec } from '../evidence.js';
import type { Listener, ListenerRule, LoadBalancer, RoutingAction, Topology } from '../model/topology.js';
import type { BackendSpec, Expectation, ProbeSpec } from '../scenario.js';
import type { Text } from '../text.js';
import { slug } from './slug.js';
import { isWitness, NO_RULE_REQUEST, type NoWitness, type WitnessRequest, witnessFor } from './witness.js';

const RULES = cite('aws-alb-listener-rules', 'Rule conditions; Rule actions');

/** The Host a derived request sends when its rule names none: no host-header value is likely to match it. */
const DEFAULT_HOST = 'routing.sandbox.example';

/** A rule no request could be derived for, and why (the explanation lists them). */
export interface UnprobedRule {
  listener: string;
  priority: number;
  why: NoWitness;
}

/** Where routing probes enter: the ALB listener itself, or the NLB listener in front of it. */
export interface Entry {
  balancer: LoadBalancer;
  listener: Listener;
}

export function routingProbes(
  alb: LoadBalancer,
  listener: Listener,
  topology: Topology,
  targets: Record<string, BackendSpec[]>,
  entry: Entry = { balancer: alb, listener },
): { probes: ProbeSpec[]; unprobed: UnprobedRule[] } {
  if (alb.kind !== 'application' || (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS'))
    return { probes: [], unprobed: [] };
  const where = `${alb.path} ${listener.protocol}:${listener.port}`;
  const throughNlb = entry.balancer !== alb;
  const requests: { key: string; request: WitnessRequest; aimedAt: ListenerRule | null }[] = [];
  const unprobed: UnprobedRule[] = [];
  for (const rule of [...listener.rules].sort((a, b) => a.priority - b.priority)) {
    const witness = witnessFor(rule);
    // Through an NLB the ALB sees the NLB's address, not the client's: a source-ip rule is tried on the ALB itself.
    const sourceBound = isWitness(witness) && throughNlb && rule.conditions.some((c) => c.field === 'source-ip');
    if (!isWitness(witness) || sourceBound) {
      if (!throughNlb) unprobed.push({ listener: where, priority: rule.priority, why: witness as NoWitness });
      continue;
    }
    const base = sent({ ...witness, host: witness.host ?? DEFAULT_HOST });
    requests.push({ key: `rule-${rule.priority}`, request: reaching(rule, base, listener, throughNlb), aimedAt: rule });
  }
  requests.push({
    key: 'no-rule',
    request: reaching(null, sent(NO_RULE_REQUEST), listener, throughNlb),
    aimedAt: null,
  });
  const waf = topology.webAcls?.some((acl) => acl.associations.includes(alb.logicalId)) ?? false;
  const prefix = throughNlb
    ? `${slug(entry.balancer.path)}-${entry.listener.port}-to-${slug(alb.path)}`
    : `${slug(alb.path)}-${listener.port}`;
  const probes = requests.map(({ key, request, aimedAt }): ProbeSpec => {
    const predicted = predict(listener, request, throughNlb);
    const judged =
      waf || !predicted ? null : expectationOf(predicted.rule, predicted.actions, request, listener, targets, topology);
    const why = waf ? WAF_FIRST : !predicted ? NO_MODEL : judged ? null : NO_PREDICTION;
    return {
      name: `${prefix}-${key}`,
      description: describe(where, entry, throughNlb, request, aimedAt, predicted ? predicted.rule : undefined),
      via: { loadBalancer: entry.balancer.path, port: entry.listener.port },
      client: {
        scheme: listener.protocol === 'HTTPS' ? 'https' : 'http',
        // A verifying listener admits a trusted certificate; routing is what these probes try.
        certificate: listener.mutualAuthentication?.mode === 'verify' ? 'clientA' : null,
        method: request.method,
        path: request.path,
        headers: { ...(request.host ? { Host: request.host } : {}), ...request.headers },
        ...(request.sourceAddress !== '127.0.0.1' ? { sourceAddress: request.sourceAddress } : {}),
        // One protocol, so the Host header is sent as written (curl turns it into :authority over HTTP/2).
        http: '1.1',
      },
      expect: judged ?? {},
      evidence: judged ? evidenceOf(throughNlb) : assumed(why!),
      ...(why ? { unjudged: why } : {}),
    };
  });
  return { probes, unprobed };
}

/**
 * Every header curl sends, so that the rule model sees what the ALB will: curl's own User-Agent ("curl/8.5.0")
 * would meet a rule on User-Agent "curl/*", so the probes name themselves, unless the rule asks for a User-Agent.
 */
const PROBE_HEADERS: Record<string, string> = { 'User-Agent': 'mtls-sandbox-probe', Accept: '*/*' };

function sent(request: WitnessRequest): WitnessRequest {
  const own = new Set(Object.keys(request.headers).map((name) => name.toLowerCase()));
  const defaults = Object.entries(PROBE_HEADERS).filter(([name]) => !own.has(name.toLowerCase()));
  return { ...request, headers: { ...Object.fromEntries(defaults), ...request.headers } };
}

/** What a field the aimed rule does not constrain may be instead, to get past a rule of lower priority. */
const ALTERNATIVES = {
  method: ['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'POST'],
  host: [DEFAULT_HOST, 'other.sandbox.example'],
  path: ['/', '/mtls-sandbox/other'],
  agent: ['mtls-sandbox-probe', 'mtls-sandbox-other'],
};

/**
 * The request, or a variant of it in the fields the aimed rule leaves free, that the rule model takes to the aimed
 * rule (null: the default action) — a rule of lower priority may match the plain witness first (a method condition
 * on GET takes every GET). None found: the plain request, judged by whatever the model says it meets.
 */
function reaching(
  aim: ListenerRule | null,
  request: WitnessRequest,
  listener: Listener,
  throughNlb: boolean,
): WitnessRequest {
  const reaches = (candidate: WitnessRequest) => predict(listener, candidate, throughNlb)?.rule === aim;
  if (reaches(request)) return request;
  const constrained = new Set(aim?.conditions.map((condition) => condition.field) ?? []);
  const agentFree = !aim?.conditions.some(
    (c) => c.field === 'http-header' && c.headerName.toLowerCase() === 'user-agent',
  );
  const [path, query] = [splitQuery(request.path)[0], request.path.slice(splitQuery(request.path)[0].length)];
  for (const method of constrained.has('http-request-method') ? [request.method] : ALTERNATIVES.method)
    for (const host of constrained.has('host-header') || aim === null ? [request.host] : ALTERNATIVES.host)
      for (const base of constrained.has('path-pattern') ? [path] : [path, ...ALTERNATIVES.path])
        for (const agent of agentFree ? ALTERNATIVES.agent : [null]) {
          const candidate: WitnessRequest = {
            ...request,
            method,
            host,
            path: `${base}${query}`,
            headers: agent ? { ...request.headers, 'User-Agent': agent } : request.headers,
          };
          if (reaches(candidate)) return candidate;
        }
  return request;
}

/**
 * What the rule model says of a request; null when it cannot evaluate the listener's rules (a value it fails on): the
 * probe then runs observed only, and the template still runs.
 */
function predict(listener: Listener, request: WitnessRequest, throughNlb: boolean): RuleEvaluation | null {
  try {
    return evaluateRules(listener.rules, listener.defaultActions, ruleRequestOf(request, throughNlb));
  } catch {
    return null;
  }
}

const NO_MODEL: Text = {
  en: "The sandbox's rule model could not evaluate this listener's rules for this request, so it predicts nothing here. Observed only.",
  ja: 'サンドボックスのルールモデルがこのリクエストについてこのリスナーのルールを評価できなかったので、ここでは何も予測しない。判定なし (記録のみ)。',
};

/** The request as the rule model sees it: through an NLB the ALB's peer is the NLB (here 127.0.0.1). */
function ruleRequestOf(request: WitnessRequest, throughNlb: boolean): RuleRequest {
  const [path, query = ''] = splitQuery(request.path);
  return {
    method: request.method,
    host: request.host ?? DEFAULT_HOST,
    path,
    query,
    headers: { ...request.headers, ...(request.host ? { Host: request.host } : {}) },
    sourceIp: throughNlb ? '127.0.0.1' : request.sourceAddress,
  };
}

function splitQuery(path: string): [string, string] {
  const mark = path.indexOf('?');
  return mark === -1 ? [path, ''] : [path.slice(0, mark), path.slice(mark + 1)];
}

/** What the ALB answers by the rule model: the rule's priority, and what its terminal action decides. */
function expectationOf(
  rule: ListenerRule | null,
  actions: RoutingAction[],
  request: WitnessRequest,
  listener: Listener,
  targets: Record<string, BackendSpec[]>,
  topology: Topology,
): Expectation | null {
  // The terminal action decides the answer; a rule with an authentication action has none (not realized).
  const action = actions[actions.length - 1];
  if (!action) return null;
  const rulePriority = rule ? rule.priority : 0;
  switch (action.type) {
    case 'fixed-response':
      return {
        rulePriority,
        status: action.statusCode,
        target: null,
        ...(action.messageBody ? { bodyIncludes: action.messageBody.slice(0, 200) } : {}),
      };
    case 'redirect': {
      const [path, query = ''] = splitQuery(request.path);
      const location = redirectLocation(action, {
        protocol: listener.protocol === 'HTTPS' ? 'https' : 'http',
        host: hostWithoutPort(request.host ?? DEFAULT_HOST),
        port: listener.port,
        path,
        query,
      });
      return {
        rulePriority,
        status: action.statusCode === 'HTTP_301' ? 301 : 302,
        target: null,
        responseHeaders: { location },
      };
    }
    case 'forward': {
      // Weighted forwards reach any group whose weight is above zero; which one is the weights' to say.
      const names = action.targetGroups
        .filter((group) => group.weight > 0)
        .flatMap((group) => {
          const path = topology.targetGroups.find((candidate) => candidate.logicalId === group.targetGroupId)?.path;
          return path ? (targets[path] ?? []).map((backend) => backend.name) : [];
        });
      if (names.length === 0) return null;
      return { rulePriority, target: { oneOf: names } };
    }
  }
}

function evidenceOf(throughNlb: boolean): EvidenceSpec {
  return throughNlb ? documented(RULES, cite('aws-nlb-alb-target')) : documented(RULES);
}

const WAF_FIRST: Text = {
  en: "An AWS WAF web ACL on this load balancer decides before the listener rules; the sandbox does not predict which of your web ACL's rules a derived request meets. Observed only.",
  ja: 'このロードバランサーの AWS WAF ウェブ ACL がリスナールールより先に判断する。導出したリクエストがウェブ ACL のどのルールに当たるかは予測しない。判定なし (記録のみ)。',
};

const NO_PREDICTION: Text = {
  en: "The rule model's action here has nothing the sandbox can predict (a forward to no target group it realized). Observed only.",
  ja: 'ここでのルールモデルのアクションには予測できるものがない (再現したターゲットグループのない転送)。判定なし (記録のみ)。',
};

function describe(
  where: string,
  entry: Entry,
  throughNlb: boolean,
  request: WitnessRequest,
  aimedAt: ListenerRule | null,
  /** The rule the model says the request meets (null: the default action); undefined: no prediction. */
  predicted: ListenerRule | null | undefined,
): Text {
  const what = [
    request.method,
    request.path,
    request.host ? `Host ${request.host}` : null,
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    request.sourceAddress !== '127.0.0.1' ? `from ${request.sourceAddress}` : null,
  ]
    .filter((part) => part !== null)
    .join(', ');
  const via = throughNlb ? ` through ${entry.balancer.path} TCP:${entry.listener.port}` : '';
  const viaJa = throughNlb ? ` (${entry.balancer.path} TCP:${entry.listener.port} 経由)` : '';
  const meets =
    predicted === undefined ? 'no prediction' : predicted ? `rule ${predicted.priority}` : 'the default action';
  const meetsJa =
    predicted === undefined ? '予測なし' : predicted ? `優先度 ${predicted.priority} のルール` : 'デフォルトアクション';
  if (aimedAt === null)
    return {
      en: `${where}${via}: ${what} — a request no rule should match; the rule model says: ${meets}.`,
      ja: `${where}${viaJa}: ${what} — どのルールにも一致しないはずのリクエスト。ルールモデルの判断: ${meetsJa}。`,
    };
  return {
    en: `${where}${via}: ${what} — a request for rule ${aimedAt.priority}'s conditions; the rule model says: ${meets}.`,
    ja: `${where}${viaJa}: ${what} — 優先度 ${aimedAt.priority} のルールの条件に合わせたリクエスト。ルールモデルの判断: ${meetsJa}。`,
  };
}
