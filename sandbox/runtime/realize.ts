// Realizing a scenario: turns a compiled topology and the scenario's target mapping into running components on
// 127.0.0.1 through a driver (host or docker) — nginx and echo targets, the ALB emulator, HAProxy for NLB/CLB TCP
// listeners, the Route 53 and CloudFront stand-ins — and tells the runner where everything is.
import { type Message, msg } from '../messages.js';
import { readFile, rm } from 'node:fs/promises';
import type { Pki } from '../../certs/types.js';
import type { Topology } from '../model/topology.js';
import type { ComponentReport } from '../report.js';
import { realizeDns } from './realize-dns.js';
import type { Route53Runtime } from '../route53/runtime.js';
import type { ScenarioDefinition } from '../scenario.js';
import type { Driver } from './driver.js';
import { TopologyError } from './errors.js';
import type { RunningNginx } from './nginx-target.js';
import { startBalancers } from './realize-balancers.js';
import { startCloudFrontDistributions } from './cloudfront-lb.js';
import { newRealization, type Realization, type RealizeEvents, type RealizeExtras } from './realization.js';
import type { TargetHandle } from './target-log.js';

export type { RealizeEvents, RealizeExtras };
export { TopologyError };

export interface Realized {
  components: ComponentReport[];
  targets: TargetHandle[];
  /** JSON-lines connection logs of the load balancers (the ALB emulator's mTLS connection log). */
  connectionLogFiles: string[];
  /** Where the emulation differs from AWS or rests on inference (shown plainly in the UI and reports). */
  emulationNotes: Message[];
  /**
   * Local address of a load balancer's listener, by construct path and the listener's port in the template — or of
   * whatever a Route 53 record name (e.g. "www.example.test") resolves to right now; then `hostname` is that name.
   */
  endpoint(loadBalancerPath: string, listenerPort: number): { host: string; port: number; hostname?: string };
  /** Replaces nginx targets (all when no names are given): each runs its start-up step again on the same port. */
  restartTargets(names?: string[]): Promise<void>;
  /** Stops nginx targets (all when no names are given); startTargets brings them back on the same ports. */
  stopTargets(names?: string[]): Promise<void>;
  startTargets(names?: string[]): Promise<void>;
  /** JSON-lines AWS WAF logs of the ALB emulator's web ACLs. */
  wafLogFiles: string[];
  /** JSON-lines request logs of the ALB emulator: each request and the listener rules it met. */
  requestLogFiles: string[];
  /** NSS key logs of the load balancers' TLS connections (RealizeExtras.keyLog). */
  keyLogFiles: string[];
  /** The sandbox's Route 53 (health checks, failover answers, timeline); null when the stack has no records. */
  route53: Route53Runtime | null;
  /** The running ALB listeners and the trust stores they can use (what the sandbox's ELBv2 API reads and changes). */
  live: Pick<Realization, 'albListeners' | 'trustStores'>;
  /** Why probes through this listener cannot show AWS's behaviour on this machine (they are skipped), or null. */
  listenerLimitation?(loadBalancerPath: string, listenerPort: number): Message | null;
}

export async function realize(
  scenario: ScenarioDefinition,
  topology: Topology,
  pki: Pki,
  driver: Driver,
  dir: string,
  events: RealizeEvents,
  extras: RealizeExtras = {},
): Promise<Realized> {
  await rm(dir, { recursive: true, force: true });
  const run = newRealization({ scenario, topology, pki, driver, dir, events, extras });
  await startBalancers(run);
  await startCloudFrontDistributions(run);
  const route53 = topology.dns ? await startDns(run) : null;
  return realized(run, route53);
}

/** The stack's Route 53 records and CloudFront distributions, once the load balancers they point at run. */
async function startDns(run: Realization): Promise<Route53Runtime> {
  const dns = await realizeDns({
    scenario: run.scenario,
    topology: run.topology,
    dir: run.dir,
    certificatePem: await readFile(run.pki.server.cert, 'utf8'),
    privateKeyPem: await readFile(run.pki.server.key, 'utf8'),
    listenerEndpoint: (path, port) => run.endpoints.get(`${path}:${port}`),
    bucketObject: run.extras.bucketObject,
    held: run.extras.heldHealthChecks,
    adopt: (name, stop) => run.driver.adopt(name, stop),
    starting: run.events.starting,
    ready: run.events.ready,
    step: (name, detail, durationMs) => run.events.step?.(name, detail, durationMs),
  });
  run.components.push(...dns.components.filter((component) => !run.components.includes(component)));
  run.targets.push(...dns.targets);
  run.emulationNotes.push(...dns.notes);
  return dns.runtime;
}

/** What the runner gets: the record of what runs, where each listener is, and the targets' lifecycle. */
function realized(run: Realization, route53: Route53Runtime | null): Realized {
  const { endpoints, limitations } = run;
  return {
    components: run.components,
    targets: run.targets,
    connectionLogFiles: run.connectionLogFiles,
    wafLogFiles: run.wafLogFiles,
    requestLogFiles: run.requestLogFiles,
    keyLogFiles: run.keyLogFiles,
    route53,
    live: { albListeners: run.albListeners, trustStores: run.trustStores },
    emulationNotes: run.emulationNotes,
    async stopTargets(names) {
      await Promise.all(nginxNames(run, names).map((name) => nginxTarget(run, name, 'stop').stop()));
    },
    async startTargets(names) {
      await Promise.all(nginxNames(run, names).map((name) => nginxTarget(run, name, 'start').start()));
    },
    listenerLimitation: (path, port) => limitations.get(`${path}:${port}`) ?? null,
    async restartTargets(names) {
      for (const name of nginxNames(run, names)) await nginxTarget(run, name, 'restart').restart();
    },
    endpoint(path, port) {
      const named = endpoints.has(`${path}:${port}`) ? null : route53?.resolve(path, port);
      const found = named
        ? { host: named.host, port: named.port, hostname: named.hostname }
        : endpoints.get(`${path}:${port}`);
      if (!found) {
        const known = [...endpoints.keys()].join(', ') || 'none';
        throw new TopologyError(
          `No listener ${path}:${port} in this scenario's topology (listeners: ${known}). Check the probe's "via".`,
          msg('topo.no-listener', { path, port, known: [...endpoints.keys()].join(', ') }),
        );
      }
      return found;
    },
  };
}

/** The names given, or every nginx target's. */
function nginxNames(run: Realization, names: string[] | undefined): string[] {
  return names ?? [...run.nginx.keys()];
}

/** The nginx target of that name; a name that is not one is an error. */
function nginxTarget(run: Realization, name: string, verb: 'stop' | 'start' | 'restart'): RunningNginx {
  const target = run.nginx.get(name);
  if (!target)
    throw new TopologyError(
      `No nginx target "${name}" to ${verb} (targets: ${[...run.nginx.keys()].join(', ') || 'none'}).`,
      msg('topo.no-nginx', { name, verb, known: [...run.nginx.keys()].join(', ') }),
    );
  return target;
}
