// Realizes a stack's Route 53 records, health checks and CloudFront distributions on 127.0.0.1: a CloudFront stand-in
// per distribution (serving its S3 origin's objects), and the sandbox's Route 53 (runtime.ts) that checks the
// realized endpoints and resolves failover records. What LocalStack holds and what the sandbox does is said in
// `notes` and in the components' roles.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadBalancer, Topology } from '../model/topology.js';
import type { ComponentReport } from '../report.js';
import type { TargetHandle } from '../runtime/target-log.js';
import type { ScenarioDefinition } from '../scenario.js';
import { parseStandInLine, startCloudFrontStandIn, type OriginObject } from './cloudfront-standin.js';
import { checkTimings } from './evaluator.js';
import { Route53Runtime, type HeldSettings, type LocalEndpoint } from './runtime.js';

export interface DnsInputs {
  scenario: ScenarioDefinition;
  topology: Topology;
  dir: string;
  certificatePem: string;
  privateKeyPem: string;
  /** Local address of a load balancer listener by construct path and template port, once realized. */
  listenerEndpoint(loadBalancerPath: string, port: number): { host: string; port: number } | undefined;
  /** An object of the stack's bucket (by construct path) from LocalStack's S3; absent without LocalStack. */
  bucketObject?: (bucketPath: string, key: string) => Promise<OriginObject | null>;
  /** Health check settings as LocalStack holds them, by logical id. */
  held?: Map<string, HeldSettings>;
  adopt(name: string, stop: () => Promise<void>): void;
  starting(name: string, role: string): void;
  ready(component: ComponentReport): void;
  step(name: string, detail: string, durationMs: number): void;
}

export interface RealizedDns {
  runtime: Route53Runtime;
  components: ComponentReport[];
  targets: TargetHandle[];
  notes: string[];
}

/** MTLS_SANDBOX_TIME_SCALE, else the scenario's timeScale, else 1. Pure. */
export function effectiveTimeScale(
  scenario: Pick<ScenarioDefinition, 'timeScale'>,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const fromEnv = Number(env.MTLS_SANDBOX_TIME_SCALE);
  if (env.MTLS_SANDBOX_TIME_SCALE && Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return scenario.timeScale && scenario.timeScale > 0 ? scenario.timeScale : 1;
}

export async function realizeDns(input: DnsInputs): Promise<RealizedDns> {
  const dns = input.topology.dns!;
  const components: ComponentReport[] = [];
  const targets: TargetHandle[] = [];
  const notes: string[] = [];
  const standIns = new Map<string, LocalEndpoint>();

  for (const distribution of dns.distributions) {
    const name = `cloudfront-${distribution.path.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const bucketPath = distribution.originBucketPath;
    const role = `CloudFront ${distribution.path} (stand-in): serves s3://${bucketPath ?? '?'} over HTTPS`;
    input.starting(name, role);
    const localFiles = bucketPath ? (input.scenario.bucketFiles?.[bucketPath] ?? {}) : {};
    const fetchObject = async (key: string): Promise<OriginObject | null> => {
      if (!bucketPath) return null;
      if (input.bucketObject) return input.bucketObject(bucketPath, key);
      const file = localFiles[key];
      return file
        ? {
            body: await readFile(file),
            contentType: key.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream',
          }
        : null;
    };
    const logFile = join(input.dir, name, 'requests.json');
    const running = await startCloudFrontStandIn({
      name,
      distribution: distribution.path,
      defaultRootObject: distribution.defaultRootObject,
      originLabel: `s3://${bucketPath ?? '?'}`,
      fetchObject,
      certificatePem: input.certificatePem,
      privateKeyPem: input.privateKeyPem,
      logFile,
    });
    input.adopt(name, () => running.close());
    standIns.set(distribution.logicalId, { ...running.address, label: `CloudFront ${distribution.path} (stand-in)` });
    targets.push({ name, kind: 'static', logFile, parse: (line) => parseStandInLine(name, line) });
    const source = input.bucketObject
      ? "objects read from LocalStack's S3 at each request, as CloudFront reads its origin"
      : 'objects read from the scenario’s files (no LocalStack)';
    const component: ComponentReport = {
      name,
      kind: 'static',
      address: `${running.address.host}:${running.address.port}`,
      version: `mtls-sandbox CloudFront stand-in (node ${process.version})`,
      role: `${role}; ${source}; default root object ${distribution.defaultRootObject ?? '(none)'}`,
    };
    components.push(component);
    input.ready(component);
    notes.push(
      `${distribution.path}: CloudFront is not in LocalStack's free edition; a small HTTPS server stands in for the distribution (no caching, no edge locations, the sandbox's localhost certificate), with ${source}.`,
    );
  }

  const balancerOf = (logicalId: string): LoadBalancer | undefined =>
    input.topology.loadBalancers.find((balancer) => balancer.logicalId === logicalId);
  const targetEndpoint = (logicalId: string, port: number): LocalEndpoint | null => {
    const standIn = standIns.get(logicalId);
    if (standIn) return standIn;
    const balancer = balancerOf(logicalId);
    const local = balancer ? input.listenerEndpoint(balancer.path, port) : undefined;
    if (!balancer || !local) return null;
    const kind = balancer.kind === 'network' ? 'NLB' : balancer.kind === 'classic' ? 'CLB' : 'ALB';
    return {
      ...local,
      label: `${kind} ${balancer.path} (${balancer.kind === 'application' ? 'ALB emulator' : 'HAProxy'})`,
    };
  };

  const timeScale = effectiveTimeScale(input.scenario);
  const runtime = new Route53Runtime({ dns, timeScale, targetEndpoint, held: input.held, step: input.step });
  const checks = dns.healthChecks.map((check) => {
    const interval = input.held?.get(check.logicalId)?.requestIntervalSeconds ?? check.requestIntervalSeconds;
    return `${check.path} ${check.type}:${check.port} every ${(checkTimings({ type: check.type, requestIntervalSeconds: interval }, timeScale).intervalMs / 1000).toFixed(2)} s (${interval} s on AWS)`;
  });
  const names = [...new Set(dns.records.map((record) => record.name))];
  const component: ComponentReport = {
    name: 'route53',
    kind: 'route53',
    address: 'in process',
    version: 'mtls-sandbox Route 53 evaluator',
    role: `Route 53 as the sandbox evaluates it — health checks ${checks.join(', ') || 'none'}; answers for ${names.join(', ')}; time scale ×${timeScale}${timeScale === 1 ? '' : ' (MTLS_SANDBOX_TIME_SCALE=1 for real time)'}`,
  };
  input.starting('route53', component.role);
  input.adopt('route53', async () => runtime.stop());
  runtime.start();
  components.push(component);
  input.ready(component);
  notes.push(
    `Route 53: ${input.bucketObject ? "LocalStack's Route 53 holds the records and health checks (deployed with the stack and read back), but its free edition neither checks endpoints nor answers DNS queries" : 'without LocalStack the records and health checks come from the template'}; the sandbox runs the health checks against the realized endpoints with one checker (Route 53 uses many, healthy when more than 18% say so) and resolves each probe's name itself (curl --resolve), at the moment of the probe.`,
    timeScale === 1
      ? 'Time: real time.'
      : `Time is compressed ×${timeScale} for Route 53 only: its health checks run ${timeScale} times as often as their RequestInterval says; curl, nginx, HAProxy and the NLB's own target health checks run in real time. Every timeline line shows the sandbox clock and the AWS clock (×${timeScale}).`,
  );
  return { runtime, components, targets, notes };
}
