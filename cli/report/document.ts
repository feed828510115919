// What a report shows: each scenario's run report with its texts and diagram, and the facts both renderers derive
// from a probe. Pure.
import type { Diagram } from '../../sandbox/diagram.js';
import { parseCurlTranscript, type HandshakeStep } from '../../sandbox/probe/transcript.js';
import type { ProbeReport, ScenarioReport } from '../../sandbox/report.js';
import type { Lang } from '../../sandbox/text.js';

export interface ReportSection {
  report: ScenarioReport;
  /** The scenario's summary and explanation in the report's language. */
  summary: string;
  explanation: string;
  diagram: Diagram | null;
}

export interface ReportDocument {
  lang: Lang;
  /** ISO 8601; passed in so that rendering stays pure. */
  generatedAt: string;
  sections: ReportSection[];
}

export type ReportFormat = 'md' | 'html';

export const passedCount = (report: ScenarioReport): number => report.probes.filter((probe) => probe.pass).length;

export const documentPasses = (document: ReportDocument): boolean =>
  document.sections.every((section) => section.report.pass);

/** The handshake as steps, decisive ones flagged (parsed again from the transcript: the report keeps only lines). */
export function stepsOf(probe: ProbeReport): HandshakeStep[] {
  return parseCurlTranscript(probe.transcript, null).steps;
}

export const DIRECTION_MARK: Record<HandshakeStep['direction'], string> = { out: '→', in: '←', info: '·' };

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
