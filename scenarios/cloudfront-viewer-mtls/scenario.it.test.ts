// cloudfront-viewer-mtls end to end: every probe (curl) holds, the origin's headers equal what `openssl x509` reads
// from the certificate files, and two other clients — Python requests and openssl s_client, through `up` — see the
// same distribution: the same headers reach the origin, the same refusals end the handshake.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { ClientCertName, Pki } from '../../certs/types.js';
import { openSandbox, type Sandbox, type UpSession } from '../../sandbox/door.js';
import { runOpensslClient } from '../../sandbox/probe/openssl-client.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import { fileState } from '../../sandbox/testing/suite.js';
import scenario from './scenario.js';

/** The file's state dir, where run-in-temp runs too (a copy of the suite's PKI and templates). */
const STATE = fileState();
/** The Python that scripts/setup.sh installs (LocalStack's venv), which has requests. */
const PYTHON = new URL('../../.sandbox/localstack-venv/bin/python', import.meta.url).pathname;

/** What openssl itself reads from a certificate file, in the forms CloudFront documents. */
function opensslFacts(file: string) {
  const x509 = (...args: string[]) =>
    execFileSync('openssl', ['x509', '-in', file, '-noout', ...args], { encoding: 'utf8' }).trim();
  const hex = x509('-serial')
    .replace(/^serial=/, '')
    .toLowerCase();
  const bytes = /^[89a-f]/.test(hex) ? `00${hex}` : hex;
  const pem = execFileSync('openssl', ['x509', '-in', file], { encoding: 'utf8' });
  const der = execFileSync('openssl', ['x509', '-in', file, '-outform', 'DER']);
  return {
    serial: bytes.match(/../g)!.join(':'),
    subject: x509('-subject', '-nameopt', 'RFC2253').replace(/^subject=/, ''),
    issuer: x509('-issuer', '-nameopt', 'RFC2253').replace(/^issuer=/, ''),
    sha256: x509('-fingerprint', '-sha256').replace(/^.*=/, '').replace(/:/g, '').toLowerCase(),
    pem: encodeURIComponent(pem),
    clientCert: `:${der.toString('base64')}:`,
  };
}

describe('cloudfront-viewer-mtls with curl', () => {
  it('every probe holds; the origin got exactly what openssl reads from the files', async () => {
    const { report, state } = await runInTemp(scenario);
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
    const pki = await ensurePki(join(state, 'certs'));
    const a = opensslFacts(pki.clients.clientA.cert);
    expect(probe(report, 'required-clienta-headers').target?.receivedHeaders).toMatchObject({
      'cloudfront-viewer-cert-serial-number': a.serial,
      'cloudfront-viewer-cert-subject': a.subject,
      'cloudfront-viewer-cert-issuer': a.issuer,
      'cloudfront-viewer-cert-sha256': a.sha256,
      'cloudfront-viewer-cert-pem': a.pem,
      'cloudfront-viewer-cert-present': '1',
    });
    // The forged subject the viewer sent is nowhere in what the origin received.
    expect(JSON.stringify(probe(report, 'required-clienta-headers').target?.receivedHeaders)).not.toContain('forged');
    expect(JSON.stringify(probe(report, 'optional-no-certificate').target?.receivedHeaders)).not.toContain('forged');
    expect(probe(report, 'passthrough-untrusted-as-client-cert').target?.receivedHeaders['client-cert']).toBe(
      opensslFacts(pki.clients.untrusted.cert).clientCert,
    );
    expect(report.topology.balancers.map((b) => [b.path, b.kind, b.listeners[0]!.viewerMtlsMode])).toEqual([
      ['Required', 'CloudFront', 'required'],
      ['Optional', 'CloudFront', 'optional'],
      ['Passthrough', 'CloudFront', 'passthrough'],
    ]);
    expect(probe(report, 'passthrough-chain').verifiedBy).toBe('origin-after-cloudfront-passthrough');
    expect(probe(report, 'required-no-certificate').connectionLog.at(-1)).toMatchObject({
      connectionStatus: 'Failed:ClientCertMissing',
      clientLeafCertSerialNumber: '-',
    });
    // The KeyValueStore denied revokedClient: its serial, as openssl reads it, is in the function's custom data.
    expect(probe(report, 'required-revoked-in-key-value-store').connectionLog.at(-1)).toMatchObject({
      connectionStatus: 'Failed:ConnectionFunctionDenied',
      connectionLogCustomData: `REVOKED:${opensslFacts(pki.clients.revoked.cert).serial}`,
    });
    expect(report.emulationNotes.filter((note) => note.code === 'note.cloudfront-mtls')).toHaveLength(3);
  });
});

