// The one door into the engine (design.md): the CLI commands, the report command and the TUI all open a sandbox
// here and reach everything through it — certificates, LocalStack, runs, topologies kept up, and stopping.
import { ensurePki } from '../certs/pki.js';
import type { Pki } from '../certs/types.js';
import type { Emit } from './events.js';
import { type Message, msg } from './messages.js';
import { describeSession, openForRun, type LocalStackRequest, type LocalStackSession } from './localstack/session.js';
import { formatCommand } from './probe/curl-command.js';
import { prepareCurl } from './probe/curl-runner.js';
import { curlRequestFor } from './probe/request.js';
import type { ComponentReport, ScenarioReport, TopologyReport } from './report.js';
import { certsDir } from './runtime/state-dir.js';
import { stopEveryDriver } from './runtime/driver.js';
import { compileScenario, prepare, runScenario } from './run.js';
import type { ScenarioDefinition } from './scenario.js';
import { pick, type Lang } from './text.js';
import { topologyReportOf } from './topology-report.js';

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
}

/** A topology kept running for a user to try by hand (`mtls-sandbox up`). */
export interface UpSession {
  scenario: string;
  topology: TopologyReport;
  components: ComponentReport[];
  /** Every probe as a command line with the real local port and certificate paths. */
  probes: { name: string; description: string; command: string }[];
  /** The raw handshake with clientA against each probed address (openssl s_client). */
  handshakes: string[];
  pkiDir: string;
  /** Resolves when a component stops by itself (or `mtls-sandbox down` stopped it): the session is over. */
  ended: Promise<{ component: string }>;
  stop(): Promise<void>;
}

export interface Sandbox {
  /** A scenario's topology for its diagram (synth from cache, compile); starts nothing. */
  compile(scenario: ScenarioDefinition): Promise<TopologyReport>;
  /**
   * Runs the scenarios one after another, feeding events to `emit`; components stop before it resolves. `lang`
   * picks the scenario texts the reports carry (the sandbox's language by default).
   */
  run(scenarios: ScenarioDefinition[], emit: Emit, lang?: Lang): Promise<ScenarioReport[]>;
  /** Starts a scenario's topology and keeps it running until `stop()` of the session or of the sandbox. */
  up(scenario: ScenarioDefinition, emit: Emit): Promise<UpSession>;
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
    };
  };
  const stoppers = new Set<() => Promise<void>>();

  return {
    compile: async (scenario) => topologyReportOf(scenario, await compileScenario(scenario, options.stateDir)),
    async run(scenarios, emit, lang = options.lang) {
      const reports: ScenarioReport[] = [];
      const shared = { ...(await runOptions(scenarios, emit)), lang };
      for (const scenario of scenarios) reports.push(await runScenario(scenario, shared));
      return reports;
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
      const clientA = shared.pki.clients.clientA;
      return {
        scenario: scenario.id,
        topology,
        components: prepared.realized.components,
        probes: scenario.probes.map((probe, index) => ({
          name: probe.name,
          description: pick(probe.description, options.lang),
          command: prepareCurl({ ...curlRequestFor(probe, endpoints[index]!, shared.pki), noProgressMeter: false })
            .command,
        })),
        handshakes: [...new Set(endpoints.map((endpoint) => `${endpoint.host}:${endpoint.port}`))].map(
          (address) =>
            `${formatCommand(['s_client', '-connect', address, '-cert', clientA.cert, '-key', clientA.key], 'openssl')} </dev/null`,
        ),
        pkiDir: shared.pki.dir,
        ended: prepared.ended,
        stop: async () => {
          stoppers.delete(prepared.stop);
          await prepared.stop();
        },
      };
    },
    async stop() {
      for (const stop of [...stoppers]) await stop();
      stoppers.clear();
      await (await session?.catch(() => null))?.stop();
      await stopEveryDriver();
    },
  };
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
