// The servers under test, each one worker/thread/process on 127.0.0.1, verifying client certificates against the
// same CA and answering 200 "ok": HAProxy and nginx and the ALB emulator without a backend; the NLB TLS listener
// emulator, which cannot answer itself, through a plain TCP target in the same process (as an NLB would forward).
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { Pki } from '../../certs/types.js';
import type { AlbListenerConfig } from '../alb/config.js';
import type { NlbTlsListenerConfig } from '../nlb/tls-config.js';
import { findTool } from '../runtime/binaries.js';
import { freePort, waitForPort } from '../runtime/ports.js';
import { spawnGroup, type Group } from './procs.js';

export type ServerKind = 'alb' | 'nlb' | 'haproxy' | 'nginx';

export interface BenchServer {
  kind: ServerKind;
  name: string;
  version: string;
  /** One line on how it runs (workers, threads). */
  setup: string;
  port: number;
  group: Group;
  stop: () => Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function startServer(kind: ServerKind, pki: Pki, dir: string): Promise<BenchServer> {
  const prefix = join(dir, kind);
  await mkdir(prefix, { recursive: true });
  if (kind === 'alb') return startAlb(pki, prefix);
  if (kind === 'nlb') return startNlb(pki, prefix);
  if (kind === 'haproxy') return startHaproxy(pki, prefix);
  return startNginx(pki, prefix);
}

async function startAlb(pki: Pki, prefix: string): Promise<BenchServer> {
  const config: AlbListenerConfig = {
    name: 'bench HTTPS:443',
    host: '127.0.0.1',
    port: await freePort(),
    advertisedPort: 443,
    protocol: 'HTTPS',
    certificatePem: await readFile(pki.server.cert, 'utf8'),
    privateKeyPem: await readFile(pki.server.key, 'utf8'),
    sslPolicy: null,
    mutualAuthentication: {
      mode: 'verify',
      trustStoreId: 'bench',
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
    },
    trustStore: { id: 'bench', caBundlePem: await readFile(pki.ca.cert, 'utf8'), crlPems: [] },
    rules: [],
    defaultActions: [{ type: 'fixed-response', statusCode: 200, contentType: 'text/plain', messageBody: 'ok' }],
    targetGroups: [],
    connectionLogFile: join(prefix, 'connections.log'),
  };
  const { group, port, profiled } = await startNodeServer(
    'sandbox/bench/alb-server.ts',
    config,
    prefix,
    'ALB emulator',
  );
  return {
    kind: 'alb',
    name: 'ALB emulator',
    version: `mtls-sandbox ALB emulator (sandbox/alb and sandbox/tls sources ${await sourcesDigest(['sandbox/alb', 'sandbox/tls'])}), node ${process.version}${profiled ? ' (--cpu-prof)' : ''}`,
    setup: 'one Node process (one event loop), started through tsx; connection log on',
    port,
    group,
    stop: group.stop,
  };
}

/** The NLB TLS listener in verify mode, with an identity filter that admits clientA, before a TCP target. */
async function startNlb(pki: Pki, prefix: string): Promise<BenchServer> {
  const config: Omit<NlbTlsListenerConfig, 'targetGroup'> = {
    name: 'bench TLS:443',
    host: '127.0.0.1',
    port: await freePort(),
    advertisedPort: 443,
    certificatePem: await readFile(pki.server.cert, 'utf8'),
    privateKeyPem: await readFile(pki.server.key, 'utf8'),
    sslPolicy: null,
    alpnPolicy: null,
    mutualAuthentication: {
      mode: 'verify',
      trustStoreId: 'bench',
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
      identityFilters: [{ field: 'subject-cn', matchType: 'exact', value: 'clientA', action: 'accept' }],
    },
    trustStore: { id: 'bench', caBundlePem: await readFile(pki.ca.cert, 'utf8'), crlPems: [] },
    connectionLogFile: join(prefix, 'connections.log'),
  };
  const { group, port, profiled } = await startNodeServer(
    'sandbox/bench/nlb-server.ts',
    config,
    prefix,
    'NLB TLS emulator',
  );
  return {
    kind: 'nlb',
    name: 'NLB TLS emulator',
    version: `mtls-sandbox NLB TLS listener emulator (sandbox/nlb and sandbox/tls sources ${await sourcesDigest(['sandbox/nlb', 'sandbox/tls'])}), node ${process.version}${profiled ? ' (--cpu-prof)' : ''}`,
    setup:
      'one Node process (one event loop) through tsx: the listener (verify mode, one identity filter) and its plain TCP target, which answers 200 "ok"; connection log on',
    port,
    group,
    stop: group.stop,
  };
}

/** A bench server script in its own Node process: its config in a file, its port read from "listening <port>". */
async function startNodeServer(
  script: string,
  config: object,
  prefix: string,
  what: string,
): Promise<{ group: Group; port: number; profiled: boolean }> {
  const configFile = join(prefix, 'config.json');
  await writeFile(configFile, JSON.stringify(config, null, 1));
  // BENCH_PROFILE=1: the emulator writes a V8 CPU profile when it stops (the ALB emulator's, as before).
  const profileDir =
    process.env.BENCH_PROFILE === '1' && script.endsWith('alb-server.ts') ? join(ROOT, '.sandbox/bench/profile') : null;
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
  const nodeArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const log = join(prefix, 'server.log');
  const group = spawnGroup(process.execPath, [...nodeArgs, 'bin/run-ts.js', script, configFile], {
    cwd: ROOT,
    logFile: log,
    pipeStdout: true,
  });
  const port = await new Promise<number>((ok, fail) => {
    let seen = '';
    const timer = setTimeout(
      () => fail(new Error(`${what} did not report its port within ${START_TIMEOUT_MS / 1000} s; see ${log}`)),
      START_TIMEOUT_MS,
    );
    group.child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening (\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        ok(Number(match[1]));
      }
    });
    void group.child.then(() => {
      clearTimeout(timer);
      fail(new Error(`${what} exited while starting; see ${log}`));
    });
  });
  return { group, port, profiled: profileDir !== null };
}

