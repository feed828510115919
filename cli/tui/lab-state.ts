// The lab's state inside the UI's (app-state.ts holds it as `lab`): a topology kept up for the user (the lab view) or
// for a prediction run (predict view), the console's draft request, the probes sent and their before/after, the
// events, the challenges' results, and what the lab asks of the engine next (`pending`, done by use-lab.ts). Pure.
import type {
  ChallengeResult,
  ConsoleRequest,
  Elbv2ApiAccess,
  IdentityPreset,
  LabCertificate,
  LabListener,
} from '../../sandbox/door.js';
import type { RunEvent } from '../../sandbox/events.js';
import type { PredictedOutcome, Decider, PredictionAnswer } from '../../sandbox/lab/prediction.js';
import type { Message } from '../../sandbox/messages.js';
import type { Outcome, ProbeReport } from '../../sandbox/report.js';
import type { ClientCertName } from '../../certs/types.js';
import type { ProbeSpec, ScenarioDefinition } from '../../sandbox/scenario.js';
import type { Judgement } from '../../sandbox/template/matrix.js';
import type { UiKey } from '../i18n/index.js';
import { queuedRun, reduceRun, type RunState } from './run-state.js';

export const LAB_PANES = ['overview', 'console', 'probes', 'challenges'] as const;
export type LabPane = (typeof LAB_PANES)[number];

/** What the session told the UI once the topology was up. */
export interface LabInfo {
  listeners: LabListener[];
  certificates: LabCertificate[];
  presets: IdentityPreset[];
  api: Elbv2ApiAccess | null;
  pkiDir: string;
}

export const METHODS = ['GET', 'HEAD', 'POST'] as const;
export const HTTP_VERSIONS = ['1.1', '2'] as const;
export const TLS_VERSIONS = [null, '1.2', '1.3'] as const;

/** The console's request being built: indexes into the choices, and the headers. */
export interface ConsoleDraft {
  field: number;
  listener: number;
  /** 0: no certificate; n: certificates[n - 1]. */
  certificate: number;
  path: number;
  method: number;
  http: number;
  tls: number;
  headers: Record<string, string>;
}

/** The console's fields, in the order they are shown and moved through. */
export const CONSOLE_FIELDS = ['listener', 'certificate', 'path', 'method', 'http', 'tls'] as const;

/** A probe sent in the lab: its latest result, and the one before a re-run. */
export interface LabProbe {
  name: string;
  spec: ProbeSpec;
  command: string;
  /** The model's prediction for a console probe; null: none (or a scenario's probe, which has its own). */
  prediction: Judgement | null;
  /** A console probe's request and number: a re-run builds it again, predicted for the topology as it is then. */
  console: { request: ConsoleRequest; number: number } | null;
  report: ProbeReport | null;
  before: ProbeReport | null;
}

export interface LabEvent {
  at: string;
  /** An engine message (an ELBv2 change), a probe's outcome, or one of the lab's own lines. */
  text:
    | { message: Message }
    | { probe: string; outcome: Outcome }
    | { key: UiKey; vars: Record<string, string | number> };
  tone: 'change' | 'info' | 'bad' | 'ok';
}

/** What the lab asks of the engine; use-lab.ts does each in turn and reports back. */
export type LabRequest =
  | { kind: 'console'; request: ConsoleRequest; number: number }
  | { kind: 'probes'; specs: ProbeSpec[] }
  | { kind: 'rerun'; names: string[] }
  | { kind: 'mode'; listener: LabListener; mode: 'off' | 'passthrough' | 'verify' }
  | { kind: 'save'; name: string }
  | { kind: 'check'; challenge: string }
  | { kind: 'predict'; index: number }
  | { kind: 'save-sheet' };

export interface PredictState {
  index: number;
  outcome: PredictedOutcome | null;
  decider: Decider | null;
  /** asking: the learner picks; running: the probe runs; answered: the answer shows; done: the score sheet. */
  step: 'asking' | 'running' | 'answered' | 'done';
  answers: PredictionAnswer[];
  /** Where the answers were written (the score sheet says). */
  file: string | null;
}

