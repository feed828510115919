// A CloudFront connection function run for one TLS connection: the function's code in a node:vm context of its own
// (no require, no process, no code generation from strings), given the documented `connection` object (CloudFront
// "Write CloudFront Connection Function code for mutual TLS (viewer) validation"), after the trust store's checks
// and before the handshake completes. allow() admits, deny() refuses; neither called is a deny; an exception or the
// time limit is ConnectionFunctionError. Nothing of the host is handed in: the object is built inside the context
// from JSON, and only JSON comes out. Synchronous handlers only (the KeyValueStore's async API is not emulated).
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

const HARNESS = `(function (json) {
  var connection = JSON.parse(json);
  var decision = null;
  var custom = '';
  var logs = [];
  connection.allow = function () { if (decision === null) decision = 'allow'; };
  connection.deny = function () { if (decision === null) decision = 'deny'; };
  connection.logCustomData = function (text) { custom = String(text); };
  console = { log: function () { logs.push(Array.prototype.map.call(arguments, String).join(' ')); } };
  if (typeof connectionHandler !== 'function') throw new Error('the code defines no function connectionHandler');
  connectionHandler(connection);
  return JSON.stringify({ decision: decision, custom: custom, logs: logs });
})`;

/** A function's code, compiled once; each connection runs it in a fresh context. */
export class CompiledConnectionFunction {
  private readonly script: vm.Script;

  constructor(
    readonly name: string,
    code: string,
  ) {
    try {
      this.script = new vm.Script(code, { filename: `${name}.js` });
    } catch (err) {
      throw new Error(`connection function ${name}: the code does not parse: ${(err as Error).message}`);
    }
  }

  run(event: ConnectionEvent): FunctionDecision {
    const context = vm.createContext(Object.create(null), {
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: 'afterEvaluate',
    });
    try {
      this.script.runInContext(context, { timeout: FUNCTION_TIME_LIMIT_MS });
      const out = vm.runInContext(`${HARNESS}(${JSON.stringify(JSON.stringify(event))})`, context, {
        timeout: FUNCTION_TIME_LIMIT_MS,
      }) as string;
      const parsed = JSON.parse(out) as { decision: 'allow' | 'deny' | null; custom: string; logs: string[] };
      const customData = Buffer.from(parsed.custom, 'utf8').subarray(0, CUSTOM_DATA_LIMIT).toString('utf8');
      if (parsed.decision === 'allow') return { decision: 'allow', customData, logs: parsed.logs };
      return { decision: 'deny', customData, logs: parsed.logs, implicit: parsed.decision === null };
    } catch (err) {
      // An error thrown in the context is not an instance of this realm's Error.
      const message = (err as { message?: unknown } | null)?.message;
      return {
        decision: 'error',
        customData: '',
        logs: [],
        error: typeof message === 'string' ? message : String(err),
      };
    }
  }
}
