// One viewer request on its way to the distribution's custom origin and the origin's answer back: the headers its
// origin request policy forwards plus CloudFront's certificate headers (viewer-headers.ts), the body whole (no
// streaming to the origin), no caching. CloudFront answers 502 when it cannot reach the origin.
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import type http2 from 'node:http2';
import https from 'node:https';
import type { AcceptedConnection } from '../tls/tls-front.js';
import type { ViewerMtlsDistributionConfig } from './distribution.js';
import { originRequestHeaders, viewerCertHeaders } from './viewer-headers.js';

/** Response headers that belong to one hop (and HTTP/2 forbids). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

type ViewerRequest = http.IncomingMessage | http2.Http2ServerRequest;
type ViewerResponse = http.ServerResponse | http2.Http2ServerResponse;

/** Reads the viewer's request, sends it to the origin, and streams the origin's answer back. */
export function forwardToOrigin(
  config: ViewerMtlsDistributionConfig,
  accepted: AcceptedConnection,
  req: ViewerRequest,
  res: ViewerResponse,
): void {
  const certHeaders = viewerCertHeaders(config.mode, accepted.chain, accepted.leaf);
  const forwarded = originRequestHeaders(
    req.headers as IncomingHttpHeaders,
    certHeaders,
    config.originRequestPolicy,
    config.origin.domainName,
  );
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers: OutgoingHttpHeaders = { ...forwarded.headers };
    if (body.length > 0) headers['content-length'] = String(body.length);
    const request = originRequest(config, req, headers, (upstream) => {
      const out: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(upstream.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      res.writeHead(upstream.statusCode ?? 502, out);
      upstream.pipe(res as NodeJS.WritableStream);
    });
    request.on('error', () => {
      // CloudFront answers 502 when it cannot reach the origin.
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('502 Bad Gateway: the origin could not be reached\n');
    });
    request.end(body);
  });
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
    ...(config.origin.protocol === 'https' ? { rejectUnauthorized: false, servername: config.origin.domainName } : {}),
  };
  return (config.origin.protocol === 'https' ? https : http).request(options, onResponse);
}
