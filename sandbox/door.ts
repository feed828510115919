// The one door into the engine: the CLI commands, the report command and the TUI all open a sandbox
// here and reach everything through it — certificates, LocalStack, runs, topologies kept up, and stopping.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePki } from '../certs/pki.js';
import { venvDir } from './localstack/install.js';
import type { Pki } from '../certs/types.js';
import type { ComposeProject } from './compose/project.js';
import type { Emit } from './events.js';
import { type Message, msg } from './messages.js';
import { describeSession, openForRun, type LocalStackRequest, type LocalStackSession } from './localstack/session.js';
import { formatCommand } from './probe/curl-command.js';
import { prepareCurl } from './probe/curl-runner.js';
import { curlRequestFor } from './probe/request.js';
import type { ComponentReport, ScenarioReport, TopologyReport } from './report.js';
import { certsDir } from './runtime/state-dir.js';
import { stopEveryDriver } from './runtime/driver.js';
import { flushRunner } from './runtime/run-registry.js';
import { stopSpawner } from './os/spawner.js';
import { compileScenario, prepare, runScenario } from './run.js';
import type { ScenarioDefinition } from './scenario.js';
import { pick, type Lang } from './text.js';
import { topologyReportOf } from './topology-report.js';
import type { Topology } from './model/topology.js';
import type { Realized } from './runtime/realize.js';
import { type RunningElbv2Api, startElbv2Api } from './elbv2-api/server.js';
import { folderObjects, localObjectsDir, localStackObjects } from './elbv2-api/objects.js';
import { REGION } from './elbv2-api/arns.js';
import { labOffer, type LabOffer } from './lab/session.js';
import { probeEnvironment } from './run.js';
import { defaultConcurrency, jobOf, requestsAtOnceFor } from './run-all/resources.js';
import { runSideBySide } from './run-all/run-side-by-side.js';

export { StackSourceError } from './synth/synth.js';
export { copyRecordOf, loadFailureReport, runAllReport } from './run.js';
export { exitCodeOf } from './tally.js';
export { ScenarioCheckError } from './scenario-checks.js';
export type { LabCertificate, LabListener } from './lab/session.js';
export type { ConsoleRequest, IdentityPreset } from './lab/console.js';
export type { ChallengeResult } from './lab/challenge.js';
export type { SavedProbe } from './lab/save-probe.js';
export { loadTemplateScenario, TemplateError } from './template/load.js';
export { firstLine, formatLocation, locateError, type SourceLocation } from './synth/source-location.js';
// What the command line needs of the engine besides a sandbox (cli/main.ts reaches the engine only through here):
// certificates, the state it keeps and `down`, its errors, the record's types, the doctor.
export { describePki, ensurePki } from '../certs/pki.js';
export { ComposeError } from './compose/project.js';
export type { Emit } from './events.js';
export { countEvidence, sumEvidence } from './evidence.js';
export { collectDoctor, formatDoctor } from './localstack/doctor.js';
export type { LocalStackRequest } from './localstack/session.js';
export type { Message } from './messages.js';
export { SCHEMA_VERSION, type RunAllReport, type ScenarioReport, type TopologyReport } from './report.js';
export { MissingToolError } from './runtime/binaries.js';
export { downContainers } from './runtime/docker/down.js';
export { down } from './runtime/down.js';
export { stopEveryDriver } from './runtime/driver.js';
export { StartError } from './runtime/errors.js';
export { watchParent } from './runtime/parent-watch.js';
export { TopologyError } from './runtime/realize.js';
export { certsDir, ensureStateDir, stateDir, stateDirErrorOf } from './runtime/state-dir.js';
export type { ScenarioDefinition } from './scenario.js';
export { type Lang, pick } from './text.js';

export interface SandboxOptions {
  stateDir: string;
  /** Where AWS APIs come from (sandbox/localstack/session.ts); default auto. */
  localstack?: LocalStackRequest;
  /** Where components run: host processes (default) or containers. */
  runtime?: 'host' | 'docker';
  lang: Lang;
  /** Deploy every selected scenario's stack to LocalStack, not only those that need it. */
  deployAll?: boolean;
  /** Progress lines of slow set-up (starting LocalStack…). */
  log?: (line: Message) => void;
  /** --pcap: capture each probe's loopback traffic and TLS secrets into this folder (host runtime only). */
  pcap?: string;
  /** How many scenarios of a run may run at the same time (sandbox/run-all/); 1 runs them one after another. */
  concurrency?: number;
}

