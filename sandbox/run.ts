// The scenario runner: synth → compile → realize → probe → judge → teardown, emitting events on the way, and the
// one place a ScenarioReport is made.
import { join, resolve } from 'node:path';
import type { Pki } from '../certs/types.js';
import type { Emit } from './events.js';
import { type CompileOptions, compileTemplate } from './model/compile.js';
import type { Topology } from './model/topology.js';
import type { CfnTemplate } from './model/cfn.js';
import { configSources } from './explain/config-sources.js';
import { certificateFacts } from './runtime/certificate-facts.js';
import { executeProbe, type ProbeEnvironment } from './probe/execute.js';
import { type Message, msg } from './messages.js';
import { countEvidence, sumEvidence } from './evidence.js';
import {
  SCHEMA_VERSION,
  type BrokenScenarioReport,
  type ProbeReport,
  type RunAllReport,
  type ScenarioReport,
  type TopologyReport,
} from './report.js';
import { realize, type Realized } from './runtime/realize.js';
import type { Driver } from './runtime/driver.js';
import { HostDriver } from './runtime/host-driver.js';
import { claimScenarioDir, flushRunner } from './runtime/run-registry.js';
import type { ProbeContext, ScenarioDefinition } from './scenario.js';
import { StackSourceError, synthesize } from './synth/synth.js';
import { firstLine, locateError, type SourceLocation } from './synth/source-location.js';
import { templateDigest } from './synth/template-digest.js';
import { probeDigest } from './probe-digest.js';
import { assertNoProblems, topologyProblems } from './scenario-checks.js';
import { countResults, resultOf, sumTallies, tallyOf } from './tally.js';
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
  /** Requests of one probe in flight at once where it allows (sandbox/probe/side-by-side.ts); default 1. */
  requestsAtOnce?: number;
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
  return checked(scenario, compileTemplate(synth.template, synth.stackName, compileOptionsOf(scenario)));
}

/**
 * What `new --from` records of the scenario it copies (ScenarioDefinition.copiedFrom): its synthesized template's
 * digest and each probe's.
 */
export async function copyRecordOf(
  scenario: ScenarioDefinition,
  stateDir: string,
): Promise<{ template: string; probes: Record<string, string> }> {
  const synth = await synthesize(scenario, stateDir);
  return {
    template: templateDigest(synth.template, synth.stackName),
    probes: Object.fromEntries(scenario.probes.map((probe) => [probe.name, probeDigest(probe)])),
  };
}

/** The topology, once the probes are known to call listeners it has (a template's probes are made from it). */
function checked(scenario: ScenarioDefinition, topology: Topology): Topology {
  if (scenario.origin?.kind !== 'template') assertNoProblems(scenario, topologyProblems(scenario, topology));
  return topology;
}

