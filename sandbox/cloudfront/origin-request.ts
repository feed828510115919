// One viewer request on its way to the distribution's custom origin and the origin's answer back: the headers its
// origin request policy forwards plus CloudFront's certificate headers (viewer-headers.ts), the body whole (no
// streaming to the origin), no caching. CloudFront answers 502 when it cannot reach the origin. An unexpected
// exception on the way answers this one request as the ALB answers its own failures (sandbox/emulator/fault.ts):
// 502 when it came towards the origin, 500 otherwise, logged on the viewer's connection.
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders, STATUS_CODES } from 'node:http';
import type http2 from 'node:http2';
import https from 'node:https';
import { faultStatus } from '../emulator/fault.js';
import type { AcceptedConnection } from '../tls/tls-front.js';
import type { ViewerMtlsDistributionConfig } from './config.js';
import { originRequestHeaders, viewerCertHeaders } from './viewer-headers.js';
import { HOP_BY_HOP_HEADERS } from '../emulator/hop-by-hop.js';

/** Response headers that belong to one hop (and HTTP/2 forbids). */
const HOP_BY_HOP = HOP_BY_HOP_HEADERS;

type ViewerRequest = http.IncomingMessage | http2.Http2ServerRequest;
type ViewerResponse = http.ServerResponse | http2.Http2ServerResponse;

/** Reads the viewer's request, sends it to the origin, and streams the origin's answer back. */
export function forwardToOrigin(
  config: ViewerMtlsDistributionConfig,
  accepted: AcceptedConnection,
  req: ViewerRequest,
  res: ViewerResponse,
): void {
  const failed = (stage: string) => (error: unknown) => failRequest(accepted, res, stage, error);
  let headers: OutgoingHttpHeaders;
  try {
    const certHeaders = viewerCertHeaders(config.mode, accepted.chain, accepted.leaf);
    headers = originRequestHeaders(
      req.headers as IncomingHttpHeaders,
      certHeaders,
      config.originRequestPolicy,
      config.origin.domainName,
    ).headers;
  } catch (error) {
    failed('origin request headers')(error);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('error', () => res.destroy());
  req.on('end', () => contain(() => sendToOrigin(config, req, res, headers, Buffer.concat(chunks)), failed('forward')));
}

function sendToOrigin(
  config: ViewerMtlsDistributionConfig,
  req: ViewerRequest,
  res: ViewerResponse,
  forwarded: OutgoingHttpHeaders,
  body: Buffer,
): void {
  const headers: OutgoingHttpHeaders = { ...forwarded };
  if (body.length > 0) headers['content-length'] = String(body.length);
  const request = originRequest(config, req, headers, (upstream) => {
    try {
      const out: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(upstream.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      res.writeHead(upstream.statusCode ?? 502, out);
    } catch {
      // An origin header node will not relay: CloudFront answers 502 for an invalid origin response.
      upstream.destroy();
      answer(res, 502, '502 Bad Gateway: the origin response could not be relayed\n');
      return;
    }
    upstream.pipe(res as NodeJS.WritableStream);
    upstream.on('error', () => res.destroy());
  });
  request.on('error', () => {
    // CloudFront answers 502 when it cannot reach the origin.
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('502 Bad Gateway: the origin could not be reached\n');
  });
  request.end(body);
}

function contain(run: () => void, onError: (error: unknown) => void): void {
  try {
    run();
  } catch (error) {
    onError(error);
  }
}

/** A plain-text answer of the emulator's own, unless the response has begun (then the stream ends). */
function answer(res: ViewerResponse, status: number, text: string): void {
  try {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(text);
  } catch {
    res.destroy();
  }
}

/** The emulator failed on this request: logged on the connection, answered 500 (502 towards the origin). */
function failRequest(accepted: AcceptedConnection, res: ViewerResponse, stage: string, error: unknown): void {
  try {
    accepted.logFault(stage, error);
  } catch {
    // the answer still goes out
  }
  const status = faultStatus(stage);
  answer(res, status, `${status} ${STATUS_CODES[status]}: the emulator failed on this request\n`);
}

function originRequest(
  config: ViewerMtlsDistributionConfig,
  req: ViewerRequest,
  headers: OutgoingHttpHeaders,
  onResponse: (upstream: http.IncomingMessage) => void,
): http.ClientRequest {
  const options = {
    host: config.origin.host,
    port: config.origin.port,
    method: req.method,
    path: req.url,
    headers,
    ...(config.origin.protocol === 'https'
      ? { rejectUnauthorized: false, servername: config.origin.domainName, ...originClientCertificate(config) }
      : {}),
  };
  return (config.origin.protocol === 'https' ? https : http).request(options, onResponse);
}

/** Origin mTLS: CloudFront "acts as the client and presents its client certificate"; it validates nothing of it. */
function originClientCertificate(config: ViewerMtlsDistributionConfig): { cert?: string; key?: string } {
  const pair = config.origin.clientCertificate;
  return pair ? { cert: pair.certPem, key: pair.keyPem } : {};
}
