// The scenario runner: synth → compile → realize → probe → judge → teardown, emitting events on the way, and the
// one place a ScenarioReport is made.
import { join, resolve } from 'node:path';
import type { Pki } from '../certs/types.js';
import type { Emit } from './events.js';
import { compileTemplate } from './model/compile.js';
import type { Topology } from './model/topology.js';
import type { CfnTemplate } from './model/cfn.js';
import { configSources } from './explain/config-sources.js';
import { certificateFacts } from './runtime/certificate-facts.js';
import { executeProbe, type ProbeEnvironment } from './probe/execute.js';
import { type Message, msg } from './messages.js';
import { countEvidence } from './evidence.js';
import { SCHEMA_VERSION, type ProbeReport, type ScenarioReport, type TopologyReport } from './report.js';
import { realize, type Realized } from './runtime/realize.js';
import type { Driver } from './runtime/driver.js';
import { HostDriver } from './runtime/host-driver.js';
import { claimScenarioDir } from './runtime/run-registry.js';
import type { ProbeContext, ScenarioDefinition } from './scenario.js';
import { synthesize } from './synth/synth.js';
import { prepareAws, type ScenarioAws } from './localstack/scenario-aws.js';
import type { LocalStackSession } from './localstack/session.js';
import { pick, type Lang } from './text.js';
import { buildIdentityTable } from './explain/identity-table.js';
import { listenerTargetNames, topologyReportOf } from './topology-report.js';

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
  /** Capture each probe's loopback traffic with the TLS secrets (--pcap), into this folder. */
  pcap?: string;
}

export interface Prepared {
  topology: Topology;
  /** The synthesized stack: its template names resources by construct path. */
  synth: { template: CfnTemplate; stackName: string };
  realized: Realized;
  driver: Driver;
  /** What LocalStack did for this scenario; null when the run has no LocalStack. */
  aws: ScenarioAws | null;
  steps: ScenarioReport['steps'];
  /** This run's directory for the scenario's configurations and logs (<state>/scenarios/<id> links to it). */
  dir: string;
  /** Resolves when a component stops by itself (or `mtls-sandbox down` stopped it). */
  ended: Promise<{ component: string }>;
  /** Records a step of the run: in the report and, as it happens, as an event. */
  recordStep(name: string, detail: Message | null, durationMs: number): void;
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
  const recordStep = (name: string, detail: Message | null, durationMs: number) => {
    steps.push({ name, durationMs, detail });
    options.emit({ type: 'step', scenario: scenario.id, name, durationMs, detail });
  };
  const step = async <T>(name: string, work: () => Promise<T>, detail: (result: T) => Message): Promise<T> => {
    const started = performance.now();
    const result = await work();
    recordStep(name, detail(result), Math.round(performance.now() - started));
    return result;
  };
  const synth = await step(
    'synth',
    () => synthesize(scenario, options.stateDir),
    (result) =>
      result.given
        ? msg('step.synth-template', { file: result.cacheFile })
        : result.cached
          ? msg('step.synth-cached', { file: result.cacheFile })
          : result.remade
            ? msg('step.synth-remade', { file: result.cacheFile, problem: result.remade })
            : msg('step.synth-fresh'),
  );
  const topology = await step(
    'compile',
    async () => compileTemplate(synth.template, synth.stackName),
    (result) =>
      msg('step.compile', {
        balancers: result.loadBalancers.length,
        groups: result.targetGroups.length,
        notRealized: result.notRealized.length,
      }),
  );
  const aws = await prepareAws(scenario, synth, topology, {
    session: options.localstack,
    stateDir: options.stateDir,
    pki: options.pki,
    deployAll: options.deployAll,
    sink: {
      step: recordStep,
      progress: (name, detail, durationMs) =>
        options.emit({ type: 'step', scenario: scenario.id, name, durationMs, detail }),
    },
  });
  const driver = options.runtime === 'docker' ? await openDockerDriver(options) : new HostDriver(options.stateDir);
  // Its own directory: another run of the same scenario in this state dir writes elsewhere.
  const claim = claimScenarioDir(options.stateDir, scenario.id);
  const stop = async () => {
    options.emit({ type: 'teardown', scenario: scenario.id });
    try {
      await driver.stopAll();
    } finally {
      claim.release();
    }
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
          claim.dir,
          {
            starting: (name, role) => options.emit({ type: 'component-starting', scenario: scenario.id, name, role }),
            ready: (component) =>
              options.emit({
                type: 'component-ready',
                scenario: scenario.id,
                component: driver.describe(component),
              }),
            step: recordStep,
          },
          aws
            ? {
                objects: aws.objects,
                certificates: aws.certificates,
                bucketObject: aws.bucketObject,
                heldHealthChecks: aws.heldHealthChecks,
                keyLog: options.pcap !== undefined,
              }
            : { keyLog: options.pcap !== undefined },
        ),
      (result) => msg('step.start', { components: result.components.length }),
    );
    const ended = driver.exited().then((exit) => ({ component: exit.name }));
    return { topology, synth, realized, driver, aws, steps, dir: claim.dir, recordStep, ended, stop };
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
  if (scenario.needs?.localstack && !options.localstack?.client) {
    const why = options.localstack?.reason ?? msg('localstack.none');
    const skipped = msg('skip.needs-localstack', {}, why);
    return finish(scenarioReport(scenario, options, started, { skipped }), options);
  }
  return probePrepared(scenario, await prepare(scenario, options), options, started);
}

