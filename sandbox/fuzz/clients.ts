// The clients of the hostile-input suite: raw TCP and TLS exchanges that never throw and never wait past their
// deadline, a real ClientHello to mutate, and the normal request (HTTP/1.1 or HTTP/2, with a client certificate) that
// must still succeed after each hostile one.
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

export interface Endpoint {
  host: string;
  port: number;
}

export interface ClientCredentials {
  cert: string;
  key: string;
}

/** A seeded pseudo-random source (mulberry32): the same seed, the same cases. */
export class Random {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }
  letters(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(97 + this.int(0, 25));
    return out;
  }
}

/** Connects, writes `chunks` (a pause between them), then reads until the server closes or `waitMs` passes. */
export function rawExchange(
  endpoint: Endpoint,
  chunks: Buffer[],
  options: { waitMs?: number; pauseMs?: number; end?: boolean } = {},
): Promise<Buffer> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const socket = net.connect(endpoint);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(received));
    };
    const timer = setTimeout(finish, options.waitMs ?? 2000);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (done) return;
        socket.write(chunk);
        if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      }
      if (options.end) socket.end();
    });
  });
}

/** A TLS connection with the client's certificate (ALPN as given), or null when the handshake does not finish. */
export function tlsConnect(
  endpoint: Endpoint,
  credentials: ClientCredentials | null,
  alpn: string[] = ['http/1.1'],
  timeoutMs = 5000,
): Promise<tls.TLSSocket | null> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      ...endpoint,
      ...(credentials ?? {}),
      rejectUnauthorized: false,
      ALPNProtocols: alpn,
      servername: 'localhost',
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(null);
    });
  });
}

/** Writes over TLS and reads until the server closes or `waitMs` passes; '' when no TLS connection came up. */
export async function tlsExchange(
  endpoint: Endpoint,
  credentials: ClientCredentials | null,
  chunks: (string | Buffer)[],
  waitMs = 3000,
): Promise<string> {
  const socket = await tlsConnect(endpoint, credentials);
  if (!socket) return '';
  return new Promise((resolve) => {
    let text = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text);
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', finish);
    socket.on('close', finish);
    for (const chunk of chunks) socket.write(chunk);
  });
}

/** Finishes a TLS handshake, then writes `bytes` on the TCP connection under it (not TLS records), and waits. */
export function tlsThenRaw(
  endpoint: Endpoint,
  credentials: ClientCredentials | null,
  bytes: Buffer,
  waitMs = 800,
): Promise<void> {
  return new Promise((resolve) => {
    const raw = net.connect(endpoint);
    const socket = tls.connect({
      socket: raw,
      ...(credentials ?? {}),
      rejectUnauthorized: false,
      servername: 'localhost',
    });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      raw.destroy();
      resolve();
    };
    const timer = setTimeout(finish, waitMs + 5000);
    socket.on('error', finish);
    raw.on('error', finish);
    raw.on('close', finish);
    socket.once('secureConnect', () => {
      raw.write(bytes);
      setTimeout(finish, waitMs);
    });
  });
}

let capturedHello: Promise<Buffer> | null = null;

/** The first TLS record a real client (node, ALPN h2 and http/1.1, SNI localhost) sends: a ClientHello to mutate. */
export function realClientHello(): Promise<Buffer> {
  capturedHello ??= new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        if (buffer.length >= 5 && buffer.length >= 5 + buffer.readUInt16BE(3)) {
          resolve(buffer.subarray(0, 5 + buffer.readUInt16BE(3)));
          socket.destroy();
          server.close();
        }
      });
      socket.on('error', () => {});
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      const client = tls.connect({
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        ALPNProtocols: ['h2', 'http/1.1'],
      });
      client.on('error', () => {});
    });
  });
  return capturedHello;
}

export interface Outcome {
  status: number | null;
  /** Why there was no status (connection reset, timeout…). */
  error: string | null;
}

/** The normal request: GET with the client certificate over a new HTTP/1.1 connection. */
export function normalH1(
  endpoint: Endpoint,
  credentials: ClientCredentials | null,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = https.request(
      {
        ...endpoint,
        ...(credentials ?? {}),
        path: '/',
        method: 'GET',
        headers: { host: 'localhost', ...headers },
        rejectUnauthorized: false,
        agent: false,
        servername: 'localhost',
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? null, error: null }));
        response.on('error', (error) => resolve({ status: null, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ status: null, error: error.message }));
    request.end();
  });
}

/** The normal request over a new HTTP/2 connection. */
export function normalH2(
  endpoint: Endpoint,
  credentials: ClientCredentials | null,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const session = http2.connect(`https://localhost:${endpoint.port}`, {
      createConnection: () =>
        tls.connect({
          ...endpoint,
          ...(credentials ?? {}),
          rejectUnauthorized: false,
          ALPNProtocols: ['h2'],
          servername: 'localhost',
        }),
    });
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ status: null, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    session.on('error', (error) => done({ status: null, error: error.message }));
    const stream = session.request({ ':path': '/', ...headers });
    stream.on('response', (h) => {
      const status = Number(h[':status']);
      stream.resume();
      stream.on('end', () => done({ status, error: null }));
    });
    stream.on('error', (error) => done({ status: null, error: error.message }));
    stream.end();
  });
}

/** An HTTP/2 request with whatever headers (the client allowed to send up to 1 MiB of them); never throws. */
export function h2Request(
  endpoint: Endpoint,
  credentials: ClientCredentials | null,
  headers: http2.OutgoingHttpHeaders,
  timeoutMs = 5000,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    let session: http2.ClientHttp2Session;
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session?.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ status: null, error: 'timeout' }), timeoutMs);
    try {
      session = http2.connect(`https://localhost:${endpoint.port}`, {
        maxSendHeaderBlockLength: 1 << 20,
        createConnection: () =>
          tls.connect({
            ...endpoint,
            ...(credentials ?? {}),
            rejectUnauthorized: false,
            ALPNProtocols: ['h2'],
            servername: 'localhost',
          }),
      });
      session.on('error', (error) => done({ status: null, error: error.message }));
      session.on('goaway', (code) => done({ status: null, error: `GOAWAY ${code}` }));
      const stream = session.request(headers);
      stream.on('response', (h) => {
        const status = Number(h[':status']);
        stream.resume();
        stream.on('end', () => done({ status, error: null }));
      });
      stream.on('error', (error) => done({ status: null, error: error.message }));
      stream.end();
    } catch (error) {
      done({ status: null, error: (error as Error).message });
    }
  });
}
