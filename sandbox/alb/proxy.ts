// Sends one request to a target over HTTP/1.1 (ALBs talk HTTP/1.1 to targets unless the target group's protocol
// version says otherwise) and streams the answer back. Failures become the ALB's own errors (ELB troubleshooting:
// 502 when the target refuses, resets or answers garbage; 504 when it cannot be reached within 10 seconds or stays
// silent past the idle timeout).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import https from 'node:https';
import { HOP_BY_HOP_HEADERS } from '../emulator/hop-by-hop.js';

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;

/** Response headers never passed back (hop-by-hop, and forbidden on HTTP/2 responses). */
const DROP_RESPONSE = HOP_BY_HOP_HEADERS;

export const CONNECT_TIMEOUT_MS = 10_000;
/** The ALB's default idle timeout (idle_timeout.timeout_seconds = 60). */
export const IDLE_TIMEOUT_MS = 60_000;

export interface ProxyOptions {
  req: AnyRequest;
  res: AnyResponse;
  target: { host: string; port: number; protocol: 'HTTP' | 'HTTPS' };
  /** Request headers for the target, flat like rawHeaders. */
  headers: string[];
  /** path?query for the target when a rule transform rewrote it; the client's otherwise. */
  path?: string;
  agents: { http: http.Agent; https: https.Agent };
  /** Set-Cookie values the ALB adds (stickiness). */
  setCookies: string[];
  /** Rewrites the target's response headers before they are sent (the listener's response header modification). */
  responseHeaders?: (headers: Map<string, string[]>) => Map<string, string[]>;
  /** Told the target's status once its response head arrives. */
  onResponse?: (status: number) => void;
  /** Called instead of answering when nothing was sent yet: the ALB answers with this status. */
  fail: (status: 502 | 504, error: Error) => void;
  /** Called when relaying the target's answer threw unexpectedly (the emulator's own failure, not the target's). */
  fault: (error: unknown) => void;
}

export function proxyRequest(o: ProxyOptions): void {
  const { req, res, target } = o;
  const lib = target.protocol === 'HTTPS' ? https : http;
  let answered = false;
  const upstream = lib.request({
    host: target.host,
    port: target.port,
    method: req.method,
    path: o.path ?? req.url,
    headers: o.headers,
    setHost: false,
    agent: target.protocol === 'HTTPS' ? o.agents.https : o.agents.http,
    rejectUnauthorized: false, // ALBs do not validate target certificates
  });

  let timedOut = false;
  const connectTimer = setTimeout(() => {
    timedOut = true;
    upstream.destroy(new Error(`no connection to ${target.host}:${target.port} within ${CONNECT_TIMEOUT_MS} ms`));
  }, CONNECT_TIMEOUT_MS);
  connectTimer.unref();
  upstream.on('socket', (socket) => {
    if (!socket.connecting) clearTimeout(connectTimer);
    else socket.once('connect', () => clearTimeout(connectTimer));
  });
  upstream.setTimeout(IDLE_TIMEOUT_MS, () => {
    timedOut = true;
    upstream.destroy(new Error(`target idle for ${IDLE_TIMEOUT_MS} ms`));
  });

  upstream.on('response', (up) => {
    clearTimeout(connectTimer);
    answered = true;
    try {
      // A response that could not be relayed has not answered the client: an error after it may still.
      if (!relayResponse(up, o)) answered = false;
    } catch (error) {
      up.destroy();
      o.fault(error);
    }
  });

  upstream.on('error', (err) => {
    clearTimeout(connectTimer);
    if (!answered && !res.headersSent) o.fail(timedOut ? 504 : 502, err);
    else res.destroy();
  });

  res.on('close', () => {
    clearTimeout(connectTimer);
    if (!upstream.destroyed && !res.writableFinished) upstream.destroy();
  });
  // A client that resets its stream or connection mid-request must not become an unhandled error.
  req.on('error', () => upstream.destroy());
  res.on('error', () => upstream.destroy());
  (req as NodeJS.ReadableStream).pipe(upstream);
}

/** The target's status and headers (hop-by-hop ones dropped, the ALB's cookies and header modification applied),
 * then its body streamed to the client. False when the target's headers could not be relayed (answered 502). */
function relayResponse(up: IncomingMessage, o: ProxyOptions): boolean {
  const { res } = o;
  o.onResponse?.(up.statusCode ?? 0);
  const headers = new Map<string, string[]>();
  const raw = up.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (DROP_RESPONSE.has(name.toLowerCase())) continue;
    const list = headers.get(name) ?? [];
    list.push(raw[i + 1]!);
    headers.set(name, list);
  }
  if (o.setCookies.length > 0) {
    const existing = [...headers.keys()].find((k) => k.toLowerCase() === 'set-cookie');
    const key = existing ?? 'Set-Cookie';
    headers.set(key, [...(headers.get(key) ?? []), ...o.setCookies]);
  }
  const final = o.responseHeaders ? o.responseHeaders(headers) : headers;
  try {
    res.statusCode = up.statusCode ?? 502;
    for (const [name, values] of final) res.setHeader(name, values.length === 1 ? values[0]! : values);
  } catch (err) {
    // A target header node refuses to relay (e.g. invalid characters): the ALB would call the response malformed.
    up.destroy();
    o.fail(502, err as Error);
    return false;
  }
  (up as NodeJS.ReadableStream).pipe(res as NodeJS.WritableStream);
  up.on('error', () => res.destroy());
  up.on('aborted', () => res.destroy());
  return true;
}
