// What the ALB does with each HTTP request once the connection is up (HTTP/1.1 and HTTP/2 alike): the request stages
// (stages.ts: request checks → WAF → rules → transforms → action) on the request as the client sent it, then an
// answer the ALB makes itself (fixed-response, redirect, errors) or the forward to the chosen target. Every request
// leaves a request log entry. An unexpected exception anywhere on that path ends this one request only: 500, or 502
// when it came towards the target (sandbox/emulator/fault.ts), noted in its request log entry.
import { STATUS_CODES } from 'node:http';
import type http from 'node:http';
import type https from 'node:https';
import { faultFields, faultNote, faultStatus } from '../emulator/fault.js';
import type { AlbListenerConfig } from './config.js';
import { CONNECTION_INFO } from './connection-info.js';
import { type Exchange, openExchange } from './exchange.js';
import { buildForwardHeaders } from './forward-headers.js';
import {
  applyResponseHeaders,
  renameRequestHeaders,
  sendsServerHeader,
  tlsInfoHeaders,
  tlsKxHeaders,
} from './header-modification.js';
import type { HeaderModification } from '../model/header-modification.js';
import { type AnyRequest, type AnyResponse, proxyRequest } from './proxy.js';
import type { BoundedLog } from '../tls/bounded-log.js';
import type { RequestLogEntry, RequestLogFile } from './request-log.js';
import { ALB_SERVER, type AlbResponse, errorResponse, reasonPhrase } from './responses.js';
import { STAGES, type StageDeps } from './stages.js';
import { TargetChooser } from './target-choice.js';
import type { TargetGroupRuntime } from './targets.js';
import type { WafLog } from './waf-log.js';

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

/** Writes the exchange's request log entry once, when the response is done ('finish') or abandoned ('close'). */
function logWhenDone(x: Exchange, res: AnyResponse, deps: HttpFrontDeps): void {
  let logged = false;
  const logRequest = () => {
    if (logged) return;
    logged = true;
    x.entry.elb_status_code = res.statusCode;
    x.entry.notes = x.notes.join('; ');
    deps.requestLog.push(x.entry);
    deps.requestLogFile?.append(x.entry, x.ruleChecks);
  };
  // 'finish' comes before the client can have read the whole answer; 'close' covers aborted ones.
  res.once('finish', logRequest);
  res.once('close', logRequest);
}

/** The forward: the request, with the ALB's headers, to the target the action chose; its answer streamed back. */
function forward(x: Exchange, res: AnyResponse, deps: HttpFrontDeps, stages: StageDeps): void {
  const { group, target } = x.choice!;
  const transformed = x.transformed!;
  const modification = x.config.headerModification;
  const { info } = x;
  proxyRequest({
    req: x.req,
    res,
    target: { host: target.target.host, port: target.target.port, protocol: group.group.protocol },
    path: transformed.url === x.url ? undefined : transformed.url,
    headers: buildForwardHeaders({
      rawHeaders: x.raw,
      host: transformed.host,
      clientIp: info.clientIp,
      listenerProtocol: info.protocol,
      advertisedPort: x.config.advertisedPort,
      stripClientMtls: info.stripClientMtls,
      dropClientHeaders: x.albWritten,
      mtlsHeaders: [
        ...renameRequestHeaders(info.mtlsHeaders(), modification),
        ...(x.tlsInfo ? tlsInfoHeaders(info.tlsProtocol, info.tlsCipher, modification) : []),
        ...(x.tlsKx ? tlsKxHeaders(info.tlsKeyExchange) : []),
      ],
      traceHeader: x.trace,
    }),
    agents: deps.agents,
    setCookies: stages.chooser.stickyCookies(x.choice!, x.now),
    responseHeaders: modification ? (headers) => applyResponseHeaders(headers, modification) : undefined,
    onResponse: (status) => (x.entry.target_status_code = status),
    fail: (status, error) => {
      x.notes.push(`target ${target.key}: ${error.message}`);
      respond(x, res, errorResponse(status));
    },
    fault: (error) => failRequest(x, res, 'forward', error),
  });
}

/** Sends an answer the ALB makes; one its headers cannot be written with (a listener's or an action's invalid
 * header value) is the emulator's own failure: a bare 500 instead. */
function respond(x: Exchange, res: AnyResponse, response: AlbResponse): void {
  try {
    send(res, response, x.config.headerModification);
  } catch (error) {
    failRequest(x, res, 'response headers', error);
  }
}

/** The emulator failed on this request: noted in its entry, answered 500 (502 towards the target), nothing more. */
function failRequest(x: Exchange | null, res: AnyResponse, stage: string, error: unknown): void {
  if (x) {
    x.notes.push(faultNote(stage, error));
    Object.assign(x.entry, faultFields(stage, error));
  }
  try {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    send(res, errorResponse(faultStatus(stage)), null);
  } catch {
    res.destroy();
  }
}

export function createRequestHandler(deps: HttpFrontDeps): (req: AnyRequest, res: AnyResponse) => void {
  const { config } = deps;
  const stages: StageDeps = { groups: deps.groups, wafLog: deps.wafLog, chooser: new TargetChooser() };
  return (req, res) => {
    let x: Exchange | null = null;
    let at = 'request checks';
    try {
      const info = req.socket[CONNECTION_INFO];
      if (!info) {
        send(res, errorResponse(400), config.headerModification);
        return;
      }
      x = openExchange(req, info, config);
      logWhenDone(x, res, deps);
      for (const [name, stage] of STAGES) {
        at = name;
        const decision = stage(x, stages);
        if ('answer' in decision) return respond(x, res, decision.answer);
      }
      at = 'forward';
      forward(x, res, deps, stages);
    } catch (error) {
      failRequest(x, res, at, error);
    }
  };
}