/** A topology kept running for a user to try by hand (`mtls-sandbox up`). */
export interface UpSession {
  scenario: string;
  topology: TopologyReport;
  components: ComponentReport[];
  /** Every probe as a command line with the real local port and certificate paths. */
  probes: { name: string; description: string; command: string }[];
  /**
   * The raw handshake against each probed listener (openssl s_client), with a certificate its probes expect to get
   * in (clientA when none does). Through an NLB TLS listener the command also sends a request and waits for the
   * answer (-ign_eof), because a TLS 1.3 refusal arrives only after the handshake.
   */
  handshakes: { listener: string; nlbTls: boolean; command: string }[];
  pkiDir: string;
  /** The sandbox's ELBv2 API for the ALBs that run (sandbox/elbv2-api/); null when the topology has none. */
  elbv2Api: Elbv2ApiAccess | null;
  /** Resolves when a component stops by itself (or `mtls-sandbox down` stopped it): the session is over. */
  ended: Promise<{ component: string }>;
  stop(): Promise<void>;
}

/**
 * An `up` as the lab uses it (the UI's lab view, `run --predict`): the topology kept running, and probes sent to it
 * one at a time, the topology as the ELBv2 API changed it, challenges checked against it (sandbox/lab/session.ts).
 */
export type LabSession = UpSession & LabOffer;

/** Where the sandbox's ELBv2 API answers, the environment the AWS CLI and SDKs need for it, and the ARNs. */
export interface Elbv2ApiAccess {
  endpoint: string;
  /** AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2 (and AWS_ENDPOINT_URL_S3 when LocalStack runs), dummy credentials
   * and the region. */
  env: Record<string, string>;
  loadBalancers: { path: string; arn: string; listeners: { label: string; arn: string }[] }[];
  targetGroups: { name: string; arn: string }[];
  trustStores: { name: string; arn: string }[];
  /** The AWS CLI that scripts/setup.sh installs into the project's Python environment, when it is there. */
  awsCli: string | null;
  /** Without LocalStack: the folder standing in for S3, where s3://BUCKET/KEY is the file BUCKET/KEY. */
  objectsDir: string | null;
}

export interface Sandbox {
  /** A scenario's topology for its diagram (synth from cache, compile); starts nothing. */
  compile(scenario: ScenarioDefinition): Promise<TopologyReport>;
  /**
   * Runs the scenarios, side by side where they share nothing (options.concurrency at a time), feeding events to
   * `emit` as a serial run would (one scenario after another, in their order) and returning the reports in that
   * order; components stop before it resolves. `lang` picks the scenario texts the reports carry (the sandbox's
   * language by default).
   */
  run(scenarios: ScenarioDefinition[], emit: Emit, lang?: Lang): Promise<ScenarioReport[]>;
  /**
   * Starts a scenario's topology and keeps it running until `stop()` of the session or of the sandbox. Each change made
   * through its ELBv2 API is emitted (elbv2-change), followed by the topology as it runs now (topology).
   */
  up(scenario: ScenarioDefinition, emit: Emit): Promise<LabSession>;
  /**
   * Writes a scenario as a compose project in `out` (sandbox/compose/project.ts); starts nothing. The project can
   * probe itself once `docker compose up` runs it.
   */
  compose(scenario: ScenarioDefinition, out: string): Promise<ComposeProject>;
  /** Stops everything this sandbox started, LocalStack included. Safe to call twice and from a signal handler. */
  stop(): Promise<void>;
}

