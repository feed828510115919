// What the sandbox and the process that runs a user's scenario code (host.ts, host-main.ts) say to each other over
// the IPC channel: requests, answers, calls back for a hook's context, and trouble the user's code caused. Plain data
// only (JSON): a definition crosses as data, its hooks stay in the host and are called by probe name. Pure.
import type { ScenarioDefinition } from '../../sandbox/scenario.js';

export type HostRequest =
  | { type: 'load'; id: number; folder: string }
  | {
      type: 'synth';
      id: number;
      scenario: string;
      stackModule: string;
      stackName: string;
      outdir: string;
      sourceHash: string;
    }
  | { type: 'hook'; id: number; probe: string; context: HookContextData }
  /** The answer to the host's call back (a method of the hook's context). */
  | { type: 'answer'; call: number; value?: unknown; error?: string };

export type HostMessage =
  | { type: 'ready' }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'failed'; id: number; error: ErrorData }
  /** A hook calls a method of its context (ProbeContext), which the sandbox carries out. */
  | { type: 'call'; call: number; request: number; method: ContextMethod; args: unknown[] }
  /** The user's code went wrong outside any request: a late rejection, an exception thrown from a timer. */
  | { type: 'trouble'; error: ErrorData };

/** What a probe's `before` hook gets besides the methods: the data of its ProbeContext. */
export interface HookContextData {
  pki: unknown;
  dir: string;
  localstack: boolean;
  route53: boolean;
}

export type ContextMethod =
  | 'putParameter'
  | 'restartTargets'
  | 'stopTargets'
  | 'startTargets'
  | 'step'
  | 'waitForAnswer'
  | 'mark';

/** An error as it crosses: its words and stack, and where in the user's folder it points when that is known. */
export interface ErrorData {
  message: string;
  stack: string | null;
  /** Set when the host already located it (a stack's synthesis: the file and line of stack.ts). */
  where?: { file: string; line: number | null; column: number | null };
  reason?: string;
}

export function errorData(error: unknown): ErrorData {
  if (error instanceof Error) {
    const located = error as Error & { where?: ErrorData['where']; reason?: unknown };
    return {
      message: error.message,
      stack: error.stack ?? null,
      ...(located.where && typeof located.reason === 'string' ? { where: located.where, reason: located.reason } : {}),
    };
  }
  return { message: typeof error === 'string' ? error : safeString(error), stack: null };
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A definition as data: URLs as { $url }, functions left out (the probes that have a hook are listed). */
export interface DefinitionData {
  definition: unknown;
  hooks: string[];
}

export function definitionToData(definition: ScenarioDefinition): DefinitionData {
  const hooks = Array.isArray(definition?.probes)
    ? definition.probes.filter((probe) => typeof probe?.before === 'function').map((probe) => String(probe.name))
    : [];
  const text = JSON.stringify(definition, function (this: Record<string, unknown>, key, value: unknown) {
    // The holder's own value: JSON.stringify hands the replacer what URL.toJSON made of it (a bare string).
    const raw = this[key];
    if (raw instanceof URL) return { $url: raw.href };
    if (typeof value === 'function' || typeof value === 'symbol') return undefined;
    if (typeof value === 'bigint') return String(value);
    return value;
  });
  return { definition: text === undefined ? null : JSON.parse(text), hooks };
}

/** The data back as a definition, its URLs URLs again (hooks are attached by the loader). */
export function definitionFromData(data: DefinitionData): unknown {
  return JSON.parse(JSON.stringify(data.definition), (_key, value: unknown) =>
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof (value as { $url?: unknown }).$url === 'string'
      ? new URL((value as { $url: string }).$url)
      : value,
  );
}
