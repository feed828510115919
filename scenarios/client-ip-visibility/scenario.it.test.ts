import { english } from '../../cli/testing/english.js';
import { say } from '../../cli/i18n/index.js';
// End to end with real curl, nginx, HAProxy and the ALB emulator: the client 127.0.0.23 as each target sees it.
import { execa } from 'execa';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { findTool } from '../../sandbox/runtime/binaries.js';
import type { ProbeSpec } from '../../sandbox/scenario.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

const CLIENT = '127.0.0.23';

describe.runIf(process.platform === 'linux')('client-ip-visibility', () => {
  let report: ScenarioReport;
  let state: string;
  beforeAll(async () => {
    ({ report, state } = await runInTemp(scenario));
  });

  it('passes every probe, none skipped', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches, p.skipped])).toEqual(
      report.probes.map((p) => [p.name, [], undefined]),
    );
    // One client comes over IPv6 (the dual-stack NLB's listener rule); every other from CLIENT.
    expect(report.probes.map((p) => p.client.sourceAddress)).toEqual(
      report.probes.map((p) => (p.name === 'nlb-rule-ipv6-client' ? '::1' : CLIENT)),
    );
  });

  it("ALB: the target's peer is the ALB, the client is in X-Forwarded-For", () => {
    const p = probe(report, 'alb-x-forwarded-for');
    expect(p.target?.remoteAddress).toBe('127.0.0.1');
    expect(p.target?.receivedHeaders['x-forwarded-for']).toBe(CLIENT);
    expect(p.command).toContain(`--interface ${CLIENT}`);
  });

  it('ALB: a client-sent X-Forwarded-For is kept and the real address appended at the right', () => {
    expect(probe(report, 'alb-x-forwarded-for-appended').target?.receivedHeaders['x-forwarded-for']).toBe(
      `203.0.113.7, ${CLIENT}`,
    );
  });

  it("NLB with client IP preservation: nginx's peer is the client itself, no header", () => {
    const p = probe(report, 'nlb-client-ip-preserved');
    expect(p.target?.name).toBe('web-preserved');
    expect(p.target?.remoteAddress).toBe(CLIENT);
    expect(p.target?.details.proxy_protocol_addr).toBe('');
    expect(p.target?.receivedHeaders['x-forwarded-for']).toBeUndefined();
  });

  it("NLB with IP targets and no attribute: nginx sees only the NLB's address", () => {
    const p = probe(report, 'nlb-ip-targets-default');
    expect(p.target?.remoteAddress).toBe('127.0.0.1');
    expect(p.target?.details.proxy_protocol_addr).toBe('');
  });

  it('Proxy Protocol v2 (NLB) and v1 (CLB): the peer is the load balancer, the client is in the header', () => {
    for (const name of ['nlb-proxy-protocol-v2', 'clb-proxy-protocol-v1']) {
      const p = probe(report, name);
      expect(p.target?.remoteAddress).toBe('127.0.0.1');
      expect(p.target?.details.proxy_protocol_addr).toBe(CLIENT);
      expect(p.target?.details.ssl_client_verify).toBe('SUCCESS');
    }
  });

  it('renders each view from the stack: usesrc for the preserving group, send-proxy-v2 for the NLB, send-proxy for the CLB, proxy_protocol on their nginx', () => {
    const dir = join(state, 'scenarios', scenario.id);
    const nlb = readFileSync(join(dir, 'haproxy-nlb', 'haproxy.cfg'), 'utf8');
    const backend = (name: string) => nlb.split('\n\n').find((block) => block.startsWith(`backend ${name}`)) ?? '';
    expect(backend('tg_PreservedTargets')).toContain('source 0.0.0.0 usesrc clientip');
    expect(backend('tg_IpTargets')).not.toContain('usesrc');
    expect(backend('tg_ProxyV2Targets')).toMatch(/server web-proxy-v2 \S+ send-proxy-v2 /);
    expect(readFileSync(join(dir, 'haproxy-clb', 'haproxy.cfg'), 'utf8')).toMatch(
      /server web-clb-proxy-v1 \S+ send-proxy /,
    );
    expect(readFileSync(join(dir, 'web-proxy-v2', 'nginx.conf'), 'utf8')).toMatch(
      /listen 127\.0\.0\.1:\d+ ssl proxy_protocol;/,
    );
    expect(readFileSync(join(dir, 'web-preserved', 'nginx.conf'), 'utf8')).not.toContain('proxy_protocol;');
    expect(report.emulationNotes.some((note) => english(note).includes('usesrc clientip'))).toBe(true);
  });

  it('a probe from an address this machine does not have is skipped with the reason, not failed', async () => {
    const foreign: ProbeSpec = {
      ...scenario.probes[0]!,
      name: 'from-a-foreign-address',
      client: { ...scenario.probes[0]!.client, sourceAddress: '192.0.2.123' },
    };
    const { report: skipped } = await runInTemp({ ...scenario, probes: [foreign] });
    const p = probe(skipped, 'from-a-foreign-address');
    expect(say(p.skipped!, 'en')).toMatch(/192\.0\.2\.123 is not a local address on this machine/);
    expect(p.pass).toBe(true);
    expect(p.response).toBeNull();
    expect(p.command).toContain('--interface 192.0.2.123');
    expect(skipped.pass).toBe(true);
  });
});

// The claim behind the preservation probe: HAProxy needs no privileges to connect from a client's loopback address.
describe.runIf(process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/setpriv'))(
  'HAProxy usesrc clientip without privileges',
  () => {
    // Not under the suite's folder: its parents are private (0700), and HAProxy runs as nobody here.
    const dir = mkdtempSync(join(tmpdir(), 'mtls-usesrc-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('an unprivileged HAProxy (IP_TRANSPARENT refused) still connects from 127.0.0.23', async () => {
      const seen: string[] = [];
      const target = net.createServer((socket) => {
        seen.push(socket.remoteAddress ?? '');
        socket.on('error', () => {});
        socket.end('HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok');
      });
      await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
      const frontend = await new Promise<number>((resolve) => {
        const finder = net.createServer().listen(0, '127.0.0.1', () => {
          const port = (finder.address() as net.AddressInfo).port;
          finder.close(() => resolve(port));
        });
      });
      chmodSync(dir, 0o755);
      const config = join(dir, 'haproxy.cfg');
      writeFileSync(
        config,
        `defaults\n    mode tcp\n    timeout connect 5s\n    timeout client 5s\n    timeout server 5s\nfrontend f\n    bind 127.0.0.1:${frontend}\n    default_backend b\nbackend b\n    source 0.0.0.0 usesrc clientip\n    server t 127.0.0.1:${(target.address() as net.AddressInfo).port}\n`,
      );
      chmodSync(config, 0o644);
      const haproxy = execa(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', findTool('haproxy'), '-f', config, '-db'],
        { reject: false },
      );
      try {
        let answer = '';
        for (let attempt = 0; attempt < 50 && !answer.includes('ok'); attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          answer = (
            await execa('curl', ['-s', '--interface', CLIENT, '--max-time', '5', `http://127.0.0.1:${frontend}/`], {
              reject: false,
            })
          ).stdout;
        }
        expect(answer).toBe('ok');
        expect(seen).toContain(CLIENT);
      } finally {
        haproxy.kill('SIGTERM');
        await haproxy;
        target.close(); // stops listening; its last connection ends when the peer closes
      }
    });
  },
);
