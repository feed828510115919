// One scenario run as the UI sees it, folded from the engine's RunEvents. Pure.
import type { RunEvent } from '../../sandbox/events.js';
import type { Message } from '../../sandbox/messages.js';
import type { ComponentReport, ProbeReport, ScenarioReport, TopologyReport } from '../../sandbox/report.js';

export interface ComponentState {
  name: string;
  role: Message | null;
  status: 'starting' | 'ready' | 'failed';
  report: ComponentReport | null;
  error: string | null;
  /** The error as a message code, when the engine gave one (said in the UI's language). */
  errorSaid?: Message;
}

export interface ProbeState {
  name: string;
  command: string;
  status: 'running' | 'done';
  report: ProbeReport | null;
}

export interface RunState {
  scenario: string;
  /** queued: asked for, waiting for the engine; running: events arriving; done/failed: finished. */
  phase: 'queued' | 'running' | 'done' | 'failed';
  steps: { name: string; durationMs: number; detail: Message | null }[];
  components: ComponentState[];
  probes: ProbeState[];
  report: ScenarioReport | null;
  /** The realized topology, with local addresses (from the run's topology event). */
  topology: TopologyReport | null;
  error: string | null;
  /** The components were stopped (teardown event): addresses are history from here on. */
  stopped: boolean;
  /** What calls to the sandbox's ELBv2 API changed on the running topology, oldest first. */
  changes: Message[];
}

export const queuedRun = (scenario: string): RunState => ({
  scenario,
  phase: 'queued',
  steps: [],
  components: [],
  probes: [],
  report: null,
  topology: null,
  error: null,
  stopped: false,
  changes: [],
});

export function reduceRun(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'scenario-start':
      // A fresh run replaces whatever an earlier run left.
      return { ...queuedRun(event.scenario), phase: 'running' };
    case 'step':
      return {
        ...state,
        steps: [...state.steps, { name: event.name, durationMs: event.durationMs, detail: event.detail }],
      };
    case 'component-starting':
      return {
        ...state,
        components: upsert(state.components, {
          name: event.name,
          role: event.role,
          status: 'starting',
          report: null,
          error: null,
        }),
      };
    case 'component-ready': {
      const existing = state.components.find((c) => c.name === event.component.name);
      return {
        ...state,
        components: upsert(state.components, {
          name: event.component.name,
          role: event.component.role ?? existing?.role ?? null,
          status: 'ready',
          report: event.component,
          error: null,
        }),
      };
    }
    case 'component-failed': {
      const existing = state.components.find((c) => c.name === event.name);
      return {
        ...state,
        components: upsert(state.components, {
          name: event.name,
          role: existing?.role ?? null,
          status: 'failed',
          report: null,
          error: event.error,
          ...(event.said ? { errorSaid: event.said } : {}),
        }),
      };
    }
    case 'probe-start':
      return {
        ...state,
        probes: upsertProbe(state.probes, {
          name: event.probe,
          command: event.command,
          status: 'running',
          report: null,
        }),
      };
    case 'probe-result':
      return {
        ...state,
        probes: upsertProbe(state.probes, {
          name: event.probe.name,
          command: event.probe.command,
          status: 'done',
          report: event.probe,
        }),
      };
    case 'topology':
      return { ...state, topology: event.topology };
    case 'localstack':
      return state;
    case 'elbv2-change':
      return { ...state, changes: [...state.changes, event.change] };
    case 'teardown':
      return { ...state, stopped: true };
    case 'scenario-end':
      return { ...state, phase: 'done', report: event.report, stopped: true };
  }
}

/** The engine threw (a component failed to start, a tool is missing…): the run ends with the message. */
export const failRun = (state: RunState, error: string): RunState => ({
  ...state,
  phase: 'failed',
  error,
  stopped: true,
  probes: state.probes.map((p) => (p.status === 'running' ? { ...p, status: 'done' } : p)),
});

export const isActive = (run: RunState | undefined): boolean =>
  run !== undefined && (run.phase === 'queued' || run.phase === 'running');

/** The scenario an event belongs to. */
export const scenarioOf = (event: RunEvent): string | null =>
  event.type === 'scenario-end' ? event.report.scenario : event.type === 'localstack' ? null : event.scenario;

/** Addresses are worth showing only while the components run, or as history of the last run. */
export const readyComponents = (run: RunState | undefined): ComponentReport[] =>
  run ? run.components.flatMap((c) => (c.report ? [c.report] : [])) : [];

function upsert(list: ComponentState[], item: ComponentState): ComponentState[] {
  const index = list.findIndex((c) => c.name === item.name);
  return index < 0 ? [...list, item] : list.map((c, i) => (i === index ? item : c));
}

function upsertProbe(list: ProbeState[], item: ProbeState): ProbeState[] {
  const index = list.findIndex((p) => p.name === item.name);
  return index < 0 ? [...list, item] : list.map((p, i) => (i === index ? item : p));
}
