// Inside the process that runs one user scenario folder's code (host-entry.mjs starts it, host.ts talks to it): it
// imports scenario.ts, synthesizes stack.ts and runs the probes' `before` hooks when the sandbox asks, and answers
// with plain data. Whatever the user's code does here — process.exit, an endless loop, a child process, a rejection
// nobody handles — stays here: the sandbox marks the scenario broken, kills this process, and goes on.
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Pki } from '../../certs/types.js';
import { descendantsOf } from '../../sandbox/os/process-identity.js';
import type { ProbeContext, ScenarioDefinition } from '../../sandbox/scenario.js';
import { synthesizeFresh } from '../../sandbox/synth/synth.js';
import {
  type ContextMethod,
  definitionToData,
  type ErrorData,
  errorData,
  type HostMessage,
  type HostRequest,
} from './host-protocol.js';
import { PUBLIC_ENTRIES, PROJECT_ROOT } from './user-loader.js';

/** How long after scenario.ts has loaded its timers may still throw before the load counts as done. */
const SETTLE_MS = 100;

const exit = process.exit.bind(process);
/** A user's process.exit() stops nothing: it throws where it was called, so the error names the file and line. */
class ExitCalled extends Error {
  constructor(code: unknown) {
    super(`process.exit(${code === undefined ? '' : String(code)}) was called; a scenario must not end the sandbox`);
  }
}
process.exit = ((code?: number) => {
  throw new ExitCalled(code);
}) as typeof process.exit;

register('./resolve-hook.mjs', import.meta.url, { data: { root: PROJECT_ROOT, entries: PUBLIC_ENTRIES } });

const send = (message: HostMessage) => process.send?.(message);
/** Trouble the user's code caused outside the awaited import or call: counted against the request under way. */
const troubles: ErrorData[] = [];
const trouble = (error: unknown) => {
  const data = errorData(error);
  troubles.push(data);
  send({ type: 'trouble', error: data });
};
process.on('uncaughtException', trouble);
process.on('unhandledRejection', trouble);
// The sandbox is gone: so is this process (host-entry.mjs's watchdog also covers a busy loop).
process.on('disconnect', () => exit(0));

/** The processes that are ours before any user code ran (tsx's esbuild service may start later: by name). */
const ownChildren = new Set(descendantsOf(process.pid).map((child) => child.pid));
const strayChildren = () =>
  descendantsOf(process.pid).filter((child) => !ownChildren.has(child.pid) && !/esbuild/.test(child.cmdline));

let definition: ScenarioDefinition | null = null;

async function load(folder: string): Promise<unknown> {
  const file = join(folder, 'scenario.ts');
  const before = troubles.length;
  definition = ((await import(pathToFileURL(file).href)) as { default?: ScenarioDefinition }).default ?? null;
  // A rejection or a throw from a timer the import set shortly before it returned is the import's.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const late = troubles[before];
  if (late) throw Object.assign(new Error(late.message), { stack: late.stack ?? undefined });
  const stray = strayChildren();
  if (stray.length > 0)
    throw new Error(
      `scenario.ts started ${stray.length === 1 ? 'a process' : `${stray.length} processes`} while it loaded (pid ${stray[0]!.pid}: ${stray[0]!.cmdline}); a scenario must not start processes at import. The sandbox stopped ${stray.length === 1 ? 'it' : 'them'}.`,
    );
  return definitionToData(definition as ScenarioDefinition);
}

async function synth(request: Extract<HostRequest, { type: 'synth' }>): Promise<unknown> {
  const scenario = { id: request.scenario, stackModule: new URL(request.stackModule) } as ScenarioDefinition;
  return synthesizeFresh(scenario, request.stackName, request.outdir, request.sourceHash);
}

let nextCall = 1;
const calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

async function hook(request: Extract<HostRequest, { type: 'hook' }>): Promise<unknown> {
  const probe = definition?.probes.find((candidate) => candidate.name === request.probe);
  if (!probe?.before) throw new Error(`probe "${request.probe}" has no before hook in scenario.ts.`);
  const call = (method: ContextMethod, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextCall++;
      calls.set(id, { resolve, reject });
      send({ type: 'call', call: id, request: request.id, method, args });
    });
  const data = request.context;
  const context: ProbeContext = {
    pki: data.pki as Pki,
    dir: data.dir,
    localstack: data.localstack
      ? { putParameter: (...args: unknown[]) => call('putParameter', args) as Promise<number> }
      : null,
    restartTargets: (names) => call('restartTargets', [names]) as Promise<void>,
    stopTargets: (names) => call('stopTargets', [names]) as Promise<void>,
    startTargets: (names) => call('startTargets', [names]) as Promise<void>,
    step: (...args) => void call('step', args),
    route53: data.route53
      ? {
          waitForAnswer: (...args) => call('waitForAnswer', args) as Promise<void>,
          mark: (...args) => void call('mark', args),
        }
      : null,
  };
  return (await probe.before(context)) ?? null;
}

process.on('message', (request: HostRequest) => {
  if (request.type === 'answer') {
    const waiting = calls.get(request.call);
    calls.delete(request.call);
    if (request.error !== undefined) waiting?.reject(new Error(request.error));
    else waiting?.resolve(request.value);
    return;
  }
  const work =
    request.type === 'load' ? load(request.folder) : request.type === 'synth' ? synth(request) : hook(request);
  work.then(
    (value) => send({ type: 'done', id: request.id, value }),
    (error: unknown) => send({ type: 'failed', id: request.id, error: errorData(error) }),
  );
});

send({ type: 'ready' });
