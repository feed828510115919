// NLB fail open in the HAProxy configuration: the targets again as unchecked backups, all used when every checked
// server is down, and no retries.
import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../model/topology.js';
import { renderHaproxyConfig, type HaproxyBackend } from './haproxy.js';

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
const backend = (overrides: Partial<HaproxyBackend> = {}): HaproxyBackend => ({
  name: 'tg_web',
  balancer: 'network',
  sourceIpStickiness: false,
  healthCheck: check,
  proxyProtocol: null,
  servers: [
    { name: 'web-1', host: '127.0.0.1', port: 9001 },
    { name: 'web-2', host: '127.0.0.1', port: 9002 },
  ],
  ...overrides,
});
const lines = (b: HaproxyBackend) =>
  renderHaproxyConfig({ frontends: [], backends: [b] })
    .split('\n')
    .map((line) => line.trim());

describe('renderHaproxyConfig: NLB fail open', () => {
  it('lists every target again as an unchecked backup, uses all backups together, and does not retry', () => {
    const text = lines(backend());
    expect(text).toContain('option allbackups');
    expect(text).toContain('retries 0');
    expect(text.filter((line) => line.endsWith(' backup'))).toEqual([
      'server web-1-failopen 127.0.0.1:9001 backup',
      'server web-2-failopen 127.0.0.1:9002 backup',
    ]);
  });

  it('sends the same Proxy Protocol header through the backups', () => {
    expect(lines(backend({ proxyProtocol: 'v2' })).filter((line) => line.endsWith(' backup'))).toEqual([
      'server web-1-failopen 127.0.0.1:9001 send-proxy-v2 backup',
      'server web-2-failopen 127.0.0.1:9002 send-proxy-v2 backup',
    ]);
  });

  it('leaves a classic load balancer as it was', () => {
    const text = lines(backend({ balancer: 'classic' }));
    expect(text.some((line) => line.includes('backup') || line === 'retries 0')).toBe(false);
  });
});
