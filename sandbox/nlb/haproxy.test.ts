import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../model/topology.js';
import { renderHaproxyConfig, type HaproxyBackend, type HaproxyConfig, type HaproxyFrontend } from './haproxy.js';

const tcpCheck: HealthCheck = {
  protocol: 'TCP',
  port: 'traffic-port',
  path: null,
  intervalSeconds: 10,
  timeoutSeconds: 6,
  healthyThreshold: 3,
  unhealthyThreshold: 2,
  matcher: null,
};

const backend = (overrides: Partial<HaproxyBackend> = {}): HaproxyBackend => ({
  name: 'tg_web',
  balancer: 'network',
  sourceIpStickiness: false,
  healthCheck: tcpCheck,
  proxyProtocol: null,
  servers: [
    { name: 'web-1', host: '127.0.0.1', port: 9001 },
    { name: 'web-2', host: '127.0.0.1', port: 9002 },
  ],
  ...overrides,
});

const frontend = (overrides: Partial<HaproxyFrontend> = {}): HaproxyFrontend => ({
  name: 'listener_443',
  description: 'NLB Nlb listener TCP:443',
  bindPort: 18443,
  backend: 'tg_web',
  idleTimeoutSeconds: 350,
  ...overrides,
});

/** The health-checked servers (an NLB backend also lists its targets again as fail-open backups). */
const isCheckedServer = (line: string) => line.startsWith('server ') && !line.endsWith(' backup');

const render = (config: Partial<HaproxyConfig> = {}) =>
  renderHaproxyConfig({ frontends: [frontend()], backends: [backend()], ...config });

/** The lines of one section (frontend/backend NAME) up to the next blank line, trimmed. */
function section(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) throw new Error(`no section "${header}" in:\n${text}`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end).map((line) => line.trim());
}

describe('renderHaproxyConfig: globals', () => {
  it('runs in TCP mode so the TLS stream passes through untouched', () => {
    const text = render();
    expect(section(text, 'defaults')).toContain('mode tcp');
    expect(section(text, 'defaults')).toContain('timeout connect 5s');
    expect(text).not.toMatch(/mode http/);
  });
});

describe('renderHaproxyConfig: frontends', () => {
  it('binds every frontend on 127.0.0.1 only, with its description as a comment', () => {
    const text = render({
      frontends: [
        frontend(),
        frontend({ name: 'listener_8443', bindPort: 18444, description: 'NLB Nlb listener TCP:8443' }),
      ],
    });
    const binds = text.split('\n').filter((line) => line.trim().startsWith('bind '));
    expect(binds.map((line) => line.trim())).toEqual(['bind 127.0.0.1:18443', 'bind 127.0.0.1:18444']);
    expect(text).not.toMatch(/bind (\*|0\.0\.0\.0|:::?)/);
    expect(text).toContain('# NLB Nlb listener TCP:443\nfrontend listener_443\n');
    expect(text).toContain('# NLB Nlb listener TCP:8443\nfrontend listener_8443\n');
  });

  it('points the frontend at its backend and uses the listener idle timeout as the client timeout', () => {
    expect(section(render(), 'frontend listener_443')).toEqual([
      'bind 127.0.0.1:18443',
      'timeout client 350s',
      'default_backend tg_web',
    ]);
    expect(section(render({ frontends: [frontend({ idleTimeoutSeconds: 60 })] }), 'frontend listener_443')).toContain(
      'timeout client 60s',
    );
  });
});

