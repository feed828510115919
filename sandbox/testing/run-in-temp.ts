// Test support: run a scenario end to end in a temporary state dir, with the real PKI and processes.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePki } from '../../certs/pki.js';
import type { RunEvent } from '../events.js';
import type { ScenarioReport } from '../report.js';
import { runScenario } from '../run.js';
import type { ScenarioDefinition } from '../scenario.js';
import { validReport } from './report-schema.js';

/**
 * One state dir shared by the scenario tests of a test run: the PKI and the synth cache are made once (both are
 * safe to share: the PKI is locked and idempotent, the cache is keyed by content), each scenario has its own folder.
 */
const sharedState = join(tmpdir(), `mtls-sandbox-tests-${process.ppid}`);

export async function runInTemp(
  scenario: ScenarioDefinition,
  state = sharedState,
): Promise<{ report: ScenarioReport; events: RunEvent[]; state: string }> {
  const pki = await ensurePki(join(state, 'certs'));
  const events: RunEvent[] = [];
  const report = await runScenario(scenario, { stateDir: state, pki, lang: 'en', emit: (event) => events.push(event) });
  return { report: validReport(report), events, state };
}

export function probe(report: ScenarioReport, name: string) {
  const found = report.probes.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no probe ${name} in ${report.scenario}`);
  return found;
}
