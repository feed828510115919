import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EchoTarget, startEchoTarget } from './echo-server.js';
import { freshState } from '../testing/suite.js';

let dir: string;
let echo: EchoTarget;

/** Sends a hand-written HTTP/1.1 request (so header case and duplicates are exactly ours) and returns the reply. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  dir = freshState('echo');
  echo = await startEchoTarget({ name: 'echo-1', logFile: join(dir, 'logs', 'echo-1.jsonl') });
});
afterAll(async () => {
  await echo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('echo target', () => {
  it('records requests with raw headers, duplicates visible, and echoes them as JSON', async () => {
    const reply = await rawRequest(
      echo.addresses[0]!.port,
      'GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Amzn-Mtls-Clientcert-Subject: CN=one\r\nx-amzn-mtls-clientcert-subject: CN=two\r\nConnection: close\r\n\r\n',
    );
    expect(reply).toMatch(/^HTTP\/1.1 200/);
    const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ target: 'echo-1', method: 'GET', url: '/a?b=1', remoteAddress: '127.0.0.1' });
    const record = echo.logs.requests().at(-1)!;
    expect(record.rawHeaders).toEqual([
      'Host',
      'x',
      'X-Amzn-Mtls-Clientcert-Subject',
      'CN=one',
      'x-amzn-mtls-clientcert-subject',
      'CN=two',
      'Connection',
      'close',
    ]);
    expect(record.remotePort).toBeGreaterThan(0);
  });

  it('answers health checks without recording them, but counts them', async () => {
    const before = echo.logs.requests().length;
    const reply = await rawRequest(
      echo.addresses[0]!.port,
      'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(reply).toMatch(/^HTTP\/1.1 200/);
    expect(reply.endsWith('ok')).toBe(true);
    expect(echo.logs.requests().length).toBe(before);
    expect(echo.logs.healthChecks()).toBe(1);
  });

  it('appends records to the log file as JSON lines', async () => {
    await rawRequest(
      echo.addresses[0]!.port,
      'POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc',
    );
    // Appended after the answer: poll (bounded) until the second line is there.
    const file = join(dir, 'logs', 'echo-1.jsonl');
    const read = () =>
      (existsSync(file) ? readFileSync(file, 'utf8') : '')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    for (const deadline = Date.now() + 10_000; read().length < 2 && Date.now() < deadline; )
      await new Promise((r) => setTimeout(r, 10));
    const lines = read();
    expect(lines.map((l) => l.url)).toEqual(['/a?b=1', '/p']);
    expect(lines[1].bodyBytes).toBe(3);
  });
});
