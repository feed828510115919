// One request fails, the emulator does not. Configurations that make the emulators throw on their request path — a
// response header value no HTTP header can carry, a target or origin at a port that does not exist, a
// web ACL statement the evaluator cannot run (a JSON configuration, as the docker entries read it) — get that one
// request answered as the ALB answers its own failures (500, or 502 towards the target) and logged with the fault,
// while the same listener, even the same connection, goes on serving. Real curl and openssl against real listeners.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { Pki } from '../../certs/types.js';
import type { AlbListenerConfig, AlbTargetGroup } from '../alb/config.js';
import type { RunningAlb } from '../alb/listener.js';
import type { HealthCheck, RuleAction } from '../model/topology.js';
import type { WebAcl } from '../model/web-acl.js';
import { runOpensslClient } from '../probe/openssl-client.js';
import { faultMessage } from './fault.js';
import type { RunningEmulator } from './shape.js';
import { type RunningOf, startEmulator } from '../runtime/emulator-table.js';
import { freshState } from '../testing/suite.js';

const CURL = '/usr/bin/curl';
/** No TCP port is this high: node refuses to connect to it, synchronously, on the emulator's request path. */
const NO_SUCH_PORT = 70_000;
let dir: string;
let pki: Pki;
let echo: RunningOf<'echo'>;
const running: RunningEmulator<never, unknown>[] = [];
const read = (file: string) => readFileSync(file, 'utf8');

const tcpHealth: HealthCheck = {
  protocol: 'TCP',
  port: 'traffic-port',
  path: null,
  intervalSeconds: 5,
  timeoutSeconds: 1,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
  matcher: null,
};
const forwardTo = (id: string): RuleAction => ({
  type: 'forward',
  targetGroups: [{ targetGroupId: id, weight: 1 }],
  groupStickiness: null,
});
const group = (id: string, port: number): AlbTargetGroup => ({
  id,
  protocol: 'HTTP',
  targets: [{ name: id, host: '127.0.0.1', port }],
  healthCheck: tcpHealth,
  stickiness: null,
});

/** A web ACL whose rule throws once its first statement matches: `transforms` is not a list (JSON can say so). */
const brokenWebAcl = JSON.parse(
  JSON.stringify({
    logicalId: 'Acl',
    path: 'Acl',
    name: 'Acl',
    scope: 'REGIONAL',
    defaultAction: { type: 'ALLOW' },
    associations: [],
    rules: [
      {
        name: 'Broken',
        priority: 0,
        action: { type: 'BLOCK', status: 403 },
        unsupported: null,
        statement: {
          kind: 'and',
          statements: [
            { kind: 'byte', field: 'URI_PATH', transforms: ['NONE'], positional: 'STARTS_WITH', search: '/wafbroken' },
            { kind: 'byte', field: 'URI_PATH', transforms: null, positional: 'CONTAINS', search: 'x' },
          ],
        },
      },
    ],
  }),
) as WebAcl;

beforeAll(async () => {
  dir = freshState('faults');
  pki = await ensurePki(join(dir, 'certs'));
  echo = await startEmulator('echo', { name: 'echo' });
}, 180_000);

afterAll(async () => {
  await Promise.all(running.map((emulator) => emulator.close()));
  await echo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every URL on one curl invocation (one connection, reused): each transfer's status and whether it connected anew. */
async function curlAll(urls: string[]): Promise<{ status: number; newConnections: number }[]> {
  const args = ['-sS', '-k', '--max-time', '10', '-w', '%{http_code} %{num_connects}\\n'];
  const r = await execa(CURL, [...args, ...urls.flatMap((url) => ['-o', '/dev/null', url])], { reject: false });
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [status, connects] = line.split(' ');
      return { status: Number(status), newConnections: Number(connects) };
    });
}

