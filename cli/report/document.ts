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

export const passedCount = (report: ScenarioReport): number => report.probes.filter((probe) => probe.pass).length;

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
