// The HTTP servers an ALB listener hands its connections to: node's HTTP/1.1 parser and its HTTP/2 session, each
// with the ALB's limits and its own answers where the parser gives up. An HTTPS connection goes to one or the other
// by the protocol ALPN chose; on HTTP/2 the header guard (h2-header-guard.ts) reads every header block first.
import http from 'node:http';
import http2 from 'node:http2';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { CONNECTION_INFO } from './connection-info.js';
import { H2_MAX_HEADER_BLOCK, H2HeaderGuard } from './h2-header-guard.js';
import { MAX_HEADER_TOTAL } from './stages.js';
import type { AnyRequest, AnyResponse } from './proxy.js';
import { IDLE_TIMEOUT_MS } from './proxy.js';
import { ALB_SERVER, errorPage, reasonPhrase } from './responses.js';

type Handler = (req: AnyRequest, res: AnyResponse) => void;

/** ALB-made error on a connection the HTTP parser gave up on (it has no response object). */
function rawErrorResponse(status: number): string {
  const body = errorPage(status);
  return (
    `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\nServer: ${ALB_SERVER}\r\nDate: ${new Date().toUTCString()}\r\n` +
    `Content-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** Parser errors → status. ELB troubleshooting: 400 for malformed requests and headers over 16K/64K (where node
 * would say 431), 501 for an unsupported Transfer-Encoding. A request with both Content-Length and
 * Transfer-Encoding is refused with 400 and the connection closed, which is what the ALB's "strictest" desync
 * mode does; its default "defensive" mode would forward it and then close both connections (ELB "Application Load
 * Balancers", desync mitigation mode: BothTeClPresent is Ambiguous). */
function parserErrorStatus(err: Error & { code?: string }): number {
  if (err.code === 'HPE_INVALID_TRANSFER_ENCODING' && !/Content-Length/i.test(err.message)) return 501;
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** The HTTP/1.1 server every HTTP/1.x connection of the listener is emitted into. */
export function createHttp1Server(handler: Handler): http.Server {
  const h1 = http.createServer({ maxHeaderSize: MAX_HEADER_TOTAL }, handler);
  // Every header up to the 64K limit reaches the rules and the target, as over HTTP/2 (node drops those past 2000).
  h1.maxHeadersCount = 0;
  h1.keepAliveTimeout = IDLE_TIMEOUT_MS;
  h1.headersTimeout = IDLE_TIMEOUT_MS + 1000;
  h1.requestTimeout = 0;
  h1.on('clientError', (err: Error & { code?: string }, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(rawErrorResponse(parserErrorStatus(err)));
  });
  // CONNECT gets the ALB's answer like any other request (the handler's 405), not a closed connection.
  h1.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    const res = new http.ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    res.once('finish', () => {
      res.detachSocket(socket);
      socket.end();
    });
    handler(req, res);
  });
  return h1;
}

/**
 * Where an established HTTPS connection goes: HTTP/2 when ALPN chose h2, HTTP/1.1 otherwise. ALBs take up to 128
 * parallel requests on one HTTP/2 connection (ELB "Listeners": HTTP/2). The header limits are the ALB's, as over
 * HTTP/1.1 (the handler answers 400 past 16K for one header or 64K in all): node's session lets up to 1 MiB of
 * headers through, and H2HeaderGuard ends the connection for a field over 8K compressed.
 */
export function createTlsDispatch(
  handler: Handler,
  h1: http.Server,
  track: (session: http2.ServerHttp2Session) => void,
): (socket: TLSSocket) => void {
  const h2 = http2.createSecureServer(
    {
      settings: { maxConcurrentStreams: 128, maxHeaderListSize: H2_MAX_HEADER_BLOCK },
      maxHeaderListPairs: 32 * 1024,
    },
    handler,
  );
  h2.on('connect', handler);
  const sessionOf = new WeakMap<H2HeaderGuard, http2.ServerHttp2Session>();
  /** The connection being handed to the HTTP/2 server: its 'session' event comes synchronously, during the emit. */
  let arriving: { guard: H2HeaderGuard; socket: TLSSocket } | null = null;
  h2.on('session', (session) => {
    track(session);
    if (!arriving) return;
    sessionOf.set(arriving.guard, session);
    // The session reads its socket through a wrapper of the guard: the connection's facts go on that wrapper.
    const info = arriving.socket[CONNECTION_INFO];
    if (info) session.socket[CONNECTION_INFO] = info;
  });
  return (socket) => {
    if (socket.alpnProtocol !== 'h2') {
      h1.emit('connection', socket);
      return;
    }
    const guard = new H2HeaderGuard(socket, (violation) => {
      // ELB troubleshooting, response code 000: GOAWAY, then the connection closes with a FIN.
      const session = sessionOf.get(guard);
      if (!session || session.destroyed) return guard.destroy();
      session.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM, violation.lastStreamId);
      // Once the GOAWAY is on its way, the connection ends: close_notify and a FIN.
      setImmediate(() => guard.end());
    });
    guard.on('error', () => {});
    arriving = { guard, socket };
    try {
      h2.emit('secureConnection', guard);
    } finally {
      arriving = null;
    }
  };
}
