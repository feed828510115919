// What the ALB does with each HTTP request once the connection is up (HTTP/1.1 and HTTP/2 alike): checks the
// request, evaluates the listener rules on the request as the client sent it, and answers itself (fixed-response,
// redirect, errors) or forwards to a target.
import type http from 'node:http';
import type https from 'node:https';
import type { RuleAction } from '../model/topology.js';
import type { AlbListenerConfig } from './config.js';
import { buildForwardHeaders, forwardedForCount } from './forward-headers.js';
import { type AnyRequest, type AnyResponse, proxyRequest } from './proxy.js';
import { ALB_SERVER, type AlbResponse, errorResponse, fixedResponse, redirectResponse } from './responses.js';
import { evaluateRules, hostWithoutPort, type RuleRequest } from './rules.js';
import { COOKIE, parseCookies, StickyCookieCodec, stickyCookieHeaders } from './stickiness.js';
import { type TargetGroupRuntime, type TargetRuntime, WeightedPicker } from './targets.js';

/** What the TLS layer learnt about a connection, read by every request on it. */
export interface ConnectionInfo {
  clientIp: string;
  clientPort: number;
  protocol: 'http' | 'https';
  /** X-Amzn-Mtls-* headers the ALB adds for this connection, computed once at the handshake. */
  mtlsHeaders: [string, string][];
  stripClientMtls: boolean;
}

export const CONNECTION_INFO = Symbol('albConnectionInfo');

/** ELB troubleshooting, HTTP 400: more than 16K in one header line. */
const MAX_HEADER_LINE = 16 * 1024;

export interface HttpFrontDeps {
  config: AlbListenerConfig;
  groups: Map<string, TargetGroupRuntime>;
  agents: { http: http.Agent; https: https.Agent };
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

export function send(res: AnyResponse, response: AlbResponse, extraHeaders: [string, string][] = []): void {
  if (res.headersSent || res.destroyed || !res.writable) return;
  const body = Buffer.from(response.body, 'utf8');
  res.statusCode = response.status;
  res.setHeader('server', ALB_SERVER);
  res.setHeader('date', new Date().toUTCString());
  for (const [name, value] of [...response.headers, ...extraHeaders]) res.setHeader(name, value);
  res.setHeader('content-length', body.length);
  res.end(body);
}

export function createRequestHandler(deps: HttpFrontDeps): (req: AnyRequest, res: AnyResponse) => void {
  const { config } = deps;
  const codec = new StickyCookieCodec();
  const pickers = new Map<RuleAction, WeightedPicker>();

  function chooseGroup(action: Extract<RuleAction, { type: 'forward' }>, cookies: Map<string, string>, now: number) {
    const sticky = action.groupStickiness?.enabled ? action.groupStickiness : null;
    const ids = new Set(action.targetGroups.map((t) => t.targetGroupId));
    if (sticky) {
      const pinned = codec.decode(cookies.get(COOKIE.group) ?? '', now);
      if (pinned && ids.has(pinned.g)) return { id: pinned.g, sticky };
    }
    let picker = pickers.get(action);
    if (!picker) pickers.set(action, (picker = new WeightedPicker()));
    return { id: picker.pick(action.targetGroups), sticky };
  }

  function chooseTarget(group: TargetGroupRuntime, cookies: Map<string, string>, now: number): TargetRuntime | null {
    if (group.group.stickiness?.enabled) {
      const pinned = codec.decode(cookies.get(COOKIE.target) ?? '', now);
      // A cookie naming a deregistered or unhealthy target is ignored and replaced (ELB sticky sessions).
      const kept = pinned && pinned.g === group.group.id && pinned.t ? group.usable(pinned.t) : null;
      if (kept) return kept;
    }
    return group.pick();
  }

  return (req, res) => {
    const info = (req.socket as unknown as Record<symbol, ConnectionInfo | undefined>)[CONNECTION_INFO];
    if (!info) {
      send(res, errorResponse(400));
      return;
    }
    const raw = req.rawHeaders;
    if (req.method === 'TRACE') return send(res, errorResponse(405)); // ELB troubleshooting: HTTP 405
    for (let i = 1; i < raw.length; i += 2) {
      if (raw[i - 1]!.length + raw[i]!.length + 2 > MAX_HEADER_LINE) return send(res, errorResponse(400));
    }
    if (forwardedForCount(raw) > 30) return send(res, errorResponse(463)); // ELB troubleshooting: HTTP 463

    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    const authority = (req.headers[':authority'] as string | undefined) ?? req.headers.host ?? '';
    const ruleRequest: RuleRequest = {
      method: req.method ?? 'GET',
      host: authority,
      path,
      query,
      headers: headerMap(raw),
      sourceIp: info.clientIp,
    };
    const { actions } = evaluateRules(config.rules, config.defaultActions, ruleRequest);
    // authenticate-* actions are not emulated (the compiler refuses them); the last action is the terminal one.
    const action = actions[actions.length - 1];
    if (!action) return send(res, errorResponse(503));

    if (action.type === 'fixed-response') return send(res, fixedResponse(action));
    if (action.type === 'redirect') {
      return send(
        res,
        redirectResponse(action, { protocol: info.protocol, host: hostWithoutPort(authority), port: config.advertisedPort, path, query }),
      );
    }

    const now = Date.now();
    const cookies = parseCookies(req.headers.cookie);
    const { id, sticky } = chooseGroup(action, cookies, now);
    const group = id ? deps.groups.get(id) : undefined;
    const target = group ? chooseTarget(group, cookies, now) : null;
    if (!group || !target) return send(res, errorResponse(503)); // ELB troubleshooting: no registered targets

    const setCookies: string[] = [];
    if (sticky) {
      const expires = Math.floor(now / 1000) + sticky.durationSeconds;
      setCookies.push(...stickyCookieHeaders(COOKIE.group, COOKIE.groupCors, codec.encode({ g: group.group.id, e: expires }), expires));
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
      headers: buildForwardHeaders({
        rawHeaders: raw,
        host: authority,
        clientIp: info.clientIp,
        listenerProtocol: info.protocol,
        advertisedPort: config.advertisedPort,
        stripClientMtls: info.stripClientMtls,
        mtlsHeaders: info.mtlsHeaders,
        nowMs: now,
      }),
      agents: deps.agents,
      setCookies,
      fail: (status) => send(res, errorResponse(status)),
    });
  };
}
