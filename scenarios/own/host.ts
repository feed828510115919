// The sandbox's side of a user scenario folder's own process (host-main.ts runs in it): requests with a time limit,
// the hook's context carried out here when the user's hook calls it, and the whole process tree killed when the
// folder is done with, when the user's code overruns its limit, and when the sandbox exits. The user's code never
// runs in the sandbox's process: `list`, `run` and every other scenario go on whatever it does.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendantsOf, identify, signalGroup } from '../../sandbox/os/process-identity.js';
import type { ProbeContext } from '../../sandbox/scenario.js';
import { firstLine, locateError, type SourceLocation } from '../../sandbox/synth/source-location.js';
import type { ContextMethod, DefinitionData, ErrorData, HostMessage, HostRequest } from './host-protocol.js';

/** How long scenario.ts may take to load (MTLS_SANDBOX_USER_CODE_LIMIT_MS overrides it; docs/authoring.md). */
export const loadLimitMs = (): number => {
  const given = Number(process.env.MTLS_SANDBOX_USER_CODE_LIMIT_MS);
  return Number.isFinite(given) && given > 0 ? given : 15_000;
};
/** A cold synthesis loads aws-cdk-lib: seconds, more on a busy machine. */
const SYNTH_LIMIT_MS = 180_000;
/** A hook may wait for Route 53 health checks or restart targets. */
const HOOK_LIMIT_MS = 600_000;
/** Starting node with tsx, before any user code runs: ours, not the user's. */
const BOOT_LIMIT_MS = 120_000;
/** How much of the host's stderr an error quotes when it ends unexpectedly. */
const STDERR_TAIL = 2_000;

const ENTRY = fileURLToPath(new URL('./host-entry.mjs', import.meta.url));

/** What went wrong with a user's code: where in the folder (file, and line when known) and why. */
export class UserCodeError extends Error {
  constructor(
    readonly where: SourceLocation,
    readonly reason: string,
  ) {
    super(`${where.file}${where.line === null ? '' : `:${where.line}`}: ${reason}`);
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  what: string;
  /** The folder's file the request runs: where an error without a line is reported. */
  file: string;
  context: ProbeContext | null;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Every host alive, killed when the sandbox's process exits however it exits. */
const live = new Set<UserCodeHost>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const host of live) host.close();
  });
}

export class UserCodeHost {
  private child: ChildProcess | null = null;
  private booting: Promise<ChildProcess> | null = null;
  /** The host said it is ready: from then on it keeps the sandbox alive only while a request is under way. */
  private ready = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderr = '';
  /** The process has loaded scenario.ts (hooks need its module). */
  private loaded = false;
  /** The user's code went wrong while nothing was asked of it: every later request fails so. */
  private trouble: UserCodeError | null = null;

  constructor(readonly folder: string) {}

  /** Imports scenario.ts in the host: the definition as data, and the probes that have hooks. */
  async load(): Promise<DefinitionData> {
    const value = (await this.request(
      { type: 'load', folder: this.folder },
      loadLimitMs(),
      'loading scenario.ts',
      'scenario.ts',
    )) as DefinitionData;
    this.loaded = true;
    return value;
  }

  /** Synthesizes stack.ts in the host: the template, or the StackSourceError's location and reason. */
  synthesize(request: Omit<Extract<HostRequest, { type: 'synth' }>, 'id' | 'type'>): Promise<unknown> {
    return this.request({ type: 'synth', ...request }, SYNTH_LIMIT_MS, 'synthesizing stack.ts', 'stack.ts');
  }

  /** Runs a probe's `before` hook in the host; its context's methods run here. */
  async hook(probe: string, context: ProbeContext): Promise<unknown> {
    if (!this.loaded) await this.load();
    return this.request(
      {
        type: 'hook',
        probe,
        context: {
          pki: context.pki,
          dir: context.dir,
          localstack: context.localstack !== null,
          route53: context.route53 !== null,
        },
      },
      HOOK_LIMIT_MS,
      `running probe ${probe}'s before hook`,
      'scenario.ts',
      context,
    );
  }

  /** Kills the host and every process below it (the user's children too). Safe to call twice. */
  close(): void {
    const child = this.child;
    this.child = null;
    this.booting = null;
    this.loaded = false;
    this.ready = false;
    live.delete(this);
    if (!child?.pid) return;
    // Read first: once the host is gone its orphans belong to init and no longer show as below it.
    const below = descendantsOf(child.pid);
    signalGroup(child.pid, 'SIGKILL');
    for (const process_ of below) {
      const now = identify(process_.pid);
      if (now && now.startTime === process_.startTime) signalGroup(process_.pid, 'SIGKILL');
    }
  }

