// The scenario runner: synth → compile → realize → probe → judge → teardown, emitting events on the way.
import { join, resolve } from 'node:path';
import type { Pki } from '../certs/types.js';
import type { Emit } from './events.js';
import { judge } from './judge.js';
import { compileTemplate } from './model/compile.js';
import type { Topology } from './model/topology.js';
import { buildCurlArgs, formatCommand, type CurlRequest } from './probe/curl-command.js';
import { certificateFacts } from './runtime/certificate-facts.js';
import { resolvePlaceholders } from './placeholders.js';
import { runCurl } from './probe/curl-runner.js';
import { sourceAddressesProblem } from './probe/source-address.js';
import { isDistribution, listenerTargetNames, runDistributionProbe, skippedProbe } from './probe-variants.js';
import type { ProbeReport, ScenarioReport } from './report.js';
import { realize, type Realized } from './runtime/realize.js';
import type { Driver } from './runtime/driver.js';
import { HostDriver } from './runtime/host-driver.js';
import { fileOffsets, jsonLinesSince, logOffsets, observationsSince } from './runtime/target-log.js';
import type { ProbeSpec, ScenarioDefinition } from './scenario.js';
import { synthesize } from './synth/synth.js';
import { prepareAws, type ScenarioAws } from './localstack/scenario-aws.js';
import type { LocalStackSession } from './localstack/session.js';
import type { CertificateFacts } from './placeholders.js';
import { pick, type Lang } from './text.js';

export interface RunOptions {
  stateDir: string;
  pki: Pki;
  lang: Lang;
  emit: Emit;
  /** The run's LocalStack (sandbox/localstack/session.ts); absent or off: scenarios that need it are skipped. */
  localstack?: LocalStackSession;
  /** Deploy every scenario's stack to LocalStack, not only the stacks of scenarios that need it. */
  deployAll?: boolean;
  /** Where components run: host processes (default) or containers (sandbox/runtime/docker). */
  runtime?: 'host' | 'docker';
}

export interface Prepared {
  topology: Topology;
  realized: Realized;
  driver: Driver;
  /** What LocalStack did for this scenario; null when the run has no LocalStack. */
  aws: ScenarioAws | null;
  steps: ScenarioReport['steps'];
  stop(): Promise<void>;
}

/** The scenario's topology without starting anything (for the browser's diagram): synth (cached) and compile. */
export async function compileScenario(scenario: ScenarioDefinition, stateDir: string): Promise<Topology> {
  const synth = await synthesize(scenario, stateDir);
  return compileTemplate(synth.template, synth.stackName);
}

/** Synthesizes, compiles and starts a scenario's topology; the caller probes it and must call stop(). */
export async function prepare(scenario: ScenarioDefinition, options: RunOptions): Promise<Prepared> {
  const steps: ScenarioReport['steps'] = [];
  const step = async <T>(name: string, work: () => Promise<T>, detail: (result: T) => string): Promise<T> => {
    const started = performance.now();
    const result = await work();
    const durationMs = Math.round(performance.now() - started);
    steps.push({ name, durationMs });
    options.emit({ type: 'step', scenario: scenario.id, name, durationMs, detail: detail(result) });
    return result;
  };
  const synth = await step(
    'synth',
    () => synthesize(scenario, options.stateDir),
    (result) => (result.cached ? `template from cache (${result.cacheFile})` : 'CDK stack synthesized in process'),
  );
  const topology = await step(
    'compile',
    async () => compileTemplate(synth.template, synth.stackName),
    (result) =>
      `${result.loadBalancers.length} load balancer(s), ${result.targetGroups.length} target group(s), ${result.notRealized.length} resource(s)/propert(ies) not realized`,
  );
  const aws = await prepareAws(scenario, synth, topology, {
    session: options.localstack,
    stateDir: options.stateDir,
    pki: options.pki,
    deployAll: options.deployAll,
    sink: {
      step: (name, detail, durationMs) => {
        steps.push({ name, durationMs });
        options.emit({ type: 'step', scenario: scenario.id, name, durationMs, detail });
      },
      progress: (name, detail, durationMs) =>
        options.emit({ type: 'step', scenario: scenario.id, name, durationMs, detail }),
    },
  });
  const driver = options.runtime === 'docker' ? await openDockerDriver(options) : new HostDriver(options.stateDir);
  const stop = async () => {
    options.emit({ type: 'teardown', scenario: scenario.id });
    await driver.stopAll();
  };
  try {
    const realized = await step(
      'start',
      () =>
        realize(
          scenario,
          topology,
          options.pki,
          driver,
          join(options.stateDir, 'scenarios', scenario.id),
          {
            starting: (name, role) => options.emit({ type: 'component-starting', scenario: scenario.id, name, role }),
            ready: (component) =>
              options.emit({
                type: 'component-ready',
                scenario: scenario.id,
                component: driver.describe(component),
              }),
            step: (name, detail, durationMs) => {
              steps.push({ name, durationMs });
              options.emit({ type: 'step', scenario: scenario.id, name, durationMs, detail });
            },
          },
          aws
            ? {
                objects: aws.objects,
                certificates: aws.certificates,
                bucketObject: aws.bucketObject,
                heldHealthChecks: aws.heldHealthChecks,
              }
            : {},
        ),
      (result) => `${result.components.length} component(s) ready`,
    );
    return { topology, realized, driver, aws, steps, stop };
  } catch (error) {
    options.emit({
      type: 'component-failed',
      scenario: scenario.id,
      name: 'topology',
      error: (error as Error).message,
    });
    await stop();
    throw error;
  }
}

