// The NLB TLS listener end to end with real curl and openssl s_client: TLS ends at the listener, verify mode with
// identity filters refuses with a TLS alert that names the failure, and an admitted client gets a new connection to
// the target (TCP or TLS), from its own address when client IP preservation is on, after a PPv2 header when that is.
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { ClientCertName, Pki } from '../../certs/types.js';
import { type EchoTarget, startEchoTarget } from '../echo/echo-server.js';
import type { IdentityFilter } from '../model/topology.js';
import { runCurl } from '../probe/curl-runner.js';
import { runOpensslClient } from '../probe/openssl-client.js';
import type { ConnectionLogEntry } from '../tls/connection-log.js';
import type { NlbTlsListenerConfig } from './tls-config.js';
import { type RunningNlbTls, SANDBOX_LOG, startNlbTlsListener } from './tls-listener.js';
import { freshState } from '../testing/suite.js';

let dir: string;
let pki: Pki;
let echo: EchoTarget;
const running: RunningNlbTls[] = [];
const closers: (() => Promise<void>)[] = [];
const read = (file: string) => readFileSync(file, 'utf8');

const FILTERS: IdentityFilter[] = [
  { field: 'san-uri', matchType: 'prefix', value: 'spiffe://example.org/ns/prod/', action: 'accept' },
  { field: 'subject-cn', matchType: 'exact', value: 'ops-console', action: 'accept' },
];

beforeAll(async () => {
  dir = freshState('nlb-tls');
  pki = await ensurePki(join(dir, 'certs'));
  echo = await startEchoTarget({ name: 'echo-1' });
}, 180_000);

