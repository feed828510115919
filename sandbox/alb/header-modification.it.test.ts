// Header modification with a second client: openssl s_client speaking HTTP/1.1 over TLS 1.3 to the ALB emulator,
// with a plain echo target behind it. The renamed headers are checked against openssl's own reading of the
// certificate file, the TLS headers against what s_client says it negotiated.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { Pki } from '../../certs/types.js';
import { type EchoTarget, startEchoTarget } from '../echo/echo-server.js';
import { readHeaderModification } from '../model/header-modification.js';
import { type RunningAlb, startAlbListener } from './listener.js';
import { freshState } from '../testing/suite.js';

let dir: string;
let pki: Pki;
let echo: EchoTarget;
let alb: RunningAlb;
const read = (file: string) => readFileSync(file, 'utf8');

beforeAll(async () => {
  dir = freshState('alb-hm-it');
  pki = await ensurePki(join(dir, 'certs'));
  echo = await startEchoTarget({ name: 'app' });
  alb = await startAlbListener({
    name: 'Test HTTPS:443',
    host: '127.0.0.1',
    port: 0,
    advertisedPort: 443,
    protocol: 'HTTPS',
    certificatePem: read(pki.server.cert),
    privateKeyPem: read(pki.server.key),
    sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    mutualAuthentication: {
      mode: 'verify',
      trustStoreId: 'ts',
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
    },
    trustStore: { id: 'ts', caBundlePem: read(pki.ca.cert), crlPems: [] },
    rules: [
      {
        logicalId: 'Down',
        priority: 1,
        conditions: [{ field: 'path-pattern', values: ['/down'] }],
        actions: [{ type: 'fixed-response', statusCode: 503, contentType: 'text/plain', messageBody: 'down' }],
      },
    ],
    defaultActions: [{ type: 'forward', targetGroups: [{ targetGroupId: 'tg', weight: 1 }], groupStickiness: null }],
    targetGroups: [
      {
        id: 'tg',
        protocol: 'HTTP',
        targets: [{ name: 'app', ...echo.addresses[0]! }],
        healthCheck: {
          protocol: 'HTTP',
          port: 'traffic-port',
          path: '/health',
          intervalSeconds: 0.2,
          timeoutSeconds: 1,
          healthyThreshold: 2,
          unhealthyThreshold: 2,
          matcher: '200',
        },
        stickiness: null,
      },
    ],
    connectionLogFile: join(dir, 'connections.jsonl'),
    headerModification: readHeaderModification(
      {
        'routing.http.request.x_amzn_mtls_clientcert_subject.header_name': 'X-Client-Cert-Subject',
        'routing.http.request.x_amzn_tls_cipher_suite.header_name': 'X-Client-Tls-Cipher',
        'routing.http.response.strict_transport_security.header_value': 'max-age=600',
        'routing.http.response.server.enabled': 'false',
      },
      'test',
    ),
    tlsInfoHeaders: true,
  });
  await alb.ready();
}, 120_000);

afterAll(async () => {
  await alb?.close();
  await echo?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTP/1.1 request through openssl s_client (TLS 1.3, clientA), its output as printed. */
async function sClient(path: string, extraHeader = ''): Promise<string> {
  const request = `GET ${path} HTTP/1.1\r\nHost: localhost\r\n${extraHeader}Connection: close\r\n\r\n`;
  const r = await execa(
    'openssl',
    [
      's_client',
      '-connect',
      `127.0.0.1:${alb.addresses[0]!.port}`,
      '-tls1_3',
      '-CAfile',
      pki.serverCa.cert,
      '-cert',
      pki.clients.clientA.cert,
      '-key',
      pki.clients.clientA.key,
      // Keep reading after the request is written, until the ALB closes (Connection: close).
      '-ign_eof',
    ],
    { input: request, reject: false, timeout: 15_000 },
  );
  return `${r.stdout}\n${r.stderr}`;
}

describe('ALB header modification, seen by openssl s_client', () => {
  it('renames the subject, names the TLS 1.3 version and cipher, and adds HSTS', async () => {
    const output = await sClient('/hello', 'X-Client-Cert-Subject: CN=admin\r\n');
    expect(output).toMatch(/^HTTP\/1\.1 200/m);
    expect(output).toMatch(/^strict-transport-security: max-age=600\r?$/im);
    const record = echo.logs.requests().at(-1)!;
    const subject = (
      await execa('openssl', ['x509', '-in', pki.clients.clientA.cert, '-noout', '-subject', '-nameopt', 'RFC2253'])
    ).stdout.replace(/^subject=\s*/, '');
    expect(record.headers['x-client-cert-subject']).toBe(subject);
    expect(record.headers['x-amzn-mtls-clientcert-subject']).toBeUndefined();
    expect(record.headers['x-amzn-tls-version']).toBe('TLSv1.3');
    // s_client prints the session it negotiated: "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384".
    const negotiated = /New, (TLSv1\.3), Cipher is (\S+)/.exec(output);
    expect(negotiated).not.toBeNull();
    expect(record.headers['x-amzn-tls-version']).toBe(negotiated![1]);
    expect(record.headers['x-client-tls-cipher']).toBe(negotiated![2]);
  });

  it("puts HSTS on the ALB's own response and leaves its Server header out", async () => {
    const output = await sClient('/down');
    expect(output).toMatch(/^HTTP\/1\.1 503/m);
    expect(output).toMatch(/^strict-transport-security: max-age=600\r?$/im);
    expect(output).not.toMatch(/^server:/im);
  });
});
