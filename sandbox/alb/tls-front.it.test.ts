// TLS as AWS negotiates it, and the certificate cases, checked with a client other than curl: real `openssl
// s_client` against the emulator's listeners. What it prints (protocol, "Server Temp Key", alerts) is compared with
// the policy table and with the connection log entry the emulator wrote for the same connection.
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { ClientCertName, Pki } from '../../certs/types.js';
import { type EchoTarget, startEchoTarget } from '../echo/echo-server.js';
import type { MutualAuthentication } from '../model/topology.js';
import { runOpensslClient } from '../probe/openssl-client.js';
import type { AlbListenerConfig } from './config.js';
import type { ConnectionLogEntry } from '../tls/connection-log.js';
import { type RunningAlb, startAlbListener } from './listener.js';
import { MTLS_HEADER } from './mtls-headers.js';
import { freshState } from '../testing/suite.js';

let dir: string;
let pki: Pki;
let echo: EchoTarget;
const running: RunningAlb[] = [];
const read = (file: string) => readFileSync(file, 'utf8');

beforeAll(async () => {
  dir = freshState('alb-tls');
  pki = await ensurePki(join(dir, 'certs'));
  echo = await startEchoTarget({ name: 'echo-1' });
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((alb) => alb.close()));
  await echo?.close();
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
async function listener(
  mode: MutualAuthentication['mode'],
  over: Partial<AlbListenerConfig> = {},
  crlPems: string[] = [],
): Promise<RunningAlb> {
  counter++;
  const alb = await startAlbListener({
    name: `Tls HTTPS:443 #${counter}`,
    host: '127.0.0.1',
    port: 0,
    advertisedPort: 443,
    protocol: 'HTTPS',
    certificatePem: read(pki.server.cert),
    privateKeyPem: read(pki.server.key),
    sslPolicy: null,
    mutualAuthentication: {
      mode,
      trustStoreId: mode === 'verify' ? 'ts' : null,
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
    },
    trustStore: mode === 'verify' ? { id: 'ts', caBundlePem: read(pki.ca.cert), crlPems } : null,
    rules: [],
    defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupId: 'tg', weight: 1 }], groupStickiness: null }],
    targetGroups: [
      {
        id: 'tg',
        protocol: 'HTTP',
        targets: [{ name: echo.name, ...echo.addresses[0]! }],
        healthCheck: {
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/health',
          intervalSeconds: 5,
          timeoutSeconds: 1,
          healthyThreshold: 2,
          unhealthyThreshold: 2,
          matcher: '200',
        },
        stickiness: null,
      },
    ],
    connectionLogFile: join(dir, `connections-${counter}.jsonl`),
    ...over,
  });
  running.push(alb);
  await alb.ready();
  return alb;
}

/** openssl s_client with a client certificate (leaf file, key, and the CAs it sends after it with -cert_chain). */
async function sClient(
  alb: RunningAlb,
  opts: { cert?: ClientCertName; chain?: string[]; args?: string[]; request?: boolean } = {},
) {
  const pair = opts.cert ? pki.clients[opts.cert] : null;
  const chainFile = join(dir, `chain-${counter}-${Date.now()}.pem`);
  if (opts.chain?.length) writeFileSync(chainFile, opts.chain.map(read).join(''));
  const chainArgs = opts.chain?.length ? ['-cert_chain', chainFile] : [];
  const result = await runOpensslClient({
    host: '127.0.0.1',
    port: alb.addresses[0]!.port,
    ...(pair ? { cert: leafFileOf(opts.cert!), key: pair.key } : {}),
    extraArgs: [...chainArgs, ...(opts.args ?? [])],
  });
  const text = result.transcript.join('\n');
  return {
    ...result,
    text,
    serverTempKey: /^Server Temp Key: (.*)$/m.exec(text)?.[1] ?? null,
  };
}

/** The leaf's own file for a client (s_client's -cert takes the leaf, -cert_chain the rest). */
function leafFileOf(name: ClientCertName): string {
  const leaf = pki.clients[name].cert;
  return leaf.endsWith('.pem') ? leaf.replace(/-(chain5?|chain4|unordered)\.pem$/, '.crt') : leaf;
}

async function lastLog(alb: RunningAlb): Promise<ConnectionLogEntry> {
  await expect.poll(() => alb.logs.connections().length, { timeout: 3000 }).toBeGreaterThan(0);
  return alb.logs.connections().at(-1)!;
}

