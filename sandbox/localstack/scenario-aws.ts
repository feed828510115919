// What LocalStack does for one scenario of a run: deploy its stack with cdklocal (no bootstrap needed), say resource
// by resource what LocalStack created and what the sandbox realizes itself, put the SSM parameter values, move the
// trust stores' S3 objects through LocalStack's S3, and give SSM-fed targets their start-up step.
import { list, type Message, msg } from '../messages.js';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Pki } from '../../certs/types.js';
import type { CfnTemplate } from '../model/cfn.js';
import type { Topology } from '../model/topology.js';
import type { DeployedResource, Deployment, ObjectsSource } from '../report.js';
import { s3Objects } from '../runtime/pki-objects.js';
import type { RealizeExtras } from '../runtime/realize.js';
import { projectRoot } from '../runtime/state-dir.js';
import type { PkiParameterValue, ScenarioDefinition } from '../scenario.js';
import { synthesizeFresh, type SynthResult, withSynthLock } from '../synth/synth.js';
import { DeployError, deployArgs, formatCdklocal, lastLines, parseStackEvent, runCdklocal } from './cdk.js';
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
  objectsSource: ObjectsSource | null;
  certificates: NonNullable<RealizeExtras['certificates']>;
  /** An object of one of the deployed stack's buckets (by construct path), from LocalStack's S3; absent when not deployed. */
  bucketObject?: (bucketPath: string, key: string) => Promise<OriginObject | null>;
  /** Route 53 health check settings as LocalStack holds them (read back after the deploy), by logical id. */
  heldHealthChecks?: Map<string, HeldSettings>;
}

export interface AwsStepSink {
  /** A step that goes into the report (name, duration) and the output. */
  step(name: string, detail: Message, durationMs: number): void;
  /** Progress for the output only (deploy events, resource lines). */
  progress(name: string, detail: Message, durationMs: number): void;
}

/** Types LocalStack's free edition has no CloudFormation provider for, and that the sandbox realizes itself. */
const REALIZED_BY_SANDBOX = new Set([
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::TrustStore',
  'AWS::ElasticLoadBalancingV2::TrustStoreRevocation',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'AWS::WAFv2::WebACL',
  'AWS::WAFv2::WebACLAssociation',
  'AWS::CloudFront::Distribution',
  'AWS::CloudFront::TrustStore',
  'AWS::CloudFront::ConnectionFunction',
  'AWS::CloudFront::OriginRequestPolicy',
  'AWS::CloudFront::KeyValueStore',
]);

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
        detail: sandbox ? msg('deploy.not-in-stack', {}, sandbox) : msg('deploy.not-in-stack'),
      });
    } else if (FALLBACK.test(deployed.reason ?? '')) {
      out.push({
        ...base,
        where: sandbox ? 'sandbox' : 'none',
        detail: sandbox
          ? msg('deploy.free-edition-realized', {}, sandbox)
          : msg('deploy.free-edition-not-realized', {}, notRealized(logicalId) ?? msg('deploy.no-stand-in')),
      });
    } else if (/_COMPLETE$/.test(deployed.status) && !/ROLLBACK|DELETE/.test(deployed.status)) {
      out.push({
        ...base,
        where: 'localstack',
        detail: msg('deploy.created', { id: deployed.physicalId, type: resource.Type }),
      });
    } else {
      out.push({
        ...base,
        where: 'none',
        detail: msg('deploy.status', { status: deployed.status, reason: deployed.reason ?? null }),
      });
    }
  }
  return out;
}

/** What the sandbox runs for a resource LocalStack cannot create, if anything. Pure. */
function sandboxRealization(type: string, logicalId: string, topology: Topology): Message | undefined {
  if (!REALIZED_BY_SANDBOX.has(type)) return undefined;
  const balancer =
    type === 'AWS::ElasticLoadBalancingV2::LoadBalancer'
      ? topology.loadBalancers.find((candidate) => candidate.logicalId === logicalId)
      : type === 'AWS::ElasticLoadBalancingV2::Listener'
        ? topology.loadBalancers.find((candidate) =>
            candidate.listeners.some((listener) => listener.logicalId === logicalId),
          )
        : undefined;
  const viewerMtls = topology.cloudFront?.distributions.some((candidate) => candidate.logicalId === logicalId);
  return msg('deploy.realized-by', {
    type: viewerMtls ? `${type} (viewer mTLS)` : type,
    balancer: balancer?.kind ?? null,
  });
}

