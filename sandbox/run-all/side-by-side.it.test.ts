// Scenarios run side by side with real nginx, HAProxy, curl and the emulators: the same verdicts as a serial run, the
// events and reports in catalogue order, several topologies up at once, and Ctrl-C leaving no process behind.
import { execa } from 'execa';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import { openSandbox } from '../door.js';
import type { RunEvent } from '../events.js';
import type { ScenarioReport } from '../report.js';
import { runScenario } from '../run.js';
import type { ScenarioDefinition } from '../scenario.js';
import { freshState } from '../testing/suite.js';
import { jobOf } from './resources.js';
import { runSideBySide } from './run-side-by-side.js';

const BIN = new URL('../../bin/mtls-sandbox.js', import.meta.url).pathname;
/** Short scenarios of each kind of front door: ALB (verify, passthrough, plain TLS), NLB TLS listener. */
const IDS = ['alb-mtls-verify-headers', 'alb-mtls-passthrough', 'nlb-tls-termination', 'alb-tls-termination'];

async function scenarios(): Promise<ScenarioDefinition[]> {
  const all = await loadCatalogue();
  return IDS.map((id) => all.find((scenario) => scenario.id === id)!);
}

/** What must not depend on running side by side: each probe's verdict, outcome and mismatches. */
const verdicts = (reports: ScenarioReport[]) =>
  reports.map((report) => ({
    scenario: report.scenario,
    result: report.result,
    probes: report.probes.map((probe) => [probe.name, probe.verdict.code, probe.outcome.code, probe.mismatches]),
  }));

/** The scenario each event belongs to (the LocalStack notice belongs to none). */
const scenarioOf = (event: RunEvent): string | null =>
  event.type === 'scenario-end' ? event.report.scenario : 'scenario' in event ? event.scenario : null;

/** Every scenario's events in one piece, the pieces in catalogue order, as a serial run emits them. */
function expectCatalogueOrder(events: RunEvent[]): void {
  const pieces: string[] = [];
  for (const scenario of events.map(scenarioOf)) if (scenario && pieces.at(-1) !== scenario) pieces.push(scenario);
  expect(pieces).toEqual(IDS);
  expect(events.filter((event) => event.type === 'scenario-end').map(scenarioOf)).toEqual(IDS);
}

async function runThroughDoor(state: string, concurrency: number) {
  const events: RunEvent[] = [];
  const sandbox = openSandbox({ stateDir: state, lang: 'en', localstack: 'off', concurrency });
  try {
    const reports = await sandbox.run(await scenarios(), (event) => events.push(event));
    return { reports, events };
  } finally {
    await sandbox.stop();
  }
}

describe('scenarios side by side', () => {
  it('give the verdicts of a serial run, with events and reports in catalogue order', async () => {
    const state = freshState('side-by-side');
    const serial = await runThroughDoor(state, 1);
    const together = await runThroughDoor(state, 3);
    expect(together.reports.map((report) => report.scenario)).toEqual(IDS);
    expect(verdicts(together.reports)).toEqual(verdicts(serial.reports));
    expect(together.reports.every((report) => report.pass)).toBe(true);
    expectCatalogueOrder(serial.events);
    expectCatalogueOrder(together.events);
    // The same events, one for one, whatever order their scenarios finished in.
    expect(together.events.map((event) => [event.type, scenarioOf(event)])).toEqual(
      serial.events.map((event) => [event.type, scenarioOf(event)]),
    );
  });

  it('really run at once: three topologies are up before the first scenario ends', async () => {
    const state = freshState('overlap');
    const pki = await ensurePki(join(state, 'certs'));
    const list = await scenarios();
    // What happened, as it happened (before the events are put in catalogue order).
    const raw: RunEvent[] = [];
    const reports = await runSideBySide(
      list.map((scenario) => jobOf(scenario, { localstack: false, deployAll: false, runtime: 'host', pcap: false })),
      3,
      () => {},
      (index, emit) =>
        runScenario(list[index]!, {
          stateDir: state,
          pki,
          lang: 'en',
          emit: (event) => {
            raw.push(event);
            emit(event);
          },
        }),
    );
    expect(reports.map((report) => report.pass)).toEqual([true, true, true, true]);
    const firstEnd = raw.findIndex((event) => event.type === 'scenario-end');
    const upBeforeIt = new Set(
      raw.slice(0, firstEnd).flatMap((event) => (event.type === 'topology' ? [event.scenario] : [])),
    );
    expect(upBeforeIt.size).toBe(3);
  });
});

describe('Ctrl-C during a run side by side', () => {
  const states: string[] = [];
  afterEach(async () => {
    for (const state of states.splice(0))
      await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state }, reject: false });
  });

  /** nginx and HAProxy of this state dir, by the scenario folder in their command lines. */
  async function scenariosRunning(state: string): Promise<Set<string>> {
    const { stdout } = await execa('ps', ['-eo', 'args'], { reject: false });
    const running = new Set<string>();
    for (const line of stdout.split('\n')) {
      if (!line.includes(state) || !/nginx|haproxy/.test(line)) continue;
      const match = /\/runs\/[^/]+\/([^/\s]+)\//.exec(line);
      if (match) running.add(match[1]!);
    }
    return running;
  }

  it('stops every scenario that runs, and exits 130', async () => {
    const state = freshState('ctrl-c');
    states.push(state);
    const child = execa('node', [BIN, 'run', '--all', '--localstack', 'off', '--concurrency', '3'], {
      env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' },
      reject: false,
    });
    let exited = false;
    void child.finally(() => {
      exited = true;
    });
    // A bounded poll until processes of two scenarios run at once.
    let seen = new Set<string>();
    for (let attempt = 0; attempt < 1200 && !exited && seen.size < 2; attempt++) {
      seen = await scenariosRunning(state);
      if (seen.size < 2) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.size, 'two scenarios with processes at once').toBeGreaterThanOrEqual(2);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(await scenariosRunning(state)).toEqual(new Set());
    expect(readdirSync(join(state, 'run'))).toEqual([]);
  });
});
