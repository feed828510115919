// NLB listener rules (July 2026) in the rendered HAProxy configuration: a dual-stack listener binds IPv4 and IPv6
// loopback, and each rule's address family picks its target group's backend before the default action.
import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../model/topology.js';
import { type HaproxyBackend, renderHaproxyConfig } from './haproxy.js';

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
const backend = (name: string, port: number): HaproxyBackend => ({
  name,
  balancer: 'network',
  sourceIpStickiness: false,
  healthCheck: check,
  proxyProtocol: null,
  servers: [{ name: `${name}-1`, host: '127.0.0.1', port }],
});

const frontendLines = (text: string) => {
  const lines = text.split('\n');
  const start = lines.indexOf('frontend listener_443');
  return lines.slice(start, lines.indexOf('', start)).map((line) => line.trim());
};

describe('renderHaproxyConfig: NLB listener rules', () => {
  it('binds ::1 as well for a dual-stack listener and routes each family by the socket it reached', () => {
    const text = renderHaproxyConfig({
      frontends: [
        {
          name: 'listener_443',
          description: 'NLB Nlb TCP:443',
          bindPort: 18443,
          backend: 'tg_v4',
          idleTimeoutSeconds: 350,
          ipv6: true,
          rules: [{ priority: 10, family: 'ipv6', backend: 'tg_v6' }],
        },
      ],
      backends: [backend('tg_v4', 19001), backend('tg_v6', 19002)],
    });
    expect(frontendLines(text)).toEqual([
      'frontend listener_443',
      'bind 127.0.0.1:18443 name ipv4',
      'bind [::1]:18443 name ipv6',
      'timeout client 350s',
      '# listener rule 10: source-ip IpAddressType ipv6',
      'use_backend tg_v6 if { so_name ipv6 }',
      'default_backend tg_v4',
    ]);
  });

  it('keeps a listener without rules and without IPv6 exactly as before', () => {
    const text = renderHaproxyConfig({
      frontends: [
        { name: 'listener_443', description: 'x', bindPort: 18443, backend: 'tg_v4', idleTimeoutSeconds: 350 },
      ],
      backends: [backend('tg_v4', 19001)],
    });
    expect(frontendLines(text)).toEqual([
      'frontend listener_443',
      'bind 127.0.0.1:18443',
      'timeout client 350s',
      'default_backend tg_v4',
    ]);
  });
});
