// The UI's only door to the engine. The engine modules are imported on first use, so the first frame does not wait
// for them; work is done one job at a time (a cold synth blocks the event loop, and runs must not race for ports).
import type { Emit } from '../../sandbox/events.js';
import type { Topology } from '../../sandbox/model/topology.js';
import type { ScenarioReport } from '../../sandbox/report.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import type { LocalStackRequest, LocalStackSession } from '../../sandbox/localstack/session.js';
import type { Lang } from '../../sandbox/text.js';

export interface Engine {
  /** The scenario's topology for its diagram (synth from cache, compile); starts nothing. */
  compile(scenario: ScenarioDefinition): Promise<Topology>;
  /** Runs the scenario, feeding its events to `emit`; components are stopped before it resolves. */
  run(scenario: ScenarioDefinition, lang: Lang, emit: Emit): Promise<ScenarioReport>;
  /** Stops every component of this process, including those of a run in progress. */
  stop(): Promise<void>;
}

/** Runs jobs one after another; a failed job does not stop the next. */
export function serialQueue(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>) => {
    const result = tail.then(job, job);
    tail = result.catch(() => undefined);
    return result;
  };
}

export interface HostEngineOptions {
  stateDir: string;
  /** --localstack: for scenarios that need LocalStack (auto: a running one, else one from the venv, else skip). */
  localstack?: LocalStackRequest;
}

export function hostEngine({ stateDir, localstack = 'auto' }: HostEngineOptions): Engine {
  const enqueue = serialQueue();
  const runModule = () => import('../../sandbox/run.js');
  const driverModule = () => import('../../sandbox/runtime/driver.js');
  let pki: Promise<import('../../certs/types.js').Pki> | null = null;
  // The first run makes the certificates (a few seconds); later runs reuse them, and a failure is retried.
  const ensurePki = () => {
    pki ??= Promise.all([import('../../certs/pki.js'), import('../../sandbox/runtime/state-dir.js')]).then(([p, s]) =>
      p.ensurePki(s.certsDir(stateDir)),
    );
    return pki.catch((error: unknown) => {
      pki = null;
      throw error;
    });
  };
  // LocalStack is slow to start, so one session serves every run that needs it until the UI quits.
  let session: Promise<LocalStackSession> | null = null;
  const sessionFor = async (scenario: ScenarioDefinition): Promise<LocalStackSession | undefined> => {
    if (!scenario.needs?.localstack) return undefined;
    session ??= import('../../sandbox/localstack/session.js').then((m) =>
      m.openForRun({ request: localstack, scenarios: [scenario], deployAll: false, stateDir }),
    );
    return session.catch((error: unknown) => {
      session = null; // a failed start is retried by the next run
      throw error;
    });
  };
  let inFlight: Promise<unknown> = Promise.resolve();

  return {
    compile: (scenario) => enqueue(async () => (await runModule()).compileScenario(scenario, stateDir)),
    run: (scenario, lang, emit) => {
      const job = enqueue(async () => {
        const [{ runScenario }, certs, aws] = await Promise.all([runModule(), ensurePki(), sessionFor(scenario)]);
        return runScenario(scenario, { stateDir, pki: certs, lang, emit, localstack: aws });
      });
      inFlight = job.catch(() => undefined);
      return job;
    },
    stop: async () => {
      const { stopEveryDriver } = await driverModule();
      await (await session?.catch(() => null))?.stop();
      await stopEveryDriver();
      // A run caught mid-start cleans up what it started itself once its probes fail; wait for that (bounded).
      await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
      await stopEveryDriver();
    },
  };
}