describe('key exchange groups as the policy orders them (seed 004: prime256v1)', () => {
  it('ELBSecurityPolicy-2016-08: a client offering X25519 first gets prime256v1; the log says secp256r1', async () => {
    const alb = await listener('verify');
    const r = await sClient(alb, { cert: 'clientA', args: ['-groups', 'X25519:prime256v1'] });
    expect(r.parsed.protocol).toBe('TLSv1.2');
    expect(r.serverTempKey).toBe('ECDH, prime256v1, 256 bits');
    expect(await lastLog(alb)).toMatchObject({ tls_verify_status: 'Success', tls_keyexchange: 'secp256r1' });
  });

  it('ELBSecurityPolicy-TLS13-1-2-2021-06: X25519; a client with P-384 only gets P-384', async () => {
    const alb = await listener('verify', { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    const r = await sClient(alb, { cert: 'clientA', args: ['-groups', 'X25519:prime256v1'] });
    expect(r.parsed.protocol).toBe('TLSv1.3');
    expect(r.serverTempKey).toBe('X25519, 253 bits');
    expect((await lastLog(alb)).tls_keyexchange).toBe('x25519');
    const p384 = await sClient(alb, { cert: 'clientA', args: ['-groups', 'P-384'] });
    expect(p384.serverTempKey).toBe('ECDH, secp384r1, 384 bits');
    expect((await lastLog(alb)).tls_keyexchange).toBe('secp384r1');
  });

  it('a PQ policy falls back to the classical groups here (no ML-KEM in OpenSSL 3.0), in the same order', async () => {
    const alb = await listener('off', { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' });
    const r = await sClient(alb, { args: ['-groups', 'prime256v1:X25519'] });
    expect(r.parsed.protocol).toBe('TLSv1.3');
    expect(r.serverTempKey).toMatch(/prime256v1|X25519/);
    expect((await lastLog(alb)).tls_keyexchange).toMatch(/^(secp256r1|x25519)$/);
  });
});

describe('protocol versions', () => {
  it('ELBSecurityPolicy-2016-08 negotiates TLS 1.1 and 1.0 (security level 0), mutual TLS included', async () => {
    const alb = await listener('verify');
    for (const [flag, version] of [
      ['-tls1_1', 'TLSv1.1'],
      ['-tls1', 'TLSv1'],
    ] as const) {
      const r = await sClient(alb, { cert: 'clientA', args: [flag, '-cipher', 'DEFAULT@SECLEVEL=0'] });
      expect(r.text, flag).toMatch(new RegExp(`Protocol\\s*: ${version.replace('.', '\\.')}\\b`));
      expect(await lastLog(alb), flag).toMatchObject({ tls_protocol: version, tls_verify_status: 'Success' });
    }
  });

  it('no common version: the client gets a protocol_version alert, not a reset, in verify mode too', async () => {
    for (const mode of ['verify', 'off'] as const) {
      const alb = await listener(mode, { sslPolicy: 'ELBSecurityPolicy-TLS-1-2-2017-01' });
      const r = await sClient(alb, { cert: 'clientA', args: ['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0'] });
      expect(r.text, mode).toMatch(/alert protocol version/);
      expect(r.text, mode).not.toMatch(/Connection reset/i);
      expect(await lastLog(alb), mode).toMatchObject({
        tls_verify_status: 'Failed:UnmappedConnectionError',
        tls_protocol: '-',
      });
    }
  });
});

describe('session resumption (ELB: not supported with mutual TLS)', () => {
  /** Two connections, the second offering the first one's session. A request is sent and its answer read, so
   * that TLS 1.3 tickets (sent after the handshake) reach the client before it saves the session. */
  async function resumed(alb: RunningAlb, version: string): Promise<boolean> {
    const session = join(dir, `session-${Date.now()}.pem`);
    const run = (io: string[]) =>
      execa(
        'openssl',
        [
          's_client',
          '-connect',
          `127.0.0.1:${alb.addresses[0]!.port}`,
          '-cert',
          pki.clients.clientA.cert,
          '-key',
          pki.clients.clientA.key,
          version,
          '-ign_eof',
          ...io,
        ],
        { input: 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', reject: false, timeout: 10_000 },
      );
    await run(['-sess_out', session]);
    return /^Reused,/m.test((await run(['-sess_in', session])).stdout);
  }

  it('resumes without mutual TLS, never in verify or passthrough mode', async () => {
    const policy = { sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' };
    for (const version of ['-tls1_2', '-tls1_3']) {
      expect(await resumed(await listener('off', policy), version), `off ${version}`).toBe(true);
      expect(await resumed(await listener('verify', policy), version), `verify ${version}`).toBe(false);
      expect(await resumed(await listener('passthrough', policy), version), `passthrough ${version}`).toBe(false);
    }
  });
});

describe('the certificate cases with openssl s_client -cert_chain', () => {
  it('leaf + intermediate against a root-only trust store: accepted; the leaf alone: ClientCertUntrusted', async () => {
    const alb = await listener('verify');
    const ok = await sClient(alb, { cert: 'intermediateLeaf', chain: [pki.intermediateCa.cert] });
    expect(ok.parsed.protocol).toBe('TLSv1.2');
    expect(await lastLog(alb)).toMatchObject({
      tls_verify_status: 'Success',
      leaf_client_cert_subject: pki.clients.intermediateLeaf.subject,
    });
    await sClient(alb, { cert: 'intermediateLeaf' });
    expect((await lastLog(alb)).tls_verify_status).toBe('Failed:ClientCertUntrusted');
  });

  it.each([
    ['TLS 1.2', 'ELBSecurityPolicy-2016-08'],
    ['TLS 1.3', 'ELBSecurityPolicy-TLS13-1-2-2021-06'],
  ])(
    '%s: five certificates presented: ClientCertMaxChainDepthExceeded; four are within the limit',
    async (_l, sslPolicy) => {
      const alb = await listener('verify', {
        sslPolicy,
        trustStore: { id: 'ts', caBundlePem: read(pki.ca.cert) + read(pki.intermediateCa.cert), crlPems: [] },
      });
      const cas = [...pki.chainCas].reverse().map((ca) => ca.cert); // chainCA4, chainCA3, chainCA2
      // TLS 1.3: the client's handshake completes before the ALB has looked at the chain; the reset comes after.
      await sClient(alb, { cert: 'deepChain', chain: [...cas, pki.intermediateCa.cert] });
      expect(await lastLog(alb)).toMatchObject({
        tls_verify_status: 'Failed:ClientCertMaxChainDepthExceeded',
        leaf_client_cert_subject: pki.clients.deepChain.subject,
      });
      await sClient(alb, { cert: 'deepChain', chain: cas });
      expect((await lastLog(alb)).tls_verify_status).toBe('Success');
    },
  );

  it('not yet valid: ClientCertNotYetValid', async () => {
    const alb = await listener('verify');
    await sClient(alb, { cert: 'notYetValid' });
    expect((await lastLog(alb)).tls_verify_status).toBe('Failed:ClientCertNotYetValid');
  });

  it('RSA-1024 and SHA-1 leaves, which curl at security level 2 will not send: ClientCertTypeUnsupported', async () => {
    const alb = await listener('verify');
    for (const name of ['rsa1024', 'sha1'] as const) {
      await sClient(alb, { cert: name, args: ['-cipher', 'DEFAULT@SECLEVEL=0'] });
      expect(await lastLog(alb), name).toMatchObject({
        tls_verify_status: 'Failed:ClientCertTypeUnsupported',
        leaf_client_cert_subject: pki.clients[name].subject,
      });
    }
  });

  it('an expired CRL: ClientCertCrlProcessingError', async () => {
    const alb = await listener('verify', {}, [read(pki.expiredCrl)]);
    await sClient(alb, { cert: 'clientA' });
    expect((await lastLog(alb)).tls_verify_status).toBe('Failed:ClientCertCrlProcessingError');
  });
});

describe('passthrough forwards the chain exactly as presented', () => {
  const subjects = (header: string) =>
    decodeURIComponent(header)
      .split(/(?<=-----END CERTIFICATE-----\n)/)
      .filter(Boolean)
      .map((pem) => /CN=([^\n]+)/.exec(new X509Certificate(pem).subject)?.[1]);

  it.each([
    ['TLS 1.2', 'ELBSecurityPolicy-2016-08'],
    ['TLS 1.3', 'ELBSecurityPolicy-TLS13-1-2-2021-06'],
  ])('%s: leaf, privateCA, intermediateCA stay in that order', async (_label, sslPolicy) => {
    const alb = await listener('passthrough', { sslPolicy });
    const r = await execa('curl', [
      '-sS',
      '-k',
      '--cert',
      pki.clients.intermediateChainUnordered.cert,
      '--key',
      pki.clients.intermediateChainUnordered.key,
      `https://127.0.0.1:${alb.addresses[0]!.port}/`,
    ]);
    expect(JSON.parse(r.stdout).target).toBe('echo-1');
    const record = echo.logs.requests().at(-1)!;
    const header = record.headers[MTLS_HEADER.chain.toLowerCase()] as string;
    expect(subjects(header)).toEqual(['intermediateClient', 'privateCA', 'intermediateCA']);
    expect((await lastLog(alb)).tls_keyexchange).not.toBe('-');
  });
});
