// The verdict of one probe against the AWS behaviour it expects. Pure: observed facts in, mismatches out.
import type { Handshake, ProbeResponse, TargetObservation } from './report.js';
import type { Expectation } from './scenario.js';

export interface Observed {
  handshake: Handshake;
  response: ProbeResponse | null;
  connectionError: string | null;
  curlExitCode: number;
  target: TargetObservation | null;
  /** The load balancer's connection log entries written during the probe (ALB emulator). */
  connectionLog: Record<string, string | number>[];
  /** AWS WAF log entries written during the probe (ALB emulator with a web ACL). */
  wafLog?: Record<string, string | number>[];
}

/** Every way the observation differs from the expectation, in words a reader can act on; empty = pass. */
export function judge(expect: Expectation, observed: Observed): string[] {
  const out: string[] = [];
  const status = observed.response?.status ?? null;
  if (expect.status !== undefined && expect.status !== status) {
    out.push(
      `expected ${expect.status === null ? 'no HTTP response' : `HTTP ${expect.status}`}, got ${status === null ? `no HTTP response (${observed.connectionError ?? observed.handshake.error ?? `curl exit ${observed.curlExitCode}`})` : `HTTP ${status}`}`,
    );
  }
  const body = observed.response?.body ?? '';
  if (expect.bodyIncludes !== undefined && !body.includes(expect.bodyIncludes))
    out.push(`expected the body to contain "${expect.bodyIncludes}", got "${shorten(body)}"`);
  if (expect.bodyExcludes !== undefined && body.includes(expect.bodyExcludes))
    out.push(`expected the body not to contain "${expect.bodyExcludes}"`);
  for (const [name, value] of Object.entries(expect.responseHeaders ?? {})) {
    const actual = observed.response?.headers[name.toLowerCase()];
    if (actual !== value) out.push(`expected response header ${name}: ${value}, got ${actual ?? 'none'}`);
  }
  if (expect.connectionError !== undefined) {
    if (expect.connectionError === null && observed.connectionError !== null)
      out.push(`expected no connection error, got "${observed.connectionError}"`);
    if (expect.connectionError !== null && !(observed.connectionError ?? '').includes(expect.connectionError)) {
      out.push(
        `expected connection error "${expect.connectionError}", got ${observed.connectionError === null ? 'none' : `"${observed.connectionError}"`}`,
      );
    }
  }
  if (expect.curlExitCode !== undefined && expect.curlExitCode !== observed.curlExitCode)
    out.push(`expected curl to exit ${expect.curlExitCode}, it exited ${observed.curlExitCode}`);
  const handshake = expect.handshake ?? {};
  if (
    handshake.clientCertificateRequested !== undefined &&
    handshake.clientCertificateRequested !== observed.handshake.clientCertificateRequested
  ) {
    out.push(
      handshake.clientCertificateRequested
        ? 'expected the server to request a client certificate (Request CERT), it did not'
        : 'expected no client certificate request, but the server sent Request CERT',
    );
  }
  if (
    handshake.clientCertificateSent !== undefined &&
    handshake.clientCertificateSent !== observed.handshake.clientCertificateSent
  ) {
    out.push(
      handshake.clientCertificateSent
        ? 'expected curl to send a client certificate, it sent none'
        : 'expected curl to send no client certificate, it sent one',
    );
  }
  if (handshake.tlsVersion !== undefined && handshake.tlsVersion !== observed.handshake.tlsVersion)
    out.push(`expected ${handshake.tlsVersion}, negotiated ${observed.handshake.tlsVersion ?? 'nothing'}`);
  if (
    handshake.serverCertificateSerial !== undefined &&
    handshake.serverCertificateSerial !== observed.handshake.serverCertificateSerial
  ) {
    out.push(
      `expected the server certificate with serial ${handshake.serverCertificateSerial}, got ${observed.handshake.serverCertificateSerial ?? 'none shown'}`,
    );
  }
  out.push(...judgeTarget(expect, observed.target));
  if (expect.connectionLog) {
    const entry = observed.connectionLog[observed.connectionLog.length - 1];
    if (!entry) out.push('expected a connection log entry for this connection, none was written');
    for (const [field, value] of Object.entries(entry ? expect.connectionLog : {})) {
      if (String(entry?.[field]) !== value)
        out.push(`expected the connection log's ${field} to be "${value}", it was "${entry?.[field] ?? ''}"`);
    }
  }
  out.push(...judgeWaf(expect, observed.wafLog ?? []));
  return out;
}

function judgeWaf(expect: Expectation, entries: Record<string, string | number>[]): string[] {
  if (expect.waf === undefined) return [];
  const entry = entries[entries.length - 1];
  if (expect.waf === null)
    return entry
      ? [
          `expected no AWS WAF to see the request, but a web ACL logged ${entry.action} (rule ${entry.terminatingRuleId})`,
        ]
      : [];
  if (!entry)
    return [
      `expected AWS WAF to ${expect.waf.action === 'BLOCK' ? 'block' : 'allow'} the request, but no web ACL inspected it`,
    ];
  const out: string[] = [];
  if (entry.action !== expect.waf.action)
    out.push(
      `expected AWS WAF to ${expect.waf.action === 'BLOCK' ? 'block' : 'allow'} the request, it logged ${entry.action} (rule ${entry.terminatingRuleId})`,
    );
  if (expect.waf.terminatingRuleId !== undefined && entry.terminatingRuleId !== expect.waf.terminatingRuleId)
    out.push(
      `expected AWS WAF's deciding rule to be ${expect.waf.terminatingRuleId}, it was ${entry.terminatingRuleId}`,
    );
  return out;
}

function judgeTarget(expect: Expectation, target: TargetObservation | null): string[] {
  if (expect.target === undefined) return [];
  if (expect.target === null)
    return target ? [`expected no target to receive the request, but ${target.name} did`] : [];
  if (!target) return ['expected a target to receive the request, none did'];
  const out: string[] = [];
  const want = expect.target;
  if (want.oneOf && !want.oneOf.includes(target.name))
    out.push(`expected one of ${want.oneOf.join(', ')} to answer, ${target.name} did`);
  for (const [key, value] of Object.entries(want.details ?? {})) {
    if (target.details[key] !== value)
      out.push(`expected the target's ${key} to be "${value}", it was "${target.details[key] ?? ''}"`);
  }
  for (const [key, value] of Object.entries(want.detailsInclude ?? {})) {
    if (!(target.details[key] ?? '').includes(value))
      out.push(`expected the target's ${key} to contain "${value}", it was "${target.details[key] ?? ''}"`);
  }
  for (const [name, value] of Object.entries(want.headers ?? {})) {
    const actual = target.receivedHeaders[name.toLowerCase()];
    if (value === null && actual !== undefined)
      out.push(`expected the target not to receive ${name}, it received "${shorten(actual)}"`);
    if (value !== null && actual !== value)
      out.push(
        `expected the target to receive ${name}: "${shorten(value)}", it received ${actual === undefined ? 'nothing' : `"${shorten(actual)}"`}`,
      );
  }
  return out;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
