// The UI's way to the engine: the sandbox's one door (sandbox/door.ts), loaded on first use so the first frame does
// not wait for it, with work done one job at a time (a cold synth blocks the event loop, and runs must not race for
// ports).
import type { Sandbox } from '../../sandbox/door.js';
import type { Emit } from '../../sandbox/events.js';
import type { LocalStackRequest } from '../../sandbox/localstack/session.js';
import type { ScenarioReport, TopologyReport } from '../../sandbox/report.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import type { Lang } from '../../sandbox/text.js';

export interface Engine {
  /** The scenario's topology for its diagram (synth from cache, compile); starts nothing. */
  compile(scenario: ScenarioDefinition): Promise<TopologyReport>;
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
  /** --runtime: host processes or containers. */
  runtime?: 'host' | 'docker';
  lang: Lang;
}

export function hostEngine(options: HostEngineOptions): Engine {
  const enqueue = serialQueue();
  let sandbox: Promise<Sandbox> | null = null;
  const door = () => {
    sandbox ??= import('../../sandbox/door.js').then((m) => m.openSandbox(options));
    return sandbox;
  };
  let inFlight: Promise<unknown> = Promise.resolve();
  return {
    compile: (scenario) => enqueue(async () => (await door()).compile(scenario)),
    run: (scenario, lang, emit) => {
      const job = enqueue(async () => (await (await door()).run([scenario], emit, lang))[0]!);
      inFlight = job.catch(() => undefined);
      return job;
    },
    stop: async () => {
      const opened = await sandbox;
      await opened?.stop();
      // A run caught mid-start cleans up what it started itself once its probes fail; wait for that (bounded).
      await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
      await opened?.stop();
    },
  };
}
