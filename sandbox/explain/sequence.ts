// A probe as a sequence diagram: which lifeline sent what, in order — the client's handshake steps (from its
// transcript), what the load balancer decided (verification, AWS WAF, the listener rule) and what it forwarded to the
// target. Pure: the record's facts in, events out; the renderers only lay them out (text, SVG).
import { type Message, msg } from '../messages.js';
import type {
  HandshakeStep,
  LoadBalancerRequest,
  ListenerReport,
  ProbeResponse,
  SequenceEvent,
  SequenceParty,
  SequenceReport,
  TargetObservation,
  WafLogEntry,
} from '../report.js';

export interface SequenceInputs {
  steps: HandshakeStep[];
  /** The listener the probe called; null when it is not a load balancer's (a Route 53 name, say). */
  listener: ListenerReport | null;
  response: ProbeResponse | null;
  target: TargetObservation | null;
  connectionLog: Record<string, string | number>[];
  wafLog?: WafLogEntry[];
  loadBalancerRequest: LoadBalancerRequest | null;
}

/** Steps that say nothing a room needs: certificate fields curl prints, record-layer chatter. */
const QUIET: ReadonlySet<HandshakeStep['kind']> = new Set([
  'server-certificate-field',
  'change-cipher-spec',
  'tls-message',
  'new-session-ticket',
  'connected',
  'tls-established',
  'alpn',
]);

export function sequenceOf(input: SequenceInputs): SequenceReport {
  const mode: SequenceReport['loadBalancer'] = !input.listener
    ? 'none'
    : input.listener.tlsEndsAt === 'target'
      ? 'passthrough'
      : 'terminates';
  // Whom the client talks to: the target itself through a passthrough listener, else the load balancer.
  const peer: SequenceParty = mode === 'passthrough' ? 'target' : 'load-balancer';
  const events: SequenceEvent[] = [];
  if (mode === 'passthrough') events.push(note('load-balancer', msg('seq.relay'), false));
  const verifyAt = verifyPoint(input.steps);
  let forwarded = false;
  input.steps.forEach((step, index) => {
    if (index === verifyAt) events.push(...verifyNotes(input, mode));
    if (step.kind === 'http-response' && !forwarded) {
      events.push(...balancerLegs(input, mode));
      forwarded = true;
    }
    if (QUIET.has(step.kind) && !step.decisive) return;
    if (step.direction === 'out') events.push(arrow('client', peer, index, step.decisive));
    else if (step.direction === 'in') events.push(arrow(peer, 'client', index, step.decisive));
    else if (step.decisive) events.push({ from: 'client', to: 'client', step: index, label: null, decisive: true });
    if (step.kind === 'http-request' && mode === 'passthrough' && input.target) {
      const verified = input.target.details.ssl_client_verify;
      if (verified && verified !== '-')
        events.push(note('target', msg('seq.target-verify', { result: verified }), verified !== 'SUCCESS'));
    }
  });
  if (verifyAt >= input.steps.length) events.push(...verifyNotes(input, mode));
  // The load balancer answered without an HTTP response the transcript shows (curl gave up): its legs still count.
  if (!forwarded && (input.loadBalancerRequest || (input.target && mode !== 'passthrough')))
    events.push(...balancerLegs(input, mode));
  return { loadBalancer: mode, events };
}

const arrow = (from: SequenceParty, to: SequenceParty, step: number, decisive: boolean): SequenceEvent => ({
  from,
  to,
  step,
  label: null,
  decisive,
});

const note = (at: SequenceParty, label: Message, decisive: boolean): SequenceEvent => ({
  from: at,
  to: at,
  step: null,
  label,
  decisive,
});

/**
 * Where the load balancer's verdict on the certificate goes: after the client's flight that carries its Certificate
 * (the server answers that flight), or at the reset that ends a refused handshake; past the end when neither shows.
 */
function verifyPoint(steps: HandshakeStep[]): number {
  const certificate = steps.findIndex((step) => step.kind === 'client-certificate');
  if (certificate >= 0) {
    let index = certificate + 1;
    while (index < steps.length && steps[index]!.direction !== 'in') index += 1;
    return index;
  }
  const reset = steps.findIndex((step) => step.kind === 'connection-error' || step.kind === 'alert');
  return reset >= 0 ? reset : steps.length;
}

/** The ALB's check of the client certificate, as its connection log recorded it (verify and passthrough modes). */
function verifyNotes(input: SequenceInputs, mode: SequenceReport['loadBalancer']): SequenceEvent[] {
  if (mode !== 'terminates' || !input.listener?.mutualTls || input.listener.mutualTls === 'off') return [];
  const status = input.connectionLog.find((entry) => entry.tls_verify_status !== undefined)?.tls_verify_status;
  if (status === undefined || status === '-') return [];
  const mtls = input.listener.mutualTls;
  return [note('load-balancer', msg('seq.verify', { mode: mtls, status: String(status) }), mtls === 'verify')];
}

/** What the load balancer did with the request: AWS WAF, the rule that matched, the leg to the target and back. */
function balancerLegs(input: SequenceInputs, mode: SequenceReport['loadBalancer']): SequenceEvent[] {
  if (mode === 'passthrough') return [];
  const out: SequenceEvent[] = [];
  const waf = input.wafLog?.at(-1);
  if (waf)
    out.push(
      note(
        'load-balancer',
        msg('seq.waf', { action: String(waf.action), rule: String(waf.terminatingRuleId) }),
        waf.action === 'BLOCK',
      ),
    );
  const request = input.loadBalancerRequest;
  if (request && !/(^|,)waf$/.test(request.actions)) {
    const action = request.actions.replace(/^waf,/, '');
    out.push(
      note(
        'load-balancer',
        request.rule
          ? msg('seq.rule', {
              priority: request.rule.priority,
              conditions: conditionsText(request.rule.conditions),
              action,
            })
          : msg('seq.default-rule', { action, checked: request.rulesChecked.length }),
        true,
      ),
    );
  }
  const target = input.target;
  if (target) {
    const mtls = Object.keys(target.receivedHeaders).filter((name) => name.startsWith('x-amzn-mtls-'));
    // nginx logs "$request" ("GET / HTTP/1.1"), the echo target method and url.
    const request = /^(\S+) (\S+)/.exec(target.details.request ?? '');
    out.push({
      from: 'load-balancer',
      to: 'target',
      step: null,
      label: msg('seq.forward', {
        method: request?.[1] ?? target.details.method ?? null,
        path: request?.[2] ?? target.details.url ?? null,
        headers: mtls.length > 0 ? mtlsHeaderSummary(mtls) : null,
      }),
      decisive: mtls.length > 0,
    });
    const status = target.details.status ?? (input.response ? String(input.response.status) : null);
    out.push({
      from: 'target',
      to: 'load-balancer',
      step: null,
      label: msg('seq.target-answer', { status }),
      decisive: false,
    });
  }
  return out;
}

/** "http-header X-Amzn-Mtls-Clientcert-Subject = *CN=clientA*; path-pattern = /echo*". */
export function conditionsText(conditions: LoadBalancerRequest['rulesChecked'][number]['conditions']): string {
  return conditions
    .map(
      (condition) =>
        `${condition.field}${condition.headerName ? ` ${condition.headerName}` : ''} = ${condition.values.join(' | ')}`,
    )
    .join('; ');
}

/** "X-Amzn-Mtls-Clientcert-*" for the five headers of verify mode, else the names as received. */
function mtlsHeaderSummary(names: string[]): string {
  if (names.length > 2) return 'X-Amzn-Mtls-Clientcert-*';
  return names
    .map((name) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase()))
    .join(', ');
}
