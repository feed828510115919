// What the ALB does with each HTTP request once the connection is up (HTTP/1.1 and HTTP/2 alike): checks the
// request, evaluates the listener rules on the request as the client sent it, and answers itself (fixed-response,
// redirect, errors) or forwards to a target. Every request leaves a request log entry.
import { STATUS_CODES } from 'node:http';
import type http from 'node:http';
import type https from 'node:https';
import type { MutualAuthentication, RuleAction } from '../model/topology.js';
import type { AlbListenerConfig } from './config.js';
import { buildForwardHeaders, forwardedForCount } from './forward-headers.js';
import { clientMtlsHeaderHandling, isMtlsHeaderName } from './mtls-headers.js';
import {
  albWrittenHeaderNames,
  applyResponseHeaders,
  renameRequestHeaders,
  sendsServerHeader,
  tlsInfoHeaders,
  tlsKxHeaders,
} from './header-modification.js';
import type { HeaderModification } from '../model/header-modification.js';
import { type AnyRequest, type AnyResponse, proxyRequest } from './proxy.js';
import type { BoundedLog } from '../tls/bounded-log.js';
import type { RequestLogEntry, RequestLogFile, RuleCheck } from './request-log.js';
import {
  ALB_SERVER,
  type AlbResponse,
  errorResponse,
  fixedResponse,
  redirectLocation,
  reasonPhrase,
  redirectResponse,
} from './responses.js';
import { evaluateRules, hostWithoutPort, type RuleRequest } from './rules.js';
import { COOKIE, parseCookies, StickyCookieCodec, stickyCookieHeaders } from './stickiness.js';
import { applyTransforms } from './transforms.js';
import { type TargetGroupRuntime, type TargetRuntime, WeightedPicker } from './targets.js';
import { nextTraceHeader } from './trace-id.js';
import { evaluateWebAcl, wafLogEntry } from './waf.js';
import type { WafLog } from './waf-log.js';

/** What the TLS layer learnt about a connection, read by every request on it. */
export interface ConnectionInfo {
  clientIp: string;
  clientPort: number;
  protocol: 'http' | 'https';
  mode: MutualAuthentication['mode'];
  /** X-Amzn-Mtls-* headers the ALB adds for this connection (computed on first use, then reused). */
  mtlsHeaders: () => [string, string][];
  stripClientMtls: boolean;
  connTraceId: string;
  tlsProtocol: string;
  tlsCipher: string;
  /** The negotiated key exchange group, IANA name (HTTPS only). */
  tlsKeyExchange?: string;
}

export const CONNECTION_INFO = Symbol('albConnectionInfo');

/** ELB troubleshooting, HTTP 400: more than 16K in one header line, or 64K for the entire header (both protocols;
 * ELB quotas, "HTTP headers": request line 16K, single header 16K, entire request header 64K). */
const MAX_HEADER_LINE = 16 * 1024;
export const MAX_HEADER_TOTAL = 64 * 1024;