afterAll(async () => {
  await Promise.all(running.map((listener) => listener.close()));
  for (const close of closers) await close();
  await echo?.close();
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
async function listener(
  over: Partial<NlbTlsListenerConfig> = {},
  group: Partial<NlbTlsListenerConfig['targetGroup']> = {},
  filters: IdentityFilter[] | null = FILTERS,
): Promise<RunningNlbTls> {
  counter++;
  const nlb = await startNlbTlsListener({
    name: `Nlb TLS:443 #${counter}`,
    host: '127.0.0.1',
    port: 0,
    advertisedPort: 443,
    certificatePem: read(pki.server.cert),
    privateKeyPem: read(pki.server.key),
    sslPolicy: null,
    alpnPolicy: null,
    mutualAuthentication:
      filters === null
        ? null
        : {
            mode: 'verify',
            trustStoreId: 'ts',
            ignoreClientCertificateExpiry: false,
            advertiseTrustStoreCaNames: false,
            identityFilters: filters,
          },
    trustStore: filters === null ? null : { id: 'ts', caBundlePem: read(pki.ca.cert), crlPems: [read(pki.crl)] },
    targetGroup: {
      id: 'Targets',
      protocol: 'TCP',
      targets: [{ name: echo.name, ...echo.addresses[0]! }],
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
      ...group,
    },
    connectionLogFile: join(dir, `connections-${counter}.jsonl`),
    ...over,
  });
  running.push(nlb);
  await nlb.ready();
  return nlb;
}

const curl = (nlb: RunningNlbTls, cert?: ClientCertName, extra: { sourceAddress?: string; path?: string } = {}) =>
  runCurl({
    url: `https://127.0.0.1:${nlb.addresses[0]!.port}${extra.path ?? '/'}`,
    insecure: true,
    head: false,
    clientCert: cert ? { form: 'pem', cert: pki.clients[cert].cert, key: pki.clients[cert].key } : null,
    sourceAddress: extra.sourceAddress,
  });

const sClient = (nlb: RunningNlbTls, cert?: ClientCertName, args: string[] = []) =>
  runOpensslClient({
    host: '127.0.0.1',
    port: nlb.addresses[0]!.port,
    ...(cert ? { cert: pki.clients[cert].cert, key: pki.clients[cert].key } : {}),
    extraArgs: args,
  }).then((r) => ({ ...r, text: r.transcript.join('\n') }));

async function lastLog(nlb: RunningNlbTls): Promise<ConnectionLogEntry> {
  await expect.poll(() => nlb.logs.connections().length, { timeout: 3000 }).toBeGreaterThan(0);
  return nlb.logs.connections().at(-1)!;
}

const requestsFor = (path: string) => echo.logs.requests().filter((r) => r.url === path);

describe('verify mode with identity filters, TLS 1.2 (ELBSecurityPolicy-2016-08)', () => {
  let nlb: RunningNlbTls;
  beforeAll(async () => {
    nlb = await listener();
  });

  it('admits a SPIFFE ID under the prefix: the target gets a new plain connection and sees no certificate', async () => {
    const r = await curl(nlb, 'spiffeBilling', { path: '/admitted' });
    expect(r.exitCode).toBe(0);
    expect(r.parsed.response?.status).toBe(200);
    expect(r.parsed.handshake).toMatchObject({ clientCertificateRequested: true, clientCertificateSent: true });
    expect(r.parsed.handshake.tlsVersion).toBe('TLSv1.2');
    const seen = requestsFor('/admitted');
    expect(seen).toHaveLength(1);
    expect(Object.keys(seen[0]!.headers).filter((h) => h.startsWith('x-amzn'))).toEqual([]);
    expect(seen[0]!.remoteAddress).toBe('127.0.0.1'); // preserve_client_ip off: the load balancer's address
    expect(await lastLog(nlb)).toMatchObject({
      log: SANDBOX_LOG,
      tls_verify_status: 'Success',
      target: `echo-1 127.0.0.1:${echo.addresses[0]!.port}`,
      target_protocol: 'TCP',
      leaf_client_cert_subject: pki.clients.spiffeBilling.subject,
      notes: expect.stringContaining('identity filter 1 (san-uri prefix spiffe://example.org/ns/prod/) matched'),
    });
  });

  it('refuses each failure with its alert before anything reaches the target', async () => {
    const cases: [ClientCertName | undefined, string, string][] = [
      [undefined, 'handshake failure', 'Failed:ClientCertNotFound'],
      ['impostorBilling', 'unknown ca', 'Failed:ClientCertUntrusted'],
      ['spiffeStaging', 'access denied', 'Failed:ClientCertIdentityFilterMismatch'],
      ['revoked', 'access denied', 'Failed:ClientCertIdentityFilterMismatch'],
      ['revokedBilling', 'certificate revoked', 'Failed:ClientCertCrlHit'],
      ['expired', 'certificate expired', 'Failed:ClientCertExpired'],
    ];
    for (const [cert, alert, status] of cases) {
      const path = `/refused-${cert ?? 'none'}`;
      const r = await curl(nlb, cert, { path });
      expect(r.parsed.response, String(cert)).toBeNull();
      expect(r.parsed.handshake.alerts, String(cert)).toContain(`alert ${alert}`);
      expect(r.parsed.connectionError ?? '', String(cert)).not.toContain('reset');
      expect(await lastLog(nlb), String(cert)).toMatchObject({
        tls_verify_status: status,
        tls_alert_sent: alert.replace(/ /g, '_'),
        target: '-',
      });
      expect(requestsFor(path), String(cert)).toEqual([]);
    }
  });

  it('openssl s_client sees the same alerts by number (49 access denied, 44 revoked, 48 unknown CA)', async () => {
    for (const [cert, number] of [
      ['spiffePathCase', 49],
      ['revokedBilling', 44],
      ['untrusted', 48],
    ] as const) {
      const r = await sClient(nlb, cert, ['-ign_eof']);
      expect(r.text, cert).toContain(`SSL alert number ${number}`);
    }
    const admitted = await sClient(nlb, 'opsConsole');
    expect(admitted.parsed.protocol).toBe('TLSv1.2');
    expect(admitted.parsed.errors).toEqual([]);
    expect((await lastLog(nlb)).tls_verify_status).toBe('Success');
  });
});

describe('TLS 1.3 (ELBSecurityPolicy-TLS13-1-2-2021-06): the alert comes sealed after the handshake', () => {
  it('curl reads certificate required, access denied or certificate revoked; an admitted client gets 200', async () => {
    const nlb = await listener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    const none = await curl(nlb);
    expect(none.parsed.handshake.tlsVersion).toBe('TLSv1.3');
    expect(none.parsed.handshake.alerts).toContain('alert certificate required');
    expect((await curl(nlb, 'noSanBilling')).parsed.handshake.alerts).toContain('alert access denied');
    expect((await curl(nlb, 'revokedBilling')).parsed.handshake.alerts).toContain('alert certificate revoked');
    const ok = await curl(nlb, 'spiffeMixedCase', { path: '/tls13' });
    expect(ok.parsed.response?.status).toBe(200);
    const s = await sClient(nlb, 'spiffeStaging', ['-ign_eof']);
    expect(s.text).toMatch(/alert access denied|SSL alert number 49/);
  });
});

describe('the shared MutualAuthentication settings, as on an ALB (assumed for NLBs)', () => {
  it('IgnoreClientCertificateExpiry admits an expired leaf; AdvertiseTrustStoreCaNames lists privateCA', async () => {
    const base = {
      mode: 'verify' as const,
      trustStoreId: 'ts',
      identityFilters: [],
      ignoreClientCertificateExpiry: true,
      advertiseTrustStoreCaNames: true,
    };
    const nlb = await listener({ mutualAuthentication: base });
    expect((await curl(nlb, 'expired')).parsed.response?.status).toBe(200);
    expect((await lastLog(nlb)).notes).toContain('accepted because IgnoreClientCertificateExpiry is on');
    const r = await sClient(nlb, 'clientA');
    expect(r.parsed.acceptableClientCaNames?.join('\n')).toContain('CN = privateCA');
    const silent = await listener({ mutualAuthentication: { ...base, advertiseTrustStoreCaNames: false } });
    expect((await sClient(silent, 'clientA')).parsed.acceptableClientCaNames).toBeNull();
  });
});

describe('an empty filter list, and no mutual TLS at all', () => {
  it('an empty list admits every certificate the trust store verifies, and still checks revocation', async () => {
    const nlb = await listener({}, {}, []);
    expect((await curl(nlb, 'clientA')).parsed.response?.status).toBe(200);
    expect((await curl(nlb, 'revoked')).parsed.handshake.alerts).toContain('alert certificate revoked');
  });

  it('without mutual TLS the listener asks for no certificate', async () => {
    const nlb = await listener({}, {}, null);
    const r = await curl(nlb, 'clientA');
    expect(r.parsed.handshake.clientCertificateRequested).toBe(false);
    expect(r.parsed.response?.status).toBe(200);
    expect((await lastLog(nlb)).tls_verify_status).toBe('Success');
  });
});

describe('to the target: client IP preservation, Proxy Protocol v2, a TLS target group, ALPN', () => {
  it('with client IP preservation the target sees the client address curl bound', async () => {
    const nlb = await listener({}, { preserveClientIp: true });
    const r = await curl(nlb, 'spiffeBilling', { sourceAddress: '127.0.0.23', path: '/preserved' });
    expect(r.parsed.response?.status).toBe(200);
    expect(requestsFor('/preserved')[0]?.remoteAddress).toBe('127.0.0.23');
  });

  it('with proxy_protocol_v2 the first bytes are a PPv2 header with the client address and nothing else', async () => {
    const received: Buffer[] = [];
    const raw = net.createServer((socket) => {
      socket.on('data', (chunk) => {
        received.push(chunk);
        // The PPv2 signature itself holds \r\n\r\n: wait for the end of the request after the 28-byte header.
        if (Buffer.concat(received).subarray(28).includes('\r\n\r\n'))
          socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => raw.close(() => resolve())));
    const port = (raw.address() as net.AddressInfo).port;
    const nlb = await listener({}, { proxyProtocolV2: true, targets: [{ name: 'raw', host: '127.0.0.1', port }] });
    const r = await curl(nlb, 'spiffeBilling', { sourceAddress: '127.0.0.42' });
    expect(r.parsed.response?.status).toBe(200);
    const bytes = Buffer.concat(received);
    expect(bytes.subarray(0, 12).toString('hex')).toBe('0d0a0d0a000d0a515549540a');
    expect(bytes.subarray(12, 16).toString('hex')).toBe('2111000c');
    expect([...bytes.subarray(16, 20)]).toEqual([127, 0, 0, 42]);
    expect(bytes.subarray(28).toString('latin1')).toMatch(/^GET \/ HTTP\/1\.1\r\n/);
  });

  it('a TLS target group: the NLB opens TLS of its own to the target, with no client certificate', async () => {
    let peerCertificate: unknown = 'not connected';
    const target = tls.createServer(
      { key: read(pki.server.key), cert: read(pki.server.cert), requestCert: true, rejectUnauthorized: false },
      (socket) => {
        peerCertificate = socket.getPeerCertificate();
        socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\ntls'));
      },
    );
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => target.close(() => resolve())));
    const port = (target.address() as net.AddressInfo).port;
    const nlb = await listener({}, { protocol: 'TLS', targets: [{ name: 'tls-target', host: '127.0.0.1', port }] });
    const r = await curl(nlb, 'spiffeBilling');
    expect(r.parsed.response?.body).toBe('tls');
    expect(peerCertificate).toEqual({}); // asked for one, got none: the client's certificate stays at the NLB
    expect(await lastLog(nlb)).toMatchObject({ target_protocol: 'TLS', tls_verify_status: 'Success' });
  });

  it('the ALPN policy decides what the listener offers (HTTP2Preferred: h2 first; none: no ALPN)', async () => {
    const preferred = await listener({ alpnPolicy: 'HTTP2Preferred' });
    const h2 = await sClient(preferred, 'spiffeBilling', ['-alpn', 'http/1.1,h2']);
    expect(h2.text).toContain('ALPN protocol: h2');
    const only1 = await listener({ alpnPolicy: 'HTTP1Only' });
    expect((await sClient(only1, 'spiffeBilling', ['-alpn', 'h2,http/1.1'])).text).toContain('ALPN protocol: http/1.1');
    const none = await listener();
    expect((await sClient(none, 'spiffeBilling', ['-alpn', 'h2,http/1.1'])).text).toContain('No ALPN negotiated');
  });
});