export interface LabState {
  scenario: string;
  purpose: 'lab' | 'predict';
  /** idle: no lab; starting; ready; failed (to start); ended (a component stopped); stopping (leaving). */
  phase: 'idle' | 'starting' | 'ready' | 'failed' | 'ended' | 'stopping';
  /** The session's events folded as a run's are: steps, components, the live topology, ELBv2 changes. */
  run: RunState;
  info: LabInfo | null;
  error: string | null;
  endedBy: string | null;
  pane: LabPane;
  scroll: number;
  draft: ConsoleDraft;
  probes: LabProbe[];
  /** The probes pane's selection. */
  selected: number;
  events: LabEvent[];
  challenge: number;
  hint: boolean;
  challenges: Record<string, ChallengeResult | 'checking'>;
  pending: { id: number; request: LabRequest }[];
  nextId: number;
  /** Console probes sent so far (their names are console-1, console-2…). */
  consoleCount: number;
  /** The last console probe's name, what s saves. */
  lastConsole: string | null;
  predict: PredictState;
}

export const initialDraft = (): ConsoleDraft => ({
  field: 0,
  listener: 0,
  certificate: 1,
  path: 0,
  method: 0,
  http: 0,
  tls: 0,
  headers: {},
});

const initialPredict = (): PredictState => ({
  index: 0,
  outcome: null,
  decider: null,
  step: 'asking',
  answers: [],
  file: null,
});

export function initialLab(): LabState {
  return {
    scenario: '',
    purpose: 'lab',
    phase: 'idle',
    run: queuedRun(''),
    info: null,
    error: null,
    endedBy: null,
    pane: 'overview',
    scroll: 0,
    draft: initialDraft(),
    probes: [],
    selected: 0,
    events: [],
    challenge: 0,
    hint: false,
    challenges: {},
    pending: [],
    nextId: 1,
    consoleCount: 0,
    lastConsole: null,
    predict: initialPredict(),
  };
}

export type LabAction =
  | { type: 'open'; scenario: string; purpose: 'lab' | 'predict' }
  | { type: 'started'; info: LabInfo; at: string }
  | { type: 'start-failed'; error: string }
  | { type: 'event'; event: RunEvent; at: string }
  | { type: 'ended'; component: string; at: string }
  | { type: 'pane'; delta: number }
  | { type: 'field'; delta: number }
  | { type: 'value'; delta: number; paths: string[] }
  | { type: 'preset'; index: number }
  | { type: 'send'; paths: string[] }
  | { type: 'scenario-probes'; specs: ProbeSpec[] }
  | { type: 'rerun' }
  | { type: 'mode' }
  | { type: 'save' }
  | { type: 'check'; challenge: string }
  | { type: 'hint' }
  | { type: 'select'; delta: number; count: number }
  | { type: 'scroll'; delta: number; max: number }
  | { type: 'probe-started'; probe: Omit<LabProbe, 'report' | 'before'> }
  | { type: 'probe-done'; name: string; report: ProbeReport; at: string }
  | { type: 'request-done'; id: number }
  | { type: 'note'; event: LabEvent }
  | { type: 'challenge-done'; result: ChallengeResult; at: string }
  | { type: 'predict-outcome'; outcome: PredictedOutcome }
  | { type: 'predict-decider'; decider: Decider }
  | { type: 'predict-go'; probes: number }
  | { type: 'predict-answered'; answer: PredictionAnswer }
  | { type: 'predict-next'; probes: number }
  | { type: 'predict-saved'; file: string }
  | { type: 'leave' }
  | { type: 'stopped' };

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));
const cycle = (value: number, delta: number, count: number) => (count <= 0 ? 0 : (value + delta + count) % count);

/** Adds a request for use-lab.ts. */
function ask(lab: LabState, request: LabRequest): LabState {
  return { ...lab, pending: [...lab.pending, { id: lab.nextId, request }], nextId: lab.nextId + 1 };
}

const note = (lab: LabState, event: LabEvent): LabState => ({ ...lab, events: [...lab.events, event].slice(-200) });

/** The console's draft as the request the engine takes. */
export function requestOf(draft: ConsoleDraft, info: LabInfo, paths: string[]): ConsoleRequest | null {
  const listener = info.listeners[draft.listener];
  if (!listener) return null;
  const certificate: ClientCertName | null =
    draft.certificate === 0 ? null : (info.certificates[draft.certificate - 1]?.name ?? null);
  return {
    via: { loadBalancer: listener.loadBalancer, port: listener.port },
    certificate,
    path: paths[draft.path] ?? '/',
    method: METHODS[draft.method] ?? 'GET',
    headers: draft.headers,
    http: HTTP_VERSIONS[draft.http] ?? '1.1',
    tls: TLS_VERSIONS[draft.tls] ?? null,
  };
}

/** The headers with a preset's added, or taken out when they are all there already. */
export function togglePreset(headers: Record<string, string>, preset: IdentityPreset): Record<string, string> {
  const names = Object.keys(preset.headers);
  if (names.every((name) => headers[name] === preset.headers[name]))
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
  return { ...headers, ...preset.headers };
}

