// The verdict of one probe against the AWS behaviour it expects, and whose expectation that is. Pure: observed
// facts in, mismatches out; the verdict says what it rests on.
import { type Message, msg } from './messages.js';
import type { Handshake, ProbeResponse, TargetObservation, Verdict, WafLogEntry } from './report.js';
import type { Expectation, ProbeSpec, ScenarioDefinition } from './scenario.js';

export interface Observed {
  handshake: Handshake;
  response: ProbeResponse | null;
  connectionError: string | null;
  curlExitCode: number;
  target: TargetObservation | null;
  /** The load balancer's connection log entries written during the probe (ALB emulator). */
  connectionLog: Record<string, string | number>[];
  /** AWS WAF log entries written during the probe (ALB emulator with a web ACL). */
  wafLog?: WafLogEntry[];
  /** The priority of the listener rule the ALB emulator applied (0: the default action); null: no record. */
  rulePriority?: number | null;
}

/** The first alert the server sent the client ("unknown ca"), close_notify aside; null when there was none. */
export function receivedAlert(handshake: Handshake): string | null {
  const alert = handshake.alerts.find((name) => !name.endsWith('(sent by curl)') && !/close notify/.test(name));
  return alert ? alert.replace(/^alert /, '') : null;
}

/** Every way the observation differs from the expectation, as messages a reader can act on; empty = pass. */
export function judge(expect: Expectation, observed: Observed): Message[] {
  const out: Message[] = [];
  const status = observed.response?.status ?? null;
  if (expect.status !== undefined && expect.status !== status) {
    const error = status === null ? (observed.connectionError ?? observed.handshake.error ?? null) : null;
    out.push(
      msg('mismatch.status', {
        expected: expect.status,
        actual: status,
        error,
        exit: status === null && error === null ? observed.curlExitCode : null,
      }),
    );
  }
  const body = observed.response?.body ?? '';
  if (expect.bodyIncludes !== undefined && !body.includes(expect.bodyIncludes))
    out.push(msg('mismatch.body-includes', { expected: expect.bodyIncludes, actual: shorten(body) }));
  if (expect.bodyExcludes !== undefined && body.includes(expect.bodyExcludes))
    out.push(msg('mismatch.body-excludes', { expected: expect.bodyExcludes }));
  for (const [name, value] of Object.entries(expect.responseHeaders ?? {})) {
    const actual = observed.response?.headers[name.toLowerCase()];
    if (value === null) {
      if (actual !== undefined) out.push(msg('mismatch.response-header-present', { name, actual }));
    } else if (actual !== value)
      out.push(msg('mismatch.response-header', { name, expected: value, actual: actual ?? null }));
  }
  if (expect.connectionError !== undefined) {
    if (expect.connectionError === null && observed.connectionError !== null)
      out.push(msg('mismatch.connection-error-unexpected', { actual: observed.connectionError }));
    if (expect.connectionError !== null && !(observed.connectionError ?? '').includes(expect.connectionError)) {
      out.push(
        msg('mismatch.connection-error', { expected: expect.connectionError, actual: observed.connectionError }),
      );
    }
  }
  if (expect.curlExitCode !== undefined && expect.curlExitCode !== observed.curlExitCode)
    out.push(msg('mismatch.curl-exit', { expected: expect.curlExitCode, actual: observed.curlExitCode }));
  const handshake = expect.handshake ?? {};
  if (
    handshake.clientCertificateRequested !== undefined &&
    handshake.clientCertificateRequested !== observed.handshake.clientCertificateRequested
  ) {
    out.push(
      msg(
        handshake.clientCertificateRequested ? 'mismatch.certificate-requested' : 'mismatch.certificate-not-requested',
      ),
    );
  }
  if (
    handshake.clientCertificateSent !== undefined &&
    handshake.clientCertificateSent !== observed.handshake.clientCertificateSent
  ) {
    out.push(msg(handshake.clientCertificateSent ? 'mismatch.certificate-sent' : 'mismatch.certificate-not-sent'));
  }
  if (handshake.alert !== undefined) {
    const received = receivedAlert(observed.handshake);
    if (handshake.alert === null && received !== null) out.push(msg('mismatch.alert-missing', { actual: received }));
    if (handshake.alert !== null && received !== handshake.alert)
      out.push(msg('mismatch.alert', { expected: handshake.alert, actual: received }));
  }
  if (handshake.tlsVersion !== undefined && handshake.tlsVersion !== observed.handshake.tlsVersion)
    out.push(msg('mismatch.tls-version', { expected: handshake.tlsVersion, actual: observed.handshake.tlsVersion }));
  if (
    handshake.serverCertificateSerial !== undefined &&
    handshake.serverCertificateSerial !== observed.handshake.serverCertificateSerial
  ) {
    out.push(
      msg('mismatch.server-serial', {
        expected: handshake.serverCertificateSerial,
        actual: observed.handshake.serverCertificateSerial ?? null,
      }),
    );
  }
  out.push(...judgeTarget(expect, observed.target));
  if (expect.connectionLog) {
    const entry = observed.connectionLog[observed.connectionLog.length - 1];
    if (!entry) out.push(msg('mismatch.connection-log-missing'));
    for (const [field, value] of Object.entries(entry ? expect.connectionLog : {})) {
      if (String(entry?.[field]) !== value)
        out.push(
          msg('mismatch.connection-log-field', { field, expected: value, actual: String(entry?.[field] ?? '') }),
        );
    }
  }
  out.push(...judgeWaf(expect, observed.wafLog ?? []));
  const rule = observed.rulePriority ?? null;
  if (expect.rulePriority !== undefined && expect.rulePriority !== rule)
    out.push(msg('mismatch.rule', { expected: expect.rulePriority, actual: rule }));
  return out;
}

