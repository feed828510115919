// Saving a probe sent from the lab's console into the user's own scenario folder, as a probe with an expectation:
// one file the sandbox owns, lab-probes.ts (`export const labProbes: ProbeSpec[] = [ … ];`), which scenario.ts spreads
// into its probes. The texts are made by pure functions; saveLabProbe is the small I/O shell around them.
// docs/authoring.md#lab-probes says why this shape: appending to a file of data is safe, editing scenario.ts is not,
// so scenario.ts is changed once (an import and a spread), and only where that is unambiguous.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceSpec } from '../evidence.js';
import type { ProbeReport } from '../report.js';
import type { Expectation, ProbeSpec } from '../scenario.js';
import type { Text } from '../text.js';

export const LAB_PROBES_FILE = 'lab-probes.ts';

export const LAB_PROBES_HEADER = `// Probes saved from the lab's console (mtls-sandbox up <id> --scenarios …, then s on a probe's result).
// scenario.ts spreads labProbes into its probes. The sandbox adds each saved probe before the closing "];" of the
// list; edit the probes freely (their expectations and evidence are yours), but keep that line as it is.
import type { ProbeSpec } from 'mtls-sandbox/scenario';

export const labProbes: ProbeSpec[] = [
];
`;

/** What the lab saw, as the expectation of a probe: status, target, the certificate exchange, an alert. */
export function observedExpectation(report: ProbeReport): Expectation {
  return {
    status: report.response?.status ?? null,
    ...(report.response === null && report.connectionError ? { connectionError: report.connectionError } : {}),
    handshake: {
      clientCertificateRequested: report.handshake.clientCertificateRequested,
      clientCertificateSent: report.handshake.clientCertificateSent,
      ...(report.outcome.code === 'tls-alert' && report.outcome.fact ? { alert: report.outcome.fact } : {}),
    },
    target: report.target ? { oneOf: [report.target.name] } : null,
  };
}

/** The evidence of a saved probe: the sandbox's observation, never AWS's word; the model's sources when it agreed. */
export function savedEvidence(report: ProbeReport, savedOn: string): EvidenceSpec {
  const assumption: Text = {
    en: `Observed in the sandbox's lab on ${savedOn}: what the sandbox did, not checked against AWS. Replace this with your evidence (documented(cite(...)) or observed(...)) once you have it.`,
    ja: `${savedOn} にサンドボックスのラボで記録したもの: サンドボックスの動作であり、AWS では確かめていない。根拠 (\`documented(cite(...))\` や \`observed(...)\`) が得られたら置き換えること。`,
  };
  const agreed = report.verdict.code === 'matches';
  return { level: 'assumed', citations: agreed ? report.evidence.citations : [], assumption };
}

/** The probe as TypeScript: a literal of the ProbeSpec type, indented for the list in lab-probes.ts. */
export function probeSource(spec: ProbeSpec): string {
  const { before: _before, ...data } = spec;
  return `${JSON.stringify(data, null, 2)
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')},\n`;
}

/** lab-probes.ts with one more probe before the list's closing line; null when that line is gone (edited by hand). */
export function appendProbe(fileText: string, source: string): string | null {
  const end = fileText.lastIndexOf('\n];');
  if (end < 0) return null;
  return `${fileText.slice(0, end + 1)}${source}${fileText.slice(end + 1)}`;
}

/**
 * scenario.ts importing labProbes and spreading them first into its probes; the same text when it already does; null
 * when that cannot be done safely (not exactly one `probes: [` in it).
 */
export function wireScenario(scenarioText: string): string | null {
  if (scenarioText.includes(LAB_PROBES_FILE.replace(/\.ts$/, '.js'))) return scenarioText;
  const lists = scenarioText.split(/\bprobes: \[/).length - 1;
  const firstImport = scenarioText.search(/^import /m);
  if (lists !== 1 || firstImport < 0) return null;
  const withSpread = scenarioText.replace(/\bprobes: \[/, 'probes: [\n    ...labProbes,');
  return `${withSpread.slice(0, firstImport)}import { labProbes } from './lab-probes.js';\n${withSpread.slice(firstImport)}`;
}

/** A name no probe of the file has: lab-<date>-<n>. */
export function savedName(fileText: string, savedOn: string): string {
  const stem = `lab-${savedOn.replace(/[^0-9]/g, '').slice(0, 8)}`;
  for (let n = 1; ; n += 1) if (!fileText.includes(`"name": "${stem}-${n}"`)) return `${stem}-${n}`;
}

export interface SavedProbe {
  file: string;
  name: string;
  /** scenario.ts spreads labProbes (it did already, or was changed now); false: the user must add the two lines. */
  wired: boolean;
}

export class LabProbeSaveError extends Error {}

/** Appends the console probe, with what it observed as its expectation, to the folder's lab-probes.ts. */
export function saveLabProbe(folder: string, spec: ProbeSpec, report: ProbeReport, now = new Date()): SavedProbe {
  const file = join(folder, LAB_PROBES_FILE);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : LAB_PROBES_HEADER;
  const savedOn = now.toISOString().slice(0, 10);
  const name = savedName(current, savedOn);
  const { unjudged: _unjudged, ...probe } = spec;
  const saved: ProbeSpec = {
    ...probe,
    name,
    expect: observedExpectation(report),
    evidence: savedEvidence(report, savedOn),
  };
  const next = appendProbe(current, probeSource(saved));
  if (next === null)
    throw new LabProbeSaveError(
      `${file} no longer ends its list with a line "];", so the sandbox cannot add to it. Add the probe by hand, or restore that line.`,
    );
  const scenarioFile = join(folder, 'scenario.ts');
  const scenarioText = readFileSync(scenarioFile, 'utf8');
  const wired = wireScenario(scenarioText);
  writeFileSync(file, next);
  if (wired !== null && wired !== scenarioText) writeFileSync(scenarioFile, wired);
  return { file, name, wired: wired !== null };
}