export function openSandbox(options: SandboxOptions): Sandbox {
  const request = options.localstack ?? 'auto';
  let pki: Promise<Pki> | null = null;
  // The certificates are made once (a few seconds the first time); a failure is retried by the next call.
  const certificates = () => {
    pki ??= ensurePki(certsDir(options.stateDir), {
      notice: (problem) => options.log?.(msg('notice.pki-remade', { file: problem.file, problem: problem.problem })),
    });
    return pki.catch((error: unknown) => {
      pki = null;
      throw error;
    });
  };
  // LocalStack is slow to start, so one session serves every run that needs it until the sandbox stops.
  let session: Promise<LocalStackSession> | null = null;
  const localstackFor = async (scenarios: ScenarioDefinition[], emit: Emit): Promise<LocalStackSession> => {
    const needs = scenarios.some((scenario) => scenario.needs?.localstack) || options.deployAll === true;
    const current = await session?.catch(() => null);
    if (current && (current.client || !needs || request !== 'auto' || current.mode !== 'off')) return current;
    session = openForRun({
      request,
      scenarios,
      deployAll: options.deployAll ?? false,
      stateDir: options.stateDir,
      log: options.log,
    });
    const opened = await session.catch((error: unknown) => {
      session = null; // a failed start is retried by the next run
      throw error;
    });
    emit({ type: 'localstack', description: describeSession(opened) });
    return opened;
  };
  const runOptions = async (scenarios: ScenarioDefinition[], emit: Emit) => {
    const [certs, localstack] = await Promise.all([certificates(), localstackFor(scenarios, emit)]);
    return {
      stateDir: options.stateDir,
      pki: certs,
      lang: options.lang,
      emit,
      localstack,
      deployAll: options.deployAll,
      runtime: options.runtime,
      pcap: options.pcap,
    };
  };
  const stoppers = new Set<() => Promise<void>>();

  return {
    compile: async (scenario) => topologyReportOf(scenario, await compileScenario(scenario, options.stateDir)),
    async run(scenarios, emit, lang = options.lang) {
      const shared = { ...(await runOptions(scenarios, emit)), lang };
      const shape = {
        localstack: shared.localstack.client !== null,
        deployAll: options.deployAll === true,
        runtime: options.runtime ?? 'host',
        pcap: options.pcap !== undefined,
      };
      const concurrency = options.concurrency ?? defaultConcurrency();
      const requestsAtOnce = requestsAtOnceFor(concurrency);
      return runSideBySide(
        scenarios.map((scenario) => jobOf(scenario, shape)),
        concurrency,
        emit,
        (index, emitOne) => runScenario(scenarios[index]!, { ...shared, emit: emitOne, requestsAtOnce }),
      );
    },
    async up(scenario, emit) {
      const shared = await runOptions([scenario], emit);
      if (scenario.needs?.localstack && !shared.localstack.client) {
        throw new LocalStackNeededError(scenario.id, shared.localstack.reason);
      }
      emit({ type: 'scenario-start', scenario: scenario.id, title: pick(scenario.title, options.lang) });
      const prepared = await prepare(scenario, shared);
      stoppers.add(prepared.stop);
      const endpoints = scenario.probes.map((probe) =>
        prepared.realized.endpoint(probe.via.loadBalancer, probe.via.port),
      );
      const topology = topologyReportOf(scenario, prepared.topology, prepared.realized.components);
      emit({ type: 'topology', scenario: scenario.id, topology });
      const s3 = shared.localstack.client;
      const objectsDir = s3 ? null : localObjectsDir(options.stateDir);
      let lab: LabOffer | null = null;
      let changes = 0;
      const api = await startApiFor(prepared.topology, prepared.realized.live, s3, objectsDir, (change) => {
        changes += 1;
        emit({ type: 'elbv2-change', scenario: scenario.id, change });
        if (lab) emit({ type: 'topology', scenario: scenario.id, topology: lab.liveTopology() });
      });
      // Stopped with the run's components (and listed with them for `mtls-sandbox down`).
      if (api) {
        prepared.driver.adopt('elbv2-api', () => api.close());
        flushRunner(options.stateDir);
      }
      lab = labOffer({
        scenario,
        topology: prepared.topology,
        components: prepared.realized.components,
        pki: shared.pki,
        api,
        environment: (live) => probeEnvironment(scenario, prepared, live, shared),
        changed: () => changes > 0,
      });
      return {
        ...lab,
        scenario: scenario.id,
        topology,
        components: prepared.realized.components,
        probes: scenario.probes.map((probe, index) => ({
          name: probe.name,
          description: pick(probe.description, options.lang),
          command: prepareCurl({ ...curlRequestFor(probe, endpoints[index]!, shared.pki), noProgressMeter: false })
            .command,
        })),
        handshakes: handshakeCommands(scenario, topology, endpoints, shared.pki),
        pkiDir: shared.pki.dir,
        elbv2Api: api ? apiAccess(api, s3?.endpoint ?? null, objectsDir) : null,
        ended: prepared.ended,
        stop: async () => {
          stoppers.delete(prepared.stop);
          await prepared.stop();
        },
      };
    },
    async compose(scenario, out) {
      // Loaded when asked for: the docker driver brings dockerode.
      const { writeComposeProject } = await import('./compose/project.js');
      return writeComposeProject(scenario, { stateDir: options.stateDir, out, lang: options.lang });
    },
    async stop() {
      for (const stop of [...stoppers]) await stop();
      stoppers.clear();
      await (await session?.catch(() => null))?.stop();
      await stopEveryDriver();
      await stopSpawner();
    },
  };
}

