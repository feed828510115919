// The CloudFront viewer-mTLS emulator end to end with real curl and openssl s_client: the three modes, the connection
// function, the connection log, and the headers the origin (a real echo target) receives — checked against what
// `openssl x509` reads from the certificate files, never against strings written here.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { ClientCertName, Pki } from '../../certs/types.js';
import { type EchoTarget, startEchoTarget } from '../echo/echo-server.js';
import { runCurl } from '../probe/curl-runner.js';
import { runOpensslClient } from '../probe/openssl-client.js';
import {
  type RunningDistribution,
  startViewerMtlsDistribution,
  type ViewerMtlsDistributionConfig,
} from './distribution.js';
import type { CloudFrontLogEntry } from './connection-log.js';
import { freshState } from '../testing/suite.js';

let dir: string;
let pki: Pki;
let echo: EchoTarget;
const running: RunningDistribution[] = [];
const read = (file: string) => readFileSync(file, 'utf8');

const ALL_HEADERS = [
  'CloudFront-Viewer-Cert-Serial-Number',
  'CloudFront-Viewer-Cert-Issuer',
  'CloudFront-Viewer-Cert-Subject',
  'CloudFront-Viewer-Cert-Present',
  'CloudFront-Viewer-Cert-Sha256',
  'CloudFront-Viewer-Cert-Validity',
  'CloudFront-Viewer-Cert-Pem',
];

/** What openssl itself says about a certificate file. */
function opensslFacts(file: string) {
  const x509 = (...args: string[]) =>
    execFileSync('openssl', ['x509', '-in', file, '-noout', ...args], { encoding: 'utf8' }).trim();
  const serialHex = x509('-serial')
    .replace(/^serial=/, '')
    .toLowerCase();
  const padded = /^[89a-f]/.test(serialHex) ? `00${serialHex}` : serialHex.length % 2 ? `0${serialHex}` : serialHex;
  const der = execFileSync('openssl', ['x509', '-in', file, '-outform', 'DER']);
  const pem = execFileSync('openssl', ['x509', '-in', file], { encoding: 'utf8' });
  const date = (flag: string) =>
    new Date(x509(flag).replace(/^not(Before|After)=/, '')).toISOString().replace(/\.000Z$/, 'Z');
  return {
    serial: padded.match(/../g)!.join(':'),
    subject: x509('-subject', '-nameopt', 'RFC2253').replace(/^subject=/, ''),
    issuer: x509('-issuer', '-nameopt', 'RFC2253').replace(/^issuer=/, ''),
    sha256: x509('-fingerprint', '-sha256').replace(/^.*=/, '').replace(/:/g, '').toLowerCase(),
    validity: `NotBefore=${date('-startdate')};NotAfter=${date('-enddate')}`,
    pem: encodeURIComponent(pem),
    b64: der.toString('base64'),
  };
}

beforeAll(async () => {
  dir = freshState('cloudfront');
  pki = await ensurePki(join(dir, 'certs'));
  echo = await startEchoTarget({ name: 'origin' });
}, 180_000);

