// One request on its way through an ALB listener: what the request stages (stages.ts) read — the request, its
// connection, the listener's configuration as the request meets it — and what they decide on the way, which the
// request log entry records (ELB access log field names).
import type { ListenerRule, RoutingAction } from '../model/topology.js';
import type { AlbListenerConfig } from './config.js';
import type { ConnectionInfo } from './connection-info.js';
import { albWrittenHeaderNames } from './header-modification.js';
import type { AnyRequest } from './proxy.js';
import type { RequestLogEntry, RuleCheck } from './request-log.js';
import { hostWithoutPort } from './rules.js';
import type { TargetChoice } from './target-choice.js';
import { nextTraceHeader } from './trace-id.js';

export interface Exchange {
  readonly req: AnyRequest;
  readonly info: ConnectionInfo;
  /** The listener's configuration (a live update replaces its fields: a request reads them as it goes). */
  readonly config: AlbListenerConfig;
  readonly raw: string[];
  /** path?query as the client sent it. */
  readonly url: string;
  readonly path: string;
  readonly query: string;
  /** The Host header (or :authority); without one (an HTTP/1.0 client) the listener's address, for the ALB would
   * use its own DNS name. */
  readonly authority: string;
  readonly trace: string;
  readonly now: number;
  /** Header names the ALB writes itself (with header modification, the renamed ones): a client's copies drop. */
  readonly albWritten: Set<string>;
  /** The load balancer adds X-Amzn-Tls-Version and X-Amzn-Tls-Cipher-Suite to this request. */
  readonly tlsInfo: boolean;
  /** The load balancer adds x-amzn-tls-kx (the negotiated key exchange group) to this request. */
  readonly tlsKx: boolean;
  /** The request log entry, filled in as the stages decide; written when the response is done. */
  readonly entry: RequestLogEntry;
  /** What the emulator inferred or could not do for this request (the entry's notes). */
  readonly notes: string[];
  /** The rules the request met, for the request log file. */
  ruleChecks: RuleCheck[];
  /** AWS WAF inspected the request (the access log's actions_executed then starts with "waf"). */
  wafInspected: boolean;
  /** The rule that matched (null: the default action) and the action that ends the request. */
  rule: ListenerRule | null;
  action: RoutingAction | null;
  /** Host and path?query the target gets, once the rule's transforms ran. */
  transformed: { host: string; url: string } | null;
  /** The target group and target a forward chose. */
  choice: TargetChoice | null;
}

/** A new exchange for a request on a connection the listener admitted. */
export function openExchange(req: AnyRequest, info: ConnectionInfo, config: AlbListenerConfig): Exchange {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const authority = (req.headers[':authority'] as string | undefined) || req.headers.host || config.host;
  const now = Date.now();
  const trace = nextTraceHeader(req.headers['x-amzn-trace-id'] as string | undefined, now);
  const tlsInfo = config.tlsInfoHeaders === true && info.protocol === 'https';
  const tlsKx = config.tlsKxHeader === true && info.protocol === 'https';
  return {
    req,
    info,
    config,
    raw: req.rawHeaders,
    url,
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? '' : url.slice(q + 1),
    authority,
    trace,
    now,
    albWritten: albWrittenHeaderNames(config.headerModification, { mutualTls: info.stripClientMtls, tlsInfo, tlsKx }),
    tlsInfo,
    tlsKx,
    entry: {
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
    },
    notes: [],
    ruleChecks: [],
    wafInspected: false,
    rule: null,
    action: null,
    transformed: null,
    choice: null,
  };
}
