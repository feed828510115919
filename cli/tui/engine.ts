// The UI's way to the engine: the sandbox's one door (sandbox/door.ts), loaded on first use so the first frame does
// not wait for it, with runs done one at a time (they must not race for ports). Diagrams are compiled in a worker
// thread (compile-worker.js): a cold CDK synth holds a thread for seconds, and the UI's must keep drawing.
import { Worker } from 'node:worker_threads';
import type { LabSession, Sandbox } from '../../sandbox/door.js';
import type { PredictionSheet } from '../../sandbox/lab/prediction.js';
import { writePredictionSheet } from '../predict-sheet.js';
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
  /**
   * Keeps the scenario's topology up for the lab (sandbox/door.ts LabSession), feeding its events to `emit` (each
   * ELBv2 API change, then the live topology); the session's stop() ends it, as does stop().
   */
  lab(scenario: ScenarioDefinition, lang: Lang, emit: Emit): Promise<LabSession>;
  /** Writes a prediction run's answers where `report --predictions FILE` reads them; resolves with the file. */
  savePredictions(sheet: PredictionSheet): Promise<string>;
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
  /** The user's own scenario folders, which the compile worker loads as the main thread did. */
  scenarioDirs?: readonly { dir: string; how: string }[];
}

/** Compiles topologies in a worker thread; one request at a time, answered by id. */
function compileWorker(options: HostEngineOptions): {
  compile(id: string): Promise<TopologyReport>;
  stop(): Promise<void>;
} {
  let worker: Worker | null = null;
  let next = 0;
  const pending = new Map<number, { resolve: (t: TopologyReport) => void; reject: (e: Error) => void }>();
  const failAll = (error: Error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker = null;
  };
  const start = () => {
    // Compiled (dist/), the worker's module is plain JavaScript already; from the sources it goes through tsx.
    const entry = import.meta.url.endsWith('.ts') ? './compile-worker.js' : './compile-worker-main.js';
    const created = new Worker(new URL(entry, import.meta.url), {
      workerData: { stateDir: options.stateDir, lang: options.lang, scenarioDirs: options.scenarioDirs ?? [] },
    });
    created.unref(); // never what keeps the process alive
    created.on('message', (answer: { id: number; topology?: TopologyReport; error?: string }) => {
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if (answer.topology) waiting?.resolve(answer.topology);
      else waiting?.reject(new Error(answer.error ?? 'the compile worker gave no topology'));
    });
    created.on('error', (error) => failAll(error));
    created.on('exit', (code) => failAll(new Error(`the compile worker stopped (exit ${code})`)));
    return created;
  };
  return {
    compile(scenario) {
      worker ??= start();
      next += 1;
      const id = next;
      const answer = new Promise<TopologyReport>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ id, scenario });
      return answer;
    },
    async stop() {
      const running = worker;
      worker = null;
      await running?.terminate();
    },
  };
}

export function hostEngine(options: HostEngineOptions): Engine {
  const enqueue = serialQueue();
  const compiler = compileWorker(options);
  let sandbox: Promise<Sandbox> | null = null;
  const door = () => {
    sandbox ??= import('../../sandbox/door.js').then((m) => m.openSandbox(options));
    return sandbox;
  };
  let inFlight: Promise<unknown> = Promise.resolve();
  return {
    compile: (scenario) => compiler.compile(scenario.id),
    run: (scenario, lang, emit) => {
      const job = enqueue(async () => (await (await door()).run([scenario], emit, lang))[0]!);
      inFlight = job.catch(() => undefined);
      return job;
    },
    lab: (scenario, _lang, emit) => {
      // Started in turn with runs (they must not race for ports); once up, it runs beside them.
      const job = enqueue(async () => (await door()).up(scenario, emit));
      inFlight = job.catch(() => undefined);
      return job;
    },
    savePredictions: (sheet) => writePredictionSheet(options.stateDir, sheet),
    stop: async () => {
      await compiler.stop();
      const opened = await sandbox;
      await opened?.stop();
      // A run caught mid-start cleans up what it started itself once its probes fail; wait for that (bounded).
      await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, 15_000).unref())]);
      await opened?.stop();
    },
  };
}
