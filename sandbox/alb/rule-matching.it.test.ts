// Issue 23 item 5, end to end: the pathological inputs that stalled the ALB emulator (catastrophic backtracking in
// wildcard values and RegexValues) sent to a running listener, each beside a normal client that must be served too.
// Wildcards are a two-pointer glob and regexes RE2 now (docs/listener-rules.md#matching); before, these took 20 s,
// about 130 s and 19 s, and every other client waited.
import http from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListenerRule } from '../model/topology.js';
import { readActions, readConditions } from '../model/validate/index.js';
import { type RunningAlb, startAlbListener } from './listener.js';
import { freshState } from '../testing/suite.js';

/** Generous: a busy 2-core machine answers these in milliseconds; the old engines took seconds to minutes. */
const BOUND_MS = 10_000;

let dir: string;
let alb: RunningAlb;

/** A rule as a template writes it, read by the same readers as the compiler and the API. */
function rule(priority: number, conditions: unknown[], body: string): ListenerRule {
  return {
    logicalId: `Rule${priority}`,
    priority,
    conditions: readConditions(conditions),
    actions: readActions(
      [
        {
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: body },
        },
      ],
      { listenerProtocol: 'HTTP', targetGroup: String },
    ),
  };
}

beforeAll(async () => {
  dir = freshState('rule-matching');
  alb = await startAlbListener({
    name: 'Pathological HTTP:80',
    host: '127.0.0.1',
    port: 0,
    advertisedPort: 80,
    protocol: 'HTTP',
    certificatePem: null,
    privateKeyPem: null,
    sslPolicy: null,
    mutualAuthentication: null,
    trustStore: null,
    rules: [
      rule(1, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*/*/*.json'] } }], 'json'),
      rule(2, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*a*a*a*a*z'] } }], 'az'),
      rule(3, [{ Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/(a+)+$'] } }], 'regex'),
      rule(4, [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/old-path/*'] } }], 'hyphen'),
    ],
    defaultActions: readActions(
      [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', MessageBody: 'default' } }],
      { listenerProtocol: 'HTTP', targetGroup: String },
    ),
    targetGroups: [],
    connectionLogFile: join(dir, 'connections.jsonl'),
  });
  await alb.ready();
});

afterAll(async () => {
  await alb?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One GET; resolves with the status, the body and how long it took, or rejects after BOUND_MS. */
function get(path: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: '127.0.0.1', port: alb.addresses[0]!.port, path, agent: false, signal: AbortSignal.timeout(BOUND_MS) },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, ms: performance.now() - started }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

describe('pathological rule inputs against a running ALB listener', () => {
  const cases = [
    { name: '/*/*/*.json against /x and 4,000 slashes', path: `/x${'/'.repeat(4000)}`, body: 'default' },
    { name: '/*a*a*a*a*z against a 400-character path', path: `/${'a'.repeat(399)}b`, body: 'default' },
    { name: 'RegexValues ^/(a+)+$ against / and 32 a and !', path: `/${'a'.repeat(32)}!`, body: 'default' },
    { name: 'RegexValues ^/(a+)+$ against / and 4,000 a', path: `/${'a'.repeat(4000)}`, body: 'regex' },
  ];
  for (const { name, path, body } of cases)
    it(`${name}: answered within the bound while another client is served`, async () => {
      const [hostile, normal] = await Promise.all([get(path), get('/old-path/page')]);
      expect(hostile.body).toBe(body);
      expect(hostile.ms).toBeLessThan(BOUND_MS);
      expect([normal.status, normal.body]).toEqual([200, 'hyphen']);
      expect(normal.ms).toBeLessThan(BOUND_MS);
    });

  it('still matches what the patterns mean', async () => {
    expect((await get('/a/b/c.json')).body).toBe('json');
    expect((await get('/xaaaaz')).body).toBe('az');
    expect((await get('/aaa')).body).toBe('regex');
    expect((await get('/old-pathX/page')).body).toBe('default');
  });
});