/**
 * The ELBv2 API of an `up`, when an ALB runs; CRLs and CA bundles come from LocalStack's S3 when it runs, else from
 * the folder standing in for S3 (made here, so the user finds it).
 */
async function startApiFor(
  topology: Topology,
  live: Realized['live'],
  localstack: LocalStackSession['client'],
  objectsDir: string | null,
  onChange: (change: Message) => void,
): Promise<RunningElbv2Api | null> {
  if (live.albListeners.length === 0) return null;
  // Made for the user to find; a state dir that cannot take it only means every read says where the file should be.
  if (objectsDir) tryMkdir(objectsDir);
  return startElbv2Api({
    topology,
    listeners: live.albListeners,
    trustStores: live.trustStores,
    objects: localstack
      ? localStackObjects({
          getObject: async (bucket, key) => (await localstack.getObjectIfExists(bucket, key))?.body ?? null,
        })
      : folderObjects(objectsDir!),
    onChange,
  });
}

function tryMkdir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    // a read-only or file-shadowed state dir: the API still runs
  }
}

function apiAccess(api: RunningElbv2Api, s3Endpoint: string | null, objectsDir: string | null): Elbv2ApiAccess {
  const state = api.state();
  return {
    endpoint: api.endpoint,
    env: {
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: api.endpoint,
      // CRLs and CA bundles are read from LocalStack's S3 when it runs: `aws s3 cp` should put them there.
      ...(s3Endpoint ? { AWS_ENDPOINT_URL_S3: s3Endpoint } : {}),
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
    },
    loadBalancers: state.loadBalancers.map((balancer) => ({
      path: balancer.path,
      arn: balancer.arn,
      listeners: state.listeners
        .filter((listener) => listener.loadBalancerArn === balancer.arn)
        .map((listener) => ({ label: listener.label, arn: listener.arn })),
    })),
    targetGroups: state.targetGroups
      .filter((group) => group.loadBalancerArns.length > 0)
      .map((group) => ({ name: group.name, arn: group.arn })),
    trustStores: state.trustStores.map((store) => ({ name: store.name, arn: store.arn })),
    awsCli: existsSync(join(venvDir(), 'bin', 'aws')) ? join(venvDir(), 'bin', 'aws') : null,
    objectsDir,
  };
}

/** One openssl s_client command per probed listener (UpSession.handshakes). */
function handshakeCommands(
  scenario: ScenarioDefinition,
  topology: TopologyReport,
  endpoints: { host: string; port: number }[],
  pki: Pki,
): UpSession['handshakes'] {
  const seen = new Set<string>();
  const out: UpSession['handshakes'] = [];
  scenario.probes.forEach((probe, index) => {
    const address = `${endpoints[index]!.host}:${endpoints[index]!.port}`;
    if (seen.has(address)) return;
    seen.add(address);
    const through = scenario.probes.filter(
      (other) => other.via.loadBalancer === probe.via.loadBalancer && other.via.port === probe.via.port,
    );
    // A certificate of a single file (s_client's -cert takes the leaf) that a probe expects to be let in.
    const admitted = through.find(
      (other) =>
        other.client.certificate &&
        typeof other.expect.status === 'number' &&
        other.expect.status < 400 &&
        !pki.clients[other.client.certificate].cert.endsWith('.pem'),
    )?.client.certificate;
    const client = pki.clients[admitted ?? 'clientA'];
    const balancer = topology.balancers.find((candidate) => candidate.path === probe.via.loadBalancer);
    const listener = balancer?.listeners.find((candidate) => candidate.port === probe.via.port);
    const nlbTls = balancer?.kind === 'NLB' && listener?.protocol === 'TLS';
    const args = [
      's_client',
      '-connect',
      address,
      '-cert',
      client.cert,
      '-key',
      client.key,
      '-CAfile',
      pki.serverCa.cert,
    ];
    out.push({
      listener: `${probe.via.loadBalancer} ${listener?.protocol ?? '?'}:${probe.via.port}`,
      nlbTls,
      command: nlbTls
        ? `printf 'GET / HTTP/1.0\r\n\r\n' | ${formatCommand([...args, '-ign_eof'], 'openssl')}`
        : `${formatCommand(args, 'openssl')} </dev/null`,
    });
  });
  return out;
}

/** `up` of a scenario that needs LocalStack when it is off: a usage error, which the CLI words with the fix. */
export class LocalStackNeededError extends Error {
  constructor(
    readonly scenario: string,
    readonly reason: Message,
  ) {
    super(`${scenario} needs LocalStack, and it is off (${reason.code})`);
  }
}
