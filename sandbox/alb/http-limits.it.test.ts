// The ALB's limits over HTTP/1.1 and HTTP/2 alike (issue 17, reproductions 6 and 7): header counts and sizes as the
// quotas page and the troubleshooting page give them, the ALB's own answers (reason phrase of 463, CONNECT), and no
// client-initiated renegotiation — each followed by a normal request that still succeeds.
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import { join } from 'node:path';
import tls from 'node:tls';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { Pki } from '../../certs/types.js';
import { type EchoTarget, startEchoTarget } from '../echo/echo-server.js';
import { type RunningAlb, startAlbListener } from './listener.js';
import { freshState } from '../testing/suite.js';

let pki: Pki;
let echo: EchoTarget;
let alb: RunningAlb;
const read = (file: string) => readFileSync(file, 'utf8');

beforeAll(async () => {
  const dir = freshState('mtls-alb-limits');
  pki = await ensurePki(join(dir, 'certs'));
  echo = await startEchoTarget({ name: 'echo-1' });
  alb = await startAlbListener({
    name: 'Limits HTTPS:443',
    host: '127.0.0.1',
    port: 0,
    advertisedPort: 443,
    protocol: 'HTTPS',
    certificatePem: read(pki.server.cert),
    privateKeyPem: read(pki.server.key),
    sslPolicy: null,
    mutualAuthentication: {
      mode: 'verify',
      trustStoreId: 'ts',
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
    },
    trustStore: { id: 'ts', caBundlePem: read(pki.ca.cert), crlPems: [] },
    rules: [],
    defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupId: 'tg', weight: 1 }], groupStickiness: null }],
    targetGroups: [
      {
        id: 'tg',
        protocol: 'HTTP',
        targets: [{ name: 'echo-1', ...echo.addresses[0]! }],
        healthCheck: {
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/health',
          intervalSeconds: 5,
          timeoutSeconds: 2,
          healthyThreshold: 2,
          unhealthyThreshold: 2,
          matcher: '200',
        },
        stickiness: null,
      },
    ],
    connectionLogFile: join(dir, 'connections.json'),
  });
  await alb.ready();
});

afterAll(async () => {
  await alb?.close();
  await echo?.close();
});

const url = () => `https://127.0.0.1:${alb.addresses[0]!.port}/`;
const clientA = () => ({ cert: read(pki.clients.clientA.cert), key: read(pki.clients.clientA.key) });

async function curl(args: string[]): Promise<{ status: string; statusLine: string; server: string; exitCode: number }> {
  const certs = ['--cert', pki.clients.clientA.cert, '--key', pki.clients.clientA.key];
  const r = await execa('curl', ['-sk', '-i', '--max-time', '10', ...certs, ...args, url()], { reject: false });
  const statusLine = r.stdout.split('\r\n')[0] ?? '';
  return {
    status: /^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1] ?? '000',
    statusLine,
    server: /^server: (.*)$/im.exec(r.stdout)?.[1]?.trim() ?? '',
    exitCode: r.exitCode ?? -1,
  };
}

interface H2Outcome {
  status: number | null;
  server: string | null;
  goaway: { code: number; lastStreamId: number } | null;
  /** How the TCP connection ended from the server: a FIN ('end') or a reset. */
  closedBy: 'fin' | 'reset' | 'open';
}

/** Requests over one HTTP/2 connection (node's client, allowed to send up to 1 MiB of headers), the last one's outcome. */
async function h2(requests: http2.OutgoingHttpHeaders[]): Promise<H2Outcome> {
  const socket = tls.connect({
    host: '127.0.0.1',
    port: alb.addresses[0]!.port,
    ALPNProtocols: ['h2'],
    rejectUnauthorized: false,
    ...clientA(),
  });
  const outcome: H2Outcome = { status: null, server: null, goaway: null, closedBy: 'open' };
  socket.on('end', () => (outcome.closedBy = 'fin'));
  socket.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'ECONNRESET') outcome.closedBy = 'reset';
  });
  const session = http2.connect(url(), {
    createConnection: () => socket,
    maxSendHeaderBlockLength: 1 << 20,
  });
  session.on('error', () => {});
  session.on('goaway', (code, lastStreamId) => (outcome.goaway = { code, lastStreamId }));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let lastAnswered = false;
  for (const headers of requests) {
    lastAnswered = false;
    await new Promise<void>((resolve) => {
      const stream = session.request({ ':path': '/', ...headers });
      stream.on('response', (h) => {
        lastAnswered = true;
        outcome.status = Number(h[':status']);
        outcome.server = String(h.server ?? '');
      });
      stream.on('error', () => {});
      stream.resume();
      stream.on('close', () => resolve());
      stream.end();
    });
  }
  // A GOAWAY, or a request with no answer, ends the connection: wait (bounded) for the server's end of it, which
  // says how it ended.
  if (outcome.goaway !== null || !lastAnswered) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
  }
  session.close();
  return outcome;
}

