// What happened to the client, read from what was observed: a code, who answered, and the decisive fact.
// Separate from the verdict (is that what AWS does). Pure.
import type { Expectation } from './scenario.js';
import type {
  Handshake,
  LoadBalancerRequest,
  Outcome,
  ProbeResponse,
  TargetObservation,
  WafLogEntry,
} from './report.js';

export interface OutcomeInputs {
  handshake: Handshake;
  response: ProbeResponse | null;
  connectionError: string | null;
  curlExitCode: number;
  target: TargetObservation | null;
  wafLog?: WafLogEntry[];
  loadBalancerRequest?: LoadBalancerRequest | null;
}

/** What happened, and what the target saw that matters (the headers and records the expectation names). */
export function outcomeOf(observed: OutcomeInputs, expect: Expectation = {}): Outcome {
  return { ...answerOf(observed), targetSaw: targetSaw(observed.target, expect) };
}

/** Most headers a summary line names. */
const MAX_SAW = 3;

/**
 * The target's view that decides the lesson: the headers and records the expectation checks, in its order; without
 * such an expectation, the verified subject the ALB forwarded, or nginx's own verification result.
 */
export function targetSaw(target: TargetObservation | null, expect: Expectation): Outcome['targetSaw'] {
  if (!target || !expect.target) return [];
  const named = [
    ...Object.keys(expect.target.headers ?? {}).map((name) => ({
      name: name.toLowerCase(),
      value: target.receivedHeaders[name.toLowerCase()] ?? null,
    })),
    ...Object.keys({ ...expect.target.details, ...expect.target.detailsInclude }).map((name) => ({
      name,
      value: target.details[name] ?? null,
    })),
  ];
  if (named.length > 0) return named.slice(0, MAX_SAW);
  const subject = target.receivedHeaders['x-amzn-mtls-clientcert-subject'];
  if (subject) return [{ name: 'x-amzn-mtls-clientcert-subject', value: subject }];
  const verify = target.details.ssl_client_verify;
  if (verify && verify !== '-' && verify !== 'NONE') return [{ name: 'ssl_client_verify', value: verify }];
  return [];
}

type Answer = Omit<Outcome, 'targetSaw'>;

function answerOf(observed: OutcomeInputs): Answer {
  const { response, target } = observed;
  if (response) {
    const status = response.status;
    // A HEAD answer has no body: its status line's reason phrase is what the client reads.
    const fact = bodyFact(response.body) ?? response.reason;
    const waf = observed.wafLog?.at(-1);
    if (waf?.action === 'BLOCK' && !target) {
      return { code: 'blocked-by-waf', status, answeredBy: 'load-balancer', fact: String(waf.terminatingRuleId) };
    }
    if (target) return { code: status < 400 ? 'allowed' : 'refused-by-target', status, answeredBy: target.name, fact };
    const actions = observed.loadBalancerRequest?.actions ?? '';
    if (/fixed-response/.test(actions)) return { code: 'fixed-response', status, answeredBy: 'load-balancer', fact };
    if (/redirect/.test(actions) || (status >= 300 && status < 400 && response.headers.location)) {
      return { code: 'redirected', status, answeredBy: 'load-balancer', fact: response.headers.location ?? fact };
    }
    if (status >= 400) return { code: 'load-balancer-error', status, answeredBy: 'load-balancer', fact };
    // The load balancer answered below 400 with no target behind it: its fixed response.
    const byLoadBalancer = /^awselb\//.test(response.headers.server ?? '');
    return byLoadBalancer
      ? { code: 'fixed-response', status, answeredBy: 'load-balancer', fact }
      : { code: 'allowed', status, answeredBy: null, fact };
  }
  const error = observed.connectionError;
  const hs = observed.handshake;
  const alert = hs.alerts.find((name) => !name.endsWith('(sent by curl)') && !/close notify/.test(name));
  if (error === 'Connection reset by peer') {
    return {
      code: hs.tlsVersion === null ? 'reset-in-handshake' : 'reset',
      status: null,
      answeredBy: null,
      fact: error,
    };
  }
  if (alert) return { code: 'tls-alert', status: null, answeredBy: null, fact: alert.replace(/^alert /, '') };
  if (error === 'Connection refused')
    return { code: 'connection-refused', status: null, answeredBy: null, fact: error };
  if (/timed out/i.test(error ?? '') || observed.curlExitCode === 28) {
    return { code: 'timeout', status: null, answeredBy: null, fact: error };
  }
  if (hs.error && hs.tlsVersion === null)
    return { code: 'tls-failure', status: null, answeredBy: null, fact: hs.error };
  return { code: 'no-response', status: null, answeredBy: null, fact: error ?? hs.error };
}

/** An HTML page's title, else the body's first line, shortened: what a person reads first. */
export function bodyFact(body: string): string | null {
  // A JSON body (the echo target's record of the request) is data, not words: the target's name says it.
  if (/^\s*[[{]/.test(body)) return null;
  const title = /<title>([^<]*)<\/title>/i.exec(body);
  const text = title
    ? title[1]!.trim()
    : (body
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim() ?? '');
  if (text === '') return null;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
