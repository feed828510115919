import { english } from '../../cli/testing/english.js';
// The sandbox's Route 53 against real sockets on loopback: TCP checks (held open, closed at once, refused), status
// changes after FailureThreshold checks, failover answers, and a timeline in order. Fast: time scale ×200.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DnsTopology } from '../model/dns-topology.js';
import { freePort } from '../runtime/ports.js';
import { tcpCheck } from './health-probe.js';
import { Route53Runtime } from './runtime.js';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(port: number, onConnection: (socket: net.Socket) => void = () => {}): Promise<net.Server> {
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  servers.push(server);
  return server;
}

describe('tcpCheck', () => {
  it('passes when the connection is established and stays open', async () => {
    const port = await freePort();
    await listen(port);
    const result = await tcpCheck('127.0.0.1', port, 1000);
    expect({ passed: result.passed, detail: english(result.detail) }).toEqual({
      passed: true,
      detail: 'TCP connection established (and held open)',
    });
  });

  it('fails when the other side closes at once (HAProxy with no target to take the connection)', async () => {
    const port = await freePort();
    await listen(port, (socket) => socket.end());
    expect(english((await tcpCheck('127.0.0.1', port, 1000)).detail)).toMatch(/closed by the load balancer at once/);
  });

  it('fails when the port refuses connections', async () => {
    const result = await tcpCheck('127.0.0.1', await freePort(), 1000);
    expect({ passed: result.passed, detail: english(result.detail) }).toEqual({
      passed: false,
      detail: 'connection refused',
    });
  });
});

describe('Route53Runtime', () => {
  it('fails over to the SECONDARY after FailureThreshold failed checks and back after as many passes, on a timeline', async () => {
    const lbPort = await freePort();
    const sitePort = await freePort();
    let lb: net.Server | null = await listen(lbPort, (socket) => socket.on('error', () => {}));
    const dns: DnsTopology = {
      hostedZones: [],
      healthChecks: [
        {
          logicalId: 'Check',
          path: 'Check',
          type: 'TCP',
          endpoint: { loadBalancerId: 'Lb' },
          port: 443,
          resourcePath: null,
          requestIntervalSeconds: 10,
          failureThreshold: 3,
          inverted: false,
          disabled: false,
        },
      ],
      records: [
        {
          logicalId: 'P',
          path: 'P',
          name: 'www.test.example',
          type: 'A',
          zoneName: 'test.example',
          setIdentifier: 'primary',
          failover: 'PRIMARY',
          healthCheckId: 'Check',
          alias: { targetId: 'Lb', dnsName: '', evaluateTargetHealth: false },
          values: [],
        },
        {
          logicalId: 'S',
          path: 'S',
          name: 'www.test.example',
          type: 'A',
          zoneName: 'test.example',
          setIdentifier: 'secondary',
          failover: 'SECONDARY',
          healthCheckId: null,
          alias: { targetId: 'Site', dnsName: '', evaluateTargetHealth: false },
          values: [],
        },
      ],
      distributions: [],
    };
    const steps: string[] = [];
    const runtime = new Route53Runtime({
      dns,
      timeScale: 200,
      targetEndpoint: (id) =>
        id === 'Lb'
          ? { host: '127.0.0.1', port: lbPort, label: 'LB' }
          : id === 'Site'
            ? { host: '127.0.0.1', port: sitePort, label: 'Site' }
            : null,
      step: (name, detail) => steps.push(`${name} ${english(detail)}`),
    });
    try {
      runtime.start();
      expect(runtime.resolve('www.test.example', 443)).toMatchObject({
        port: lbPort,
        hostname: 'www.test.example',
        setIdentifier: 'primary',
      });
      runtime.mark('down', 'closing the load balancer');
      await new Promise((resolve) => lb!.close(resolve));
      servers.splice(servers.indexOf(lb), 1);
      lb = null;
      await runtime.waitForAnswer('www.test.example', 'secondary', 5000);
      expect(runtime.status('Check')).toBe('Unhealthy');
      expect(runtime.resolve('www.test.example', 443)).toMatchObject({ port: sitePort, setIdentifier: 'secondary' });
      runtime.mark('up', 'listening again');
      lb = await listen(lbPort);
      await runtime.waitForAnswer('www.test.example.', 'primary', 5000);
      const kinds = runtime.timeline().map((event) => `${event.kind}:${event.name}`);
      const at = (text: string, from = 0) => kinds.findIndex((kind, index) => index >= from && kind === text);
      const order = [
        at('mark:down'),
        at('check:r53-check', at('mark:down')),
        at('status:r53-status'),
        at('answer:dns', at('status:r53-status')),
        at('mark:up'),
        at('status:r53-status', at('mark:up')),
        at('answer:dns', at('mark:up')),
      ];
      expect(order.every((index) => index >= 0)).toBe(true);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(
        steps.filter((line) => line.startsWith('r53-check') && /failed \(\d\/3 towards Unhealthy\)/.test(line)),
      ).toHaveLength(3);
      expect(steps.some((line) => /≈ \+[\d.]+ s on AWS at ×200/.test(line))).toBe(true);
    } finally {
      runtime.stop();
    }
  });

  it('gives up waiting with the last events when the answer never comes', async () => {
    const runtime = new Route53Runtime({
      dns: { hostedZones: [], healthChecks: [], records: [], distributions: [] },
      timeScale: 1,
      targetEndpoint: () => null,
      step: () => {},
    });
    await expect(runtime.waitForAnswer('nothing.example', 'x', 50)).rejects.toThrow(/did not switch to x within 50 ms/);
    runtime.stop();
  });
});