describe('the ALB emulator', () => {
  let alb: RunningAlb;
  let base: string;
  let config: AlbListenerConfig;
  beforeAll(async () => {
    config = {
      name: 'Faults HTTP:80',
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
        {
          logicalId: 'BadType',
          priority: 1,
          conditions: [{ field: 'path-pattern', values: ['/badtype'] }],
          actions: [
            { type: 'fixed-response', statusCode: 200, contentType: 'text/plain\r\nX-Injected: yes', messageBody: 'x' },
          ],
        },
        {
          logicalId: 'BadTarget',
          priority: 2,
          conditions: [{ field: 'path-pattern', values: ['/badtarget'] }],
          actions: [forwardTo('broken')],
        },
      ],
      defaultActions: [forwardTo('tg')],
      targetGroups: [group('tg', echo.addresses[0]!.port), group('broken', NO_SUCH_PORT)],
      connectionLogFile: join(dir, 'alb-connections.jsonl'),
      webAcl: brokenWebAcl,
    };
    alb = await startEmulator('alb', config);
    running.push(alb);
    await alb.ready();
    base = `http://127.0.0.1:${alb.addresses[0]!.port}`;
  });

  const entryFor = (path: string) =>
    alb.logs
      .requests()
      .filter((entry) => entry.request.includes(`${path} `))
      .at(-1)!;

  it('answers 500 to a response it cannot write, and the same connection goes on', async () => {
    // A response header value with a line break (header modification read from JSON, unchecked): no response of
    // that listener can be written. A fixed response's content type cannot do it: one that is not a media type is
    // answered as text/plain (sandbox/alb/responses.ts), as /badtype shows on the other listener.
    const broken = await startEmulator('alb', {
      ...config,
      name: 'Faults HTTP:81',
      advertisedPort: 81,
      headerModification: {
        requestHeaderNames: {},
        responseHeaders: [['X-Broken', 'a\r\nX-Injected: yes']],
        serverHeader: true,
        attributes: {},
      },
    });
    running.push(broken);
    await broken.ready();
    const brokenBase = `http://127.0.0.1:${broken.addresses[0]!.port}`;
    const results = await curlAll([`${brokenBase}/badheader1`, `${brokenBase}/badheader2`]);
    expect(results.map((r) => r.status)).toEqual([500, 500]);
    // One connection for both: the failure did not close it.
    expect(results.map((r) => r.newConnections)).toEqual([1, 0]);
    const entry = broken.logs
      .requests()
      .filter((candidate) => candidate.request.includes('/badheader1 '))
      .at(-1)!;
    expect(entry).toMatchObject({ elb_status_code: 500, fault: 'log.emulator-fault', fault_stage: 'response headers' });
    expect(entry.notes).toMatch(/internal error in response headers: TypeError/);
    expect(faultMessage(entry)).toMatchObject({ code: 'log.emulator-fault', params: { status: 500 } });
    // The other listener serves on, its content type written as one a header can carry.
    const served = await curlAll([`${base}/ok1`, `${base}/badtype`, `${base}/ok2`]);
    expect(served.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(entryFor('/badtype')).toMatchObject({ elb_status_code: 200 });
    expect(echo.logs.requests().map((r) => r.url)).toEqual(expect.arrayContaining(['/ok1', '/ok2']));
  });

  it('answers 502 when the forward to its target throws, and serves the next request', async () => {
    const results = await curlAll([`${base}/badtarget`, `${base}/ok3`]);
    expect(results.map((r) => r.status)).toEqual([502, 200]);
    expect(entryFor('/badtarget')).toMatchObject({
      elb_status_code: 502,
      target_group: 'broken',
      fault: 'log.emulator-fault',
      fault_stage: 'forward',
    });
  });

  it("answers 500 when its web ACL's rules cannot be executed (ALB troubleshooting, HTTP 500)", async () => {
    const results = await curlAll([`${base}/wafbroken`, `${base}/ok4`]);
    expect(results.map((r) => r.status)).toEqual([500, 200]);
    expect(entryFor('/wafbroken')).toMatchObject({ elb_status_code: 500, fault_stage: 'WAF' });
  });

  it('keeps serving many clients at once around the failures', async () => {
    const paths = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? '/badtarget' : `/many${i}`));
    const results = await Promise.all(paths.map((path) => curlAll([`${base}${path}`])));
    expect(results.map(([r]) => r!.status)).toEqual(paths.map((path) => (path === '/badtarget' ? 502 : 200)));
  });
});

