// What LocalStack does for one scenario of a run: deploy its stack with cdklocal (bootstrapping once), say resource
// by resource what LocalStack created and what the sandbox realizes itself, put the SSM parameter values, move the
// trust stores' S3 objects through LocalStack's S3, and give SSM-fed targets their start-up step.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Pki } from '../../certs/types.js';
import type { CfnTemplate } from '../model/cfn.js';
import type { Topology } from '../model/topology.js';
import type { DeployedResource, Deployment } from '../report.js';
import { s3Objects } from '../runtime/pki-objects.js';
import type { RealizeExtras } from '../runtime/realize.js';
import { projectRoot } from '../runtime/state-dir.js';
import type { PkiParameterValue, ScenarioDefinition } from '../scenario.js';
import { synthesizeFresh, type SynthResult } from '../synth/synth.js';
import {
  DeployError,
  deployArgs,
  ensureBootstrapped,
  formatCdklocal,
  lastLines,
  parseStackEvent,
  runCdklocal,
} from './cdk.js';
import type { LocalStackClient, StackResource } from './client.js';
import type { LocalStackSession } from './session.js';
import { ensureHostedZones, readBackRoute53, uploadBucketFiles, bucketLogicalId } from './route53-aws.js';
import { ssmStartup } from './ssm-init.js';
import type { OriginObject } from '../route53/cloudfront-standin.js';
import type { HeldSettings } from '../route53/runtime.js';

export interface ScenarioAws {
  client: LocalStackClient;
  deployment: Deployment | null;
  /** The stack's S3 objects as read back from LocalStack's S3 (undefined: the scenario has none). */
  objects: Map<string, string> | undefined;
  objectsSource: string | null;
  certificates: NonNullable<RealizeExtras['certificates']>;
  /** An object of one of the deployed stack's buckets (by construct path), from LocalStack's S3; absent when not deployed. */
  bucketObject?: (bucketPath: string, key: string) => Promise<OriginObject | null>;
  /** Route 53 health check settings as LocalStack holds them (read back after the deploy), by logical id. */
  heldHealthChecks?: Map<string, HeldSettings>;
}

export interface AwsStepSink {
  /** A step that goes into the report (name, duration) and the output. */
  step(name: string, detail: string, durationMs: number): void;
  /** Progress for the output only (deploy events, resource lines). */
  progress(name: string, detail: string, durationMs: number): void;
}

/** Types LocalStack's free edition has no CloudFormation provider for, and that the sandbox realizes itself. */
const REALIZED_BY_SANDBOX: Record<string, string> = {
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'HAProxy (NLB) or the ALB emulator (ALB) on 127.0.0.1',
  'AWS::ElasticLoadBalancingV2::Listener': 'a listener of HAProxy or the ALB emulator',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'the local targets (nginx, echo) behind it',
  'AWS::ElasticLoadBalancingV2::ListenerRule': "the ALB emulator's rule engine",
  'AWS::ElasticLoadBalancingV2::TrustStore': "the ALB emulator's trust store (its CA bundle read from S3)",
  'AWS::ElasticLoadBalancingV2::TrustStoreRevocation': "the ALB emulator's revocation check (the CRL read from S3)",
  'AWS::ElasticLoadBalancing::LoadBalancer': 'HAProxy (CLB) on 127.0.0.1',
  'AWS::WAFv2::WebACL': "the ALB emulator's AWS WAF (a documented subset of rule statements)",
  'AWS::WAFv2::WebACLAssociation': 'the web ACL evaluated by the ALB emulator of that load balancer',
  'AWS::CloudFront::Distribution':
    'a small HTTPS server standing in for the distribution, serving its S3 origin from LocalStack',
};

const FALLBACK = /not supported but was deployed as a fallback|No resource provider found/i;

/**
 * Resource by resource: created by LocalStack, taken as a no-op by LocalStack and realized by the sandbox, or
 * neither (with the sandbox's reason). Pure.
 */