describe('renderHaproxyConfig: backends', () => {
  it('renders one backend per target group, each with its own servers', () => {
    const text = render({
      frontends: [frontend(), frontend({ name: 'listener_80', bindPort: 18080, backend: 'tg_other' })],
      backends: [
        backend(),
        backend({ name: 'tg_other', servers: [{ name: 'other-1', host: '127.0.0.1', port: 9100 }] }),
      ],
    });
    expect(text.match(/^backend /gm)).toHaveLength(2);
    expect(section(text, 'backend tg_web').filter(isCheckedServer)).toHaveLength(2);
    expect(section(text, 'backend tg_other').filter(isCheckedServer)).toEqual([
      'server other-1 127.0.0.1:9100 check inter 10s rise 3 fall 2',
    ]);
  });

  it('health-checks every server with the interval and thresholds of the health check, and its timeout', () => {
    const lines = section(render(), 'backend tg_web');
    expect(lines).toContain('server web-1 127.0.0.1:9001 check inter 10s rise 3 fall 2');
    expect(lines).toContain('server web-2 127.0.0.1:9002 check inter 10s rise 3 fall 2');
    expect(lines).toContain('timeout check 6s');
    const other = section(
      render({
        backends: [
          backend({ healthCheck: { ...tcpCheck, intervalSeconds: 30, healthyThreshold: 10, unhealthyThreshold: 5 } }),
        ],
      }),
      'backend tg_web',
    );
    expect(other).toContain('server web-1 127.0.0.1:9001 check inter 30s rise 10 fall 5');
  });

  it('checks each server on its own local port, even when the template names another health check port', () => {
    // The template's port (e.g. 443) is not where the local target listens; checking it would mark targets down.
    const lines = section(
      render({ backends: [backend({ healthCheck: { ...tcpCheck, port: 443 } })] }),
      'backend tg_web',
    );
    expect(lines.filter(isCheckedServer)).toEqual([
      'server web-1 127.0.0.1:9001 check inter 10s rise 3 fall 2',
      'server web-2 127.0.0.1:9002 check inter 10s rise 3 fall 2',
    ]);
  });

  it('balances a classic load balancer round robin', () => {
    const lines = section(render({ backends: [backend({ balancer: 'classic' })] }), 'backend tg_web');
    expect(lines.filter((line) => line.startsWith('balance '))).toEqual(['balance roundrobin']);
  });

  it('balances a network load balancer by a hash of source address and source port', () => {
    const lines = section(render(), 'backend tg_web');
    expect(lines).toContain('tcp-request content set-var(txn.source_port) src_port');
    expect(lines.filter((line) => line.startsWith('balance '))).toEqual(['balance hash src,concat(:,txn.source_port)']);
  });

  it('balances by source address only with source_ip stickiness', () => {
    const lines = section(render({ backends: [backend({ sourceIpStickiness: true })] }), 'backend tg_web');
    expect(lines.filter((line) => line.startsWith('balance '))).toEqual(['balance source']);
    // map-based: the IPv4 address as a number modulo the servers' weights, so where each address lands can be worked out.
    expect(lines).toContain('hash-type map-based');
    expect(lines.some((line) => line.includes('src_port'))).toBe(false);
  });

  it("connects to the targets from the client's address when the NLB preserves it, and from its own otherwise", () => {
    expect(section(render({ backends: [backend({ preserveClientIp: true })] }), 'backend tg_web')).toContain(
      'source 0.0.0.0 usesrc clientip',
    );
    expect(section(render(), 'backend tg_web').some((line) => line.includes('usesrc'))).toBe(false);
  });

  it('stays round robin for a classic load balancer even if stickiness were set', () => {
    const lines = section(
      render({ backends: [backend({ balancer: 'classic', sourceIpStickiness: true })] }),
      'backend tg_web',
    );
    expect(lines.filter((line) => line.startsWith('balance '))).toEqual(['balance roundrobin']);
  });

  it('sends Proxy Protocol v1 with send-proxy and v2 with send-proxy-v2 on every server, and none by default', () => {
    const servers = (proxyProtocol: HaproxyBackend['proxyProtocol']) =>
      section(render({ backends: [backend({ proxyProtocol })] }), 'backend tg_web').filter(isCheckedServer);
    expect(servers('v1')).toEqual([
      'server web-1 127.0.0.1:9001 send-proxy check inter 10s rise 3 fall 2',
      'server web-2 127.0.0.1:9002 send-proxy check inter 10s rise 3 fall 2',
    ]);
    expect(servers('v2')).toEqual([
      'server web-1 127.0.0.1:9001 send-proxy-v2 check inter 10s rise 3 fall 2',
      'server web-2 127.0.0.1:9002 send-proxy-v2 check inter 10s rise 3 fall 2',
    ]);
    expect(servers(null).some((line) => line.includes('send-proxy'))).toBe(false);
  });

  it('uses the idle timeout of the load balancer kind as the server timeout: NLB 350 s, CLB 60 s', () => {
    expect(section(render(), 'backend tg_web')).toContain('timeout server 350s');
    expect(section(render({ backends: [backend({ balancer: 'classic' })] }), 'backend tg_web')).toContain(
      'timeout server 60s',
    );
  });
});
