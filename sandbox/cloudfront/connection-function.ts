// A CloudFront connection function run for one TLS connection: the function's code in a node:vm context of its own
// (no require, no process, no code generation from strings), given the documented `connection` object (CloudFront
// "Write CloudFront Connection Function code for mutual TLS (viewer) validation"), after the trust store's checks
// and before the handshake completes. allow() admits, deny() refuses; neither called is a deny; an exception or the
// time limit is ConnectionFunctionError. Nothing of the host is handed in: the object is built inside the context
// from JSON, and only JSON comes out. `import cf from 'cloudfront'` gives the function cf.kvs(), its associated
// KeyValueStore with the documented async get() and exists(); an async handler's promises settle within the time
// limit (the context runs its microtasks before each evaluation returns).
import vm from 'node:vm';

/** CloudFront documents a 5 ms execution limit; the sandbox's host is shared and slower, so it allows forty times as long. */
export const FUNCTION_TIME_LIMIT_MS = 200;
/** connection.logCustomData(): "up to 800 bytes of UTF-8 text". */
export const CUSTOM_DATA_LIMIT = 800;

export interface ConnectionEvent {
  connectionId: string;
  clientIp: string;
  endpoint: string;
  distributionId: string;
  clientCertificate: {
    certificates: {
      leaf: {
        serialNumber: string;
        issuer: string;
        subject: string;
        validity: { notBefore: string; notAfter: string };
        sha256Fingerprint: string;
      };
    };
  } | null;
}

export type FunctionDecision =
  | { decision: 'allow'; customData: string; logs: string[] }
  | { decision: 'deny'; customData: string; logs: string[]; implicit: boolean }
  | { decision: 'error'; customData: string; logs: string[]; error: string };

/** Defines the `cloudfront` module's object (cf.kvs()) and console before the function's code runs. */
const PRELUDE = `(function (kvsJson) {
  var pairs = kvsJson === null ? null : JSON.parse(kvsJson);
  var state = { decision: null, custom: '', logs: [], error: null };
  globalThis.__state = state;
  globalThis.console = { log: function () { state.logs.push(Array.prototype.map.call(arguments, String).join(' ')); } };
  globalThis.__cloudfront = {
    kvs: function () {
      if (pairs === null) throw new Error('cf.kvs(): the function has no KeyValueStore association');
      return {
        get: function (key) {
          return Object.prototype.hasOwnProperty.call(pairs, key)
            ? Promise.resolve(pairs[key])
            : Promise.reject(new Error('Key ' + key + ' not found'));
        },
        exists: function (key) { return Promise.resolve(Object.prototype.hasOwnProperty.call(pairs, key)); },
      };
    },
  };
})`;

const HARNESS = `(function (json) {
  var state = globalThis.__state;
  var connection = JSON.parse(json);
  connection.allow = function () { if (state.decision === null) state.decision = 'allow'; };
  connection.deny = function () { if (state.decision === null) state.decision = 'deny'; };
  connection.logCustomData = function (text) { state.custom = String(text); };
  if (typeof connectionHandler !== 'function') throw new Error('the code defines no function connectionHandler');
  var result = connectionHandler(connection);
  if (result && typeof result.then === 'function')
    result.then(null, function (e) { state.error = String(e && e.message !== undefined ? e.message : e); });
})`;

/** `import cf from 'cloudfront';` → a variable of the script (a classic script has no import statement). */
export function withoutModuleImport(code: string): string {
  return code.replace(/^\s*import\s+(\w+)\s+from\s+['"]cloudfront['"];?\s*$/gm, 'var $1 = __cloudfront;');
}

/** A function's code, compiled once; each connection runs it in a fresh context. */
export class CompiledConnectionFunction {
  private readonly script: vm.Script;

  constructor(
    readonly name: string,
    code: string,
    /** The associated KeyValueStore's pairs, or null: none. */
    private readonly keyValues: Record<string, string> | null = null,
  ) {
    try {
      this.script = new vm.Script(withoutModuleImport(code), { filename: `${name}.js` });
    } catch (err) {
      throw new Error(`connection function ${name}: the code does not parse: ${(err as Error).message}`);
    }
  }

  run(event: ConnectionEvent): FunctionDecision {
    const first = this.runOnce(event);
    // The limit is kept on wall-clock time (node:vm), and a host busy with other work can stall a function that does
    // little: one that ran out of time runs once more before it is called over the limit (one that loops, or does
    // too much, runs out again). Seen under load: a trivial function judged a ConnectionFunctionError.
    return first.timedOut ? this.runOnce(event).decision : first.decision;
  }

  private runOnce(event: ConnectionEvent): { decision: FunctionDecision; timedOut: boolean } {
    const context = vm.createContext(Object.create(null), {
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    const limit = { timeout: FUNCTION_TIME_LIMIT_MS };
    const json = (value: unknown) => JSON.stringify(JSON.stringify(value));
    try {
      vm.runInContext(`${PRELUDE}(${this.keyValues ? json(this.keyValues) : 'null'})`, context, limit);
      this.script.runInContext(context, limit);
      vm.runInContext(`${HARNESS}(${json(event)})`, context, limit);
      // Read once the handler's microtasks (its awaits) have run.
      const parsed = JSON.parse(vm.runInContext('JSON.stringify(__state)', context, limit) as string) as {
        decision: 'allow' | 'deny' | null;
        custom: string;
        logs: string[];
        error: string | null;
      };
      const decided = (decision: FunctionDecision) => ({ decision, timedOut: false });
      if (parsed.error !== null)
        return decided({ decision: 'error', customData: '', logs: parsed.logs, error: parsed.error });
      const customData = Buffer.from(parsed.custom, 'utf8').subarray(0, CUSTOM_DATA_LIMIT).toString('utf8');
      if (parsed.decision === 'allow') return decided({ decision: 'allow', customData, logs: parsed.logs });
      return decided({ decision: 'deny', customData, logs: parsed.logs, implicit: parsed.decision === null });
    } catch (err) {
      // An error thrown in the context is not an instance of this realm's Error.
      const { message, code } = (err ?? {}) as { message?: unknown; code?: unknown };
      return {
        decision: {
          decision: 'error',
          customData: '',
          logs: [],
          error: typeof message === 'string' ? message : String(err),
        },
        timedOut: code === 'ERR_SCRIPT_EXECUTION_TIMEOUT',
      };
    }
  }
}