const headersOf = (count: number, size: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`x-h${i}`, 'v'.repeat(size)]));
const lastRequest = () => echo.logs.requests().at(-1)!;

describe('ALB header limits, HTTP/1.1 and HTTP/2 alike', () => {
  it('forwards 200 headers over both protocols', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ['-H', `x-h${i}: v`]).flat();
    expect((await curl(['--http1.1', ...many])).status).toBe('200');
    expect(Object.keys(lastRequest().headers).filter((name) => name.startsWith('x-h'))).toHaveLength(200);
    expect((await curl(['--http2', ...many])).status).toBe('200');
    expect(Object.keys(lastRequest().headers).filter((name) => name.startsWith('x-h'))).toHaveLength(200);
    expect((await h2([headersOf(1000, 1)])).status).toBe(200);
    expect(Object.keys(lastRequest().headers).filter((name) => name.startsWith('x-h'))).toHaveLength(1000);
  });

  it('a 10 KB header (under 8K compressed) is forwarded over HTTP/2, as over HTTP/1.1', async () => {
    expect((await curl(['--http1.1', '-H', `x-big: ${'a'.repeat(10_000)}`])).status).toBe('200');
    expect((await h2([{ 'x-big': 'a'.repeat(10_000) }])).status).toBe(200);
    expect(lastRequest().headers['x-big']).toHaveLength(10_000);
  });

  it('more than 64K of headers in all gets the ALB’s 400 over both protocols', async () => {
    const twelve = Array.from({ length: 12 }, (_, i) => ['-H', `x-t${i}: ${'b'.repeat(6000)}`]).flat();
    const h1 = await curl(['--http1.1', ...twelve]);
    expect([h1.status, h1.server]).toEqual(['400', 'awselb/2.0']);
    const outcome = await h2([headersOf(12, 6000)]);
    expect([outcome.status, outcome.server]).toEqual([400, 'awselb/2.0']);
    expect((await h2([{}])).status).toBe(200);
  });

  it('a 70 KB header: 400 over HTTP/1.1; over HTTP/2 a GOAWAY and a FIN (compressed over 8K)', async () => {
    const h1 = await curl(['--http1.1', '-H', `x-big: ${'a'.repeat(70_000)}`]);
    expect([h1.status, h1.server]).toEqual(['400', 'awselb/2.0']);
    const before = echo.logs.requests().length;
    const outcome = await h2([{}, {}, { 'x-big': 'a'.repeat(70_000) }]);
    expect(outcome.goaway).toEqual({ code: http2.constants.NGHTTP2_ENHANCE_YOUR_CALM, lastStreamId: 3 });
    expect(outcome.closedBy).toBe('fin');
    // The first two were answered; the third never reached the target.
    expect(echo.logs.requests().length).toBe(before + 2);
    expect((await h2([{}])).status).toBe(200);
  });
});

describe('ALB answers', () => {
  it('463 carries no made-up reason phrase', async () => {
    const xff = Array.from({ length: 31 }, (_, i) => `10.0.0.${i}`).join(', ');
    const r = await curl(['--http1.1', '-H', `X-Forwarded-For: ${xff}`]);
    expect(r.statusLine).toBe('HTTP/1.1 463 ');
    expect(r.server).toBe('awselb/2.0');
  });

  it('answers CONNECT with 405, over HTTP/1.1 and HTTP/2', async () => {
    const h1 = await curl(['--http1.1', '-X', 'CONNECT', '--request-target', 'example.com:443']);
    expect(h1.statusLine).toBe('HTTP/1.1 405 Not Allowed');
    expect(h1.server).toBe('awselb/2.0');
    const connect = await h2([{ ':method': 'CONNECT', ':authority': 'example.com:443', ':path': undefined }]);
    expect([connect.status, connect.server]).toEqual([405, 'awselb/2.0']);
    expect((await curl(['--http1.1'])).status).toBe('200');
  });

  it('refuses client-initiated renegotiation in verify mode (no_renegotiation), then serves new connections', async () => {
    const certs = ['-cert', pki.clients.clientA.cert, '-key', pki.clients.clientA.key];
    const client = execa(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${alb.addresses[0]!.port}`, '-tls1_2', ...certs],
      {
        reject: false,
        all: true,
        input: undefined,
      },
    );
    // R asks for a renegotiation once the handshake is done; stdin ends once the ALB has refused it.
    let said = '';
    let asked = false;
    client.all?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (!asked && /^---$/m.test(said) && said.includes('SSL-Session:')) {
        asked = true;
        client.stdin?.write('R\n');
      }
      if (asked && /no renegotiation|RENEGOTIATING[\s\S]*(error|alert)/i.test(said)) client.stdin?.end();
    });
    const bound = setTimeout(() => client.stdin?.end(), 30_000);
    const result = await client;
    clearTimeout(bound);
    expect(result.all).toContain('RENEGOTIATING');
    expect(result.all).toMatch(/no renegotiation/);
    expect((await curl(['--http1.1'])).status).toBe('200');
  });
});