export interface HttpFrontDeps {
  config: AlbListenerConfig;
  groups: Map<string, TargetGroupRuntime>;
  agents: { http: http.Agent; https: https.Agent };
  requestLog: BoundedLog<RequestLogEntry>;
  /** Where each request and the rules it met are appended (JSON lines), when the listener has such a file. */
  requestLogFile?: RequestLogFile;
  /** Where WAF decisions are logged when the listener's load balancer has a web ACL. */
  wafLog?: WafLog;
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

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (!raw[i]!.startsWith(':')) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

/** Sends a response the ALB makes itself; a listener's response headers apply to these too ("all responses"). */
export function send(res: AnyResponse, response: AlbResponse, modification?: HeaderModification | null): void {
  if (res.headersSent || res.destroyed || !res.writable) return;
  const body = Buffer.from(response.body, 'utf8');
  res.statusCode = response.status;
  if (sendsServerHeader(modification)) res.setHeader('server', ALB_SERVER);
  res.setHeader('date', new Date().toUTCString());
  const headers = new Map(response.headers.map(([name, value]) => [name, [value]]));
  for (const [name, values] of applyResponseHeaders(headers, modification)) res.setHeader(name, values[0]!);
  res.setHeader('content-length', body.length);
  // HTTP/1.1: the ALB's reason phrases (its error pages' wording), an empty one for its own 460/463 rather than
  // node's "unknown". HTTP/2 has no reason phrase.
  if (!('stream' in res)) res.writeHead(response.status, statusLine(response.status));
  res.end(body);
}

/** The reason phrase of an ALB-made HTTP/1.1 response. */
function statusLine(status: number): string {
  return reasonPhrase(status) || STATUS_CODES[status] || '';
}

/** Every header as the request line and header lines would carry it ("name: value\r\n"), for the 64K limit. */
function headerBytes(raw: string[]): number {
  let total = 0;
  for (let i = 0; i + 1 < raw.length; i += 2) total += raw[i]!.length + raw[i + 1]!.length + 4;
  return total;
}

export function createRequestHandler(deps: HttpFrontDeps): (req: AnyRequest, res: AnyResponse) => void {
  const { config } = deps;
  const codec = new StickyCookieCodec();
  // Keyed by the action object: actions replaced by a live update take their pickers with them.
  const pickers = new WeakMap<RuleAction, WeightedPicker>();

  function chooseGroup(action: Extract<RuleAction, { type: 'forward' }>, cookies: Map<string, string>, now: number) {
    const sticky = action.groupStickiness?.enabled ? action.groupStickiness : null;
    const ids = new Set(action.targetGroups.map((t) => t.targetGroupId));
    if (sticky) {
      const pinned = codec.decode(cookies.get(COOKIE.group) ?? '', now);
      if (pinned && ids.has(pinned.g)) return { id: pinned.g, sticky };
    }
    let picker = pickers.get(action);
    if (!picker) {
      picker = new WeightedPicker();
      pickers.set(action, picker);
    }
    return { id: picker.pick(action.targetGroups), sticky };
  }

  function chooseTarget(
    group: TargetGroupRuntime,
    cookies: Map<string, string>,
    now: number,
    notes: string[],
  ): TargetRuntime | null {
    if (group.group.stickiness?.enabled) {
      const cookie = cookies.get(COOKIE.target);
      const pinned = cookie ? codec.decode(cookie, now) : null;
      // A cookie naming a deregistered or unhealthy target is ignored and replaced (ELB sticky sessions).
      const kept = pinned && pinned.g === group.group.id && pinned.t ? group.usable(pinned.t) : null;
      if (kept) return kept;
      if (cookie)
        notes.push(
          `${COOKIE.target} cookie not usable (not ours, expired, or its target is unhealthy): a new target was chosen`,
        );
    }
    if (!group.hasHealthy() && group.registered().length > 0) {
      notes.push(`no healthy target in ${group.group.id}: routed across all its targets (fail open)`);
    }
    return group.pick();
  }

  return (req, res) => {
    const answer = (response: AlbResponse) => send(res, response, config.headerModification);
    const info = (req.socket as unknown as Record<symbol, ConnectionInfo | undefined>)[CONNECTION_INFO];
    if (!info) {
      answer(errorResponse(400));
      return;
    }
    const raw = req.rawHeaders;
    const url = req.url ?? '/';
    // No Host (an HTTP/1.0 client): the ALB would use its own DNS name; ours is the listener address.
    const authority = (req.headers[':authority'] as string | undefined) || req.headers.host || config.host;
    const now = Date.now();
    const notes: string[] = [];
    const trace = nextTraceHeader(req.headers['x-amzn-trace-id'] as string | undefined, now);
    const entry: RequestLogEntry = {
      type: req.httpVersion === '2.0' ? 'h2' : info.protocol,
      time: new Date(now).toISOString(),
      client: `${info.clientIp}:${info.clientPort}`,
      target: '-',
      elb_status_code: 0,
      target_status_code: '-',
      request: `${req.method} ${info.protocol}://${hostWithoutPort(authority)}:${config.advertisedPort}${url} HTTP/${req.httpVersion}`,
      user_agent: (req.headers['user-agent'] as string | undefined) ?? '-',
      ssl_cipher: info.tlsCipher,
      ssl_protocol: info.tlsProtocol,
      target_group: '-',
      trace_id: trace,
      matched_rule_priority: 0,
      actions_executed: '-',
      redirect_url: '-',
      conn_trace_id: info.connTraceId,
      listener: config.name,
      notes: '',
    };
    let logged = false;
    let ruleChecks: RuleCheck[] = [];
    const logRequest = () => {
      if (logged) return;
      logged = true;
      entry.elb_status_code = res.statusCode;
      entry.notes = notes.join('; ');
      deps.requestLog.push(entry);
      deps.requestLogFile?.append(entry, ruleChecks);
    };
    // 'finish' comes before the client can have read the whole answer; 'close' covers aborted ones.
    res.once('finish', logRequest);
    res.once('close', logRequest);

    const modification = config.headerModification;
    const tlsInfo = config.tlsInfoHeaders === true && info.protocol === 'https';
    const tlsKx = config.tlsKxHeader === true && info.protocol === 'https';
    const albWritten = albWrittenHeaderNames(modification, { mutualTls: info.stripClientMtls, tlsInfo, tlsKx });
    const clientMtls = [] as string[];
    const clientCopies = [] as string[];
    for (let i = 0; i < raw.length; i += 2) {
      if (isMtlsHeaderName(raw[i]!)) clientMtls.push(raw[i]!);
      else if (albWritten.has(raw[i]!.toLowerCase())) clientCopies.push(raw[i]!);
    }
    if (clientCopies.length > 0)
      notes.push(
        `client sent ${clientCopies.join(', ')}: dropped, the ALB writes that name itself (assumed: header modification renames; AWS says nothing of client copies)`,
      );
    if (clientMtls.length > 0) {
      const handling = clientMtlsHeaderHandling(info.mode);
      notes.push(
        `client sent ${clientMtls.join(', ')}: ${handling.action === 'passed-through' ? 'forwarded unchanged' : "dropped; the target gets the ALB's own"} (inferred: ${handling.source})`,
      );
    }

    if (req.method === 'TRACE') return answer(errorResponse(405)); // ELB troubleshooting: HTTP 405
    // Assumed: AWS does not say; the ALB's TRACE answer, as nginx gives CONNECT and TRACE the same 405.
    if (req.method === 'CONNECT') {
      notes.push('CONNECT: answered 405 as TRACE is (inferred: AWS does not document CONNECT)');
      return answer(errorResponse(405));
    }
    for (let i = 1; i < raw.length; i += 2) {
      if (raw[i - 1]!.length + raw[i]!.length + 2 > MAX_HEADER_LINE) return answer(errorResponse(400));
    }
    // Over HTTP/1.1 node's parser already refuses more than 64K; over HTTP/2 the session passes up to 1 MiB on.
    if (headerBytes(raw) > MAX_HEADER_TOTAL) return answer(errorResponse(400));
    if (forwardedForCount(raw) > 30) return answer(errorResponse(463)); // ELB troubleshooting: HTTP 463

    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    // AWS WAF sees the request before the listener rules; a block is answered by the ALB, no target hears of it.
    // The access log records "waf" as an action (ELB "Access logs for your Application Load Balancer": actions taken).
    let wafAction = '';
    if (config.webAcl) {
      const wafRequest = {
        method: req.method ?? 'GET',
        uriPath: path,
        queryString: query,
        httpVersion: req.httpVersion,
        headers: pairs(raw),
        clientIp: info.clientIp,
      };
      const verdict = evaluateWebAcl(config.webAcl, wafRequest);
      deps.wafLog?.append(
        wafLogEntry(config.webAcl, verdict, wafRequest, { loadBalancer: config.name, requestId: trace, now }),
      );
      wafAction = 'waf';
      if (verdict.action === 'BLOCK') {
        entry.actions_executed = 'waf';
        notes.push(`AWS WAF blocked the request: rule ${verdict.terminatingRuleId}`);
        return answer(errorResponse(verdict.status ?? 403));
      }
    }

    const ruleRequest: RuleRequest = {
      method: req.method ?? 'GET',
      host: authority,
      path,
      query,
      headers: headerMap(raw),
      sourceIp: info.clientIp,
    };
    const { rule, actions, trace: evaluated } = evaluateRules(config.rules, config.defaultActions, ruleRequest);
    entry.matched_rule_priority = rule ? rule.priority : 0;
    ruleChecks = ruleChecksOf(config.rules, evaluated);
    // authenticate-* actions are not emulated (the compiler refuses them); the last action is the terminal one.
    const action = actions[actions.length - 1];
    if (!action) return answer(errorResponse(503));
    entry.actions_executed = wafAction ? `${wafAction},${action.type}` : action.type;

    if (action.type === 'fixed-response') return answer(fixedResponse(action));
    if (action.type === 'redirect') {
      const source = {
        protocol: info.protocol,
        host: hostWithoutPort(authority),
        port: config.advertisedPort,
        path,
        query,
      };
      entry.redirect_url = redirectLocation(action, source);
      return answer(redirectResponse(action, source));
    }

    // Rule transforms rewrite what the target gets, after routing (ELB "Transforms for listener rules").
    const transformed = applyTransforms(rule?.transforms, { host: authority, url });
    notes.push(...transformed.notes);
    if (!transformed.ok) return answer(errorResponse(transformed.status));

    const cookies = parseCookies(req.headers.cookie);
    const { id, sticky } = chooseGroup(action, cookies, now);
    const group = id ? deps.groups.get(id) : undefined;
    const target = group ? chooseTarget(group, cookies, now, notes) : null;
    entry.target_group = id ?? '-';
    if (!group || !target) return answer(errorResponse(503)); // ELB troubleshooting: no registered targets
    entry.target = target.key;

    const setCookies: string[] = [];
    if (sticky) {
      const expires = Math.floor(now / 1000) + sticky.durationSeconds;
      setCookies.push(
        ...stickyCookieHeaders(
          COOKIE.group,
          COOKIE.groupCors,
          codec.encode({ g: group.group.id, e: expires }),
          expires,
        ),
      );
    }
    if (group.group.stickiness?.enabled) {
      const expires = Math.floor(now / 1000) + group.group.stickiness.durationSeconds;
      const value = codec.encode({ g: group.group.id, t: target.key, e: expires });
      setCookies.push(...stickyCookieHeaders(COOKIE.target, COOKIE.targetCors, value, expires));
    }

    proxyRequest({
      req,
      res,
      target: { host: target.target.host, port: target.target.port, protocol: group.group.protocol },
      path: transformed.url === url ? undefined : transformed.url,
      headers: buildForwardHeaders({
        rawHeaders: raw,
        host: transformed.host,
        clientIp: info.clientIp,
        listenerProtocol: info.protocol,
        advertisedPort: config.advertisedPort,
        stripClientMtls: info.stripClientMtls,
        dropClientHeaders: albWritten,
        mtlsHeaders: [
          ...renameRequestHeaders(info.mtlsHeaders(), modification),
          ...(tlsInfo ? tlsInfoHeaders(info.tlsProtocol, info.tlsCipher, modification) : []),
          ...(tlsKx ? tlsKxHeaders(info.tlsKeyExchange) : []),
        ],
        traceHeader: trace,
      }),
      agents: deps.agents,
      setCookies,
      responseHeaders: modification ? (headers) => applyResponseHeaders(headers, modification) : undefined,
      onResponse: (status) => (entry.target_status_code = status),
      fail: (status, error) => {
        notes.push(`target ${target.key}: ${error.message}`);
        answer(errorResponse(status));
      },
    });
  };
}

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