/** The cloud assembly of exactly this template: the synth's cdk.out, synthesized again if it is missing or stale. */
async function ensureAssembly(scenario: ScenarioDefinition, synth: SynthResult, stateDir: string): Promise<string> {
  const dir = join(stateDir, 'cdk.out', scenario.id);
  // Under the synth lock: another run may be writing this assembly.
  return withSynthLock(stateDir, async () => {
    try {
      const written = JSON.parse(await readFile(join(dir, `${synth.stackName}.template.json`), 'utf8')) as unknown;
      if (JSON.stringify(written) === JSON.stringify(synth.template)) return dir;
    } catch {
      // missing or unreadable: synthesize below
    }
    await synthesizeFresh(scenario, synth.stackName, dir, synth.sourceHash);
    return dir;
  });
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
      sink.step('route53-zone', list('text.lines', {}, lines), Math.round(performance.now() - started));
  }

  let bucketObject: ScenarioAws['bucketObject'];
  let heldHealthChecks: ScenarioAws['heldHealthChecks'];
  if (needs || options.deployAll) {
    const assembly = await ensureAssembly(scenario, synth, options.stateDir);
    const started = performance.now();
    const logFile = join(cwd, `deploy-${scenario.id}.log`);
    const args = deployArgs(shortPath(assembly), synth.stackName);
    // A LocalStack that outlives runs may hold this very stack already: made from the same sources, it needs no
    // deploy. (GetTemplate answers YAML here, so the template's source-hash Metadata is looked for as text.)
    const deployedTemplate = await client.getTemplate(synth.stackName);
    const reused = deployedTemplate?.includes(synth.sourceHash) === true;
    const result = reused
      ? { exitCode: 0, lines: [] }
      : await runCdklocal(deployArgs(assembly, synth.stackName), {
          endpoint: client.endpoint,
          cwd,
          logFile,
          onLine: (line) => {
            const event = parseStackEvent(line);
            if (event?.logicalId && !/IN_PROGRESS/.test(event.status))
              sink.progress(
                'deploy',
                msg('step.stack-event', { status: event.status, type: event.type, path: event.path }),
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
        msg('step.deploy-failed-optional', {
          stack: synth.stackName,
          exit: result.exitCode,
          log: logFile,
          tail: lastLines(result.lines),
        }),
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
        reused,
        resources,
      };
      const count = (where: DeployedResource['where']) => resources.filter((r) => r.where === where).length;
      const elbv2 = resources.some((r) => r.where === 'sandbox');
      sink.step(
        'deploy',
        msg(reused ? 'step.deploy-reused' : 'step.deployed', {
          stack: synth.stackName,
          localstack: count('localstack'),
          sandbox: count('sandbox'),
          none: count('none'),
          elbv2: elbv2,
        }),
        durationMs,
      );
      for (const resource of resources) {
        sink.progress(
          'resource',
          msg('step.resource', { where: resource.where, type: resource.type, path: resource.path }, resource.detail),
          0,
        );
      }
      if (scenario.bucketFiles) {
        const uploading = performance.now();
        const lines = await uploadBucketFiles(client, scenario, topology, stackResources, synth.template);
        sink.step('s3-put', list('text.lines', {}, lines), Math.round(performance.now() - uploading));
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
          list('localstack.route53-holds', {}, held.summary),
          Math.round(performance.now() - reading),
        );
      }
    }
  }

  if (scenario.parameters && Object.keys(scenario.parameters).length > 0) {
    const started = performance.now();
    const puts: Message[] = [];
    for (const [name, what] of Object.entries(scenario.parameters)) {
      const file = parameterFile(options.pki, what);
      const version = await client.putParameter(name, await readFile(file, 'utf8'));
      puts.push(
        msg('localstack.ssm-put', {
          command: `aws ssm put-parameter --name ${name} --type String --overwrite --value file://${shortPath(file)}`,
          version,
        }),
      );
    }
    sink.step('ssm-put', list('text.lines', {}, puts), Math.round(performance.now() - started));
  }

  let objects: Map<string, string> | undefined;
  let objectsSource: ObjectsSource | null = null;
  // CloudFront's trust stores read their CA bundle from S3 as the ELB ones do.
  const bundles = [
    ...topology.trustStores.flatMap((store) => [store.bundle, ...store.revocations]),
    ...(topology.cloudFront?.trustStores ?? []).map((store) => store.bundle),
    // A KeyValueStore's import file is an S3 object too.
    ...(topology.cloudFront?.keyValueStores ?? []).flatMap((store) =>
      store.importKey ? [{ bucket: store.importBucket ?? '', key: store.importKey }] : [],
    ),
  ];
  if (scenario.objects && Object.keys(scenario.objects).length > 0 && bundles.length > 0) {
    const started = performance.now();
    const local = await s3Objects(scenario, options.pki);
    const buckets = new Map(
      stackResources
        .filter((r) => r.type === 'AWS::S3::Bucket' && r.status === 'CREATE_COMPLETE')
        .map((r) => [r.logicalId, r.physicalId]),
    );
    const wanted = bundles.map((ref) => ({ bucket: ref.bucket, key: ref.key }));
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
    objectsSource = { from: 'localstack-s3', endpoint: client.endpoint, objects: where, standInBucket: !deployment };
    sink.step(
      's3',
      msg('step.trust-store-objects', { endpoint: client.endpoint, objects: where.join(', '), standIn: !deployment }),
      Math.round(performance.now() - started),
    );
  }

  const certificates: ScenarioAws['certificates'] = async (spec, prefix) => {
    const startup = await ssmStartup(client, spec.certificates!, prefix);
    sink.step('init', msg('step.init', { target: spec.name }, startup.detail), startup.durationMs);
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
