// The echo target: the sandbox's stand-in for seed 004's header-logging Lambda. A plain HTTP/1.1 server that
// records every request exactly as it arrived (rawHeaders keep duplicates and case) and answers with what it saw.
// GET /health answers "ok" for load balancer health checks; those are counted, not recorded.
import { appendFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import { dirname } from 'node:path';
import { ServerBase } from '../emulator/server-base.js';
import { type RunningEmulator, takesNoUpdates } from '../emulator/shape.js';
import { BoundedLog } from '../tls/bounded-log.js';

export interface EchoRecord {
  time: string;
  target: string;
  method: string;
  url: string;
  httpVersion: string;
  remoteAddress: string;
  remotePort: number;
  /** Headers as node folds them (lower-case names; repeated headers joined or listed). */
  headers: Record<string, string | string[]>;
  /** Headers exactly as received, [name, value, name, value, ...]. */
  rawHeaders: string[];
  bodyBytes: number;
}

export interface EchoTargetOptions {
  name: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** When set, every record is also appended here as a JSON line, for other processes to read. */
  logFile?: string;
}

export interface EchoLogs {
  /** The most recent requests (10,000 are kept in memory; the log file has them all). */
  requests(): EchoRecord[];
  /** How many GET /health requests it answered. */
  healthChecks(): number;
}

/** A running echo target: the emulator shape (sandbox/emulator/shape.ts); it takes no live changes. */
export interface EchoTarget extends RunningEmulator<never, EchoLogs> {
  name: string;
}

export async function startEchoTarget(options: EchoTargetOptions): Promise<EchoTarget> {
  const host = options.host ?? '127.0.0.1';
  // Bounded, so an `up` left running for days does not grow without end.
  const records = new BoundedLog<EchoRecord>();
  let healthChecks = 0;
  let writes: Promise<void> = options.logFile
    ? mkdir(dirname(options.logFile), { recursive: true }).then(() => undefined)
    : Promise.resolve();
  const record = (entry: EchoRecord) => {
    records.push(entry);
    if (!options.logFile) return;
    const file = options.logFile;
    writes = writes.then(() => appendFile(file, `${JSON.stringify(entry)}\n`)).catch(() => undefined);
  };

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/health' || req.url?.startsWith('/health?'))) {
      healthChecks++;
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 }).end('ok');
      return;
    }
    echoRequest(options.name, req, res, record);
  });
  // Every header it is sent, as a Lambda would get them (node keeps only the first 2000 by default).
  server.maxHeadersCount = 0;
  // Longer than the ALB's 60 s idle timeout, as AWS recommends for targets, so reused connections stay valid.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const base = new ServerBase({
    what: `echo target ${options.name}`,
    connection: (socket) => server.emit('connection', socket),
  });
  base.whenClosing(() => server.closeAllConnections());
  base.whenClosed(() => writes);
  const address = await base.listen(host, options.port ?? 0);

  return {
    name: options.name,
    addresses: [address],
    logs: { requests: () => records.all(), healthChecks: () => healthChecks },
    ready: () => Promise.resolve(),
    apply: takesNoUpdates(`echo target ${options.name}`),
    close: () => base.close(),
  };
}

/** Records one request as it arrived and answers with what it saw. */
function echoRequest(
  name: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: (entry: EchoRecord) => void,
): void {
  let bodyBytes = 0;
  req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
  req.on('error', () => res.destroy());
  req.on('end', () => {
    const entry: EchoRecord = {
      time: new Date().toISOString(),
      target: name,
      method: req.method ?? '',
      url: req.url ?? '',
      httpVersion: req.httpVersion,
      remoteAddress: req.socket.remoteAddress ?? '',
      remotePort: req.socket.remotePort ?? 0,
      headers: req.headers as Record<string, string | string[]>,
      rawHeaders: req.rawHeaders,
      bodyBytes,
    };
    record(entry);
    const body = JSON.stringify({
      target: name,
      remoteAddress: entry.remoteAddress,
      method: entry.method,
      url: entry.url,
      headers: entry.headers,
      rawHeaders: entry.rawHeaders,
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
}
