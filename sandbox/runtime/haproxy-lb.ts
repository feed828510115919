// HAProxy standing in for one NLB or CLB: one frontend per TCP listener, one backend per target group.
import { list, type Message } from '../messages.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadBalancer } from '../model/topology.js';
import { renderHaproxyConfig, type HaproxyBackend, type HaproxyFrontend } from '../nlb/haproxy.js';
import type { ComponentReport } from '../report.js';
import type { Driver } from './driver.js';
import { withFreshPorts } from './ports.js';
import { fileSlug, inside } from './safe-path.js';
import { listenerAddresses } from '../listener-address.js';

export interface PassthroughListener {
  port: number;
  /** A comment for the rendered configuration. */
  description: string;
  /** What the listener stands in for, in the component's role. */
  role: Message;
  backend: HaproxyBackend;
  /** A dual-stack NLB: the listener takes IPv6 clients on ::1 as well. */
  ipv6?: boolean;
  /** NLB listener rules in priority order, each with the backend of the target group it forwards to. */
  rules?: { priority: number; family: 'ipv4' | 'ipv6'; backend: HaproxyBackend }[];
}

export interface RunningHaproxy {
  component: ComponentReport;
  /** Local port of each listener, by the listener's port in the template. */
  ports: Map<number, number>;
  configFile: string;
}

export async function startHaproxyLoadBalancer(
  driver: Driver,
  balancer: LoadBalancer,
  listeners: PassthroughListener[],
  dir: string,
): Promise<RunningHaproxy> {
  const name = `haproxy-${fileSlug(balancer.path)}`;
  const prefix = inside(dir, name);
  await mkdir(prefix, { recursive: true });
  const configFile = join(prefix, 'haproxy.cfg');
  // A port someone else takes before HAProxy binds it: the configuration is rendered again for new ones.
  const ports = await withFreshPorts(listeners.length, async (fresh) => {
    const ports = new Map<number, number>();
    const frontends: HaproxyFrontend[] = [];
    const backends = new Map<string, HaproxyBackend>();
    listeners.forEach((listener, index) => {
      const bindPort = fresh[index]!;
      ports.set(listener.port, bindPort);
      backends.set(listener.backend.name, listener.backend);
      for (const rule of listener.rules ?? []) backends.set(rule.backend.name, rule.backend);
      frontends.push({
        name: `listener_${listener.port}`,
        description: listener.description,
        bindPort,
        backend: listener.backend.name,
        idleTimeoutSeconds: balancer.kind === 'network' ? 350 : 60,
        ...(listener.ipv6 ? { ipv6: true } : {}),
        ...(listener.rules?.length
          ? {
              rules: listener.rules.map((rule) => ({
                priority: rule.priority,
                family: rule.family,
                backend: rule.backend.name,
              })),
            }
          : {}),
      });
    });
    await writeFile(configFile, renderHaproxyConfig({ frontends, backends: [...backends.values()] }));
    await driver.start({
      name,
      kind: 'haproxy',
      tool: 'haproxy',
      args: ['-f', configFile, '-db'],
      cwd: prefix,
      listens: frontends.map((frontend) => ({ host: '127.0.0.1', port: frontend.bindPort })),
      logFile: join(prefix, 'haproxy.log'),
    });
    return ports;
  });
  const kind = balancer.kind === 'classic' ? 'CLB' : 'NLB';
  return {
    ports,
    configFile,
    component: {
      name,
      kind: 'haproxy',
      address: listenerAddresses(ports),
      version: await driver.toolVersion('haproxy'),
      role: list(
        'role.passthrough',
        { kind, path: balancer.path },
        listeners.map((listener) => listener.role),
      ),
    },
  };
}