/** The paths the console offers: /, then every path the scenario's probes and challenges use. */
export function consolePaths(scenario: ScenarioDefinition | undefined): string[] {
  const used = [
    ...(scenario?.probes ?? []).map((probe) => probe.client.path),
    ...(scenario?.challenges ?? []).flatMap((challenge) => challenge.check.map((part) => part.client.path)),
  ].filter((path): path is string => typeof path === 'string');
  return [...new Set(['/', ...used])];
}

/** The next mutual TLS mode m switches to: verify → passthrough → off → verify. */
export function nextMode(mode: string | null | undefined): 'off' | 'passthrough' | 'verify' {
  return mode === 'verify' ? 'passthrough' : mode === 'passthrough' ? 'off' : 'verify';
}

export function reduceLab(lab: LabState, action: LabAction): LabState {
  switch (action.type) {
    case 'open':
      return {
        ...initialLab(),
        scenario: action.scenario,
        purpose: action.purpose,
        phase: 'starting',
        run: queuedRun(action.scenario),
        pane: 'overview',
      };
    case 'started':
      return note(
        { ...lab, phase: lab.phase === 'starting' ? 'ready' : lab.phase, info: action.info },
        { at: action.at, text: { key: 'labEventStarted', vars: {} }, tone: 'ok' },
      );
    case 'start-failed':
      return { ...lab, phase: 'failed', error: action.error };
    case 'event': {
      const run = reduceRun(lab.run, action.event);
      const next = { ...lab, run };
      return action.event.type === 'elbv2-change'
        ? note(next, { at: action.at, text: { message: action.event.change }, tone: 'change' })
        : next;
    }
    case 'ended':
      if (lab.phase === 'stopping' || lab.phase === 'idle') return lab;
      return note(
        { ...lab, phase: 'ended', endedBy: action.component },
        { at: action.at, text: { key: 'labEnded', vars: { component: action.component } }, tone: 'bad' },
      );
    case 'pane': {
      const index = LAB_PANES.indexOf(lab.pane);
      return { ...lab, pane: LAB_PANES[cycle(index, action.delta, LAB_PANES.length)]!, scroll: 0 };
    }
    case 'field':
      return {
        ...lab,
        draft: { ...lab.draft, field: clamp(lab.draft.field + action.delta, 0, CONSOLE_FIELDS.length - 1) },
      };
    case 'value':
      return { ...lab, draft: changeValue(lab, action.delta, action.paths) };
    case 'preset': {
      const preset = lab.info?.presets[action.index];
      return preset ? { ...lab, draft: { ...lab.draft, headers: togglePreset(lab.draft.headers, preset) } } : lab;
    }
    case 'send': {
      if (lab.phase !== 'ready' || !lab.info) return lab;
      const request = requestOf(lab.draft, lab.info, action.paths);
      if (!request) return lab;
      const number = lab.consoleCount + 1;
      return ask(
        { ...lab, consoleCount: number, lastConsole: `console-${number}` },
        { kind: 'console', request, number },
      );
    }
    case 'scenario-probes':
      if (lab.phase !== 'ready' || action.specs.length === 0) return lab;
      return ask({ ...lab, pane: 'probes', scroll: 0 }, { kind: 'probes', specs: action.specs });
    case 'rerun': {
      if (lab.phase !== 'ready' || lab.probes.length === 0) return lab;
      const names = lab.probes.map((probe) => probe.name);
      // Each probe's latest result becomes its "before"; the new one fills in as it arrives.
      const probes = lab.probes.map((probe) => ({ ...probe, before: probe.report ?? probe.before, report: null }));
      return ask({ ...lab, probes, pane: 'probes', scroll: 0 }, { kind: 'rerun', names });
    }
    case 'mode': {
      if (lab.phase !== 'ready' || !lab.info) return lab;
      const listener = lab.info.listeners[lab.draft.listener];
      if (!listener?.arn) return lab;
      const balancer = lab.run.topology?.balancers.find((b) => b.path === listener.loadBalancer);
      const mode = balancer?.listeners.find((l) => l.port === listener.port)?.mutualTls;
      return ask(lab, { kind: 'mode', listener, mode: nextMode(mode) });
    }
    case 'save':
      if (lab.phase !== 'ready' || !lab.lastConsole) return lab;
      if (!lab.probes.find((probe) => probe.name === lab.lastConsole)?.report) return lab;
      return ask(lab, { kind: 'save', name: lab.lastConsole });
    case 'check':
      if (lab.phase !== 'ready' || lab.challenges[action.challenge] === 'checking') return lab;
      return ask(
        { ...lab, challenges: { ...lab.challenges, [action.challenge]: 'checking' } },
        { kind: 'check', challenge: action.challenge },
      );
    case 'hint':
      return { ...lab, hint: !lab.hint };
    case 'select':
      return lab.pane === 'challenges'
        ? {
            ...lab,
            challenge: clamp(lab.challenge + action.delta, 0, Math.max(0, action.count - 1)),
            scroll: 0,
            hint: false,
          }
        : { ...lab, selected: clamp(lab.selected + action.delta, 0, Math.max(0, action.count - 1)), scroll: 0 };
    case 'scroll':
      return { ...lab, scroll: clamp(lab.scroll + action.delta, 0, Math.max(0, action.max)) };
    case 'probe-started': {
      const existing = lab.probes.findIndex((probe) => probe.name === action.probe.name);
      if (existing >= 0)
        return {
          ...lab,
          probes: lab.probes.map((probe, index) => (index === existing ? { ...probe, ...action.probe } : probe)),
        };
      const probes = [...lab.probes, { ...action.probe, report: null, before: null }];
      // A console probe's result shows in the console; the probes pane selects the newest.
      return { ...lab, probes, selected: probes.length - 1 };
    }
    case 'probe-done': {
      const probes = lab.probes.map((probe) =>
        probe.name === action.name ? { ...probe, report: action.report } : probe,
      );
      return { ...lab, probes };
    }
    case 'request-done':
      return { ...lab, pending: lab.pending.filter((entry) => entry.id !== action.id) };
    case 'note':
      return note(lab, action.event);
    case 'challenge-done': {
      const held = action.result.parts.filter((part) => part.holds).length;
      return note(
        { ...lab, challenges: { ...lab.challenges, [action.result.challenge]: action.result } },
        action.result.complete
          ? { at: action.at, text: { key: 'labEventChallengeDone', vars: { id: action.result.challenge } }, tone: 'ok' }
          : {
              at: action.at,
              text: {
                key: 'labEventChallenge',
                vars: { id: action.result.challenge, held, total: action.result.parts.length },
              },
              tone: 'info',
            },
      );
    }
    case 'predict-outcome':
      return lab.predict.step === 'asking' ? { ...lab, predict: { ...lab.predict, outcome: action.outcome } } : lab;
    case 'predict-decider':
      return lab.predict.step === 'asking' ? { ...lab, predict: { ...lab.predict, decider: action.decider } } : lab;
    case 'predict-go': {
      const { predict } = lab;
      if (lab.phase !== 'ready' || predict.step !== 'asking' || !predict.outcome || !predict.decider) return lab;
      if (predict.index >= action.probes) return lab;
      return ask({ ...lab, predict: { ...predict, step: 'running' } }, { kind: 'predict', index: predict.index });
    }
    case 'predict-answered':
      return {
        ...lab,
        scroll: 0,
        predict: { ...lab.predict, step: 'answered', answers: [...lab.predict.answers, action.answer] },
      };
    case 'predict-next': {
      const { predict } = lab;
      if (predict.step !== 'answered') return lab;
      const index = predict.index + 1;
      if (index >= action.probes)
        return ask({ ...lab, scroll: 0, predict: { ...predict, index, step: 'done' } }, { kind: 'save-sheet' });
      return { ...lab, scroll: 0, predict: { ...predict, index, step: 'asking', outcome: null, decider: null } };
    }
    case 'predict-saved':
      return { ...lab, predict: { ...lab.predict, file: action.file } };
    case 'leave':
      return lab.phase === 'idle' ? lab : { ...lab, phase: 'stopping', pending: [] };
    case 'stopped':
      return initialLab();
  }
}

function changeValue(lab: LabState, delta: number, paths: string[]): ConsoleDraft {
  const draft = lab.draft;
  const info = lab.info;
  switch (CONSOLE_FIELDS[draft.field]) {
    case 'listener':
      return { ...draft, listener: cycle(draft.listener, delta, info?.listeners.length ?? 0) };
    case 'certificate':
      return { ...draft, certificate: cycle(draft.certificate, delta, (info?.certificates.length ?? 0) + 1) };
    case 'path':
      return { ...draft, path: cycle(draft.path, delta, paths.length) };
    case 'method':
      return { ...draft, method: cycle(draft.method, delta, METHODS.length) };
    case 'http':
      return { ...draft, http: cycle(draft.http, delta, HTTP_VERSIONS.length) };
    case 'tls':
      return { ...draft, tls: cycle(draft.tls, delta, TLS_VERSIONS.length) };
    default:
      return draft;
  }
}
