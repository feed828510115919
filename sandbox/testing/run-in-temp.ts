// Test support: run a scenario end to end in the test file's state dir, with the real PKI and processes.
import { join } from 'node:path';
import { ensurePki } from '../../certs/pki.js';
import type { RunEvent } from '../events.js';
import type { ScenarioReport } from '../report.js';
import { type RunOptions, runScenario } from '../run.js';
import type { ScenarioDefinition } from '../scenario.js';
import { validReport } from './report-schema.js';
import { fileState } from './suite.js';

/**
 * Runs in the test file's own state dir by default (sandbox/testing/suite.ts): it holds a copy of the suite's PKI
 * and templates, and each run of a scenario claims its own folder in it.
 */
export async function runInTemp(
  scenario: ScenarioDefinition,
  state = fileState(),
  options: Pick<RunOptions, 'requestsAtOnce'> = {},
): Promise<{ report: ScenarioReport; events: RunEvent[]; state: string }> {
  const pki = await ensurePki(join(state, 'certs'));
  const events: RunEvent[] = [];
  const emit = (event: RunEvent) => events.push(event);
  const report = await runScenario(scenario, { stateDir: state, pki, lang: 'en', emit, ...options });
  return { report: validReport(report), events, state };
}

export function probe(report: ScenarioReport, name: string) {
  const found = report.probes.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no probe ${name} in ${report.scenario}`);
  return found;
}
