// What a report shows: each scenario's run report with its texts and diagram, and the facts both renderers derive
// from a probe. Pure.
import type { ProbeReport, ScenarioReport } from '../../sandbox/report.js';
import type { Lang } from '../../sandbox/text.js';
import { sourcesText } from '../i18n/index.js';
import type { Words } from './words.js';

export interface ReportSection {
  report: ScenarioReport;
  /** The scenario's summary and explanation in the report's language. */
  summary: string;
  explanation: string;
}

export interface ReportDocument {
  lang: Lang;
  /** ISO 8601; passed in so that rendering stays pure. */
  generatedAt: string;
  /** Where the repository's docs are seen from the report (e.g. "../" or an absolute path ending in /). */
  docsBase: string;
  sections: ReportSection[];
}

export type ReportFormat = 'md' | 'html' | 'pdf';

export const documentPasses = (document: ReportDocument): boolean =>
  document.sections.every((section) => section.report.pass);

/** The tls_verify_status of each connection-log entry that has one. */
export function tlsVerifyStatuses(probe: ProbeReport): string[] {
  return probe.connectionLog.flatMap((entry) =>
    entry.tls_verify_status === undefined ? [] : [String(entry.tls_verify_status)],
  );
}

/** What the target recorded, without nginx's "-" (unset) values. */
export function recordedDetails(probe: ProbeReport): [string, string][] {
  return Object.entries(probe.target?.details ?? {}).filter(([, value]) => value !== '' && value !== '-');
}

/** "HTTP 200 (HTTP/1.1)", or why there was no response. */
export function responseLine(probe: ProbeReport, noResponse: string): string {
  if (probe.response) return `HTTP ${probe.response.status} (HTTP/${probe.response.httpVersion})`;
  const why = probe.connectionError ?? probe.handshake.error;
  return why ? `${noResponse}: ${why}` : noResponse;
}

/** A URL fragment for a scenario or probe heading. */
export const anchor = (...parts: string[]): string => parts.join('--').replace(/[^A-Za-z0-9_-]/g, '-');

/** "certificate clientA, from 127.0.0.1", "no certificate, from 127.0.0.1–127.0.0.16 (16 clients)". */
export function clientWords(probe: ProbeReport, s: Words): string {
  const source = sourcesText(probe.client, s.lang);
  return probe.client.certificate
    ? s('clientWithCertificate', { certificate: probe.client.certificate, source })
    : s('clientWithoutCertificate', { source });
}

/** "1 December 2026, 22:02 UTC" / "2026年12月1日 22:02 UTC": when the report was made, as a person reads dates. */
export function humanDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return lang === 'ja' ? `${day} ${time} UTC` : `${day}, ${time} UTC`;
}

/** The bullets of a scenario's "What to notice" text: its takeaways. */
export function takeaways(explanation: string): string[] {
  return explanation
    .split('\n')
    .flatMap((line) => {
      const item = /^\s*- (.*)$/.exec(line);
      return item ? [item[1]!] : [];
    })
    .filter((item) => item.trim() !== '');
}

/** A front door: a scenario's load balancer listener, as a matrix column or row. */
export interface FrontDoor {
  key: string;
  scenario: string;
  /** "ALB HTTPS:443 · verify", "NLB TCP:443". */
  label: string;
}

export interface MatrixCell {
  probes: ProbeReport[];
}

/** Clients × front doors: who (which certificate) got what at each listener, over every scenario in the report. */
export interface OutcomeMatrix {
  clients: string[];
  doors: FrontDoor[];
  /** cells[client][door key] */
  cells: Map<string, Map<string, MatrixCell>>;
}

/** The client of a probe as a matrix label: its certificate (or none), and "+ header" when it adds request headers. */
export function clientLabel(probe: ProbeReport, noCertificate: string, withHeader: string): string {
  const certificate = probe.client.certificate ?? noCertificate;
  return /\s-H\s/.test(probe.command) ? `${certificate} ${withHeader}` : certificate;
}

export function outcomeMatrix(
  sections: readonly ReportSection[],
  noCertificate: string,
  withHeader: string,
  /** A mutual TLS mode in the report's language (modeText): "verify", 「検証」. */
  modeName: (mode: string) => string = (mode) => mode,
): OutcomeMatrix {
  const clients: string[] = [];
  const doors: FrontDoor[] = [];
  const cells = new Map<string, Map<string, MatrixCell>>();
  for (const { report } of sections) {
    for (const probe of report.probes) {
      if (probe.skipped || probe.clients) continue;
      const balancer = report.topology.balancers.find((b) => b.path === probe.via.loadBalancer);
      const listener = balancer?.listeners.find((l) => l.port === probe.via.port);
      const key = `${report.scenario}|${probe.via.loadBalancer}|${probe.via.port}`;
      if (!doors.some((door) => door.key === key)) {
        // CloudFront says its own mode (required, optional, passthrough) where an ELB listener says verify.
        const shown = listener?.viewerMtlsMode ?? listener?.mutualTls;
        const mode = shown && shown !== 'off' ? ` · ${modeName(shown)}` : '';
        const label = balancer
          ? `${balancer.kind} ${listener?.protocol ?? ''}:${probe.via.port}${mode}`
          : `${probe.via.loadBalancer}:${probe.via.port}`;
        doors.push({ key, scenario: report.scenario, label });
      }
      const client = clientLabel(probe, noCertificate, withHeader);
      if (!clients.includes(client)) clients.push(client);
      const row = cells.get(client) ?? new Map<string, MatrixCell>();
      cells.set(client, row);
      const cell = row.get(key) ?? { probes: [] };
      cell.probes.push(probe);
      row.set(key, cell);
    }
  }
  return { clients, doors, cells };
}