afterAll(async () => {
  await Promise.all(running.map((d) => d.close()));
  await echo?.close();
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
async function distribution(over: Partial<ViewerMtlsDistributionConfig>): Promise<RunningDistribution> {
  counter++;
  const mode = over.mode ?? 'required';
  const d = await startViewerMtlsDistribution({
    name: `Dist${counter}`,
    distributionId: 'E2SANDBOX00001',
    domainName: 'd111111abcdef8.cloudfront.net',
    host: '127.0.0.1',
    port: 0,
    certificatePem: read(pki.server.cert),
    privateKeyPem: read(pki.server.key),
    mode,
    trustStore: mode === 'passthrough' ? null : { id: 'ts', caBundlePem: read(pki.ca.cert), crlPems: [] },
    advertiseTrustStoreCaNames: false,
    ignoreCertificateExpiry: false,
    connectionFunction: null,
    httpVersion: 'http2',
    origin: { domainName: 'origin.example.test', protocol: 'http', ...echo.addresses[0]! },
    originRequestPolicy: { logicalId: 'P', path: 'P', headerBehavior: 'whitelist', headers: ALL_HEADERS },
    connectionLogFile: join(dir, `connections-${counter}.jsonl`),
    ...over,
  });
  running.push(d);
  return d;
}

const curl = (
  d: RunningDistribution,
  cert: ClientCertName | null,
  path: string,
  extra: { headers?: Record<string, string>; http?: '1.1' | '2' } = {},
) =>
  runCurl({
    url: `https://127.0.0.1:${d.addresses[0]!.port}${path}`,
    insecure: true,
    clientCert: cert ? { form: 'pem', cert: pki.clients[cert].cert, key: pki.clients[cert].key } : null,
    ...extra,
  });

async function lastLog(d: RunningDistribution): Promise<CloudFrontLogEntry> {
  await expect.poll(() => d.logs.connections().length, { timeout: 3000 }).toBeGreaterThan(0);
  return d.logs.connections().at(-1)!;
}

const seen = (path: string) => echo.logs.requests().filter((r) => r.url === path);

describe('required mode', () => {
  let d: RunningDistribution;
  beforeAll(async () => {
    d = await distribution({
      connectionFunction: {
        name: 'DenyClientB',
        code: `function connectionHandler(connection) {
  var c = connection.clientCertificate;
  if (c && c.certificates.leaf.subject.indexOf('CN=clientB') !== -1) { connection.logCustomData('DENIED:' + c.certificates.leaf.serialNumber); connection.deny(); return; }
  connection.allow();
}`,
      },
    });
  });

  it('forwards the certificate headers in CloudFront formats, over HTTP/2 and HTTP/1.1, and drops forged copies', async () => {
    const facts = opensslFacts(pki.clients.clientA.cert);
    for (const http of ['2', '1.1'] as const) {
      const path = `/required-a-${http}`;
      const r = await curl(d, 'clientA', path, {
        http,
        headers: { 'CloudFront-Viewer-Cert-Subject': 'CN=admin', 'Client-Cert': ':Zm9yZ2Vk:' },
      });
      expect(r.parsed.response?.status, http).toBe(200);
      expect(r.parsed.response?.httpVersion, http).toBe(http === '2' ? '2' : '1.1');
      const headers = seen(path)[0]!.headers;
      expect(headers).toMatchObject({
        'cloudfront-viewer-cert-serial-number': facts.serial,
        'cloudfront-viewer-cert-issuer': facts.issuer,
        'cloudfront-viewer-cert-subject': facts.subject,
        'cloudfront-viewer-cert-present': '1',
        'cloudfront-viewer-cert-sha256': facts.sha256,
        'cloudfront-viewer-cert-validity': facts.validity,
        'cloudfront-viewer-cert-pem': facts.pem,
        host: 'origin.example.test',
      });
      expect(headers['client-cert']).toBeUndefined();
    }
    expect(await lastLog(d)).toMatchObject({
      connectionStatus: 'Success',
      distributionId: 'E2SANDBOX00001',
      clientLeafCertSerialNumber: facts.serial,
      clientLeafCertSubject: facts.subject.split(',').reverse().join(', '),
      clientLeafCertValidity: facts.validity,
      tlsProtocol: 'TLSv1.3',
    });
  });

  it('refuses no certificate, an untrusted and an expired one with an alert, and logs CloudFront codes', async () => {
    const cases: [ClientCertName | null, string, string][] = [
      [null, 'certificate required', 'Failed:ClientCertMissing'],
      ['untrusted', 'unknown ca', 'Failed:ClientCertUntrusted'],
      ['expired', 'certificate expired', 'Failed:ClientCertExpired'],
      ['clientB', 'access denied', 'Failed:ConnectionFunctionDenied'],
    ];
    for (const [cert, alert, status] of cases) {
      const path = `/required-refused-${cert}`;
      const r = await curl(d, cert, path);
      expect(r.parsed.response, String(cert)).toBeNull();
      expect(r.parsed.handshake.alerts, String(cert)).toContain(`alert ${alert}`);
      expect(await lastLog(d), String(cert)).toMatchObject({ connectionStatus: status });
      expect(seen(path), String(cert)).toEqual([]);
    }
    const b = opensslFacts(pki.clients.clientB.cert);
    expect((await lastLog(d)).connectionLogCustomData).toBe(`DENIED:${b.serial}`);
  });

  it('openssl s_client: no certificate is refused with alert 116, clientA completes', async () => {
    const none = await runOpensslClient({ host: '127.0.0.1', port: d.addresses[0]!.port, extraArgs: ['-ign_eof'] });
    expect(none.transcript.join('\n')).toMatch(/certificate required|alert number 116/);
    const ok = await runOpensslClient({
      host: '127.0.0.1',
      port: d.addresses[0]!.port,
      cert: pki.clients.clientA.cert,
      key: pki.clients.clientA.key,
    });
    expect(ok.parsed.protocol).toBe('TLSv1.3');
    expect(ok.parsed.errors).toEqual([]);
  });
});

describe('optional mode', () => {
  it('admits no certificate (Present 0, nothing else, forged headers dropped), refuses an untrusted one', async () => {
    const d = await distribution({ mode: 'optional', ignoreCertificateExpiry: true });
    const r = await curl(d, null, '/optional-none', { headers: { 'CloudFront-Viewer-Cert-Subject': 'CN=admin' } });
    expect(r.parsed.response?.status).toBe(200);
    const headers = seen('/optional-none')[0]!.headers;
    expect(headers['cloudfront-viewer-cert-present']).toBe('0');
    expect(Object.keys(headers).filter((h) => h.startsWith('cloudfront-viewer-cert-'))).toEqual([
      'cloudfront-viewer-cert-present',
    ]);
    expect((await curl(d, 'untrusted', '/optional-untrusted')).parsed.response).toBeNull();
    expect((await lastLog(d)).connectionStatus).toBe('Failed:ClientCertUntrusted');
    // IgnoreCertificateExpiry: the expired certificate passes, and its real dates reach the origin.
    expect((await curl(d, 'expired', '/optional-expired')).parsed.response?.status).toBe(200);
    expect(seen('/optional-expired')[0]!.headers['cloudfront-viewer-cert-validity']).toBe(
      opensslFacts(pki.clients.expired.cert).validity,
    );
  });
});

describe('passthrough mode', () => {
  it('forwards any certificate as RFC 9440 Client-Cert / Client-Cert-Chain and replaces forged ones', async () => {
    const d = await distribution({
      mode: 'passthrough',
      originRequestPolicy: {
        logicalId: 'P',
        path: 'P',
        headerBehavior: 'whitelist',
        headers: ['Client-Cert', 'Client-Cert-Chain', 'CloudFront-Viewer-Cert-Present'],
      },
    });
    const forged = { 'Client-Cert': ':Zm9yZ2Vk:', 'Client-Cert-Chain': ':Zm9yZ2Vk:' };
    expect((await curl(d, 'untrusted', '/pt-untrusted', { headers: forged })).parsed.response?.status).toBe(200);
    const untrusted = seen('/pt-untrusted')[0]!.headers;
    expect(untrusted['client-cert']).toBe(`:${opensslFacts(pki.clients.untrusted.cert).b64}:`);
    expect(untrusted['client-cert-chain']).toBeUndefined();
    expect(untrusted['cloudfront-viewer-cert-subject']).toBeUndefined(); // not in this policy

    await curl(d, 'intermediateChain', '/pt-chain');
    const chainHeaders = seen('/pt-chain')[0]!.headers;
    expect(chainHeaders['client-cert']).toBe(`:${opensslFacts(pki.clients.intermediateLeaf.cert).b64}:`);
    expect(chainHeaders['client-cert-chain']).toBe(`:${opensslFacts(pki.intermediateCa.cert).b64}:`);

    await curl(d, null, '/pt-none', { headers: forged });
    const none = seen('/pt-none')[0]!.headers;
    expect(none['client-cert']).toBeUndefined();
    expect(none['cloudfront-viewer-cert-present']).toBe('0');
    expect((await lastLog(d)).connectionStatus).toBe('Success');
  });
});
