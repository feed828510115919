// Real curl and openssl against a throwaway nginx 1.22 with `ssl_verify_client on` (seed 000's server
// configuration), on 127.0.0.1 and a free port, with throwaway certificates made by openssl in a temp dir.

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCurl } from './curl-runner.js';
import { runOpensslClient } from './openssl-client.js';

const NGINX = '/usr/sbin/nginx';

describe.skipIf(!existsSync(NGINX))('runCurl and runOpensslClient against nginx with ssl_verify_client on', () => {
  let dir = '';
  let port = 0;
  let nginx: ResultPromise | undefined;
  const url = () => `https://127.0.0.1:${port}/`;
  const pem = () => ({ form: 'pem' as const, cert: join(dir, 'client.crt'), key: join(dir, 'client.key') });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mtls-probe-it-'));
    await makeCertificates(dir);
    port = await freePort();
    await writeFile(join(dir, 'nginx.conf'), nginxConf(dir, port));
    // Own process group (detached), so afterAll can stop master and workers together whatever happens.
    nginx = execa(
      NGINX,
      ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
      {
        detached: true,
        reject: false,
        stdio: 'ignore',
      },
    );
    await waitForPort(port, nginx, dir);
  });

  afterAll(async () => {
    if (nginx?.pid !== undefined) {
      const pid = nginx.pid;
      signalGroup(pid, 'SIGTERM');
      const stopped = await Promise.race([nginx.then(() => true), sleep(5000).then(() => false)]);
      if (!stopped) {
        signalGroup(pid, 'SIGKILL');
        await nginx;
      }
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('no certificate: nginx asks, curl sends an empty Certificate, 400 "No required SSL certificate was sent"', async () => {
    const r = await runCurl({ url: url() });
    expect(r.exitCode).toBe(0);
    expect(r.command).toBe(`curl -v --no-progress-meter -k --max-time 10 ${url()}`);
    expect(r.parsed.handshake).toMatchObject({
      tlsVersion: 'TLSv1.3',
      clientCertificateRequested: true,
      clientCertificateSent: false,
      alpn: 'h2',
      error: null,
    });
    expect(r.parsed.response?.status).toBe(400);
    expect(r.parsed.response?.body).toContain('No required SSL certificate was sent');
    expect(r.parsed.response?.body).toBe(r.stdout);
    expect(r.transcript).toContain('* TLSv1.3 (IN), TLS handshake, Request CERT (13):');
    expect(r.durationMs).toBeGreaterThan(0);
  });

  it('-I over HTTP/1.1 without a certificate: the seed 000 form, body empty although stdout repeats headers', async () => {
    const r = await runCurl({ url: url(), head: true, http: '1.1' });
    expect(r.parsed.response).toMatchObject({ status: 400, httpVersion: '1.1', body: '' });
    expect(r.parsed.response?.headers.server).toBe('nginx/1.22.1');
    expect(r.stdout).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it('PEM certificate from --interface 127.0.0.2: 200, nginx saw the client DN and the source address', async () => {
    const r = await runCurl({ url: url(), clientCert: pem(), sourceAddress: '127.0.0.2' });
    expect(r.args).toEqual(
      expect.arrayContaining(['--key', pem().key, '--cert', pem().cert, '--interface', '127.0.0.2']),
    );
    expect(r.parsed.handshake).toMatchObject({ clientCertificateRequested: true, clientCertificateSent: true });
    expect(r.parsed.response?.status).toBe(200);
    expect(r.parsed.response?.body).toBe('addr=127.0.0.2 verify=SUCCESS dn=CN=clientA,O=sandbox,C=JP\n');
  });

  it('PKCS#12 bundle with --cert-type P12: 200', async () => {
    const r = await runCurl({
      url: url(),
      clientCert: { form: 'p12', file: join(dir, 'client.p12'), password: 'secret' },
      http: '1.1',
    });
    expect(r.command).toContain(`--cert-type P12 --cert ${join(dir, 'client.p12')}:secret`);
    expect(r.parsed.handshake.clientCertificateSent).toBe(true);
    expect(r.parsed.response).toMatchObject({ status: 200, httpVersion: '1.1' });
  });

  it('certificate from a CA nginx does not trust: sent, then 400 "The SSL certificate error"', async () => {
    const r = await runCurl({
      url: url(),
      clientCert: { form: 'pem', cert: join(dir, 'untrusted.crt'), key: join(dir, 'untrusted.key') },
    });
    expect(r.parsed.handshake.clientCertificateSent).toBe(true);
    expect(r.parsed.response?.status).toBe(400);
    expect(r.parsed.response?.body).toContain('The SSL certificate error');
  });

  it('verifies the server against --cacert when not insecure, using --resolve for the name', async () => {
    const r = await runCurl({
      url: `https://localhost:${port}/`,
      insecure: false,
      cacert: join(dir, 'ca.crt'),
      resolve: `localhost:${port}:127.0.0.1`,
      clientCert: pem(),
    });
    expect(r.transcript).toContain('*  SSL certificate verify ok.');
    expect(r.parsed.response?.status).toBe(200);
  });

  it('a closed port: Connection refused, curl (7)', async () => {
    const closed = await freePort();
    const r = await runCurl({ url: `https://127.0.0.1:${closed}/` });
    expect(r.exitCode).toBe(7);
    expect(r.parsed.connectionError).toBe('Connection refused');
    expect(r.parsed.curlError?.code).toBe(7);
    expect(r.parsed.response).toBeNull();
  });

  it('openssl s_client shows the acceptable client CA names from ssl_client_certificate', async () => {
    const r = await runOpensslClient({ host: '127.0.0.1', port, cert: pem().cert, key: pem().key });
    expect(r.command).toBe(
      `openssl s_client -connect 127.0.0.1:${port} -cert ${pem().cert} -key ${pem().key} </dev/null`,
    );
    expect(r.exitCode).toBe(0);
    expect(r.parsed.acceptableClientCaNames).toEqual(['C = JP, O = sandbox, CN = privateCA']);
    expect(r.parsed.protocol).toBe('TLSv1.3');
    expect(r.parsed.cipher).toBe('TLS_AES_256_GCM_SHA384');
    expect(r.parsed.peerCertificateSubject).toBe('CN = localhost');
    expect(r.parsed.verifyReturnCode).not.toBeNull();
    expect(r.transcript).toContain('Acceptable client certificate CA names');
  });

  it('a missing curl binary is reported with how to install it', async () => {
    await expect(runCurl({ url: url() }, { curlPath: join(dir, 'no-such-curl') })).rejects.toThrow(
      /curl is not installed.*apt-get install curl/,
    );
  });
});

async function makeCertificates(dir: string): Promise<void> {
  const openssl = (...args: string[]) => execa('openssl', args, { cwd: dir });
  const days = ['-days', '2'];
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    ...days,
    '-subj',
    '/C=JP/O=sandbox/CN=privateCA',
  );
  await openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
    '-subj',
    '/CN=localhost',
  );
  await writeFile(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  await openssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    ...days,
    '-extfile',
    'server.ext',
  );
  await openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'client.key',
    '-out',
    'client.csr',
    '-subj',
    '/C=JP/O=sandbox/CN=clientA',
  );
  await openssl(
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'client.crt',
    ...days,
  );
  await openssl(
    'pkcs12',
    '-export',
    '-in',
    'client.crt',
    '-inkey',
    'client.key',
    '-out',
    'client.p12',
    '-passout',
    'pass:secret',
  );
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'untrusted.key',
    '-out',
    'untrusted.crt',
    ...days,
    '-subj',
    '/CN=untrusted',
  );
}

function nginxConf(dir: string, port: number): string {
  const p = (name: string) => join(dir, name);
  return `pid ${p('nginx.pid')};
error_log ${p('error.log')};
events { worker_connections 64; }
http {
  access_log ${p('access.log')};
  client_body_temp_path ${p('body')};
  proxy_temp_path ${p('proxy')};
  fastcgi_temp_path ${p('fastcgi')};
  uwsgi_temp_path ${p('uwsgi')};
  scgi_temp_path ${p('scgi')};
  server {
    listen 127.0.0.1:${port} ssl http2;
    ssl_certificate ${p('server.crt')};
    ssl_certificate_key ${p('server.key')};
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_verify_client on;
    ssl_client_certificate ${p('ca.crt')};
    location / {
      default_type text/plain;
      return 200 "addr=$remote_addr verify=$ssl_client_verify dn=$ssl_client_s_dn\\n";
    }
  }
}
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForPort(port: number, child: ResultPromise, dir: string): Promise<void> {
  let exited = false;
  void child.then(() => (exited = true));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (exited) break;
    if (await canConnect(port)) return;
    await sleep(100);
  }
  const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '(no error.log)');
  throw new Error(`nginx did not start listening on 127.0.0.1:${port}; its error.log says:\n${log}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
