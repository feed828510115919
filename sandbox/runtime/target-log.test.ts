// A probe's target observation is its own request's, not a health check the load balancer sent meanwhile; requests
// sent side by side are told apart by the id they carry.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TargetObservation } from '../report.js';
import { nginxConnectionOf, nginxErrorNote, parseNginxLine } from './nginx-target.js';
import { logOffsets, observationsSince, RequestIdTail, type TargetHandle } from './target-log.js';

const dir = mkdtempSync(join(tmpdir(), 'mtls-target-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (headers: Record<string, string>): string =>
  `${JSON.stringify({ name: 'echo-1', remoteAddress: '127.0.0.1', receivedHeaders: headers, details: {} })}\n`;

function target(): TargetHandle {
  const logFile = join(dir, `${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(logFile, '');
  return { name: 'echo-1', kind: 'echo', logFile, parse: (text) => JSON.parse(text) as TargetObservation };
}

const HEALTH = { 'user-agent': 'ELB-HealthChecker/2.0', accept: '*/*' };
const PROBE = { 'user-agent': 'curl/7.88.1', 'x-forwarded-for': '127.0.0.1' };

describe('observationsSince', () => {
  it('leaves out a health check logged after the probe request', async () => {
    const echo = target();
    const offsets = logOffsets([echo]);
    appendFileSync(echo.logFile, line(PROBE) + line(HEALTH));
    const seen = await observationsSince([echo], offsets, 0);
    expect(seen.map((one) => one.receivedHeaders['user-agent'])).toEqual(['curl/7.88.1']);
  });

  it('keeps waiting past a health check for the probe request', async () => {
    const echo = target();
    const offsets = logOffsets([echo]);
    appendFileSync(echo.logFile, line(HEALTH));
    const later = setTimeout(() => appendFileSync(echo.logFile, line(PROBE)), 50);
    const seen = await observationsSince([echo], offsets, 5000);
    clearTimeout(later);
    expect(seen.at(-1)?.receivedHeaders['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('keeps a client that forges the health checker agent (the ALB added X-Forwarded-For)', async () => {
    const echo = target();
    const offsets = logOffsets([echo]);
    appendFileSync(echo.logFile, line({ ...HEALTH, 'x-forwarded-for': '127.0.0.9' }));
    expect(await observationsSince([echo], offsets, 0)).toHaveLength(1);
  });
});

describe("nginx's error log", () => {
  it("gives the request only its own connection's lines, not a health check's that closed meanwhile", async () => {
    const logFile = join(dir, 'nginx-access.json');
    const errorFile = join(dir, 'nginx-error.log');
    writeFileSync(logFile, '');
    writeFileSync(errorFile, '');
    const nginx: TargetHandle = {
      name: 'web-1',
      kind: 'nginx',
      logFile,
      parse: (text) => parseNginxLine('web-1', text),
      errorLog: { file: errorFile, note: nginxErrorNote, connectionOf: nginxConnectionOf },
    };
    const offsets = logOffsets([nginx]);
    appendFileSync(
      errorFile,
      '2026/12/07 14:25:47 [info] 1#1: *7 client closed connection while SSL handshaking, client: 127.0.0.1, server: 127.0.0.1:8443\n' +
        '2026/12/07 14:25:47 [info] 1#1: *8 client sent no required SSL certificate while reading client request headers, client: 127.0.0.1, server: , request: "HEAD / HTTP/1.1"\n',
    );
    appendFileSync(logFile, `${JSON.stringify({ connection: '8', status: '400', remote_addr: '127.0.0.1' })}\n`);
    const [seen] = await observationsSince([nginx], offsets, 0);
    expect(seen?.details.error_log).toBe(
      'client sent no required SSL certificate while reading client request headers',
    );
  });
});

describe('RequestIdTail', () => {
  const tagged = (id: string) => line({ ...PROBE, 'x-sandbox-request-id': id });

  it('finds each request by its id in any target, whatever order they were logged in', async () => {
    const one = target();
    const two = target();
    appendFileSync(one.logFile, tagged('before')); // logged before the probe began: not its own
    const tail = new RequestIdTail([one, two], logOffsets([one, two]));
    appendFileSync(one.logFile, line(HEALTH) + tagged('p.b.1'));
    appendFileSync(two.logFile, tagged('p.a.1'));
    expect((await tail.find('p.a.1', 0))?.receivedHeaders['x-sandbox-request-id']).toBe('p.a.1');
    expect((await tail.find('p.b.1', 0))?.receivedHeaders['x-sandbox-request-id']).toBe('p.b.1');
    expect(await tail.find('before', 0)).toBeNull();
  });

  it('waits for a line still to come, and reads a line written in two parts once it is whole', async () => {
    const echo = target();
    const tail = new RequestIdTail([echo], logOffsets([echo]));
    const whole = tagged('p.a.2');
    appendFileSync(echo.logFile, whole.slice(0, 20));
    expect(await tail.find('p.a.2', 0)).toBeNull();
    const later = setTimeout(() => appendFileSync(echo.logFile, whole.slice(20)), 50);
    const [first, second] = await Promise.all([tail.find('p.a.2', 5000), tail.find('p.a.2', 5000)]);
    clearTimeout(later);
    expect(first?.receivedHeaders['x-sandbox-request-id']).toBe('p.a.2');
    expect(second).toEqual(first);
  });
});
