// A probe's target observation is its own request's, not a health check the load balancer sent meanwhile.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TargetObservation } from '../report.js';
import { logOffsets, observationsSince, type TargetHandle } from './target-log.js';

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