  private async request(
    body: DistributiveOmit<Exclude<HostRequest, { type: 'answer' }>, 'id'>,
    limitMs: number,
    what: string,
    file: string,
    context: ProbeContext | null = null,
  ): Promise<unknown> {
    if (this.trouble) throw this.trouble;
    const child = await this.boot();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.close();
        reject(
          new UserCodeError(
            { file: join(this.folder, file), line: null, column: null },
            `${what} took longer than ${Math.round(limitMs / 1000)} s (a loop that never ends?); the sandbox stopped it`,
          ),
        );
      }, limitMs);
      this.pending.set(id, { resolve, reject, timer, what, file, context });
      this.refresh();
      try {
        child.send({ ...body, id } as HostRequest);
      } catch {
        // The process ended between its start and this request: its exit has rejected it, or will.
      }
    });
  }

  /** Starts the host once; resolves when it is ready for user code. */
  private boot(): Promise<ChildProcess> {
    this.booting ??= new Promise<ChildProcess>((resolve, reject) => {
      installExitHook();
      live.add(this);
      this.stderr = '';
      this.ready = false;
      // Its own process group (detached) so that it and its children are killed together; no stdin, its stdout
      // (the user's console.log) dropped, its stderr kept for an error that needs it.
      const child = spawn(process.execPath, [ENTRY], {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        env: process.env,
      });
      this.child = child;
      const timer = setTimeout(() => {
        this.close();
        reject(new Error(`The process for your scenario code did not start within ${BOOT_LIMIT_MS / 1000} s.`));
      }, BOOT_LIMIT_MS);
      child.stderr?.on('data', (chunk: Buffer) => {
        this.stderr = (this.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
      });
      child.on('message', (message: HostMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          this.ready = true;
          this.refresh();
          resolve(child);
          return;
        }
        this.onMessage(child, message);
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.child === child) {
          this.child = null;
          this.booting = null;
          this.loaded = false;
          this.ready = false;
          live.delete(this);
        }
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        reject(
          new Error(`The process for your scenario code ended before it was ready (${how}). ${this.stderr}`.trim()),
        );
        for (const [id, pending] of this.pending) {
          this.pending.delete(id);
          clearTimeout(pending.timer);
          pending.reject(
            new UserCodeError(
              { file: join(this.folder, pending.file), line: null, column: null },
              `the process running your code ended (${how}) while ${pending.what}; a scenario must not end its process`,
            ),
          );
        }
        this.refresh();
      });
      this.refresh();
    });
    return this.booting;
  }

  private onMessage(child: ChildProcess, message: HostMessage): void {
    if (message.type === 'ready') return;
    if (message.type === 'trouble') {
      // Outside any request (a late rejection): the folder's code is broken from now on.
      if (this.pending.size === 0) this.trouble = this.located(message.error, 'scenario.ts');
      return;
    }
    if (message.type === 'call') {
      const context = this.pending.get(message.request)?.context;
      void carryOut(context ?? null, message.method, message.args).then(
        (value) => child.send({ type: 'answer', call: message.call, value: value ?? null } satisfies HostRequest),
        (error: unknown) =>
          child.send({ type: 'answer', call: message.call, error: firstLine(error) } satisfies HostRequest),
      );
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    this.refresh();
    if (message.type === 'done') pending.resolve(message.value);
    else pending.reject(this.located(message.error, pending.file));
  }

  /** The error's place in the folder: where the host located it, else the first frame of the folder's files. */
  private located(error: ErrorData, file: string): UserCodeError {
    if (error.where && error.reason) return new UserCodeError(error.where, error.reason);
    const asError = Object.assign(new Error(error.message), { stack: error.stack ?? error.message });
    return new UserCodeError(locateError(asError, this.folder, join(this.folder, file)), firstLine(asError));
  }

  /** The host keeps the sandbox alive only while a request is under way: `list` exits when it is done. */
  private refresh(): void {
    const child = this.child;
    if (!child) return;
    const busy = !this.ready || this.pending.size > 0;
    const handles = [child, child.channel, child.stderr] as ({ ref?(): void; unref?(): void } | null | undefined)[];
    for (const handle of handles) {
      if (busy) handle?.ref?.();
      else handle?.unref?.();
    }
  }
}

/** A hook's call of its context, carried out with the real ProbeContext. */
async function carryOut(context: ProbeContext | null, method: ContextMethod, args: unknown[]): Promise<unknown> {
  if (!context) throw new Error('no hook is running');
  switch (method) {
    case 'putParameter':
      if (!context.localstack) throw new Error('this run has no LocalStack');
      return context.localstack.putParameter(...(args as [string, string, string?]));
    case 'restartTargets':
      return context.restartTargets(args[0] as string[] | undefined);
    case 'stopTargets':
      return context.stopTargets(args[0] as string[] | undefined);
    case 'startTargets':
      return context.startTargets(args[0] as string[] | undefined);
    case 'step':
      return context.step(...(args as [string, string, number?]));
    case 'waitForAnswer':
      if (!context.route53) throw new Error('this stack has no Route 53 records');
      return context.route53.waitForAnswer(...(args as [string, string, number?]));
    case 'mark':
      if (!context.route53) throw new Error('this stack has no Route 53 records');
      return context.route53.mark(...(args as [string, string, number?]));
  }
}