function judgeWaf(expect: Expectation, entries: WafLogEntry[]): Message[] {
  if (expect.waf === undefined) return [];
  const entry = entries[entries.length - 1];
  if (expect.waf === null)
    return entry
      ? [msg('mismatch.waf-unexpected', { action: String(entry.action), rule: String(entry.terminatingRuleId) })]
      : [];
  if (!entry) return [msg('mismatch.waf-missing', { expected: expect.waf.action })];
  const out: Message[] = [];
  if (entry.action !== expect.waf.action)
    out.push(
      msg('mismatch.waf-action', {
        expected: expect.waf.action,
        actual: String(entry.action),
        rule: String(entry.terminatingRuleId),
      }),
    );
  if (expect.waf.terminatingRuleId !== undefined && entry.terminatingRuleId !== expect.waf.terminatingRuleId)
    out.push(
      msg('mismatch.waf-rule', { expected: expect.waf.terminatingRuleId, actual: String(entry.terminatingRuleId) }),
    );
  return out;
}

function judgeTarget(expect: Expectation, target: TargetObservation | null): Message[] {
  if (expect.target === undefined) return [];
  if (expect.target === null) return target ? [msg('mismatch.target-unexpected', { actual: target.name })] : [];
  if (!target) return [msg('mismatch.target-missing')];
  const out: Message[] = [];
  const want = expect.target;
  if (want.oneOf && !want.oneOf.includes(target.name))
    out.push(msg('mismatch.target-one-of', { expected: want.oneOf.join(', '), actual: target.name }));
  for (const [key, value] of Object.entries(want.details ?? {})) {
    if (target.details[key] !== value)
      out.push(msg('mismatch.target-detail', { key, expected: value, actual: target.details[key] ?? '' }));
  }
  for (const [key, value] of Object.entries(want.detailsInclude ?? {})) {
    if (!(target.details[key] ?? '').includes(value))
      out.push(msg('mismatch.target-detail-includes', { key, expected: value, actual: target.details[key] ?? '' }));
  }
  for (const [name, value] of Object.entries(want.headers ?? {})) {
    const actual = target.receivedHeaders[name.toLowerCase()];
    if (value === null && actual !== undefined)
      out.push(msg('mismatch.target-header-present', { name, actual: shorten(actual) }));
    if (value !== null && actual !== value)
      out.push(
        msg('mismatch.target-header', {
          name,
          expected: shorten(value),
          actual: actual === undefined ? null : shorten(actual),
        }),
      );
  }
  return out;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** What decides a probe's verdict besides the probe itself. */
export interface VerdictInputs {
  /** The probe did not run on this machine. */
  skipped: boolean;
  mismatches: number;
  /** The digest of the stack's template as it ran (sandbox/synth/template-digest.ts); null when not known. */
  stackDigest: string | null;
}

/**
 * The verdict: whether the outcome met the expectation, and whose expectation it is. A probe of the user's own
 * scenario checks the user's expectation, whatever evidence it cites: a miss differs from "your expectation", never
 * from AWS. Evidence that `new --from` copied stays marked as copied until the author changes that probe, and says
 * whether the stack changed since the copy.
 */
export function verdictOf(
  spec: Pick<ProbeSpec, 'evidence' | 'unjudged' | 'loaded'>,
  scenario: Pick<ScenarioDefinition, 'origin' | 'copiedFrom'>,
  inputs: VerdictInputs,
): Verdict {
  const code = inputs.skipped
    ? 'skipped'
    : spec.unjudged
      ? 'unjudged'
      : inputs.mismatches === 0
        ? 'matches'
        : 'differs';
  const level = spec.evidence.level;
  if (scenario.origin?.kind !== 'user') return { code, level, basis: level, expectation: null, copied: null };
  const expectation = spec.loaded?.expectation ?? { file: `${scenario.origin.folder}/scenario.ts`, line: null };
  const source = scenario.copiedFrom;
  const copied =
    source && spec.loaded?.copiedUnchanged
      ? {
          from: source.scenario,
          stackChanged: inputs.stackDigest === null ? null : inputs.stackDigest !== source.template,
        }
      : null;
  return { code, level, basis: 'yours', expectation, copied };
}
