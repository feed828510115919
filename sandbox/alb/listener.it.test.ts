// The ALB emulator end to end: real curl 7.88 and openssl against listeners on 127.0.0.1, with echo targets behind
// them, checked against what AWS documents and what seed 004 observed through a real ALB.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { ClientCertName, Pki } from '../../certs/types.js';
import type { HealthCheck, ListenerRule, MutualAuthentication, RuleAction } from '../model/topology.js';
import { type EchoRecord, type EchoTarget, startEchoTarget } from '../echo/echo-server.js';
import type { AlbListenerConfig, AlbTargetGroup } from './config.js';
import { type RunningAlb, startAlbListener } from './listener.js';
import { MTLS_HEADER } from './mtls-headers.js';
import { freshState } from '../testing/suite.js';

const CURL = '/usr/bin/curl';
let dir: string;
let pki: Pki;
let echo1: EchoTarget;
let echo2: EchoTarget;
const running: RunningAlb[] = [];
const read = (file: string) => readFileSync(file, 'utf8');

const fastHealth: HealthCheck = {
  protocol: 'HTTP',
  port: 'traffic-port',
  path: '/health',
  intervalSeconds: 0.2,
  timeoutSeconds: 1,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
  matcher: '200',
};
const forwardTo = (...ids: string[]): RuleAction => ({
  type: 'forward',
  targetGroups: ids.map((targetGroupId) => ({ targetGroupId, weight: 1 })),
  groupStickiness: null,
});
const fixed = (body: string, statusCode = 200): RuleAction => ({
  type: 'fixed-response',
  statusCode,
  contentType: 'text/plain',
  messageBody: body,
});
type TargetLike = EchoTarget | { name: string; host: string; port: number };
const asTarget = (t: TargetLike) => ('addresses' in t ? { name: t.name, ...t.addresses[0]! } : t);
const group = (id: string, targets: TargetLike[], over: Partial<AlbTargetGroup> = {}): AlbTargetGroup => ({
  id,
  protocol: 'HTTP',
  targets: targets.map(asTarget),
  healthCheck: fastHealth,
  stickiness: null,
  ...over,
});

function mtls(mode: MutualAuthentication['mode'], over: Partial<MutualAuthentication> = {}): MutualAuthentication {
  return {
    mode,
    trustStoreId: mode === 'verify' ? 'ts' : null,
    ignoreClientCertificateExpiry: false,
    advertiseTrustStoreCaNames: false,
    ...over,
  };
}

let counter = 0;
async function listener(over: Partial<AlbListenerConfig> = {}): Promise<RunningAlb> {
  counter++;
  const config: AlbListenerConfig = {
    name: `Test HTTPS:443 #${counter}`,
    host: '127.0.0.1',
    port: 0,
    advertisedPort: 443,
    protocol: 'HTTPS',
    certificatePem: read(pki.server.cert),
    privateKeyPem: read(pki.server.key),
    sslPolicy: null,
    mutualAuthentication: mtls('verify'),
    trustStore: { id: 'ts', caBundlePem: read(pki.ca.cert), crlPems: [read(pki.crl)] },
    rules: [],
    defaultActions: [forwardTo('tg')],
    targetGroups: [group('tg', [echo1])],
    connectionLogFile: join(dir, `connections-${counter}.jsonl`),
    ...over,
  };
  const alb = await startAlbListener(config);
  running.push(alb);
  await alb.ready();
  return alb;
}

interface CurlResult {
  exitCode: number;
  stderr: string;
  body: string;
  status: number | null;
  headers: Record<string, string[]>;
}

async function curl(
  alb: RunningAlb,
  opts: { cert?: ClientCertName | { cert: string; key: string }; path?: string; args?: string[] } = {},
): Promise<CurlResult> {
  const certArgs = !opts.cert
    ? []
    : typeof opts.cert === 'string'
      ? ['--cert', pki.clients[opts.cert].cert, '--key', pki.clients[opts.cert].key]
      : ['--cert', opts.cert.cert, '--key', opts.cert.key];
  const url = `https://127.0.0.1:${alb.addresses[0]!.port}${opts.path ?? '/'}`;
  const r = await execa(CURL, ['-v', '-k', '-sS', '--max-time', '10', ...certArgs, ...(opts.args ?? []), url], {
    reject: false,
    stripFinalNewline: false,
  });
  const headers: Record<string, string[]> = {};
  let status: number | null = null;
  for (const line of r.stderr.split('\n')) {
    const s = /^< HTTP\/[\d.]+ (\d{3})/.exec(line);
    if (s) status = Number(s[1]);
    const h = /^< ([^:\s]+): ?(.*?)\r?$/.exec(line);
    if (h) {
      const name = h[1]!.toLowerCase();
      headers[name] = [...(headers[name] ?? []), h[2]!];
    }
  }
  return { exitCode: r.exitCode ?? -1, stderr: r.stderr, body: r.stdout, status, headers };
}

const lastLog = (alb: RunningAlb) => alb.logs.connections().at(-1)!;
const lastRecord = (t: EchoTarget): EchoRecord => t.logs.requests().at(-1)!;
/** Values of a header as the target received it, in order (raw headers keep duplicates). */
function received(record: EchoRecord, name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < record.rawHeaders.length; i += 2)
    if (record.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) out.push(record.rawHeaders[i + 1]!);
  return out;
}
const opensslField = async (file: string, ...args: string[]) =>
  (await execa('openssl', ['x509', '-in', file, '-noout', ...args])).stdout.trim();
