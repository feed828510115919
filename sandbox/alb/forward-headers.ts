// The request headers a target receives from the ALB. Pure.
// Sources: ELB "HTTP headers and Application Load Balancers" (X-Forwarded-For append mode, the default;
// X-Forwarded-Proto; X-Forwarded-Port), ELB "Request tracing" (X-Amzn-Trace-Id), ELB "Application Load Balancers":
// host header preservation off by default (ports 80/443: the port is removed from Host; other ports: the
// listener port is appended), ELB "Mutual authentication with TLS" (X-Amzn-Mtls-* headers).
import { parseIp } from '../model/cidr.js';
import { isMtlsHeaderName } from './mtls-headers.js';
import { nextTraceHeader } from './trace-id.js';
import { HOP_BY_HOP_HEADERS } from '../emulator/hop-by-hop.js';

/** Hop-by-hop headers and HTTP/2 connection headers: never forwarded. */
const HOP_BY_HOP = HOP_BY_HOP_HEADERS;

/** Headers the ALB writes itself. */
const REWRITTEN = new Set(['host', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'x-amzn-trace-id']);

export interface ForwardInput {
  /** The request's raw headers as received, flat [name, value, ...] (HTTP/2 pseudo-headers are skipped). */
  rawHeaders: string[];
  /** Host (or :authority) as the client sent it. */
  host: string;
  clientIp: string;
  listenerProtocol: 'http' | 'https';
  /** The listener port the client believes it connected to. */
  advertisedPort: number;
  /** Drop X-Amzn-Mtls-* the client sent (passthrough and verify modes; see clientMtlsHeaderHandling). */
  stripClientMtls: boolean;
  /** Other client-sent headers the ALB drops because it writes them itself (lower case; header modification). */
  dropClientHeaders?: Set<string>;
  /** The ALB's own headers from the handshake (X-Amzn-Mtls-*, X-Amzn-Tls-*, or their new names), in order. */
  mtlsHeaders: [string, string][];
  /** The X-Amzn-Trace-Id to send, when the caller already made it (else made here from the client's). */
  traceHeader?: string;
  nowMs?: number;
}

/** An address as it appears in X-Forwarded-For: IPv4-mapped IPv6 peers written as IPv4. */
export function forwardedAddress(address: string): string {
  const parsed = parseIp(address);
  return parsed?.family === 4 ? Array.from(parsed.bytes).join('.') : address;
}

/** Host for the target with the sandbox's local port replaced by the advertised one (inferred: the local port is
 * an artefact of running on 127.0.0.1). */
export function forwardedHost(host: string, advertisedPort: number): string {
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d*)?$/.exec(host.trim());
  const name = m ? m[1]! : host.trim();
  return advertisedPort === 80 || advertisedPort === 443 ? name : `${name}:${advertisedPort}`;
}

/** Counts the addresses in the X-Forwarded-For headers (more than 30 → HTTP 463 per the troubleshooting docs). */
export function forwardedForCount(rawHeaders: string[]): number {
  let n = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'x-forwarded-for')
      n += rawHeaders[i + 1]!.split(',').filter((s) => s.trim() !== '').length;
  }
  return n;
}

/** The headers for the target, flat [name, value, ...] like rawHeaders (duplicates kept, order kept). */
export function buildForwardHeaders(input: ForwardInput): string[] {
  const raw = input.rawHeaders;
  const connectionTokens = new Set<string>();
  const xff: string[] = [];
  let trace: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (name === 'connection') for (const t of raw[i + 1]!.split(',')) connectionTokens.add(t.trim().toLowerCase());
    else if (name === 'x-forwarded-for') xff.push(raw[i + 1]!.trim());
    else if (name === 'x-amzn-trace-id' && trace === undefined) trace = raw[i + 1]!;
  }
  const out: string[] = ['Host', forwardedHost(input.host, input.advertisedPort)];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (lower.startsWith(':') || HOP_BY_HOP.has(lower) || REWRITTEN.has(lower) || connectionTokens.has(lower)) continue;
    if (input.stripClientMtls && isMtlsHeaderName(lower)) continue;
    if (input.dropClientHeaders?.has(lower)) continue;
    out.push(name, raw[i + 1]!);
  }
  const client = forwardedAddress(input.clientIp);
  out.push('X-Forwarded-For', [...xff.filter((v) => v !== ''), client].join(', '));
  out.push('X-Forwarded-Proto', input.listenerProtocol);
  out.push('X-Forwarded-Port', String(input.advertisedPort));
  out.push('X-Amzn-Trace-Id', input.traceHeader ?? nextTraceHeader(trace, input.nowMs));
  for (const [name, value] of input.mtlsHeaders) out.push(name, value);
  return out;
}
