// A fake engine for the UI's tests: it replays a run's events, made of the material in tui-data.ts (and the lab's
// fake in lab-fixtures.ts).
import { countEvidence } from '../../sandbox/evidence.js';
import type { RunEvent } from '../../sandbox/events.js';
import { msg } from '../../sandbox/messages.js';
import { SCHEMA_VERSION, type ScenarioReport } from '../../sandbox/report.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import { resultOf, tallyOf } from '../../sandbox/tally.js';
import { topologyReportOf } from '../../sandbox/topology-report.js';
import type { Engine } from '../tui/engine.js';
import type { PredictionSheet } from '../../sandbox/lab/prediction.js';
import { type FakeLab, fakeLab, startEvents } from './lab-fixtures.js';
import {
  ALB,
  CERT_TRANSCRIPT,
  COMPONENTS,
  NO_CERT_TRANSCRIPT,
  probeReport,
  RESET_TRANSCRIPT,
  TOPOLOGIES,
} from './tui-data.js';

export * from './tui-data.js';

/** The events of a run, in the order the engine emits them. */
export function runEvents(scenario: ScenarioDefinition, options: { failSecond?: boolean } = {}): RunEvent[] {
  const id = scenario.id;
  const reports = scenario.probes.map((spec, index) =>
    probeReport(
      spec,
      spec.client.certificate ? CERT_TRANSCRIPT : scenario === ALB ? RESET_TRANSCRIPT : NO_CERT_TRANSCRIPT,
      {
        pass: !(options.failSecond && index === 1),
        target: !(scenario === ALB && !spec.client.certificate),
        connectionLog:
          scenario === ALB
            ? [{ tls_verify_status: spec.client.certificate ? 'Success' : 'Failed:ClientCertMissing' }]
            : [],
      },
    ),
  );
  const topology = topologyReportOf(scenario, TOPOLOGIES[id]!, COMPONENTS);
  const report: ScenarioReport = {
    schemaVersion: SCHEMA_VERSION,
    scenario: id,
    title: scenario.title.en,
    runtime: 'host',
    localstack: 'off',
    durationMs: 300,
    components: COMPONENTS,
    notRealized: [],
    emulationNotes: [
      msg('note.alb-client-mtls-headers', {
        balancer: 'Alb',
        protocol: 'HTTPS',
        port: 443,
        mode: 'verify',
        inferred: true,
      }),
    ],
    steps: [],
    probes: reports,
    evidence: countEvidence(scenario.probes.map((probe) => probe.evidence.level)),
    tally: tallyOf(reports),
    result: resultOf({ skipped: false, broken: false, tally: tallyOf(reports) }),
    skipped: null,
    pass: reports.every((r) => r.pass),
    topology,
    deployment: null,
    objectsSource: null,
  };
  return [
    { type: 'scenario-start', scenario: id, title: scenario.title.en },
    {
      type: 'step',
      scenario: id,
      name: 'synth',
      durationMs: 3,
      detail: msg('step.synth-cached', { file: 'cache.json' }),
    },
    ...COMPONENTS.flatMap((component): RunEvent[] => [
      { type: 'component-starting', scenario: id, name: component.name, role: component.role },
      { type: 'component-ready', scenario: id, component },
    ]),
    { type: 'topology', scenario: id, topology },
    ...reports.flatMap((probeResult): RunEvent[] => [
      { type: 'probe-start', scenario: id, probe: probeResult.name, command: probeResult.command },
      { type: 'probe-result', scenario: id, probe: probeResult },
    ]),
    { type: 'teardown', scenario: id },
    { type: 'scenario-end', report },
  ];
}

export interface FakeEngine extends Engine {
  /** Scenarios whose runs started, and how many runs finished. */
  runs: string[];
  finished: number;
  stops: number;
  /** The lab sessions opened (lab-fixtures.ts), newest last; and the prediction sheets saved. */
  labs: FakeLab[];
  sheets: PredictionSheet[];
}

/** Replays `runEvents` for each run (a macrotask between events, like real I/O); compiles from TOPOLOGIES. */
export function fakeEngine(options: { failSecond?: boolean; hold?: Promise<void> } = {}): FakeEngine {
  const engine: FakeEngine = {
    runs: [],
    finished: 0,
    stops: 0,
    labs: [],
    sheets: [],
    compile: async (scenario) => {
      const found = TOPOLOGIES[scenario.id];
      if (!found) throw new Error(`no topology for ${scenario.id}`);
      return topologyReportOf(scenario, found);
    },
    run: async (scenario, _lang, emit) => {
      engine.runs.push(scenario.id);
      const events = runEvents(scenario, options);
      for (const [index, event] of events.entries()) {
        // `hold` pauses a run after its components are up, so tests can look at a run in progress.
        if (event.type === 'probe-start' && index > 0 && options.hold) await options.hold;
        await new Promise((resolve) => setTimeout(resolve, 1));
        emit(event);
      }
      const end = events[events.length - 1]!;
      if (end.type !== 'scenario-end') throw new Error('unreachable');
      engine.finished += 1;
      return end.report;
    },
    lab: async (scenario, _lang, emit) => {
      startEvents(scenario, emit);
      const lab = fakeLab(scenario, emit);
      engine.labs.push(lab);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return lab.session;
    },
    savePredictions: async (sheet) => {
      engine.sheets.push(sheet);
      return `/tmp/state/predictions/${sheet.scenario}.json`;
    },
    stop: async () => {
      engine.stops += 1;
    },
  };
  return engine;
}