export async function runScenario(scenario: ScenarioDefinition, options: RunOptions): Promise<ScenarioReport> {
  const started = performance.now();
  options.emit({ type: 'scenario-start', scenario: scenario.id, title: pick(scenario.title, options.lang) });
  if (scenario.needs?.localstack && !options.localstack?.client) return skipped(scenario, options, started);
  const prepared = await prepare(scenario, options);
  const probes: ProbeReport[] = [];
  try {
    const probing = performance.now();
    for (const spec of scenario.probes) {
      const report = await runProbe(scenario, spec, prepared, options);
      probes.push(report);
      options.emit({ type: 'probe-result', scenario: scenario.id, probe: report });
    }
    prepared.steps.push({ name: 'probes', durationMs: Math.round(performance.now() - probing) });
  } finally {
    const stopping = performance.now();
    await prepared.stop();
    prepared.steps.push({ name: 'teardown', durationMs: Math.round(performance.now() - stopping) });
  }
  const report: ScenarioReport = {
    scenario: scenario.id,
    title: pick(scenario.title, options.lang),
    runtime: options.runtime ?? 'host',
    localstack: options.localstack?.mode ?? 'off',
    durationMs: Math.round(performance.now() - started),
    components:
      prepared.aws && options.localstack?.component
        ? [options.localstack.component, ...prepared.realized.components]
        : prepared.realized.components,
    notRealized: prepared.topology.notRealized,
    emulationNotes: prepared.realized.emulationNotes,
    ...(prepared.realized.route53 ? { timeline: prepared.realized.route53.timeline() } : {}),
    steps: prepared.steps,
    probes,
    skipped: null,
    pass: probes.every((probe) => probe.pass),
    deployment: prepared.aws?.deployment ?? null,
    objectsSource:
      prepared.aws?.objectsSource ??
      (scenario.objects && prepared.topology.trustStores.length > 0
        ? 'local PKI files (LocalStack is off; with LocalStack they go through its S3)'
        : null),
  };
  options.emit({ type: 'scenario-end', report });
  return report;
}

/** A scenario that needs LocalStack in a run without it: reported, with the reason, and not failed. */
function skipped(scenario: ScenarioDefinition, options: RunOptions, started: number): ScenarioReport {
  const why = options.localstack?.reason ?? 'the run has no LocalStack';
  const report: ScenarioReport = {
    scenario: scenario.id,
    title: pick(scenario.title, options.lang),
    runtime: options.runtime ?? 'host',
    localstack: 'off',
    durationMs: Math.round(performance.now() - started),
    components: [],
    notRealized: [],
    steps: [],
    probes: [],
    skipped: `needs LocalStack (its stack keeps state in AWS services — SSM parameters, S3 objects, Route 53 records — that the run deploys and reads back), and LocalStack is off: ${why}. Run with --localstack auto or host (install it with \`bash scripts/setup-localstack.sh\`).`,
    pass: true,
    deployment: null,
    objectsSource: null,
  };
  options.emit({ type: 'scenario-end', report });
  return report;
}

/** The docker driver, loaded only when asked for (dockerode stays out of host runs). */
async function openDockerDriver(options: RunOptions): Promise<Driver> {
  const { DockerDriver } = await import('./runtime/docker/driver.js');
  return DockerDriver.open({ state: resolve(options.stateDir), pkiDir: resolve(options.pki.dir) });
}

export function curlRequestFor(
  spec: ProbeSpec,
  endpoint: { host: string; port: number; hostname?: string },
  pki: Pki,
): CurlRequest {
  const client = spec.client;
  const certificate = client.certificate ? pki.clients[client.certificate] : null;
  let clientCert: CurlRequest['clientCert'] = null;
  if (certificate) {
    clientCert =
      client.form === 'p12'
        ? {
            form: 'p12',
            file: certificate === pki.clients.clientA ? pki.clientAP12.file : failP12(client.certificate!),
            password: pki.clientAP12.password,
          }
        : { form: 'pem', cert: certificate.cert, key: certificate.key };
  }
  return {
    // A DNS name the sandbox resolved (Route 53): curl asks for the name and --resolve says where it points now.
    url: `https://${endpoint.hostname ?? endpoint.host}:${endpoint.port}${client.path ?? '/'}`,
    ...(endpoint.hostname ? { resolve: `${endpoint.hostname}:${endpoint.port}:${endpoint.host}` } : {}),
    insecure: true,
    head: client.method === 'HEAD',
    clientCert,
    sourceAddress: client.sourceAddress,
    headers: client.headers,
    http: client.http,
    showServerCertificate: client.showServerCertificate,
  };
}

