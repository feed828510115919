// The real HAProxy with a rendered dual-stack NLB listener and one listener rule (source-ip IpAddressType ipv6):
// a client over IPv4 loopback reaches the default target group, a client over ::1 the rule's.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthCheck } from '../model/topology.js';
import { renderHaproxyConfig } from './haproxy.js';
import { freshState } from '../testing/suite.js';

const HAPROXY = '/usr/sbin/haproxy';
const dir = freshState('mtls-haproxy-rules');
const check: HealthCheck = {
  protocol: 'TCP',
  port: 'traffic-port',
  path: null,
  intervalSeconds: 10,
  timeoutSeconds: 10,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
  matcher: null,
};

/** A target that answers every connection with its name and the peer it saw. */
function target(name: string): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => socket.end(`${name} ${socket.remoteAddress}\n`));
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

/** Connects, reads what the target says, or null when nothing answers (HAProxy not listening yet). */
function ask(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('end', () => resolve(text.trim() || null));
    socket.on('error', () => resolve(null));
  });
}

/** Bounded poll: HAProxy is ready when both families are answered. */
async function answerOn(host: string, port: number): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const answer = await ask(host, port);
    if (answer) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing answered on ${host}:${port}`);
}

const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
  const probe = net.createServer();
  probe.once('error', () => resolve(false));
  probe.listen(0, '::1', () => probe.close(() => resolve(true)));
});

describe.skipIf(!hasIpv6Loopback)('HAProxy realizes an NLB listener rule on the source address family', () => {
  let haproxy: ChildProcess;
  let port: number;
  const servers: net.Server[] = [];

  beforeAll(async () => {
    const [v4, v6] = [await target('ipv4-targets'), await target('ipv6-targets')];
    servers.push(v4, v6);
    port = await freePort();
    const backend = (name: string, server: net.Server) => ({
      name,
      balancer: 'network' as const,
      sourceIpStickiness: false,
      healthCheck: check,
      proxyProtocol: null,
      servers: [{ name: `${name}-1`, host: '127.0.0.1', port: (server.address() as net.AddressInfo).port }],
    });
    const file = join(dir, 'haproxy.cfg');
    writeFileSync(
      file,
      renderHaproxyConfig({
        frontends: [
          {
            name: 'listener_443',
            description: 'NLB dual-stack TCP:443',
            bindPort: port,
            backend: 'tg_v4',
            idleTimeoutSeconds: 350,
            ipv6: true,
            rules: [{ priority: 10, family: 'ipv6', backend: 'tg_v6' }],
          },
        ],
        backends: [backend('tg_v4', v4), backend('tg_v6', v6)],
      }),
    );
    haproxy = spawn(HAPROXY, ['-f', file, '-db'], { stdio: 'ignore' });
  });

  afterAll(async () => {
    if (haproxy?.pid) haproxy.kill('SIGTERM');
    for (const server of servers) server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the IPv4 client to the default target group and the IPv6 client to the rule’s', async () => {
    expect(await answerOn('127.0.0.1', port)).toMatch(/^ipv4-targets /);
    expect(await answerOn('::1', port)).toMatch(/^ipv6-targets /);
  });
});
