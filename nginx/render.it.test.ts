// Runs the real nginx configuration test (nginx -t) on every rendered profile.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NginxProfile } from '../sandbox/scenario.js';
import { renderIndexPage, renderNginxConfig, type NginxTargetConfig } from './render.js';
import { freshState } from '../sandbox/testing/suite.js';

const NGINX = '/usr/sbin/nginx';
const root = freshState('mtls-nginx-it');
const pki = join(root, 'pki');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  mkdirSync(pki, { recursive: true });
  // Throwaway certificates: nginx -t loads them, so they must be real.
  for (const name of ['server', 'ca']) {
    await execa('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name === 'server' ? 'localhost' : 'test-ca'}`,
      '-days',
      '1',
      '-keyout',
      join(pki, `${name}.key`),
      '-out',
      join(pki, `${name}.crt`),
    ]);
  }
});

async function nginxTest(name: string, profile: NginxProfile, overrides: Partial<NginxTargetConfig> = {}) {
  const prefix = join(root, name);
  for (const sub of ['logs', 'tmp', 'html']) mkdirSync(join(prefix, sub), { recursive: true });
  const config: NginxTargetConfig = {
    name,
    profile,
    prefix,
    listenPort: 18443,
    serverCertificate: join(pki, 'server.crt'),
    serverKey: join(pki, 'server.key'),
    clientCa: join(pki, 'ca.crt'),
    ...overrides,
  };
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, renderNginxConfig(config));
  writeFileSync(join(prefix, 'html', 'index.html'), renderIndexPage(name));
  return execa(NGINX, ['-t', '-p', `${prefix}/`, '-c', conf, '-e', join(prefix, 'error.log')], {
    reject: false,
    all: true,
  });
}

describe('nginx -t accepts every rendered profile', () => {
  const cases: [string, NginxProfile, Partial<NginxTargetConfig>][] = [
    ['client-auth', 'client-auth', {}],
    ['client-auth-proxy', 'client-auth', { proxyProtocol: true }],
    ['tls', 'tls', {}],
    ['tls-proxy', 'tls', { proxyProtocol: true }],
    ['plain-http', 'plain-http', {}],
    ['plain-http-proxy', 'plain-http', { proxyProtocol: true }],
    [
      'header-router',
      'header-router',
      {
        routes: [
          { subjectPattern: 'CN=clientA', app: 'app-a' },
          { subjectPattern: 'O="Acme, Inc"', app: 'acme' },
        ],
      },
    ],
    ['header-router-empty', 'header-router', {}],
    [
      'header-router-proxy',
      'header-router',
      { proxyProtocol: true, routes: [{ subjectPattern: '^CN=clientB,', app: 'app-b' }] },
    ],
    ['worker-user', 'client-auth', { workerUser: 'root' }],
  ];

  it.each(cases)('%s', async (name, profile, overrides) => {
    const result = await nginxTest(name, profile, overrides);
    expect(result.all).toMatch(/syntax is ok/);
    expect(result.all).toMatch(/test is successful/);
    expect(result.exitCode).toBe(0);
  });

  it('fails when a certificate file is missing (the test can fail)', async () => {
    const result = await nginxTest('missing-cert', 'client-auth', { serverCertificate: join(pki, 'nope.crt') });
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toMatch(/nope\.crt/);
  });
});