function failP12(name: string): never {
  throw new Error(
    `Only clientA has a PKCS#12 bundle (seed 000's CLIENT_CERT.p12); probe asks for ${name} in p12 form.`,
  );
}

async function runProbe(
  scenario: ScenarioDefinition,
  spec: ProbeSpec,
  prepared: Prepared,
  options: RunOptions,
): Promise<ProbeReport> {
  const realized = prepared.realized;
  const endpoint = realized.endpoint(spec.via.loadBalancer, spec.via.port);
  // A probe this machine cannot run as AWS would behave (a source address that is not local, a load balancer
  // feature the local tools lack) is skipped with the reason, never faked.
  const cannot =
    realized.listenerLimitation?.(spec.via.loadBalancer, spec.via.port) ??
    (await sourceAddressesProblem(spec.client.sources ?? [spec.client.sourceAddress ?? '127.0.0.1']));
  if (cannot) {
    const command = formatCommand(
      buildCurlArgs({ ...curlRequestFor(spec, endpoint, options.pki), noProgressMeter: true }),
    );
    options.emit({ type: 'probe-start', scenario: scenario.id, probe: spec.name, command });
    return skippedProbe(spec, options.lang, command, cannot);
  }
  let extraFacts: Record<string, CertificateFacts> = {};
  if (spec.before) {
    const setup = await spec.before({
      pki: options.pki,
      localstack: prepared.aws?.client ?? null,
      dir: join(options.stateDir, 'scenarios', scenario.id, `probe-${spec.name}`),
      restartTargets: (names) => realized.restartTargets(names),
      stopTargets: (names) => realized.stopTargets(names),
      startTargets: (names) => realized.startTargets(names),
      route53: realized.route53,
      step: (name, detail, durationMs = 0) => {
        prepared.steps.push({ name, durationMs });
        options.emit({ type: 'step', scenario: scenario.id, name, durationMs, detail });
      },
    });
    extraFacts = setup?.certificates ?? {};
  }
  // Resolved again after the hook: a Route 53 name may answer differently now (failover).
  const request = {
    ...curlRequestFor(spec, realized.endpoint(spec.via.loadBalancer, spec.via.port), options.pki),
    noProgressMeter: true,
  };
  if (isDistribution(spec)) {
    const requestFor = (sourceAddress: string, cookieJar: string | undefined) => ({
      ...request,
      sourceAddress,
      cookieJar,
    });
    options.emit({
      type: 'probe-start',
      scenario: scenario.id,
      probe: spec.name,
      command: formatCommand(
        buildCurlArgs(requestFor(spec.client.sources?.[0] ?? request.sourceAddress ?? '127.0.0.1', undefined)),
      ),
    });
    const expect = resolvePlaceholders(spec.expect, { ...(await certificateFacts(options.pki)), ...extraFacts });
    const targetNames = listenerTargetNames(scenario, prepared.topology, spec.via.loadBalancer, spec.via.port);
    return runDistributionProbe({
      spec,
      lang: options.lang,
      expect,
      requestFor,
      targets: realized.targets,
      targetNames,
      dir: join(options.stateDir, 'scenarios', scenario.id, `probe-${spec.name}`, 'clients'),
    });
  }
  options.emit({
    type: 'probe-start',
    scenario: scenario.id,
    probe: spec.name,
    command: formatCommand(buildCurlArgs(request)),
  });
  const targetOffsets = logOffsets(realized.targets);
  const connectionOffsets = fileOffsets(realized.connectionLogFiles);
  const wafOffsets = fileOffsets(realized.wafLogFiles);
  const result = await runCurl(request);
  const parsed = result.parsed;
  const seen = await observationsSince(realized.targets, targetOffsets, parsed.response ? 500 : 50);
  const target = seen[seen.length - 1] ?? null;
  const connectionLog = await jsonLinesSince(realized.connectionLogFiles, connectionOffsets, 500);
  // Written before the ALB answers, so no wait is needed.
  const wafLog = await jsonLinesSince(realized.wafLogFiles, wafOffsets, 0);
  const observed = {
    handshake: parsed.handshake,
    response: parsed.response,
    connectionError: parsed.connectionError,
    curlExitCode: result.exitCode,
    target,
    connectionLog,
    wafLog,
  };
  const expect = resolvePlaceholders(spec.expect, { ...(await certificateFacts(options.pki)), ...extraFacts });
  const mismatches = judge(expect, observed);
  return {
    name: spec.name,
    description: pick(spec.description, options.lang),
    command: result.command,
    client: { certificate: spec.client.certificate ?? null, sourceAddress: spec.client.sourceAddress ?? '127.0.0.1' },
    handshake: parsed.handshake,
    response: parsed.response,
    connectionError: parsed.connectionError,
    target,
    connectionLog,
    ...(realized.wafLogFiles.length > 0 ? { wafLog } : {}),
    transcript: result.transcript,
    expected: expect as Record<string, unknown>,
    reference: spec.reference,
    pass: mismatches.length === 0,
    mismatches,
    durationMs: Math.round(result.durationMs),
  };
}
