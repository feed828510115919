// Runs the real HAProxy binary's configuration check on rendered configurations.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { HealthCheck } from '../model/topology.js';
import { renderHaproxyConfig, type HaproxyBackend, type HaproxyConfig } from './haproxy.js';
import { freshState } from '../testing/suite.js';

const HAPROXY = '/usr/sbin/haproxy';
const dir = freshState('mtls-haproxy-it');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
const servers = [
  { name: 'web-1', host: '127.0.0.1', port: 19001 },
  { name: 'web-2', host: '127.0.0.1', port: 19002 },
];

async function haproxyCheck(name: string, config: HaproxyConfig) {
  const file = join(dir, `${name}.cfg`);
  writeFileSync(file, renderHaproxyConfig(config));
  return execa(HAPROXY, ['-c', '-f', file], { reject: false, all: true });
}

const backends: Record<string, HaproxyBackend> = {
  nlb: {
    name: 'tg_nlb',
    balancer: 'network',
    sourceIpStickiness: false,
    healthCheck: check,
    proxyProtocol: null,
    servers,
  },
  nlbSticky: {
    name: 'tg_sticky',
    balancer: 'network',
    sourceIpStickiness: true,
    healthCheck: { ...check, port: 19003 },
    proxyProtocol: 'v2',
    servers,
  },
  clb: {
    name: 'tg_clb',
    balancer: 'classic',
    sourceIpStickiness: false,
    healthCheck: { ...check, timeoutSeconds: 5 },
    proxyProtocol: 'v1',
    servers,
  },
  nlbPreserved: {
    name: 'tg_preserved',
    balancer: 'network',
    sourceIpStickiness: false,
    healthCheck: check,
    proxyProtocol: null,
    preserveClientIp: true,
    servers,
  },
};

describe('haproxy -c accepts the rendered configuration', () => {
  it.each(Object.entries(backends))('%s backend', async (name, backend) => {
    const result = await haproxyCheck(name, {
      frontends: [
        {
          name: 'listener_443',
          description: `test ${name}`,
          bindPort: 18443,
          backend: backend.name,
          idleTimeoutSeconds: backend.balancer === 'network' ? 350 : 60,
        },
      ],
      backends: [backend],
    });
    expect(result.all).toMatch(/Configuration file is valid/);
    expect(result.exitCode).toBe(0);
  });

  it('all of them together, several listeners', async () => {
    const all = Object.values(backends);
    const result = await haproxyCheck('all', {
      frontends: all.map((backend, index) => ({
        name: `listener_${index}`,
        description: backend.name,
        bindPort: 18500 + index,
        backend: backend.name,
        idleTimeoutSeconds: 60,
      })),
      backends: all,
    });
    expect(result.all).toMatch(/Configuration file is valid/);
    expect(result.exitCode).toBe(0);
  });

  it('rejects a broken configuration (the check can fail)', async () => {
    const result = await haproxyCheck('broken', {
      frontends: [
        {
          name: 'listener_443',
          description: 'missing backend',
          bindPort: 18443,
          backend: 'no_such_backend',
          idleTimeoutSeconds: 350,
        },
      ],
      backends: [backends.nlb!],
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.all).toMatch(/no_such_backend/);
  });
});
