// NLB fail open with the real HAProxy: once every target is marked down, an NLB backend still routes to them (through
// the unchecked backups), so traffic returns the moment a target is back — before HAProxy's own checks call it up.
// A CLB backend (no fail open in the sandbox) refuses in the same window. Waits on HAProxy's log, never on sleeps.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HealthCheck } from '../model/topology.js';
import { freePort } from '../runtime/ports.js';
import { renderHaproxyConfig, type HaproxyBackend } from './haproxy.js';
import { freshState } from '../testing/suite.js';

const dir = freshState('mtls-failopen-it');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Checked every second, down after one failure, up only after ten passes: a wide window in which every target is
// marked down although it accepts connections again.
const check: HealthCheck = {
  protocol: 'TCP',
  port: 'traffic-port',
  path: null,
  intervalSeconds: 1,
  timeoutSeconds: 1,
  healthyThreshold: 10,
  unhealthyThreshold: 1,
  matcher: null,
};

const running: { servers: net.Server[]; haproxy: ResultPromise | null } = { servers: [], haproxy: null };
afterEach(async () => {
  running.haproxy?.kill('SIGKILL');
  await running.haproxy?.catch(() => undefined);
  running.haproxy = null;
  await Promise.all(running.servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function target(name: string, port: number): Promise<net.Server> {
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.end(`${name}\n`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  running.servers.push(server);
  return server;
}

async function close(server: net.Server): Promise<void> {
  running.servers.splice(running.servers.indexOf(server), 1);
  await new Promise((resolve) => server.close(resolve));
}

/** What a client gets through the load balancer: the target's name, or '' when the connection is closed empty. */
function fetchBanner(port: number): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => resolve(data.trim()));
    socket.on('error', () => resolve(''));
  });
}

async function waitForLog(file: string, pattern: RegExp, count: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    if ((text.match(new RegExp(pattern, 'g')) ?? []).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `HAProxy's log never showed ${pattern} ${count} time(s):\n${existsSync(file) ? readFileSync(file, 'utf8') : '(no log)'}`,
  );
}

async function scenario(balancer: HaproxyBackend['balancer']): Promise<{ banner: string; log: string }> {
  const ports = [await freePort(), await freePort()];
  const listen = await freePort();
  const targets = [await target('web-1', ports[0]!), await target('web-2', ports[1]!)];
  const backend: HaproxyBackend = {
    name: 'tg',
    balancer,
    sourceIpStickiness: false,
    healthCheck: check,
    proxyProtocol: null,
    servers: ports.map((port, index) => ({ name: `web-${index + 1}`, host: '127.0.0.1', port })),
  };
  const config = join(dir, `${balancer}.cfg`);
  const log = join(dir, `${balancer}.log`);
  writeFileSync(
    config,
    renderHaproxyConfig({
      frontends: [{ name: 'listener', description: balancer, bindPort: listen, backend: 'tg', idleTimeoutSeconds: 60 }],
      backends: [backend],
    }),
  );
  running.haproxy = execa('haproxy', ['-f', config, '-db'], {
    reject: false,
    stdout: { file: log },
    stderr: { file: `${log}.err` },
  });
  await waitForLog(log, /./, 0);
  for (let tries = 0; tries < 100 && (await fetchBanner(listen)) === ''; tries++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(['web-1', 'web-2']).toContain(await fetchBanner(listen));
  // Every target goes away; HAProxy's checks mark both down.
  for (const server of targets) await close(server);
  await waitForLog(`${log}.err`, /Server tg\/web-\d is DOWN/, 2);
  // The targets are back, but HAProxy still has them down (ten passing checks are needed): the fail-open window.
  await target('web-1', ports[0]!);
  await target('web-2', ports[1]!);
  const banner = await fetchBanner(listen);
  return { banner, log };
}

describe('NLB fail open in HAProxy', () => {
  it('an NLB backend routes to its targets while all are marked down (they answer at once, through the fail-open backups)', async () => {
    const { banner, log } = await scenario('network');
    expect(['web-1', 'web-2']).toContain(banner);
    // HAProxy logs a TCP session when it ends: the one that just ended went to a fail-open backup.
    await waitForLog(log, /listener tg\/web-\d-failopen /, 1);
    expect(readFileSync(log, 'utf8')).toMatch(/Running on backup/);
  });

  it('a CLB backend, without fail open, closes the connection in the same window', async () => {
    const { banner } = await scenario('classic');
    expect(banner).toBe('');
  });
});