/** Short digest of an emulator's sources, so figures can be matched to the code they measured (it changes often). */
async function sourcesDigest(folders: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of folders) {
    const dir = join(ROOT, folder);
    const files = (await readdir(dir)).filter((n) => n.endsWith('.ts') && !n.includes('.test.')).sort();
    for (const name of files) hash.update(name).update(await readFile(join(dir, name)));
  }
  return `sha256 ${hash.digest('hex').slice(0, 12)}`;
}

async function startHaproxy(pki: Pki, prefix: string): Promise<BenchServer> {
  const port = await freePort();
  const pem = join(prefix, 'server.pem');
  await writeFile(pem, (await readFile(pki.server.cert, 'utf8')) + (await readFile(pki.server.key, 'utf8')), {
    mode: 0o600,
  });
  const cfg = join(prefix, 'haproxy.cfg');
  await writeFile(
    cfg,
    [
      'global',
      '  nbthread 1',
      '  maxconn 4096',
      'defaults',
      '  mode http',
      '  timeout connect 5s',
      '  timeout client 10s',
      '  timeout server 10s',
      'frontend bench',
      `  bind 127.0.0.1:${port} ssl crt ${pem} ca-file ${pki.ca.cert} verify required`,
      '  http-request return status 200 content-type text/plain string ok',
      '',
    ].join('\n'),
  );
  const haproxy = findTool('haproxy');
  const group = spawnGroup(haproxy, ['-db', '-f', cfg], { cwd: prefix, logFile: join(prefix, 'haproxy.log') });
  await ready(group, port, join(prefix, 'haproxy.log'));
  const version = (await execa(haproxy, ['-v'], { reject: false })).stdout.split('\n')[0] ?? 'haproxy';
  return {
    kind: 'haproxy',
    name: 'HAProxy',
    version: version.replace(/ - https.*/, ''),
    setup: 'one process, nbthread 1, -db (foreground)',
    port,
    group,
    stop: group.stop,
  };
}

async function startNginx(pki: Pki, prefix: string): Promise<BenchServer> {
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  const asRoot = process.getuid?.() === 0;
  await writeFile(
    conf,
    [
      asRoot ? 'user root;' : '',
      'worker_processes 1;',
      `pid ${join(prefix, 'nginx.pid')};`,
      'events { worker_connections 4096; }',
      'http {',
      '  access_log off;',
      '  server {',
      `    listen 127.0.0.1:${port} ssl;`,
      `    ssl_certificate ${pki.server.cert};`,
      `    ssl_certificate_key ${pki.server.key};`,
      `    ssl_client_certificate ${pki.ca.cert};`,
      '    ssl_verify_client on;',
      '    default_type text/plain;',
      '    location / { return 200 "ok"; }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const nginx = findTool('nginx');
  const errorLog = join(prefix, 'error.log');
  const group = spawnGroup(nginx, ['-p', `${prefix}/`, '-c', conf, '-e', errorLog, '-g', 'daemon off;'], {
    cwd: prefix,
    logFile: join(prefix, 'stderr.log'),
  });
  await ready(group, port, join(prefix, 'stderr.log'));
  const version = (await execa(nginx, ['-v'], { reject: false })).stderr.trim().replace('nginx version: ', '');
  return {
    kind: 'nginx',
    name: 'nginx',
    version,
    setup: `master + worker_processes 1${asRoot ? ' (user root)' : ''}, access_log off`,
    port,
    group,
    stop: group.stop,
  };
}

async function ready(group: Group, port: number, log: string): Promise<void> {
  const outcome = await waitForPort('127.0.0.1', port, { timeoutMs: START_TIMEOUT_MS, gone: group.exited });
  if (outcome === 'ready') return;
  const tail = (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n  ');
  await group.stop();
  throw new Error(
    `server on port ${port} ${outcome === 'exited' ? 'exited while starting' : 'did not accept connections'}; ${log}:\n  ${tail}`,
  );
}
