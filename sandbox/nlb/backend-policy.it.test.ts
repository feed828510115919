// The NLB's own TLS towards a TLS target group uses the backend policy AWS picks from the listener's (NLB "Security
// policies": a TLS 1.3 front-end policy gives ELBSecurityPolicy-TLS13-1-0-2021-06, any other 2016-08), not node's
// defaults. A TLS target that takes only TLS 1.3 shows it: behind a 2016-08 listener the NLB offers at most TLS 1.2
// and the target refuses it; behind a TLS13 listener the NLB's connection is TLS 1.3.
import { readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { Pki } from '../../certs/types.js';
import { type RunningNlbTls, startNlbTlsListener } from './tls-listener.js';
import { freshState } from '../testing/suite.js';

let dir: string;
let pki: Pki;
let target: tls.Server;
const running: RunningNlbTls[] = [];
/** What each connection the TLS-1.3-only target accepted negotiated with the NLB. */
const negotiated: string[] = [];

beforeAll(async () => {
  dir = freshState('nlb-backend');
  pki = await ensurePki(join(dir, 'certs'));
  target = tls.createServer(
    {
      key: readFileSync(pki.server.key),
      cert: readFileSync(pki.server.cert),
      minVersion: 'TLSv1.3',
    },
    (socket) => {
      negotiated.push(`${socket.getProtocol()} ${socket.getCipher().name}`);
      socket.end(`${socket.getProtocol()}\n`);
    },
  );
  target.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
}, 180_000);

afterAll(async () => {
  await Promise.all(running.map((listener) => listener.close()));
  await new Promise<void>((resolve) => target?.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function nlbWithPolicy(sslPolicy: string | null): Promise<RunningNlbTls> {
  const nlb = await startNlbTlsListener({
    name: `Nlb TLS:443 ${sslPolicy ?? 'default'}`,
    host: '127.0.0.1',
    port: 0,
    advertisedPort: 443,
    certificatePem: readFileSync(pki.server.cert, 'utf8'),
    privateKeyPem: readFileSync(pki.server.key, 'utf8'),
    sslPolicy,
    alpnPolicy: null,
    mutualAuthentication: null,
    trustStore: null,
    targetGroup: {
      id: 'TlsTargets',
      protocol: 'TLS',
      targets: [{ name: 'tls13-only', host: '127.0.0.1', port: (target.address() as AddressInfo).port }],
      healthCheck: {
        protocol: 'TCP',
        port: 'traffic-port',
        path: null,
        intervalSeconds: 5,
        timeoutSeconds: 1,
        healthyThreshold: 2,
        unhealthyThreshold: 2,
        matcher: null,
      },
      sourceIpStickiness: false,
      proxyProtocolV2: false,
      preserveClientIp: false,
    },
    connectionLogFile: join(dir, `connections-${running.length}.jsonl`),
  });
  running.push(nlb);
  await nlb.ready();
  return nlb;
}

/** A client through the listener: what the target wrote back, or '' when the connection ended without a word. */
function through(nlb: RunningNlbTls): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: nlb.addresses[0]!.port,
      ca: readFileSync(pki.serverCa.cert),
      servername: 'localhost',
    });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('close', () => resolve(text.trim()));
    socket.on('error', () => {});
  });
}

describe('the NLB towards a TLS target uses the backend policy AWS documents', () => {
  beforeAll(() => {
    negotiated.length = 0;
  });

  it('a TLS 1.3 front-end policy: the NLB reaches the TLS-1.3-only target with TLS 1.3', async () => {
    const nlb = await nlbWithPolicy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06');
    expect(await through(nlb)).toBe('TLSv1.3');
    expect(negotiated.at(-1)).toMatch(/^TLSv1\.3 TLS_AES_/);
  });

  it('ELBSecurityPolicy-2016-08 (the API default): the NLB offers at most TLS 1.2 and the target refuses it', async () => {
    const before = negotiated.length;
    const nlb = await nlbWithPolicy(null);
    expect(await through(nlb)).toBe('');
    expect(negotiated.length).toBe(before);
    await expect.poll(() => nlb.logs.connections().at(-1)?.target_connection, { timeout: 5000 }).toBe('failed');
  });
});