describe('cloudfront-viewer-mtls with Python requests and openssl s_client, through `up`', () => {
  let pki: Pki;
  let sandbox: Sandbox;
  let session: UpSession;
  beforeAll(async () => {
    pki = await ensurePki(join(STATE, 'certs'));
    sandbox = openSandbox({ stateDir: STATE, lang: 'en', localstack: 'off' });
    session = await sandbox.up(scenario, () => {});
  }, 180_000);
  afterAll(async () => {
    await session?.stop();
    await sandbox?.stop();
  });

  const addressOf = (path: string) => {
    const [host, port] = session.topology.balancers.find((b) => b.path === path)!.listeners[0]!.address!.split(':');
    return { host: host!, port: Number(port) };
  };

  /** One GET with Python requests; prints the echo target's JSON answer or the exception's class. */
  const requestsGet = async (path: string, cert: ClientCertName | null, headers: Record<string, string> = {}) => {
    const { host, port } = addressOf(path);
    const script = `
import json, sys, requests
cert = (sys.argv[2], sys.argv[3]) if sys.argv[2] else None
try:
    r = requests.get(sys.argv[1], cert=cert, verify=sys.argv[4], headers=json.loads(sys.argv[5]), timeout=10)
    print(json.dumps({"status": r.status_code, "body": r.json()}))
except Exception as e:
    print(json.dumps({"error": type(e).__name__, "message": str(e)}))
`;
    const pair = cert ? pki.clients[cert] : null;
    const { stdout } = await execa(PYTHON, [
      '-c',
      script,
      `https://localhost:${port}/py-${path}`,
      pair?.cert ?? '',
      pair?.key ?? '',
      pki.serverCa.cert,
      JSON.stringify(headers),
    ]);
    expect(host).toBe('127.0.0.1');
    return JSON.parse(stdout) as {
      status?: number;
      body?: { headers: Record<string, string> };
      error?: string;
      message?: string;
    };
  };

  it('Python requests: the origin gets CloudFront headers equal to openssl’s reading, never the forged ones', async () => {
    expect(existsSync(PYTHON), `${PYTHON} is missing: run bash scripts/setup.sh --for-tests`).toBe(true);
    const a = opensslFacts(pki.clients.clientA.cert);
    const ok = await requestsGet('Required', 'clientA', { 'CloudFront-Viewer-Cert-Subject': 'CN=forged' });
    expect(ok.status, ok.message).toBe(200);
    expect(ok.body?.headers).toMatchObject({
      'cloudfront-viewer-cert-serial-number': a.serial,
      'cloudfront-viewer-cert-subject': a.subject,
      'cloudfront-viewer-cert-sha256': a.sha256,
      'cloudfront-viewer-cert-pem': a.pem,
    });
    const none = await requestsGet('Optional', null, { 'CloudFront-Viewer-Cert-Subject': 'CN=forged' });
    expect(none.status).toBe(200);
    expect(none.body?.headers['cloudfront-viewer-cert-present']).toBe('0');
    expect(none.body?.headers['cloudfront-viewer-cert-subject']).toBeUndefined();
    const passthrough = await requestsGet('Passthrough', 'untrusted', { 'Client-Cert': ':Zm9yZ2Vk:' });
    expect(passthrough.body?.headers['client-cert']).toBe(opensslFacts(pki.clients.untrusted.cert).clientCert);
    // Required without a certificate: no HTTP answer at all, an SSL error in Python.
    const refused = await requestsGet('Required', null);
    expect(refused.status).toBeUndefined();
    expect(refused.error).toMatch(/SSLError|ConnectionError/);
  });

  it('openssl s_client: the refusals by alert number, and a handshake that completes for clientA', async () => {
    const sClient = (path: string, cert: ClientCertName | null) =>
      runOpensslClient({
        ...addressOf(path),
        ...(cert ? { cert: pki.clients[cert].cert, key: pki.clients[cert].key } : {}),
        extraArgs: ['-ign_eof'],
      }).then((r) => r.transcript.join('\n'));
    expect(await sClient('Required', null)).toMatch(/SSL alert number 116|alert certificate required/);
    expect(await sClient('Required', 'untrusted')).toMatch(/SSL alert number 48|alert unknown ca/);
    expect(await sClient('Required', 'clientB')).toMatch(/SSL alert number 49|alert access denied/);
    expect(await sClient('Optional', 'untrusted')).toMatch(/SSL alert number 48|alert unknown ca/);
    // Optional's connection function throws for clientB: ConnectionFunctionError, an internal_error alert (80).
    expect(await sClient('Optional', 'clientB')).toMatch(/SSL alert number 80|alert internal error/);
    const ok = await runOpensslClient({
      ...addressOf('Required'),
      cert: pki.clients.clientA.cert,
      key: pki.clients.clientA.key,
    });
    expect(ok.parsed.protocol).toBe('TLSv1.3');
    expect(ok.parsed.errors).toEqual([]);
    // AdvertiseTrustStoreCaNames on Required: privateCA is named in the CertificateRequest; not on Optional.
    expect(ok.parsed.acceptableClientCaNames?.join('\n')).toContain('CN = privateCA');
    const optional = await runOpensslClient({ ...addressOf('Optional') });
    expect(optional.parsed.acceptableClientCaNames ?? []).toEqual([]);
  });
});