export function classifyResources(
  resources: StackResource[],
  template: CfnTemplate,
  topology: Topology,
): DeployedResource[] {
  const templateResources = template.Resources ?? {};
  const pathOf = (id: string) =>
    String(templateResources[id]?.Metadata?.['aws:cdk:path'] ?? id)
      .replace(/^[^/]+\//, '')
      .replace(/\/Resource$/, '');
  const notRealized = (id: string) =>
    topology.notRealized.find((entry) => entry.logicalId === id && entry.property === undefined)?.reason;
  const out: DeployedResource[] = [];
  for (const [logicalId, resource] of Object.entries(templateResources)) {
    const deployed = resources.find((candidate) => candidate.logicalId === logicalId);
    const base = { logicalId, type: resource.Type, path: pathOf(logicalId) };
    const sandbox = sandboxRealization(resource.Type, logicalId, topology);
    if (!deployed) {
      out.push({
        ...base,
        where: sandbox ? 'sandbox' : 'none',
        detail: `not in the deployed stack${sandbox ? `; the sandbox realizes it: ${sandbox}` : ''}`,
      });
    } else if (FALLBACK.test(deployed.reason ?? '')) {
      out.push({
        ...base,
        where: sandbox ? 'sandbox' : 'none',
        detail: sandbox
          ? `not in LocalStack's free edition (accepted there as a no-op); the sandbox realizes it: ${sandbox}`
          : `not in LocalStack's free edition (accepted there as a no-op); not realized locally either: ${notRealized(logicalId) ?? 'no local stand-in'}`,
      });
    } else if (/_COMPLETE$/.test(deployed.status) && !/ROLLBACK|DELETE/.test(deployed.status)) {
      out.push({
        ...base,
        where: 'localstack',
        detail: `created in LocalStack: ${deployed.physicalId}${usedBySandbox(resource.Type)}`,
      });
    } else {
      out.push({
        ...base,
        where: 'none',
        detail: `${deployed.status}${deployed.reason ? `: ${deployed.reason}` : ''}`,
      });
    }
  }
  return out;
}

/** What the sandbox runs for a resource LocalStack cannot create, if anything. Pure. */
function sandboxRealization(type: string, logicalId: string, topology: Topology): string | undefined {
  const generic = REALIZED_BY_SANDBOX[type];
  if (!generic) return undefined;
  const kindOf = (balancer: Topology['loadBalancers'][number] | undefined) =>
    balancer?.kind === 'application'
      ? 'the ALB emulator'
      : balancer?.kind === 'classic'
        ? 'HAProxy standing in for the CLB'
        : 'HAProxy standing in for the NLB';
  if (type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
    const balancer = topology.loadBalancers.find((candidate) => candidate.logicalId === logicalId);
    return balancer ? `${kindOf(balancer)} on 127.0.0.1` : generic;
  }
  if (type === 'AWS::ElasticLoadBalancingV2::Listener') {
    const balancer = topology.loadBalancers.find((candidate) =>
      candidate.listeners.some((listener) => listener.logicalId === logicalId),
    );
    return balancer ? `a listener of ${kindOf(balancer)}` : generic;
  }
  return generic;
}

function usedBySandbox(type: string): string {
  if (type === 'AWS::SSM::Parameter') return ' (targets read it at start-up)';
  if (type === 'AWS::S3::Bucket') return ' (objects the sandbox needs are uploaded here and read back)';
  if (type === 'AWS::Route53::HealthCheck') return ' (stored only: LocalStack does not run it; the sandbox does)';
  if (type === 'AWS::Route53::RecordSet')
    return ' (stored only: LocalStack answers no DNS; the sandbox resolves the name)';
  return '';
}

/** The cloud assembly of exactly this template: the synth's cdk.out, synthesized again if it is missing or stale. */
async function ensureAssembly(scenario: ScenarioDefinition, synth: SynthResult, stateDir: string): Promise<string> {
  const dir = join(stateDir, 'cdk.out', scenario.id);
  try {
    const written = JSON.parse(await readFile(join(dir, `${synth.stackName}.template.json`), 'utf8')) as unknown;
    if (JSON.stringify(written) === JSON.stringify(synth.template)) return dir;
  } catch {
    // missing: synthesize below
  }
  await synthesizeFresh(scenario, synth.stackName, dir);
  return dir;
}

export async function prepareAws(
  scenario: ScenarioDefinition,
  synth: SynthResult,
  topology: Topology,
  options: {
    session: LocalStackSession | undefined;
    stateDir: string;
    pki: Pki;
    deployAll?: boolean;
    sink: AwsStepSink;
  },
): Promise<ScenarioAws | null> {
  const client = options.session?.client;
  if (!client || !options.session) return null;
  const { sink } = options;
  const cwd = join(options.stateDir, 'localstack');
  let deployment: Deployment | null = null;
  let stackResources: StackResource[] = [];
  const needs = scenario.needs?.localstack === true;

  if ((needs || options.deployAll) && topology.dns) {
    const started = performance.now();
    const lines = await ensureHostedZones(client, topology, scenario.id);
    if (lines.length > 0)
      sink.step('route53-zone', lines.join('\n               '), Math.round(performance.now() - started));
  }

  let bucketObject: ScenarioAws['bucketObject'];
  let heldHealthChecks: ScenarioAws['heldHealthChecks'];
  if (needs || options.deployAll) {
    const bootstrapStarted = performance.now();
    const first = options.session.bootstrapped === undefined;
    options.session.bootstrapped ??= ensureBootstrapped(client, {
      cwd,
      logFile: join(cwd, 'bootstrap.log'),
      onLine: (line) => {
        if (/Bootstrapping environment/.test(line))
          sink.progress(
            'bootstrap',
            `${line.trim()} (the CDKToolkit stack: once per LocalStack state; output in ${join(cwd, 'bootstrap.log')})`,
            Math.round(performance.now() - bootstrapStarted),
          );
      },
    });
    const bootstrap = (await options.session.bootstrapped) as Awaited<ReturnType<typeof ensureBootstrapped>>;
    const bootstrapMs = Math.round(performance.now() - bootstrapStarted);
    sink.step(
      'bootstrap',
      first && bootstrap.ran && bootstrap.result
        ? `${bootstrap.result.command} (CDKToolkit stack, once per LocalStack state) in ${(bootstrap.result.durationMs / 1000).toFixed(1)} s`
        : 'LocalStack is already bootstrapped for the CDK (/cdk-bootstrap/hnb659fds/version exists)',
      bootstrapMs,
    );

    const assembly = await ensureAssembly(scenario, synth, options.stateDir);
    const started = performance.now();
    const logFile = join(cwd, `deploy-${scenario.id}.log`);
    const args = deployArgs(shortPath(assembly), synth.stackName);
    const result = await runCdklocal(deployArgs(assembly, synth.stackName), {
      endpoint: client.endpoint,
      cwd,
      logFile,
      onLine: (line) => {
        const event = parseStackEvent(line);
        if (event?.logicalId && !/IN_PROGRESS/.test(event.status))
          sink.progress(
            'deploy',
            `${event.status.padEnd(18)} ${event.type} ${event.path}`,
            Math.round(performance.now() - started),
          );
      },
    });
    const durationMs = Math.round(performance.now() - started);
    if (result.exitCode !== 0) {
      const message = `cdklocal deploy of ${synth.stackName} failed (exit ${result.exitCode}); full output in ${logFile}:\n    ${lastLines(result.lines)}`;
      if (needs) throw new DeployError(message);
      sink.step(
        'deploy',
        `${message}\n    (this scenario does not need LocalStack; it runs without the deployment)`,
        durationMs,
      );
    } else {
      stackResources = await client.describeStackResources(synth.stackName);
      const resources = classifyResources(stackResources, synth.template, topology);
      deployment = {
        stack: synth.stackName,
        endpoint: client.endpoint,
        command: formatCdklocal(args, client.endpoint),
        durationMs,
        logFile,
        resources,
      };
      const count = (where: DeployedResource['where']) => resources.filter((r) => r.where === where).length;
      const elbv2 = resources.some((r) => r.where === 'sandbox');
      sink.step(
        'deploy',
        `${synth.stackName} deployed with cdklocal: ${count('localstack')} resource(s) created in LocalStack, ${count('sandbox')} realized by the sandbox${elbv2 ? " (ELBv2 is not in LocalStack's free edition)" : ''}, ${count('none')} neither`,
        durationMs,
      );
      for (const resource of resources) {
        const where =
          resource.where === 'localstack' ? 'LocalStack' : resource.where === 'sandbox' ? 'sandbox   ' : 'neither   ';
        sink.progress('resource', `${where} ${resource.type} ${resource.path} — ${resource.detail}`, 0);
      }
      if (scenario.bucketFiles) {
        const uploading = performance.now();
        const lines = await uploadBucketFiles(client, scenario, topology, stackResources, synth.template);
        sink.step('s3-put', lines.join('\n               '), Math.round(performance.now() - uploading));
        const deployed = stackResources;
        bucketObject = async (bucketPath, key) => {
          const logicalId = bucketLogicalId(bucketPath, synth.stackName, synth.template);
          const physical = deployed.find((resource) => resource.logicalId === logicalId)?.physicalId;
          return physical ? client.getObjectIfExists(physical, key) : null;
        };
      }
      if (topology.dns) {
        const reading = performance.now();
        const held = await readBackRoute53(client, topology, stackResources);
        heldHealthChecks = new Map(
          [...held.healthChecks].map(([logicalId, check]) => [
            logicalId,
            {
              id: check.id,
              requestIntervalSeconds: check.requestIntervalSeconds,
              failureThreshold: check.failureThreshold,
            },
          ]),
        );
        sink.step(
          'route53',
          `LocalStack's Route 53 holds:\n               ${held.summary.join('\n               ')}`,
          Math.round(performance.now() - reading),
        );
      }
    }
  }

  if (scenario.parameters && Object.keys(scenario.parameters).length > 0) {
    const started = performance.now();
    const puts: string[] = [];
    for (const [name, what] of Object.entries(scenario.parameters)) {
      const file = parameterFile(options.pki, what);
      const version = await client.putParameter(name, await readFile(file, 'utf8'));
      puts.push(
        `aws ssm put-parameter --name ${name} --type String --overwrite --value file://${shortPath(file)} (version ${version})`,
      );
    }
    sink.step('ssm-put', puts.join('\n               '), Math.round(performance.now() - started));
  }

  let objects: Map<string, string> | undefined;
  let objectsSource: string | null = null;
  if (scenario.objects && Object.keys(scenario.objects).length > 0 && topology.trustStores.length > 0) {
    const started = performance.now();
    const local = await s3Objects(scenario, options.pki);
    const buckets = new Map(
      stackResources
        .filter((r) => r.type === 'AWS::S3::Bucket' && r.status === 'CREATE_COMPLETE')
        .map((r) => [r.logicalId, r.physicalId]),
    );
    const wanted = topology.trustStores
      .flatMap((store) => [store.bundle, ...store.revocations])
      .map((ref) => ({ bucket: ref.bucket, key: ref.key }));
    objects = new Map();
    const where: string[] = [];
    for (const { bucket, key } of wanted) {
      const content = local.get(key);
      if (content === undefined) continue; // realize names the missing object
      let physical = buckets.get(bucket);
      if (!physical) {
        // Not deployed (the scenario does not need LocalStack): a stand-in bucket holds the same objects.
        physical = standInBucket(scenario.id);
        await client.createBucket(physical);
      }
      await client.putObject(physical, key, content);
      objects.set(key, await client.getObject(physical, key));
      where.push(`s3://${physical}/${key}`);
    }
    objectsSource = `LocalStack S3 (${client.endpoint}): uploaded from the PKI and read back: ${where.join(', ')}${deployment ? '' : ' (stand-in bucket: the stack was not deployed; --deploy-all deploys it)'}`;
    sink.step('s3', `trust store objects ${objectsSource}`, Math.round(performance.now() - started));
  }

  const certificates: ScenarioAws['certificates'] = async (spec, prefix) => {
    const startup = await ssmStartup(client, spec.certificates!, prefix);
    sink.step('init', `${spec.name}: ${startup.detail}`, startup.durationMs);
    return startup;
  };
  return { client, deployment, objects, objectsSource, certificates, bucketObject, heldHealthChecks };
}

/** A path relative to the project when it is inside it (what a user pastes from the project folder). */
function shortPath(path: string): string {
  const inside = relative(projectRoot(), path);
  return inside && !inside.startsWith('..') ? inside : path;
}

export function standInBucket(scenarioId: string): string {
  return `mtls-sandbox-${scenarioId}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .slice(0, 63);
}

function parameterFile(pki: Pki, what: PkiParameterValue): string {
  switch (what) {
    case 'server.crt':
      return pki.server.cert;
    case 'server.key':
      return pki.server.key;
    case 'privateCA.crt':
      return pki.ca.cert;
  }
}
