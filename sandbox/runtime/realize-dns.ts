// Realizes a stack's Route 53 records, health checks and CloudFront distributions on 127.0.0.1: a CloudFront stand-in
// per distribution (serving its S3 origin's objects), and the sandbox's Route 53 (route53/runtime.ts) that checks the
// realized endpoints and resolves failover records. What LocalStack holds and what the sandbox does is said in
// `notes` and in the components' roles.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadBalancer, Topology } from '../model/topology.js';
import { list, type Message, msg } from '../messages.js';
import type { ComponentReport } from '../report.js';
import type { TargetHandle } from './target-log.js';
import type { ScenarioDefinition } from '../scenario.js';
import { parseStandInLine, startCloudFrontStandIn, type OriginObject } from '../route53/cloudfront-standin.js';
import { checkTimings } from '../route53/evaluator.js';
import { Route53Runtime, type HeldSettings, type LocalEndpoint } from '../route53/runtime.js';

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
  starting(name: string, role: Message): void;
  ready(component: ComponentReport): void;
  step(name: string, detail: Message, durationMs: number): void;
}

export interface RealizedDns {
  runtime: Route53Runtime;
  components: ComponentReport[];
  targets: TargetHandle[];
  notes: Message[];
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
  const notes: Message[] = [];
  const standIns = new Map<string, LocalEndpoint>();

  for (const distribution of dns.distributions) {
    const name = `cloudfront-${distribution.path.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const bucketPath = distribution.originBucketPath;
    const role = msg('role.cloudfront', { path: distribution.path, bucket: bucketPath });
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
    standIns.set(distribution.logicalId, { ...running.address, label: `CloudFront ${distribution.path}` });
    targets.push({ name, kind: 'static', logFile, parse: (line) => parseStandInLine(name, line) });
    const fromLocalStack = input.bucketObject !== undefined;
    const component: ComponentReport = {
      name,
      kind: 'static',
      address: `${running.address.host}:${running.address.port}`,
      version: `mtls-sandbox CloudFront stand-in (node ${process.version})`,
      role: list('role.cloudfront-running', {}, [
        role,
        msg('role.cloudfront-source', { localstack: fromLocalStack, root: distribution.defaultRootObject }),
      ]),
    };
    components.push(component);
    input.ready(component);
    notes.push(msg('note.cloudfront-standin', { path: distribution.path, localstack: fromLocalStack }));
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
    return { ...local, label: `${kind} ${balancer.path}` };
  };

  const timeScale = effectiveTimeScale(input.scenario);
  const runtime = new Route53Runtime({ dns, timeScale, targetEndpoint, held: input.held, step: input.step });
  const checks = dns.healthChecks.map((check) => {
    const interval = input.held?.get(check.logicalId)?.requestIntervalSeconds ?? check.requestIntervalSeconds;
    const every = checkTimings({ type: check.type, requestIntervalSeconds: interval }, timeScale).intervalMs / 1000;
    return msg('role.route53-check', {
      check: check.path,
      type: check.type,
      port: check.port,
      every: every.toFixed(2),
      interval,
    });
  });
  const names = [...new Set(dns.records.map((record) => record.name))];
  const component: ComponentReport = {
    name: 'route53',
    kind: 'route53',
    address: 'in process',
    version: 'mtls-sandbox Route 53 evaluator',
    role: list('role.route53', { names: names.join(', '), scale: timeScale }, checks),
  };
  input.starting('route53', component.role);
  input.adopt('route53', async () => runtime.stop());
  runtime.start();
  components.push(component);
  input.ready(component);
  notes.push(
    msg('note.route53', { localstack: input.bucketObject !== undefined }),
    msg('note.time-scale', { scale: timeScale }),
  );
  return { runtime, components, targets, notes };
}