/** A template nobody here wrote (--template) compiles tolerantly: what cannot be realized is a finding. */
export const compileOptionsOf = (scenario: ScenarioDefinition): CompileOptions => ({
  tolerant: scenario.origin?.kind === 'template',
});

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
    async () => checked(scenario, compileTemplate(synth.template, synth.stackName, compileOptionsOf(scenario))),
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
    // The runner record lists what `down` would stop: complete once the scenario has started.
    flushRunner(options.stateDir);
    const ended = driver.exited().then((exit) => ({ component: exit.name }));
    return { topology, synth, realized, driver, aws, steps, dir: claim.dir, recordStep, ended, stop };
  } catch (error) {
    const said = (error as { said?: Message }).said;
    options.emit({
      type: 'component-failed',
      scenario: scenario.id,
      name: 'topology',
      error: (error as Error).message,
      ...(said ? { said } : {}),
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
  try {
    return await probePrepared(scenario, await prepare(scenario, options), options, started);
  } catch (error) {
    // A user's scenario that breaks (its stack, a hook, a check of its probes) is that scenario's result, reported
    // like any other: the run goes on with the next. The project's own scenarios break the run (a bug of ours).
    if (scenario.origin?.kind !== 'user') throw error;
    const broken = brokenOf(error, scenario.origin.folder);
    return finish(scenarioReport(scenario, options, started, { broken }), options);
  }
}

/** Where and why a user's scenario broke: the location its error carries (StackSourceError, the code host's), else
 * the first place in its folder that the error names. */
export function brokenOf(error: unknown, folder: string): BrokenScenarioReport {
  const carried = error as { where?: SourceLocation; reason?: unknown; said?: Message };
  // A stack's own error stays in its own words; the sandbox's checks and set-up errors carry theirs as a code.
  const said = carried?.said && !(error instanceof StackSourceError) ? { said: carried.said } : {};
  if (carried?.where && typeof carried.reason === 'string') return { ...carried.where, error: carried.reason, ...said };
  return { ...locateError(error, folder, join(folder, 'scenario.ts')), error: firstLine(error), ...said };
}

/**
 * The report of a user's scenario that did not even load (the catalogue lists it as broken): no definition, only its
 * id, where and why. For `run --all` and `run a b`, which report it like any other failure.
 */
export function loadFailureReport(
  id: string,
  broken: BrokenScenarioReport,
  runtime: 'host' | 'docker',
): ScenarioReport {
  return {
    ...emptyReport(id, id, runtime, 0),
    tally: tallyOf([]),
    result: 'broken',
    broken,
    pass: false,
  };
}

/** A RunAllReport of several scenarios' reports: evidence, tallies and results added up. */
export function runAllReport(reports: ScenarioReport[]): RunAllReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    scenarios: reports,
    evidence: sumEvidence(reports.map((report) => report.evidence)),
    tally: sumTallies(reports.map((report) => report.tally)),
    results: countResults(reports),
    pass: reports.every((report) => report.pass),
  };
}

/** A report with nothing realized and nothing probed (a scenario skipped or broken before it started). */
function emptyReport(
  id: string,
  title: string,
  runtime: 'host' | 'docker',
  durationMs: number,
): Omit<ScenarioReport, 'tally' | 'result' | 'pass' | 'skipped' | 'evidence'> &
  Pick<ScenarioReport, 'skipped' | 'evidence'> {
  return {
    schemaVersion: SCHEMA_VERSION,
    scenario: id,
    title,
    runtime,
    evidence: countEvidence([]),
    localstack: 'off',
    durationMs,
    topology: { balancers: [] },
    components: [],
    notRealized: [],
    steps: [],
    emulationNotes: [],
    probes: [],
    skipped: null,
    deployment: null,
    objectsSource: null,
  };
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

/** The one place a ScenarioReport is made: from a run, for a scenario skipped (with the reason), or broken. */
function scenarioReport(
  scenario: ScenarioDefinition,
  options: RunOptions,
  started: number,
  run:
    | { prepared: Prepared; topology: TopologyReport; probes: ProbeReport[] }
    | { skipped: Message }
    | { broken: BrokenScenarioReport },
): ScenarioReport {
  const common = {
    schemaVersion: SCHEMA_VERSION,
    scenario: scenario.id,
    title: pick(scenario.title, options.lang),
    runtime: options.runtime ?? 'host',
    // An observed-only probe has no expectation, so no evidence to count.
    evidence: countEvidence(scenario.probes.filter((probe) => !probe.unjudged).map((probe) => probe.evidence.level)),
  } as const;
  const durationMs = Math.round(performance.now() - started);
  if ('skipped' in run) {
    return {
      ...emptyReport(common.scenario, common.title, common.runtime, durationMs),
      ...common,
      tally: tallyOf([]),
      result: 'skipped',
      skipped: run.skipped,
      pass: true,
    };
  }
  if ('broken' in run) {
    return {
      ...emptyReport(common.scenario, common.title, common.runtime, durationMs),
      ...common,
      tally: tallyOf([]),
      result: 'broken',
      broken: run.broken,
      pass: false,
    };
  }
  const { prepared, probes } = run;
  const tally = tallyOf(probes);
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
    tally,
    result: resultOf({ skipped: false, broken: false, tally }),
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
    stackDigest: scenario.copiedFrom ? templateDigest(prepared.synth.template, prepared.synth.stackName) : null,
    requestsAtOnce: options.requestsAtOnce ?? 1,
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
