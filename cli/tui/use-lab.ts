// Does what the lab's state asks of the engine: starts the session when a lab opens, turns its events into actions,
// performs each pending request in turn (a console probe, the scenario's probes, a re-run, a mode switch, saving a
// probe, a challenge check, a predicted probe, the score sheet) and stops the session when the lab is left.
import { useEffect, useRef, useState } from 'react';
import type { LabSession } from '../../sandbox/door.js';
import { answerFor, type PredictionSheet } from '../../sandbox/lab/prediction.js';
import type { ProbeReport } from '../../sandbox/report.js';
import type { ProbeSpec } from '../../sandbox/scenario.js';
import type { Action, AppState } from './app-state.js';
import type { Engine } from './engine.js';
import type { LabAction, LabProbe, LabRequest } from './lab-state.js';

/** The time of an event as the events pane shows it. */
const now = (): string => new Date().toTimeString().slice(0, 8);

export function useLab(state: AppState, engine: Engine, dispatch: (action: Action) => void): void {
  const session = useRef<LabSession | null>(null);
  /** The lab being started: a lab left before its topology was up stops it as soon as it is. */
  const current = useRef<object | null>(null);
  const working = useRef(false);
  const startedAt = useRef(new Date().toISOString());
  // Bumped when a request finishes, so the next one starts even if the queue it belonged to is gone (a lab left
  // and another opened while a probe was still running).
  const [finished, setFinished] = useState(0);
  const lab = state.lab;
  const send = (action: LabAction) => dispatch({ type: 'lab', action });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a lab starts once, when it opens
  useEffect(() => {
    if (lab.phase !== 'starting' || state.quitting) return;
    const scenario = state.scenarios.find((candidate) => candidate.id === lab.scenario);
    if (!scenario) return send({ type: 'start-failed', error: `no scenario ${lab.scenario}` });
    const token = {};
    current.current = token;
    startedAt.current = new Date().toISOString();
    engine
      .lab(scenario, state.lang, (event) => {
        if (current.current === token) send({ type: 'event', event, at: now() });
      })
      .then(
        (opened) => {
          if (current.current !== token) return void opened.stop().catch(() => undefined);
          session.current = opened;
          send({
            type: 'started',
            info: {
              listeners: opened.listeners,
              certificates: opened.certificates,
              presets: opened.presets,
              api: opened.elbv2Api,
              pkiDir: opened.pkiDir,
            },
            at: now(),
          });
          void opened.ended.then(({ component }) => {
            if (session.current === opened) send({ type: 'ended', component, at: now() });
          });
        },
        (error: unknown) => {
          if (current.current === token)
            send({ type: 'start-failed', error: error instanceof Error ? error.message : String(error) });
        },
      );
  }, [lab.phase, lab.scenario]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: leaving is one transition
  useEffect(() => {
    if (lab.phase !== 'stopping') return;
    current.current = null;
    const open = session.current;
    session.current = null;
    void (open ? open.stop() : Promise.resolve()).catch(() => undefined).finally(() => send({ type: 'stopped' }));
  }, [lab.phase]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the queue and the phase
  useEffect(() => {
    const head = lab.pending[0];
    const open = session.current;
    if (!head || working.current || !open || lab.phase !== 'ready') return;
    working.current = true;
    perform(open, head.request)
      .catch((error: unknown) =>
        send({
          type: 'note',
          event: {
            at: now(),
            text: { key: 'labEventError', vars: { error: error instanceof Error ? error.message : String(error) } },
            tone: 'bad',
          },
        }),
      )
      .finally(() => {
        working.current = false;
        send({ type: 'request-done', id: head.id });
        setFinished((count) => count + 1);
      });
  }, [lab.pending, lab.phase, finished]);

  /** Runs one probe as the lab shows it: started, then its report and the event. */
  async function probe(
    open: LabSession,
    spec: ProbeSpec,
    extra: { command?: string; console?: LabProbe['console']; prediction?: LabProbe['prediction'] } = {},
  ): Promise<ProbeReport> {
    send({
      type: 'probe-started',
      probe: {
        name: spec.name,
        spec,
        command: extra.command ?? '',
        prediction: extra.prediction ?? null,
        console: extra.console ?? null,
      },
    });
    // A console probe is judged against the model's prediction for the topology as it is; a scenario's own probe
    // against its expectation, or observed only once the topology has changed (sandbox/lab/session.ts).
    const report = extra.console ? await open.probe(spec) : await open.scenarioProbe(spec);
    send({ type: 'probe-done', name: spec.name, report, at: now() });
    send({ type: 'note', event: { at: now(), text: { probe: spec.name, outcome: report.outcome }, tone: 'info' } });
    return report;
  }

  async function perform(open: LabSession, request: LabRequest): Promise<void> {
    switch (request.kind) {
      case 'console': {
        const made = open.consoleProbe(request.request, request.number);
        await probe(open, made.spec, {
          command: made.command,
          console: { request: request.request, number: request.number },
          prediction: made.prediction,
        });
        return;
      }
      case 'probes':
        for (const spec of request.specs) await probe(open, spec);
        return;
      case 'rerun': {
        const probes = lab.probes.filter((entry) => request.names.includes(entry.name));
        for (const entry of probes) {
          if (!entry.console) {
            await probe(open, entry.spec, { command: entry.command });
            continue;
          }
          // Predicted again: the listener may not be what it was when the probe was first sent.
          const made = open.consoleProbe(entry.console.request, entry.console.number);
          await probe(open, made.spec, { command: made.command, console: entry.console, prediction: made.prediction });
        }
        send({
          type: 'note',
          event: { at: now(), text: { key: 'labEventRerun', vars: { count: probes.length } }, tone: 'info' },
        });
        return;
      }
      case 'mode':
        await open.setMutualMode(request.listener, request.mode);
        return;
      case 'save': {
        const entry = lab.probes.find((candidate) => candidate.name === request.name);
        if (!entry?.report) return;
        const saved = open.saveProbe(entry.spec, entry.report);
        send({
          type: 'note',
          event: {
            at: now(),
            text: {
              key: saved.wired ? 'labEventSaved' : 'labEventSavedUnwired',
              vars: { name: saved.name, file: saved.file },
            },
            tone: 'ok',
          },
        });
        return;
      }
      case 'check':
        send({ type: 'challenge-done', result: await open.checkChallenge(request.challenge), at: now() });
        return;
      case 'predict': {
        const scenario = state.scenarios.find((candidate) => candidate.id === lab.scenario);
        const spec = scenario?.probes[request.index];
        const { outcome, decider } = lab.predict;
        if (!spec || !outcome || !decider) return;
        const report = await probe(open, spec);
        send({ type: 'predict-answered', answer: answerFor(spec, report, { outcome, decider }) });
        return;
      }
      case 'save-sheet': {
        const scenario = state.scenarios.find((candidate) => candidate.id === lab.scenario);
        const sheet: PredictionSheet = {
          kind: 'mtls-sandbox-predictions',
          version: 1,
          scenario: lab.scenario,
          title: scenario?.title ?? { en: lab.scenario, ja: lab.scenario },
          startedAt: startedAt.current,
          answers: lab.predict.answers,
        };
        send({ type: 'predict-saved', file: await engine.savePredictions(sheet) });
        return;
      }
    }
  }
}
