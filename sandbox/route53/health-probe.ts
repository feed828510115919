// One Route 53 health check against a local endpoint, as a Route 53 health checker would run it (evaluator.ts says
// which AWS rules apply). TCP: the connection must be established. HTTP(S): a 2xx/3xx status; HTTPS certificates
// are not validated, as Route 53 does not validate them.
//
// The sandbox-specific part: an NLB's TCP listener passes the TCP handshake through to a target, so a TCP check of
// an NLB with no target able to take the connection fails. HAProxy, standing in for the NLB, accepts the TCP
// connection itself and closes it at once when it cannot reach a target. So a connection that HAProxy closes within
// a short hold, without a byte, counts as "not established" — what the same check would see on AWS.
import { type Message, msg } from '../messages.js';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

export interface HealthProbeResult {
  passed: boolean;
  /** In words, e.g. "TCP connection established and held open" or "connection refused". */
  detail: Message;
  durationMs: number;
}

/** How long a TCP check keeps the connection to see whether the load balancer closes it at once. */
export const TCP_HOLD_MS = 150;

export function tcpCheck(
  host: string,
  port: number,
  connectTimeoutMs: number,
  holdMs = TCP_HOLD_MS,
): Promise<HealthProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const socket = net.connect({ host, port });
    const finish = (passed: boolean, detail: Message) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ passed, detail, durationMs: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(() => finish(false, msg('r53.tcp-timeout', { ms: connectTimeoutMs })), connectTimeoutMs);
    socket.on('error', (error: Error & { code?: string }) => finish(false, connectionProblem(error)));
    socket.on('connect', () => {
      clearTimeout(timer);
      const hold = setTimeout(() => finish(true, msg('r53.tcp-held')), holdMs);
      const closed = () => {
        clearTimeout(hold);
        finish(false, msg('r53.tcp-closed-at-once'));
      };
      socket.once('end', closed);
      socket.once('close', closed);
    });
  });
}

export function httpCheck(
  protocol: 'HTTP' | 'HTTPS',
  host: string,
  port: number,
  path: string,
  hostHeader: string,
  connectTimeoutMs: number,
  responseTimeoutMs: number,
): Promise<HealthProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (passed: boolean, detail: Message) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ passed, detail, durationMs: Math.round(performance.now() - started) });
    };
    const lib = protocol === 'HTTPS' ? https : http;
    const req = lib.request(
      {
        host,
        port,
        path,
        method: 'GET',
        agent: false,
        rejectUnauthorized: false,
        headers: {
          Host: hostHeader,
          'User-Agent': 'Amazon-Route53-Health-Check-Service (mtls-sandbox stand-in)',
          Connection: 'close',
        },
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        finish(status >= 200 && status < 400, msg('r53.http-status', { status }));
      },
    );
    let timer = setTimeout(() => finish(false, msg('r53.connect-timeout', { ms: connectTimeoutMs })), connectTimeoutMs);
    req.on('socket', (socket) =>
      socket.once(protocol === 'HTTPS' ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(false, msg('r53.http-timeout', { ms: responseTimeoutMs })), responseTimeoutMs);
      }),
    );
    req.on('error', (error: Error & { code?: string }) => finish(false, connectionProblem(error)));
    req.end();
  });
}

/** A refused connection in words; any other socket error as the system named it (its code). */
function connectionProblem(error: Error & { code?: string }): Message {
  return error.code === 'ECONNREFUSED'
    ? msg('r53.refused')
    : msg('r53.socket-error', { error: error.code ?? error.message });
}