/** "Nov  3 04:09:55 2024 GMT" → "2024-11-03T04:09:55Z" */
const isoOf = (text: string) => new Date(text).toISOString().replace('.000Z', 'Z');

beforeAll(async () => {
  dir = freshState('alb-it');
  pki = await ensurePki(join(dir, 'certs'));
  echo1 = await startEchoTarget({ name: 'echo-1' });
  echo2 = await startEchoTarget({ name: 'echo-2' });
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((a) => a.close()));
  await echo1?.close();
  await echo2?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verify mode (seed 004)', () => {
  let alb: RunningAlb;
  beforeAll(async () => {
    alb = await listener();
  });

  it('resets the connection of a client without a certificate, no HTTP response, curl exit 35', async () => {
    const r = await curl(alb);
    expect(r.exitCode).toBe(35);
    expect(r.stderr).toContain('Request CERT (13)');
    expect(r.stderr).toContain('TLSv1.2 (OUT), TLS handshake, Finished (20)');
    expect(r.stderr).toContain('Recv failure: Connection reset by peer');
    expect(r.stderr).toContain('curl: (35) Recv failure: Connection reset by peer');
    expect(r.stderr).not.toMatch(/TLS alert/);
    expect(r.status).toBeNull();
    const entry = lastLog(alb);
    expect(entry.tls_verify_status).toBe('Failed:ClientCertNotFound');
    expect(entry.notes).toMatch(/inferred/);
    expect(entry).toMatchObject({ tls_protocol: 'TLSv1.2', tls_handshake_latency: '-', leaf_client_cert_subject: '-' });
  });

  it('lets clientA through with the five headers the ALB documents, exact values', async () => {
    const r = await curl(alb, { cert: 'clientA', path: '/seed004' });
    expect(r.exitCode).toBe(0);
    expect(r.status).toBe(200);
    // seed 004's real ALB negotiated this with curl under the default policy
    expect(r.stderr).toContain('SSL connection using TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256');
    expect(r.stderr).toContain('ALPN: server accepted h2');
    const rec = lastRecord(echo1);
    expect(rec.url).toBe('/seed004');
    const file = pki.clients.clientA.cert;
    expect(received(rec, MTLS_HEADER.serialNumber)).toEqual([
      (await opensslField(file, '-serial')).replace('serial=', ''),
    ]);
    expect(received(rec, MTLS_HEADER.subject)).toEqual([
      (await opensslField(file, '-subject', '-nameopt', 'RFC2253')).replace('subject=', ''),
    ]);
    expect(received(rec, MTLS_HEADER.subject)).toEqual([
      'CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
    ]);
    expect(received(rec, MTLS_HEADER.issuer)).toEqual([
      (await opensslField(file, '-issuer', '-nameopt', 'RFC2253')).replace('issuer=', ''),
    ]);
    const start = isoOf((await opensslField(file, '-startdate')).replace('notBefore=', ''));
    const end = isoOf((await opensslField(file, '-enddate')).replace('notAfter=', ''));
    expect(received(rec, MTLS_HEADER.validity)).toEqual([`NotBefore=${start};NotAfter=${end}`]);
    const leaf = received(rec, MTLS_HEADER.leaf);
    expect(leaf).toHaveLength(1);
    expect(leaf[0]).toMatch(/^-----BEGIN%20CERTIFICATE-----%0AMII[A-Za-z0-9+/=%]+%0A-----END%20CERTIFICATE-----%0A$/);
    const pem = `${(await execa('openssl', ['x509', '-in', file])).stdout.trim()}\n`;
    expect(decodeURIComponent(leaf[0]!)).toBe(pem);
    expect(received(rec, MTLS_HEADER.chain)).toEqual([]);
    // the usual ALB request headers
    expect(received(rec, 'x-forwarded-for')).toEqual(['127.0.0.1']);
    expect(received(rec, 'x-forwarded-proto')).toEqual(['https']);
    expect(received(rec, 'x-forwarded-port')).toEqual(['443']);
    expect(received(rec, 'x-amzn-trace-id')[0]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(received(rec, 'host')).toEqual(['127.0.0.1']);
    const entry = lastLog(alb);
    expect(entry).toMatchObject({
      tls_verify_status: 'Success',
      tls_protocol: 'TLSv1.2',
      tls_cipher: 'ECDHE-RSA-AES128-GCM-SHA256',
      listener_port: 443,
      client_ip: '127.0.0.1',
      leaf_client_cert_subject: pki.clients.clientA.subject,
      leaf_client_cert_serial_number: pki.clients.clientA.serial,
      leaf_client_cert_validity: `NotBefore=${start};NotAfter=${end}`,
    });
    expect(entry.tls_handshake_latency).toMatch(/^\d+\.\d{3}$/);
    expect(entry.conn_trace_id).toMatch(/^TID_[0-9a-f]{32}$/);
  });

  it.each([
    ['untrusted', 'Failed:ClientCertUntrusted'],
    ['expired', 'Failed:ClientCertExpired'],
    ['revoked', 'Failed:ClientCertCrlHit'],
  ] as const)('resets %s certificates and logs %s', async (name, status) => {
    const r = await curl(alb, { cert: name });
    expect(r.exitCode).toBe(35);
    expect(r.stderr).toContain('Recv failure: Connection reset by peer');
    expect(r.stderr).toContain('CERT verify (15)');
    const entry = lastLog(alb);
    expect(entry.tls_verify_status).toBe(status);
    expect(entry.leaf_client_cert_subject).toBe(pki.clients[name].subject);
    expect(entry.leaf_client_cert_serial_number).toBe(pki.clients[name].serial);
  });

  it('a client writing X-Amzn-Mtls-Clientcert-Subject itself: the target gets exactly one value, its real one', async () => {
    const r = await curl(alb, {
      cert: 'clientB',
      args: [
        '-H',
        'X-Amzn-Mtls-Clientcert-Subject: CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
        '-H',
        'x-amzn-mtls-clientcert-serial-number: 01',
      ],
    });
    expect(r.status).toBe(200);
    const rec = lastRecord(echo1);
    expect(received(rec, MTLS_HEADER.subject)).toEqual([pki.clients.clientB.subject]);
    expect(received(rec, MTLS_HEADER.serialNumber)).toEqual([pki.clients.clientB.serial]);
    await expect.poll(() => alb.logs.requests().at(-1)?.trace_id).toBe(received(rec, 'x-amzn-trace-id')[0]);
    const request = alb.logs.requests().at(-1)!;
    expect(request.notes).toMatch(
      /client sent x-amzn-mtls-clientcert-subject, x-amzn-mtls-clientcert-serial-number: dropped.*\(inferred/i,
    );
    expect(request).toMatchObject({
      type: 'h2',
      elb_status_code: 200,
      target_status_code: 200,
      actions_executed: 'forward',
      matched_rule_priority: 0,
      target_group: 'tg',
    });
    expect(request.trace_id).toBe(received(rec, 'x-amzn-trace-id')[0]);
    expect(request.conn_trace_id).toBe(lastLog(alb).conn_trace_id);
  });

  it('serves HTTP/2 (curl --http2) with the same headers', async () => {
    const r = await curl(alb, { cert: 'clientA', path: '/h2?x=1', args: ['--http2'] });
    expect(r.stderr).toContain('using HTTP/2');
    expect(r.status).toBe(200);
    const rec = lastRecord(echo1);
    expect(rec.url).toBe('/h2?x=1');
    expect(rec.httpVersion).toBe('1.1'); // the ALB speaks HTTP/1.1 to targets
    expect(received(rec, 'host')).toEqual(['127.0.0.1']);
    expect(received(rec, MTLS_HEADER.subject)).toEqual([pki.clients.clientA.subject]);
    expect(rec.rawHeaders.some((h) => h.startsWith(':'))).toBe(false);
  });

  it('accepts a chain through an intermediate CA the client presents', async () => {
    const sh = (...args: string[]) => execa('openssl', args, { cwd: dir });
    writeFileSync(join(dir, 'int.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
    writeFileSync(join(dir, 'leaf.ext'), 'extendedKeyUsage=clientAuth\n');
    await sh(
      'req',
      '-new',
      '-nodes',
      '-newkey',
      'rsa:2048',
      '-keyout',
      'int.key',
      '-subj',
      '/O=example.org/CN=intermediateCA',
      '-out',
      'int.csr',
    );
    await sh(
      'x509',
      '-req',
      '-in',
      'int.csr',
      '-CA',
      pki.ca.cert,
      '-CAkey',
      pki.ca.key,
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      'int.ext',
      '-out',
      'int.crt',
    );
    await sh(
      'req',
      '-new',
      '-nodes',
      '-newkey',
      'rsa:2048',
      '-keyout',
      'deep.key',
      '-subj',
      '/O=example.org/CN=deepClient',
      '-out',
      'deep.csr',
    );
    await sh(
      'x509',
      '-req',
      '-in',
      'deep.csr',
      '-CA',
      'int.crt',
      '-CAkey',
      'int.key',
      '-CAcreateserial',
      '-days',
      '30',
      '-extfile',
      'leaf.ext',
      '-out',
      'deep.crt',
    );
    writeFileSync(join(dir, 'deep-chain.pem'), read(join(dir, 'deep.crt')) + read(join(dir, 'int.crt')));
    const alone = await curl(alb, { cert: { cert: join(dir, 'deep.crt'), key: join(dir, 'deep.key') } });
    expect(alone.exitCode).toBe(35);
    expect(lastLog(alb).tls_verify_status).toBe('Failed:ClientCertUntrusted');
    const chained = await curl(alb, { cert: { cert: join(dir, 'deep-chain.pem'), key: join(dir, 'deep.key') } });
    expect(chained.status).toBe(200);
    const rec = lastRecord(echo1);
    expect(received(rec, MTLS_HEADER.subject)).toEqual(['CN=deepClient,O=example.org']);
    expect(received(rec, MTLS_HEADER.issuer)).toEqual(['CN=intermediateCA,O=example.org']);
  });

  it('keeps serving after clients that fail', async () => {
    expect((await curl(alb, { cert: 'untrusted' })).exitCode).toBe(35);
    expect((await curl(alb, { cert: 'clientA' })).status).toBe(200);
  });
});

describe('verify mode options', () => {
  it('IgnoreClientCertificateExpiry lets the expired certificate in, and says so in the log', async () => {
    const alb = await listener({ mutualAuthentication: mtls('verify', { ignoreClientCertificateExpiry: true }) });
    const r = await curl(alb, { cert: 'expired' });
    expect(r.status).toBe(200);
    expect(received(lastRecord(echo1), MTLS_HEADER.subject)).toEqual([pki.clients.expired.subject]);
    expect(lastLog(alb).tls_verify_status).toBe('Success');
    expect(lastLog(alb).notes).toMatch(/IgnoreClientCertificateExpiry/);
    // expiry is the only thing it waives
    expect((await curl(alb, { cert: 'untrusted' })).exitCode).toBe(35);
  });

  it('a revoked certificate passes when the trust store holds no CRL', async () => {
    const alb = await listener({ trustStore: { id: 'ts', caBundlePem: read(pki.ca.cert), crlPems: [] } });
    expect((await curl(alb, { cert: 'revoked' })).status).toBe(200);
  });

  it('advertises the trust store CA names only with AdvertiseTrustStoreCaNames on', async () => {
    const sClient = async (alb: RunningAlb) =>
      (
        await execa(
          'openssl',
          [
            's_client',
            '-connect',
            `127.0.0.1:${alb.addresses[0]!.port}`,
            '-cert',
            pki.clients.clientA.cert,
            '-key',
            pki.clients.clientA.key,
          ],
          {
            input: '',
            reject: false,
            timeout: 10_000,
          },
        )
      ).stdout;
    const on = await sClient(
      await listener({ mutualAuthentication: mtls('verify', { advertiseTrustStoreCaNames: true }) }),
    );
    expect(on).toContain('Acceptable client certificate CA names');
    expect(on).toContain('CN = privateCA');
    const off = await sClient(await listener());
    expect(off).toContain('No client certificate CA names sent');
  });

  it('negotiates TLS 1.3 under a TLS13 policy', async () => {
    const alb = await listener({ sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    const r = await curl(alb, { cert: 'clientA' });
    expect(r.stderr).toMatch(/SSL connection using TLSv1\.3/);
    expect(r.status).toBe(200);
    // without a certificate the TLS 1.3 handshake completes on the client side first; the reset then hits the request
    const none = await curl(alb);
    expect(none.exitCode).not.toBe(0);
    expect(none.stderr).toContain('Connection reset by peer');
    expect(lastLog(alb).tls_verify_status).toBe('Failed:ClientCertNotFound');
  });
});

describe('listener rules see the request as the client sent it (seed 004)', () => {
  const rule: ListenerRule = {
    logicalId: 'CnRule',
    priority: 100,
    conditions: [{ field: 'http-header', headerName: 'X-Amzn-Mtls-Clientcert-Subject', values: ['*CN=clientA*'] }],
    actions: [fixed('Success!!')],
  };
  let alb: RunningAlb;
  beforeAll(async () => {
    alb = await listener({ rules: [rule], defaultActions: [fixed('Default Action')] });
  });

  it('clientA gets the default action although the target would see its subject', async () => {
    const r = await curl(alb, { cert: 'clientA', args: ['--http2'] });
    expect(r.status).toBe(200);
    expect(r.body).toBe('Default Action');
    expect(r.headers.server).toEqual(['awselb/2.0']);
    expect(r.headers['content-type']).toEqual(['text/plain; charset=utf-8']);
    expect(r.headers['content-length']).toEqual(['14']);
  });

  it('a client that sends the header itself matches the rule', async () => {
    const r = await curl(alb, { cert: 'clientB', args: ['-H', 'X-Amzn-Mtls-Clientcert-Subject: CN=clientA'] });
    expect(r.body).toBe('Success!!');
    expect(r.headers.server).toEqual(['awselb/2.0']);
    await expect
      .poll(() => alb.logs.requests().at(-1))
      .toMatchObject({
        matched_rule_priority: 100,
        actions_executed: 'fixed-response',
        target: '-',
        elb_status_code: 200,
      });
  });
});

describe('passthrough mode', () => {
  let alb: RunningAlb;
  beforeAll(async () => {
    alb = await listener({ mutualAuthentication: mtls('passthrough'), trustStore: null });
  });

  it('forwards an untrusted certificate unverified in X-Amzn-Mtls-Clientcert', async () => {
    const r = await curl(alb, { cert: 'untrusted', args: ['-H', 'X-Amzn-Mtls-Clientcert-Subject: forged'] });
    expect(r.stderr).toContain('Request CERT (13)');
    expect(r.status).toBe(200);
    const rec = lastRecord(echo1);
    const chain = received(rec, MTLS_HEADER.chain);
    expect(chain).toHaveLength(1);
    const pem = `${(await execa('openssl', ['x509', '-in', pki.clients.untrusted.cert])).stdout.trim()}\n`;
    expect(decodeURIComponent(chain[0]!)).toBe(pem);
    expect(received(rec, MTLS_HEADER.subject)).toEqual([]); // verify-mode headers do not exist here; the forged one is gone
    expect(lastLog(alb)).toMatchObject({
      tls_verify_status: 'Success',
      leaf_client_cert_subject: pki.clients.untrusted.subject,
    });
  });

  it('forwards the whole presented chain, leaf first', async () => {
    const bundle = join(dir, 'untrusted-chain.pem');
    writeFileSync(bundle, read(pki.clients.untrusted.cert) + read(pki.untrustedCa.cert));
    const r = await curl(alb, { cert: { cert: bundle, key: pki.clients.untrusted.key } });
    expect(r.status).toBe(200);
    const decoded = decodeURIComponent(received(lastRecord(echo1), MTLS_HEADER.chain)[0]!);
    const pems = decoded.split(/(?<=-----END CERTIFICATE-----\n)/).filter(Boolean);
    expect(pems).toHaveLength(2);
    const subjectOf = async (pem: string) => {
      const f = join(dir, 'one.pem');
      writeFileSync(f, pem);
      return (await opensslField(f, '-subject', '-nameopt', 'RFC2253')).replace('subject=', '');
    };
    expect(await subjectOf(pems[0]!)).toBe(pki.clients.untrusted.subject);
    expect(await subjectOf(pems[1]!)).toBe(pki.untrustedCa.subject);
  });

  it('accepts a client without a certificate and sends no certificate header', async () => {
    const r = await curl(alb);
    expect(r.status).toBe(200);
    expect(received(lastRecord(echo1), MTLS_HEADER.chain)).toEqual([]);
    expect(lastLog(alb).leaf_client_cert_subject).toBe('-');
  });
});

describe('mutual authentication off', () => {
  it('sends no CertificateRequest and passes client-sent X-Amzn-Mtls-* headers on (inferred)', async () => {
    const alb = await listener({ mutualAuthentication: mtls('off'), trustStore: null });
    const r = await curl(alb, { cert: 'clientA', args: ['-H', 'X-Amzn-Mtls-Clientcert-Subject: CN=anyone'] });
    expect(r.status).toBe(200);
    expect(r.stderr).not.toContain('Request CERT');
    expect(received(lastRecord(echo1), MTLS_HEADER.subject)).toEqual(['CN=anyone']);
    expect(lastLog(alb)).toMatchObject({ tls_verify_status: 'Success', leaf_client_cert_subject: '-' });
  });
});

describe('routing', () => {
  it('round robin alternates between the targets of a group', async () => {
    const alb = await listener({ mutualAuthentication: mtls('off'), targetGroups: [group('tg', [echo1, echo2])] });
    const bodies = [];
    for (let i = 0; i < 4; i++) bodies.push(JSON.parse((await curl(alb)).body).target);
    expect(bodies).toEqual(['echo-1', 'echo-2', 'echo-1', 'echo-2']);
  });

  it('an AWSALB stickiness cookie pins the target; a forged one is ignored', async () => {
    const alb = await listener({
      mutualAuthentication: mtls('off'),
      targetGroups: [group('tg', [echo1, echo2], { stickiness: { enabled: true, durationSeconds: 3600 } })],
    });
    const jar = join(dir, 'jar.txt');
    const first = await curl(alb, { args: ['-c', jar] });
    const cookies = first.headers['set-cookie'] ?? [];
    expect(cookies.some((c) => /^AWSALB=[A-Za-z0-9+/=]+; Expires=[^;]+GMT; Path=\/$/.test(c))).toBe(true);
    expect(cookies.some((c) => /^AWSALBCORS=.*; SameSite=None; Secure$/.test(c))).toBe(true);
    const pinned = JSON.parse(first.body).target;
    for (let i = 0; i < 4; i++)
      expect(JSON.parse((await curl(alb, { args: ['-b', jar, '-c', jar] })).body).target).toBe(pinned);
    const forged = [];
    for (let i = 0; i < 4; i++)
      forged.push(JSON.parse((await curl(alb, { args: ['-H', 'Cookie: AWSALB=Zm9yZ2Vk'] })).body).target);
    expect(new Set(forged).size).toBe(2);
  });

  it('weighted forward with target group stickiness pins the group with AWSALBTG', async () => {
    const alb = await listener({
      mutualAuthentication: mtls('off'),
      defaultActions: [
        {
          type: 'forward',
          targetGroups: [
            { targetGroupId: 'a', weight: 1 },
            { targetGroupId: 'b', weight: 1 },
          ],
          groupStickiness: { enabled: true, durationSeconds: 60 },
        },
      ],
      targetGroups: [group('a', [echo1]), group('b', [echo2])],
    });
    const unpinned = [];
    for (let i = 0; i < 4; i++) unpinned.push(JSON.parse((await curl(alb)).body).target);
    expect(unpinned).toEqual(['echo-1', 'echo-2', 'echo-1', 'echo-2']);
    const jar = join(dir, 'tg-jar.txt');
    const first = await curl(alb, { args: ['-c', jar] });
    expect(first.headers['set-cookie']?.some((c) => c.startsWith('AWSALBTG='))).toBe(true);
    expect(
      first.headers['set-cookie']?.some((c) => c.startsWith('AWSALBTGCORS=') && c.endsWith('SameSite=None; Secure')),
    ).toBe(true);
    const pinned = JSON.parse(first.body).target;
    for (let i = 0; i < 3; i++) expect(JSON.parse((await curl(alb, { args: ['-b', jar] })).body).target).toBe(pinned);
  });

  it('an HTTP listener forwards with X-Forwarded-Proto http and logs "-" for TLS', async () => {
    const alb = await listener({
      protocol: 'HTTP',
      advertisedPort: 80,
      certificatePem: null,
      privateKeyPem: null,
      mutualAuthentication: null,
      trustStore: null,
    });
    const r = await execa(
      CURL,
      ['-sS', '-H', 'X-Forwarded-For: 203.0.113.9', `http://127.0.0.1:${alb.addresses[0]!.port}/plain`],
      { reject: false },
    );
    expect(JSON.parse(r.stdout).target).toBe('echo-1');
    const rec = lastRecord(echo1);
    expect(received(rec, 'x-forwarded-proto')).toEqual(['http']);
    expect(received(rec, 'x-forwarded-port')).toEqual(['80']);
    expect(received(rec, 'x-forwarded-for')).toEqual(['203.0.113.9, 127.0.0.1']);
    expect(lastLog(alb)).toMatchObject({ tls_protocol: '-', tls_verify_status: '-', listener_port: 80 });
  });

  it('fails open to all targets when none is healthy', async () => {
    const alb = await listener({
      mutualAuthentication: mtls('off'),
      targetGroups: [group('tg', [echo1, echo2], { healthCheck: { ...fastHealth, matcher: '204' } })],
    });
    await expect
      .poll(() => alb.health().tg!.map((t) => [t.state, t.reason]), { timeout: 5000, interval: 100 })
      .toEqual([
        ['unhealthy', 'Target.ResponseCodeMismatch'],
        ['unhealthy', 'Target.ResponseCodeMismatch'],
      ]);
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add(JSON.parse((await curl(alb)).body).target);
    expect(seen).toEqual(new Set(['echo-1', 'echo-2']));
    await expect.poll(() => alb.logs.requests().at(-1)?.notes).toMatch(/fail open/);
  });

  it('answers 503 itself when the group has no registered target, 502 when the target is unreachable', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const alb = await listener({
      mutualAuthentication: mtls('off'),
      rules: [
        {
          logicalId: 'dead',
          priority: 1,
          conditions: [{ field: 'path-pattern', values: ['/dead'] }],
          actions: [forwardTo('dead')],
        },
      ],
      defaultActions: [forwardTo('empty')],
      targetGroups: [group('empty', []), group('dead', [{ name: 'dead', host: '127.0.0.1', port: deadPort }])],
    });
    const empty = await curl(alb);
    expect(empty.status).toBe(503);
    expect(empty.headers.server).toEqual(['awselb/2.0']);
    expect(empty.body).toContain('<title>503 Service Temporarily Unavailable</title>');
    const dead = await curl(alb, { path: '/dead' });
    expect(dead.status).toBe(502);
    expect(dead.headers.server).toEqual(['awselb/2.0']);
    expect(dead.body).toBe(
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
    );
  });

  it('rule transforms rewrite Host and URL on the way to the target, after routing; a failed one answers 500', async () => {
    const alb = await listener({
      mutualAuthentication: mtls('off'),
      trustStore: null,
      rules: [
        {
          logicalId: 'Rewrite',
          priority: 1,
          conditions: [{ field: 'path-pattern', values: [], regexValues: ['^/api/'] }],
          actions: [forwardTo('tg')],
          transforms: [
            {
              type: 'host-header-rewrite',
              rewrites: [{ regex: '^127\\.0\\.0\\.1(:\\d+)?$', replace: 'internal.example' }],
            },
            { type: 'url-rewrite', rewrites: [{ regex: '^/api/(.*)$', replace: '/$1' }] },
          ],
        },
        {
          logicalId: 'Broken',
          priority: 2,
          conditions: [{ field: 'path-pattern', values: ['/broken*'] }],
          actions: [forwardTo('tg')],
          transforms: [{ type: 'url-rewrite', rewrites: [{ regex: '^/broken', replace: 'nowhere' }] }],
        },
      ],
    });
    expect((await curl(alb, { path: '/api/users?id=7' })).status).toBe(200);
    const rec = lastRecord(echo1);
    expect(rec.url).toBe('/users?id=7');
    expect(received(rec, 'host')).toEqual(['internal.example']);
    const before = echo1.logs.requests().length;
    const broken = await curl(alb, { path: '/broken' });
    expect(broken.status).toBe(500);
    expect(broken.headers.server).toEqual(['awselb/2.0']);
    expect(echo1.logs.requests().length).toBe(before);
  });

  it('redirects with the original components kept', async () => {
    const alb = await listener({
      mutualAuthentication: mtls('off'),
      rules: [
        {
          logicalId: 'old',
          priority: 1,
          conditions: [{ field: 'path-pattern', values: ['/old/*'] }],
          actions: [
            {
              type: 'redirect',
              protocol: 'HTTPS',
              port: '443',
              host: '#{host}',
              path: '/new/#{path}',
              query: '#{query}',
              statusCode: 'HTTP_301',
            },
          ],
        },
      ],
    });
    const r = await curl(alb, { path: '/old/page?a=1' });
    expect(r.status).toBe(301);
    await expect
      .poll(() => alb.logs.requests().at(-1))
      .toMatchObject({
        actions_executed: 'redirect',
        redirect_url: 'https://127.0.0.1:443/new/old/page?a=1',
        matched_rule_priority: 1,
      });
    expect(r.headers.location).toEqual(['https://127.0.0.1:443/new/old/page?a=1']);
    expect(r.headers.server).toEqual(['awselb/2.0']);
  });

  it('a health check marks a stopped target unhealthy', async () => {
    const doomed = await startEchoTarget({ name: 'doomed' });
    const alb = await listener({ mutualAuthentication: mtls('off'), targetGroups: [group('tg', [doomed, echo1])] });
    expect(alb.health().tg!.map((t) => t.healthy)).toEqual([true, true]);
    expect(doomed.logs.healthChecks()).toBeGreaterThan(0);
    await doomed.close();
    await expect
      .poll(() => alb.health().tg![0], { timeout: 5000, interval: 100 })
      .toMatchObject({ target: 'doomed', healthy: false, state: 'unhealthy', reason: 'Target.FailedHealthChecks' });
    // requests now go to the healthy target only
    for (let i = 0; i < 3; i++) expect(JSON.parse((await curl(alb)).body).target).toBe('echo-1');
  });
});

describe('robustness', () => {
  let alb: RunningAlb;
  beforeAll(async () => {
    alb = await listener();
  });

  function rawExchange(payload: Buffer | string): Promise<{ data: Buffer; error: string | null }> {
    return new Promise((resolve) => {
      const socket = net.connect(alb.addresses[0]!.port, '127.0.0.1', () => socket.write(payload));
      const chunks: Buffer[] = [];
      socket.on('data', (d) => chunks.push(d));
      socket.on('error', (e: Error & { code?: string }) =>
        resolve({ data: Buffer.concat(chunks), error: e.code ?? e.message }),
      );
      socket.on('close', () => resolve({ data: Buffer.concat(chunks), error: null }));
      setTimeout(() => socket.destroy(), 5000);
    });
  }

  /** An HTTP/1.1 exchange over TLS with clientA, raw text so the request can be malformed on purpose. */
  function tlsExchange(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect(
        {
          port: alb.addresses[0]!.port,
          host: '127.0.0.1',
          rejectUnauthorized: false,
          cert: read(pki.clients.clientA.cert),
          key: read(pki.clients.clientA.key),
        },
        () => socket.write(request),
      );
      let out = '';
      socket.on('data', (d) => (out += d.toString('latin1')));
      socket.on('end', () => resolve(out));
      socket.on('close', () => resolve(out));
      socket.on('error', reject);
      setTimeout(() => socket.destroy(), 5000);
    });
  }

  it('closes on garbage instead of a ClientHello and keeps serving', async () => {
    const r = await rawExchange('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(r.data.includes(Buffer.from('HTTP/1.1'))).toBe(false);
    expect(lastLog(alb).tls_verify_status).toBe('Failed:UnmappedConnectionError');
    expect((await rawExchange(Buffer.alloc(300, 0x16))).data.length).toBe(0);
    expect((await curl(alb, { cert: 'clientA' })).status).toBe(200);
  });

  it('resets a client whose certificate cannot be parsed, and keeps serving', async () => {
    const proxy = await corruptingProxy(alb.addresses[0]!.port);
    try {
      const r = await execa(
        CURL,
        [
          '-v',
          '-k',
          '-sS',
          '--max-time',
          '10',
          '--cert',
          pki.clients.clientA.cert,
          '--key',
          pki.clients.clientA.key,
          `https://127.0.0.1:${proxy.port}/`,
        ],
        { reject: false },
      );
      expect(r.exitCode).toBe(35);
      expect(r.stderr).toContain('Connection reset by peer');
      expect(proxy.corrupted()).toBe(true);
      expect(lastLog(alb).tls_verify_status).toBe('Failed:ClientCertInvalid');
    } finally {
      await proxy.close();
    }
    expect((await curl(alb, { cert: 'clientA' })).status).toBe(200);
  });

  it('answers 400 to a 64 KiB header', async () => {
    const r = await curl(alb, { cert: 'clientA', args: ['--http1.1', '-H', `X-Big: ${'a'.repeat(64 * 1024)}`] });
    expect(r.status).toBe(400);
    expect(r.headers.server).toEqual(['awselb/2.0']);
    expect((await curl(alb, { cert: 'clientA' })).status).toBe(200);
  });

  it('closes an HTTP/2 connection whose header is too large, and keeps serving', async () => {
    const r = await curl(alb, { cert: 'clientA', args: ['--http2', '-H', `X-Big: ${'a'.repeat(64 * 1024)}`] });
    expect(r.status).toBeNull();
    expect(r.exitCode).not.toBe(0);
    expect((await curl(alb, { cert: 'clientA', args: ['--http2'] })).status).toBe(200);
  });

  it('answers 405 to TRACE (ELB troubleshooting)', async () => {
    const r = await curl(alb, { cert: 'clientA', args: ['-X', 'TRACE'] });
    expect(r.status).toBe(405);
    expect(r.headers.server).toEqual(['awselb/2.0']);
  });

  it('refuses a request with both Content-Length and Transfer-Encoding (request smuggling) and closes', async () => {
    const before = echo1.logs.requests().length;
    const out = await tlsExchange(
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    expect(out).toMatch(/^HTTP\/1.1 400 Bad Request\r\n/);
    expect(out).toContain('Server: awselb/2.0');
    expect(echo1.logs.requests().length).toBe(before);
    expect((await curl(alb, { cert: 'clientA' })).status).toBe(200);
  });
});

describe('configuration errors', () => {
  it('says clearly what is wrong', async () => {
    await expect(listener({ trustStore: null })).rejects.toThrow(/verify mode needs a trust store/);
    await expect(listener({ defaultActions: [forwardTo('nope')] })).rejects.toThrow(
      /target group nope, which is not in targetGroups/,
    );
    await expect(listener({ certificatePem: null })).rejects.toThrow(/needs certificatePem and privateKeyPem/);
    await expect(
      listener({ trustStore: { id: 'ts', caBundlePem: read(pki.untrustedCa.cert), crlPems: [read(pki.crl)] } }),
    ).rejects.toThrow(/not signed by any CA/);
    const taken = await listener({ mutualAuthentication: mtls('off'), trustStore: null });
    await expect(listener({ port: taken.addresses[0]!.port })).rejects.toThrow(/cannot listen on 127.0.0.1:\d+/);
  });
});

describe('live update (the sandbox ELBv2 API)', () => {
  it('new rules answer the next request; a verify-mode change reaches the next connection', async () => {
    const alb = await listener({ mutualAuthentication: mtls('verify'), trustStore: null, rules: [] }).catch(() => null);
    expect(alb).toBeNull(); // verify without a trust store does not start
    const live = await listener();
    expect((await curl(live, { cert: 'clientA', path: '/hello' })).status).toBe(200);
    live.apply({
      rules: [
        {
          logicalId: 'r',
          priority: 1,
          conditions: [{ field: 'path-pattern', values: ['/hello'] }],
          actions: [fixed('hi')],
        },
      ],
    });
    expect((await curl(live, { cert: 'clientA', path: '/hello' })).body).toBe('hi');
    expect((await curl(live, { path: '/hello' })).exitCode).not.toBe(0); // verify: no certificate, no connection
    live.apply({ mutualAuthentication: mtls('passthrough'), trustStore: null });
    expect((await curl(live, { path: '/hello' })).body).toBe('hi');
    live.apply({
      mutualAuthentication: mtls('verify'),
      trustStore: { id: 'ts', caBundlePem: read(pki.ca.cert), crlPems: [read(pki.crl)] },
    });
    expect((await curl(live, { cert: 'revoked', path: '/hello' })).exitCode).not.toBe(0);
  });

  it('a change that would not make a valid listener throws and changes nothing', async () => {
    const live = await listener({ rules: [] });
    expect(() => live.apply({ mutualAuthentication: mtls('verify'), trustStore: null })).toThrow(/trust store/);
    expect(() => live.apply({ defaultActions: [forwardTo('elsewhere')] })).toThrow(/not in targetGroups/);
    expect(() =>
      live.apply({
        mutualAuthentication: mtls('verify'),
        trustStore: { id: 'ts', caBundlePem: 'not a bundle', crlPems: [] },
      }),
    ).toThrow();
    const answer = await curl(live, { cert: 'clientA' });
    expect(answer.status).toBe(200); // still verify mode, still forwarding to the echo target
    expect((await curl(live, {})).exitCode).not.toBe(0);
  });

  it('deregistered targets get no requests; with none registered the answer is 503', async () => {
    const live = await listener({ targetGroups: [group('tg', [echo1, echo2])] });
    live.apply({ registered: { targetGroupId: 'tg', targets: [echo2.name] } });
    const before = echo1.logs.requests().length;
    for (let i = 0; i < 3; i++) expect((await curl(live, { cert: 'clientA' })).status).toBe(200);
    expect(echo1.logs.requests().length).toBe(before);
    live.apply({ registered: { targetGroupId: 'tg', targets: [] } });
    expect((await curl(live, { cert: 'clientA' })).status).toBe(503);
  });
});

describe('connection log file and close()', () => {
  it('appends JSON lines and leaves nothing listening after close', async () => {
    const file = join(dir, 'logs', 'nested', 'alb.jsonl');
    const alb = await listener({ connectionLogFile: file });
    await curl(alb, { cert: 'clientA' });
    await curl(alb);
    const port = alb.addresses[0]!.port;
    await alb.close();
    const lines = read(file)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.tls_verify_status)).toEqual(['Success', 'Failed:ClientCertNotFound']);
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => resolve('connected'));
      s.on('error', (e: Error & { code?: string }) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
  });
});

/** A TCP proxy that breaks the DER of the first certificate in the client's TLS 1.2 Certificate message. */
async function corruptingProxy(
  targetPort: number,
): Promise<{ port: number; corrupted(): boolean; close(): Promise<void> }> {
  let corrupted = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let pending = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5) {
        const length = pending.readUInt16BE(3);
        if (pending.length < 5 + length) break;
        const record = Buffer.from(pending.subarray(0, 5 + length));
        pending = pending.subarray(5 + length);
        if (record[0] === 22 && !corrupted) {
          for (let p = 5; p + 4 <= record.length; ) {
            const type = record[p]!;
            const len = record.readUIntBE(p + 1, 3);
            if (type === 11 && len > 10) {
              const der = p + 4 + 3 + 3;
              record[der + 1] = 0x85; // a five-byte length: not DER
              corrupted = true;
            }
            p += 4 + len;
          }
        }
        upstream.write(record);
      }
    });
    upstream.on('data', (d) => client.write(d));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', () => client.resetAndDestroy()).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    corrupted: () => corrupted,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