/**
 * Probes a prepared scenario, judges each probe, stops it (prepared.stop) and makes its report: the second half of
 * runScenario, also used for a topology something else started (a compose project, sandbox/compose/).
 */
export async function probePrepared(
  scenario: ScenarioDefinition,
  prepared: Prepared,
  options: RunOptions,
  started = performance.now(),
): Promise<ScenarioReport> {
  const topology = topologyReportOf(scenario, prepared.topology, prepared.realized.components);
  options.emit({ type: 'topology', scenario: scenario.id, topology });
  const probes: ProbeReport[] = [];
  try {
    const probing = performance.now();
    const env = probeEnvironment(scenario, prepared, topology, options);
    for (const spec of scenario.probes) {
      const report = await executeProbe(spec, env);
      probes.push(report);
      options.emit({ type: 'probe-result', scenario: scenario.id, probe: report });
    }
    prepared.steps.push({ name: 'probes', durationMs: Math.round(performance.now() - probing), detail: null });
  } finally {
    const stopping = performance.now();
    await prepared.stop();
    prepared.steps.push({ name: 'teardown', durationMs: Math.round(performance.now() - stopping), detail: null });
  }
  return finish(scenarioReport(scenario, options, started, { prepared, topology, probes }), options);
}

function finish(report: ScenarioReport, options: RunOptions): ScenarioReport {
  options.emit({ type: 'scenario-end', report });
  return report;
}

/** The one place a ScenarioReport is made: from a run, or for a scenario skipped (with the reason). */
function scenarioReport(
  scenario: ScenarioDefinition,
  options: RunOptions,
  started: number,
  run: { prepared: Prepared; topology: TopologyReport; probes: ProbeReport[] } | { skipped: Message },
): ScenarioReport {
  const common = {
    schemaVersion: SCHEMA_VERSION,
    scenario: scenario.id,
    title: pick(scenario.title, options.lang),
    runtime: options.runtime ?? 'host',
    // An observed-only probe has no expectation, so no evidence to count.
    evidence: countEvidence(scenario.probes.filter((probe) => !probe.unjudged).map((probe) => probe.evidence.level)),
  } as const;
  if ('skipped' in run) {
    return {
      ...common,
      localstack: 'off',
      durationMs: Math.round(performance.now() - started),
      topology: { balancers: [] },
      components: [],
      notRealized: [],
      steps: [],
      emulationNotes: [],
      probes: [],
      skipped: run.skipped,
      pass: true,
      deployment: null,
      objectsSource: null,
    };
  }
  const { prepared, probes } = run;
  return {
    ...common,
    localstack: options.localstack?.mode ?? 'off',
    durationMs: Math.round(performance.now() - started),
    topology: run.topology,
    components:
      prepared.aws && options.localstack?.component
        ? [options.localstack.component, ...prepared.realized.components]
        : prepared.realized.components,
    notRealized: prepared.topology.notRealized,
    emulationNotes: prepared.realized.emulationNotes,
    ...(prepared.realized.route53 ? { timeline: prepared.realized.route53.timeline() } : {}),
    steps: prepared.steps,
    probes,
    ...(scenario.identityTable
      ? {
          identityTable: buildIdentityTable(
            scenario.identityTable,
            probes,
            (name) => scenario.probes.find((probe) => probe.name === name)?.client.headers ?? {},
            options.lang,
          ),
        }
      : {}),
    skipped: null,
    pass: probes.every((probe) => probe.pass),
    deployment: prepared.aws?.deployment ?? null,
    objectsSource:
      prepared.aws?.objectsSource ??
      (scenario.objects && prepared.topology.trustStores.length > 0 ? { from: 'local-pki-files' } : null),
  };
}

/** What the probes of a prepared scenario may use (a run's, or a topology kept up for a lab: sandbox/door.ts). */
export function probeEnvironment(
  scenario: ScenarioDefinition,
  prepared: Prepared,
  topology: TopologyReport,
  options: RunOptions,
): ProbeEnvironment {
  const realized = prepared.realized;
  return {
    scenario,
    pki: options.pki,
    lang: options.lang,
    emit: options.emit,
    dir: prepared.dir,
    logs: realized,
    topology,
    endpoint: (via) => realized.endpoint(via.loadBalancer, via.port),
    limitation: (via) => {
      return realized.listenerLimitation?.(via.loadBalancer, via.port) ?? null;
    },
    targetNames: (via) => listenerTargetNames(scenario, prepared.topology, via),
    certificateFacts: () => certificateFacts(options.pki),
    config: configSources(scenario, prepared.synth.template, prepared.synth.stackName, prepared.topology, prepared.dir),
    pcap: options.pcap ? { dir: join(options.pcap, scenario.id), keyLogFiles: realized.keyLogFiles } : null,
    hookContext: (dir): ProbeContext => ({
      pki: options.pki,
      localstack: prepared.aws?.client ?? null,
      dir,
      restartTargets: (names) => realized.restartTargets(names),
      stopTargets: (names) => realized.stopTargets(names),
      startTargets: (names) => realized.startTargets(names),
      route53: realized.route53,
      // The scenario's own words (a scenario text).
      step: (name, detail, durationMs = 0) =>
        prepared.recordStep(name, msg('scenario.text', { text: detail }), durationMs),
    }),
  };
}

/** The docker driver, loaded only when asked for (dockerode stays out of host runs). */
async function openDockerDriver(options: RunOptions): Promise<Driver> {
  const { DockerDriver } = await import('./runtime/docker/driver.js');
  return DockerDriver.open({ state: resolve(options.stateDir), pkiDir: resolve(options.pki.dir) });
}
