// The report's opening, built from the record: one row per design — who checks the client certificate, what
// happens to a client without one, with a trusted one and with an untrusted one, and what the target learns — and
// the clients the outcome matrix shows first. Pure.
import type { ProbeReport, VerifierCode } from '../../sandbox/report.js';
import { probeBasis } from '../headline.js';
import type { ReportSection } from './document.js';

/** The three clients every design is tried with; everything else is a variation (a forged header, a chain…). */
export type CoreClient = 'none' | 'trusted' | 'untrusted';

/** The trusted client of the seeds (privateCA's clientA) and the client of a CA nobody trusts. */
const TRUSTED = 'clientA';
const UNTRUSTED = 'untrusted';

/**
 * A plain request for "/": no forged header, no body, no query. A probe that adds one is about something else
 * (a WAF rule, a listener rule) and does not speak for the design.
 */
export function isPlainRequest(probe: Pick<ProbeReport, 'command'>): boolean {
  if (/\s(-H|--header|-d|--data\S*|--json)\s/.test(` ${probe.command} `)) return false;
  const url = /https?:\/\/[^\s'"]+/.exec(probe.command)?.[0];
  if (!url) return false;
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  return path === '' || path === '/';
}

export function coreClientOf(probe: ProbeReport): CoreClient | null {
  if (probe.skipped || probe.clients || !isPlainRequest(probe)) return null;
  const certificate = probe.client.certificate;
  if (certificate === null) return 'none';
  if (certificate === TRUSTED) return 'trusted';
  if (certificate === UNTRUSTED) return 'untrusted';
  return null;
}

/** What the target learns of the trusted client, by field name; null: the request reached no target. */
export function learnedFields(probe: ProbeReport): string[] | null {
  const target = probe.target;
  if (!target) return null;
  const fields: string[] = [];
  if (target.details.ssl_client_verify === 'SUCCESS') fields.push('ssl_client_verify', 'ssl_client_s_dn');
  const headers = Object.keys(target.receivedHeaders).filter((name) =>
    /^(x-amzn-mtls-|cloudfront-viewer-cert|client-cert|x-client-cert)/i.test(name),
  );
  fields.push(...groupByPrefix(headers));
  return fields;
}

/** x-amzn-mtls-clientcert-subject, -issuer, -serial-number… → "x-amzn-mtls-clientcert-*". */
function groupByPrefix(names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const prefix = /^(x-amzn-mtls-clientcert|cloudfront-viewer-cert|x-client-cert)-/i.exec(name)?.[1];
    const shown = prefix && names.filter((other) => other.startsWith(`${prefix}-`)).length > 1 ? `${prefix}-*` : name;
    if (!out.includes(shown)) out.push(shown);
  }
  return out;
}

/** A probe and the scenario it is in (for its link). */
export interface DesignProbe {
  scenario: string;
  probe: ProbeReport;
}

/** One design: the kind of front door and its mode, and what the three clients got there. */
export interface DesignRow {
  /** "NLB TCP", "ALB HTTPS · verify", "CloudFront HTTPS · passthrough". */
  design: string;
  verifiedBy: VerifierCode;
  /** For each client, the probe the row shows: of the scenarios with this design, the best-evidenced one. */
  probes: Partial<Record<CoreClient, DesignProbe>>;
  /** null: the trusted client's request reached no target. */
  learns: string[] | null;
  /** Every scenario that has this design with these outcomes, in report order. */
  scenarios: { scenario: string; title: string }[];
}

/** How a cell reads, for telling two designs' rows apart: the outcome and its status. */
const cellKey = (probe: ProbeReport | undefined) =>
  probe ? `${probe.outcome.code}:${probe.outcome.status ?? ''}:${probe.pass}` : '-';

/** Which of two probes with the same outcome a row shows: what AWS documents or a seed shows, before an assumption. */
const RANK: Record<ReturnType<typeof probeBasis>, number> = {
  aws: 0,
  assumed: 1,
  yours: 2,
  unjudged: 3,
  differ: 4,
  skipped: 5,
};

/**
 * The designs of the report, one row each: front doors with the same kind, mode and verifier where a client
 * without a certificate and clientA got the same, whichever scenario they are in. Doors without both plain requests
 * are left out: they are about something else (chains, identity filters, listener rules, stickiness).
 */
export function designRows(sections: readonly ReportSection[]): DesignRow[] {
  const rows = new Map<string, DesignRow>();
  for (const { report } of sections) {
    if (report.skipped) continue;
    const doors = new Map<string, Partial<Record<CoreClient, ProbeReport>>>();
    for (const probe of report.probes) {
      const client = coreClientOf(probe);
      if (!client) continue;
      const key = `${probe.via.loadBalancer}|${probe.via.port}`;
      const door = doors.get(key) ?? {};
      door[client] ??= probe;
      doors.set(key, door);
    }
    for (const [key, probes] of doors) {
      if (!probes.none || !probes.trusted) continue;
      const [path, port] = key.split('|');
      const balancer = report.topology.balancers.find((b) => b.path === path);
      const listener = balancer?.listeners.find((l) => String(l.port) === port);
      const mode =
        listener?.viewerMtlsMode ?? (listener?.mutualTls && listener.mutualTls !== 'off' ? listener.mutualTls : null);
      const design = `${balancer?.kind ?? path} ${listener?.protocol ?? ''}${mode ? ` · ${mode}` : ''}`.trim();
      const verifiedBy = listener?.clientVerifiedBy ?? probes.trusted.verifiedBy;
      const learns = learnedFields(probes.trusted);
      const rowKey = [design, verifiedBy, cellKey(probes.none), cellKey(probes.trusted), learns?.join(',') ?? '-'].join(
        '|',
      );
      const row = rows.get(rowKey) ?? { design, verifiedBy, probes: {}, learns, scenarios: [] };
      for (const client of ['none', 'trusted', 'untrusted'] as const) {
        const probe = probes[client];
        const shown = row.probes[client];
        if (probe && (!shown || RANK[probeBasis(probe)] < RANK[probeBasis(shown.probe)]))
          row.probes[client] = { scenario: report.scenario, probe };
      }
      if (!row.scenarios.some((one) => one.scenario === report.scenario))
        row.scenarios.push({ scenario: report.scenario, title: report.title });
      rows.set(rowKey, row);
    }
  }
  return [...rows.values()];
}

/** The matrix's clients split: the core three first (as the matrix labels them), the rest for the appendix. */
export function splitClients(clients: readonly string[], noCertificate: string): { core: string[]; other: string[] } {
  const coreOrder = [noCertificate, TRUSTED, UNTRUSTED];
  const core = coreOrder.filter((client) => clients.includes(client));
  return { core, other: clients.filter((client) => !core.includes(client)) };
}

/** A scenario's takeaways as one line and the rest: the first bullet is what the room reads. */
export function takeawayHead(items: readonly string[]): { line: string; rest: string[] } | null {
  const [line, ...rest] = items;
  return line === undefined ? null : { line, rest };
}