describe('the NLB TLS listener', () => {
  it('closes only the connection whose forward throws, logs the fault, and keeps taking connections', async () => {
    const nlb = await startEmulator('nlb-tls', {
      name: 'Faults TLS:443',
      host: '127.0.0.1',
      port: 0,
      advertisedPort: 443,
      certificatePem: read(pki.server.cert),
      privateKeyPem: read(pki.server.key),
      sslPolicy: null,
      alpnPolicy: null,
      mutualAuthentication: null,
      trustStore: null,
      targetGroup: {
        id: 'Broken',
        protocol: 'TCP',
        // The only target: unhealthy, so routed to anyway (fail open), and every forward to it throws.
        targets: [{ name: 'broken', host: '127.0.0.1', port: NO_SUCH_PORT }],
        healthCheck: tcpHealth,
        sourceIpStickiness: false,
        proxyProtocolV2: false,
        preserveClientIp: false,
      },
      connectionLogFile: join(dir, 'nlb-connections.jsonl'),
    });
    running.push(nlb);
    await nlb.ready();
    const port = nlb.addresses[0]!.port;
    for (const attempt of [1, 2]) {
      const r = await runOpensslClient({ host: '127.0.0.1', port, extraArgs: ['-ign_eof'] });
      // The handshake completes: the listener is alive and answering; then the connection to the target fails.
      expect(r.transcript.join('\n'), `attempt ${attempt}`).toMatch(/Protocol\s*:\s*TLSv1\.[23]/);
    }
    await expect.poll(() => nlb.logs.connections().length, { timeout: 3000 }).toBe(2);
    for (const entry of nlb.logs.connections())
      expect(entry).toMatchObject({
        tls_verify_status: 'Success',
        target_connection: 'failed',
        fault: 'log.emulator-fault',
        fault_stage: 'forward',
      });
    expect(faultMessage(nlb.logs.connections()[0]!)).toMatchObject({ params: { connection: true } });
  });
});

describe('the CloudFront emulator', () => {
  it('answers 502 when its origin request throws, logs it on the connection, and serves again', async () => {
    const distribution = await startEmulator('cloudfront', {
      name: 'FaultsDist',
      distributionId: 'E2SANDBOX00002',
      domainName: 'd222222abcdef8.cloudfront.net',
      host: '127.0.0.1',
      port: 0,
      certificatePem: read(pki.server.cert),
      privateKeyPem: read(pki.server.key),
      mode: 'passthrough',
      trustStore: null,
      advertiseTrustStoreCaNames: false,
      ignoreCertificateExpiry: false,
      connectionFunction: null,
      httpVersion: 'http1.1',
      origin: { domainName: 'origin.example.test', protocol: 'http', host: '127.0.0.1', port: NO_SUCH_PORT },
      originRequestPolicy: null,
      connectionLogFile: join(dir, 'cf-connections.jsonl'),
    });
    running.push(distribution);
    const url = `https://127.0.0.1:${distribution.addresses[0]!.port}`;
    const results = await curlAll([`${url}/one`, `${url}/two`]);
    expect(results).toEqual([
      { status: 502, newConnections: 1 },
      { status: 502, newConnections: 0 },
    ]);
    await expect
      .poll(() => distribution.logs.connections().filter((entry) => entry.fault === 'log.emulator-fault').length, {
        timeout: 3000,
      })
      .toBe(2);
    expect(distribution.logs.connections().at(-1)).toMatchObject({
      connectionStatus: 'Success',
      fault_stage: 'forward',
    });
  });
});
