// What happened to the client, read from what was observed: a code, who answered, and the decisive fact.
// Separate from the verdict (is that what AWS does). Pure.
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

export function outcomeOf(observed: OutcomeInputs): Outcome {
  const { response, target } = observed;
  if (response) {
    const status = response.status;
    const fact = bodyFact(response.body);
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
