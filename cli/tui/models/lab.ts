// The lab view (a topology kept up in the UI): its state and address line, four panes — the overview (the environment
// to paste for the AWS CLI, the ARNs, components, the live topology), the console (a request built by choosing, and
// its result), the probes sent (before and after a change, side by side) and the scenario's challenges — and the
// events pane at the bottom, where every change made through the ELBv2 API appears as it happens. Pure.
import type { ProbeReport } from '../../../sandbox/report.js';
import type { Expectation, ScenarioDefinition } from '../../../sandbox/scenario.js';
import { pick, type Lang } from '../../../sandbox/text.js';
import type { AppState } from '../app-state.js';
import {
  decisiveFacts,
  levelText,
  outcomeGlyph,
  outcomeShort,
  outcomeTone,
  say,
  t,
  verifierText,
} from '../../i18n/index.js';
import {
  CONSOLE_FIELDS,
  consolePaths,
  HTTP_VERSIONS,
  type LabEvent,
  type LabPane,
  type LabProbe,
  type LabState,
  LAB_PANES,
  METHODS,
  TLS_VERSIONS,
} from '../lab-state.js';
import { blank, fitLine, paragraph, rule, seg, sideBySide, wrapAfter, type Line } from '../lines.js';
import { sequenceLines } from '../../sequence-text.js';
import { padEnd } from '../text.js';
import { diagramLines } from './diagram.js';
import { fidelitySegment, outcomeSegments, probeDetailLines, shellLines, verdictMark } from './probe.js';
import { componentLine } from './run.js';
import { COMMON_HINTS, spinner, titleBarLine, windowOf, type Ctx, type Hint, type Screen } from './screen.js';

const PANE_KEYS: Record<LabPane, 'labPaneOverview' | 'labPaneConsole' | 'labPaneProbes' | 'labPaneChallenges'> = {
  overview: 'labPaneOverview',
  console: 'labPaneConsole',
  probes: 'labPaneProbes',
  challenges: 'labPaneChallenges',
};

const PANE_HINTS: Record<LabPane, Hint[]> = {
  overview: [{ keys: '↑↓', label: 'keyScroll' }],
  console: [
    { keys: '↑↓', label: 'keyField', rank: 2 },
    { keys: '←→', label: 'keyValue', rank: 2 },
    { keys: '1-5', label: 'keyPresets', rank: 3 },
    { keys: 'Enter', label: 'keySend', rank: 1 },
    { keys: 'm', label: 'keySwitchMode', rank: 3 },
    { keys: 's', label: 'keySave', rank: 4 },
  ],
  probes: [{ keys: '↑↓', label: 'keyMove' }],
  challenges: [
    { keys: '↑↓', label: 'keyMove' },
    { keys: 'Enter', label: 'keyCheck', rank: 1 },
    { keys: 'h', label: 'keyHint', rank: 2 },
  ],
};

export function labHints(pane: LabPane): Hint[] {
  return [
    { keys: 'Tab', label: 'keyPane', rank: 1 },
    ...PANE_HINTS[pane],
    { keys: 'r', label: 'keyRerunLast', rank: 2 },
    { keys: 'a', label: 'keyScenarioProbes', rank: 4 },
    { keys: 'Esc', label: 'keyLeave', rank: 1 },
    ...COMMON_HINTS,
  ];
}

/** `export NAME=value …` on one line when the width allows, else broken between assignments with ` \` (still pastes). */
export const envLines = (env: Record<string, string>, width: number): string[] =>
  shellLines(['export', ...Object.entries(env).map(([name, value]) => `${name}=${value}`)].join(' '), width);

/** The time and words of one event. */
export function eventLine(event: LabEvent, lang: Lang, width: number): Line {
  const words =
    'message' in event.text
      ? say(event.text.message, lang)
      : 'probe' in event.text
        ? t('labEventProbe', lang, { probe: event.text.probe, outcome: outcomeShort(event.text.outcome, lang) })
        : t(event.text.key, lang, event.text.vars);
  const tone = event.tone === 'change' ? 'accent' : event.tone === 'bad' ? 'bad' : event.tone === 'ok' ? 'ok' : 'plain';
  return fitLine(
    [seg(`${event.at} `, 'dim'), seg(event.tone === 'change' ? '↻ ' : '· ', tone), seg(words, tone)],
    width,
  );
}

function statusLine(lab: LabState, lang: Lang, tick: number, width: number): Line[] {
  switch (lab.phase) {
    case 'starting':
      return [[seg(`${spinner(tick)} ${t('labStarting', lang)}`, 'accent')]];
    case 'failed':
      return paragraph(t('labFailed', lang, { error: lab.error ?? '' }), width, 'bad');
    case 'ended':
      return paragraph(t('labEnded', lang, { component: lab.endedBy ?? '' }), width, 'bad');
    case 'stopping':
      return [[seg(`${spinner(tick)} ${t('labStopping', lang)}`, 'accent')]];
    default: {
      const ready = lab.run.components.filter((component) => component.status === 'ready').length;
      const api = lab.info?.api;
      return [
        fitLine(
          [
            seg('● ', 'ok'),
            seg(t('labUp', lang), 'ok'),
            seg(` · ${t('labComponents', lang, { count: ready })} · `, 'dim'),
            seg(api ? t('labApi', lang, { endpoint: api.endpoint }) : t('labNoApi', lang), api ? 'accent' : 'dim'),
            ...(lab.pending.length > 0 ? [seg(`  ${spinner(tick)}`, 'accent')] : []),
          ],
          width,
        ),
      ];
    }
  }
}

function tabsLine(pane: LabPane, lang: Lang, width: number): Line {
  return fitLine(
    LAB_PANES.flatMap((candidate, index) => [
      ...(index > 0 ? [seg(' │ ', 'dim')] : []),
      seg(` ${t(PANE_KEYS[candidate], lang)} `, candidate === pane ? 'selected' : 'dim'),
    ]),
    width,
  );
}

function overviewLines(state: AppState, width: number, tick: number): Line[] {
  const { lab, lang } = state;
  const out: Line[] = [];
  const api = lab.info?.api;
  if (api) {
    out.push(rule(t('labEnvHeading', lang), width));
    for (const text of envLines(api.env, width)) out.push([seg(text, 'accent')]);
    if (api.awsCli) out.push(fitLine([seg(t('labAwsCli', lang, { path: api.awsCli }), 'dim')], width));
    if (api.objectsDir) out.push(...paragraph(t('labObjects', lang, { dir: api.objectsDir }), width, 'dim'));
    out.push(rule(t('labArns', lang), width));
    const arn = (what: string, name: string, value: string) =>
      wrapAfter([seg(`${what} ${name}: `, 'heading')], value, 'plain', width);
    for (const balancer of api.loadBalancers) {
      out.push(...arn('load balancer', balancer.path, balancer.arn));
      for (const listener of balancer.listeners) out.push(...arn('listener', listener.label, listener.arn));
    }
    for (const group of api.targetGroups) out.push(...arn('target group', group.name, group.arn));
    for (const store of api.trustStores) out.push(...arn('trust store', store.name, store.arn));
  } else if (lab.info) {
    out.push(...paragraph(t('labNoApi', lang), width, 'dim'));
  }
  if (lab.run.components.length > 0) {
    out.push(rule(t('components', lang), width));
    for (const component of lab.run.components) out.push(componentLine(component, tick, width, lang));
  }
  if (lab.run.topology) {
    out.push(rule(t('topology', lang), width));
    out.push(...diagramLines(lab.run.topology, lang, width, lab.phase === 'ready'));
  }
  return out;
}

/** A prediction's expectation in a few words: what the model says the client sees. */
export function predictionWords(expect: Expectation, lang: Lang): string {
  const parts: string[] = [];
  if (expect.status === null) parts.push(t('predictionNoResponse', lang));
  else if (typeof expect.status === 'number') parts.push(t('predictionStatus', lang, { status: expect.status }));
  if (expect.target === null) parts.push(t('predictionNoTarget', lang));
  if (expect.connectionError === null) parts.push(t('predictionNoError', lang));
  const yesNo = (value: boolean) => t(value ? 'yes' : 'no', lang);
  if (expect.handshake?.clientCertificateRequested !== undefined)
    parts.push(t('predictionCertRequested', lang, { value: yesNo(expect.handshake.clientCertificateRequested) }));
  if (expect.handshake?.clientCertificateSent !== undefined)
    parts.push(t('predictionCertSent', lang, { value: yesNo(expect.handshake.clientCertificateSent) }));
  return parts.join(' · ');
}

function consoleLines(state: AppState, scenario: ScenarioDefinition | undefined, width: number): Line[] {
  const { lab, lang } = state;
  const info = lab.info;
  if (!info) return [];
  const draft = lab.draft;
  const paths = consolePaths(scenario);
  const listener = info.listeners[draft.listener];
  const certificate = draft.certificate === 0 ? null : info.certificates[draft.certificate - 1];
  const balancer = listener && lab.run.topology?.balancers.find((b) => b.path === listener.loadBalancer);
  const live = balancer?.listeners.find((l) => l.port === listener?.port);
  const values: Record<(typeof CONSOLE_FIELDS)[number], { label: string; value: string; note?: string }> = {
    listener: {
      label: t('consoleListener', lang),
      value: listener ? `${listener.label} (${listener.kind})` : '—',
      ...(live && listener?.arn ? { note: t('consoleMode', lang, { mode: live.mutualTls ?? 'off' }) } : {}),
    },
    certificate: {
      label: t('consoleCertificate', lang),
      value: certificate?.name ?? t('consoleNoCertificate', lang),
    },
    path: { label: t('consolePath', lang), value: paths[draft.path] ?? '/' },
    method: { label: t('consoleMethod', lang), value: METHODS[draft.method] ?? 'GET' },
    http: { label: t('consoleHttp', lang), value: HTTP_VERSIONS[draft.http] === '2' ? 'h2' : 'HTTP/1.1' },
    tls: {
      label: t('consoleTls', lang),
      value: TLS_VERSIONS[draft.tls]
        ? t('consoleTlsOnly', lang, { version: `TLS ${TLS_VERSIONS[draft.tls]}` })
        : t('consoleTlsDefault', lang),
    },
  };
  const out: Line[] = [];
  CONSOLE_FIELDS.forEach((field, index) => {
    const { label, value, note } = values[field];
    const selected = index === draft.field;
    out.push(
      fitLine(
        [
          seg(selected ? '›' : ' ', 'accent'),
          seg(` ${padEnd(label, 12)} `, 'dim'),
          seg(`‹ ${value} ›`, selected ? 'selected' : 'heading'),
          ...(note ? [seg(`  ${note}`, 'dim')] : []),
        ],
        width,
      ),
    );
    // The certificate's subject and issuer in full: what tells clientB from an impostor.
    if (field === 'certificate' && certificate)
      out.push(
        ...wrapAfter([seg(' '.repeat(16))], certificate.subject, 'plain', width),
        ...wrapAfter([seg(' '.repeat(16))], t('consoleIssuedBy', lang, { issuer: certificate.issuer }), 'dim', width),
      );
  });
  const headers = Object.entries(draft.headers);
  out.push(
    fitLine(
      [
        seg(`  ${padEnd(t('consoleHeaders', lang), 12)} `, 'dim'),
        seg(
          headers.length ? headers.map(([name, value]) => `${name}: ${value}`).join('; ') : t('consoleNoHeaders', lang),
          headers.length ? 'bad' : 'plain',
        ),
      ],
      width,
    ),
  );
  out.push(
    ...wrapAfter(
      [seg(`  ${t('consolePresets', lang)}: `, 'dim')],
      info.presets.map((preset, index) => `${index + 1} ${preset.door}`).join(' · '),
      'plain',
      width,
    ),
  );
  out.push([seg(`  ${t('consoleSend', lang)}`, 'dim')]);
  const last = lab.probes.find((probe) => probe.name === lab.lastConsole);
  if (last) {
    out.push(blank(), rule(t('consoleResult', lang, { name: last.name }), width));
    out.push(
      ...wrapAfter(
        [seg(`${t('consolePrediction', lang)}: `, 'heading')],
        last.prediction
          ? `${predictionWords(last.prediction.expect, lang)} · ${levelText(last.prediction.evidence.level, lang)}`
          : t('consoleNoPrediction', lang),
        last.prediction ? 'plain' : 'dim',
        width,
      ),
    );
    if (!last.report) out.push([seg(`${spinner(0)} ${t('consoleSending', lang)}`, 'accent')]);
    out.push(
      ...probeDetailLines(
        last.spec,
        { name: last.name, command: last.command, status: last.report ? 'done' : 'running', report: last.report },
        lang,
        width,
        undefined,
        { pastable: true },
      ),
    );
    if (scenario?.origin?.kind === 'user') out.push(...paragraph(t('consoleSaveHint', lang), width, 'dim'));
  }
  return out;
}

/** "■ RESET → ● ALLOWED" or the latest outcome alone. */
function outcomeCell(report: ProbeReport | null, lang: Lang): Line {
  if (!report) return [seg('…', 'dim')];
  return [
    seg(`${outcomeGlyph(report.outcome.code)} ${outcomeShort(report.outcome, lang)}`, outcomeTone(report.outcome.code)),
  ];
}

function probeRow(probe: LabProbe, selected: boolean, lang: Lang, width: number): Line {
  const changed =
    probe.before && probe.report
      ? probe.before.outcome.code !== probe.report.outcome.code ||
        probe.before.outcome.status !== probe.report.outcome.status
      : null;
  return fitLine(
    [
      seg(selected ? '›' : ' ', 'accent'),
      seg(' '),
      verdictMark(probe.report),
      seg(' '),
      seg(padEnd(probe.name, 28), selected ? 'selected' : 'heading'),
      ...(probe.before
        ? [...outcomeCell(probe.before, lang), seg(' → ', 'dim'), ...outcomeCell(probe.report, lang)]
        : outcomeCell(probe.report, lang)),
      ...(changed === null ? [] : [seg(`  ${t(changed ? 'labChanged' : 'labSame', lang)}`, changed ? 'warn' : 'dim')]),
    ],
    width,
  );
}

/** One side of a before/after: the outcome, the decisive facts, who verified, and the sequence diagram. */
function sideLines(title: string, report: ProbeReport | null, lang: Lang, width: number): Line[] {
  const out: Line[] = [[seg(title, 'heading')]];
  if (!report) return [...out, [seg(t('probeRunning', lang), 'dim')]];
  out.push(fitLine(outcomeSegments(report, lang), width));
  for (const fact of decisiveFacts(report, lang)) out.push(...wrapAfter([seg('  ')], fact, 'plain', width));
  out.push(
    ...wrapAfter([seg('  ')], t('verifiedBy', lang, { who: verifierText(report.verifiedBy, lang) }), 'dim', width),
  );
  out.push([seg('  '), fidelitySegment(report, lang)]);
  out.push(...sequenceLines(report, lang, width, { compact: true }));
  return out;
}

function probesLines(state: AppState, width: number): Line[] {
  const { lab, lang } = state;
  if (lab.probes.length === 0) return paragraph(t('labProbesEmpty', lang), width, 'dim');
  const out: Line[] = [...paragraph(t('labRerunHint', lang), width, 'dim')];
  for (const [index, probe] of lab.probes.entries()) out.push(probeRow(probe, index === lab.selected, lang, width));
  const probe = lab.probes[lab.selected];
  if (!probe) return out;
  out.push(blank(), rule(probe.name, width));
  if (probe.before) {
    const half = Math.max(20, Math.floor((width - 3) / 2));
    out.push(
      ...sideBySide(
        sideLines(t('labBefore', lang), probe.before, lang, half),
        sideLines(t('labAfter', lang), probe.report, lang, half),
        half,
        width - half - 3,
      ),
    );
    return out;
  }
  return [
    ...out,
    ...probeDetailLines(
      probe.spec,
      { name: probe.name, command: probe.command, status: probe.report ? 'done' : 'running', report: probe.report },
      lang,
      width,
    ),
  ];
}

function challengesLines(state: AppState, scenario: ScenarioDefinition | undefined, width: number): Line[] {
  const { lab, lang } = state;
  const challenges = scenario?.challenges ?? [];
  if (challenges.length === 0) return paragraph(t('labNoChallenges', lang), width, 'dim');
  const out: Line[] = [];
  challenges.forEach((challenge, index) => {
    const result = lab.challenges[challenge.id];
    const mark =
      result === undefined
        ? seg('·', 'dim')
        : result === 'checking'
          ? seg('…', 'accent')
          : result.complete
            ? seg('✓', 'ok')
            : seg('✗', 'bad');
    const held =
      result && result !== 'checking'
        ? ` ${result.parts.filter((part) => part.holds).length}/${result.parts.length}`
        : '';
    out.push(
      fitLine(
        [
          seg(index === lab.challenge ? '›' : ' ', 'accent'),
          seg(' '),
          mark,
          seg(' '),
          seg(challenge.id, index === lab.challenge ? 'selected' : 'heading'),
          seg(held, 'dim'),
        ],
        width,
      ),
    );
  });
  const challenge = challenges[lab.challenge];
  if (!challenge) return out;
  out.push(blank(), ...paragraph(pick(challenge.goal, lang), width));
  out.push(
    ...paragraph(
      t('challengeBy', lang, { how: t(challenge.by === 'elbv2-api' ? 'challengeByApi' : 'challengeByEdit', lang) }),
      width,
      'dim',
    ),
  );
  if (lab.hint)
    out.push(
      ...wrapAfter([seg(`${t('challengeHint', lang)}: `, 'accent')], pick(challenge.hint, lang), 'plain', width),
    );
  else out.push([seg(t('challengeHintKey', lang), 'dim')]);
  out.push([seg(t('challengeCheckKey', lang), 'dim')]);
  const result = lab.challenges[challenge.id];
  if (result === 'checking') out.push(blank(), [seg(t('challengeChecking', lang), 'accent')]);
  else if (result) {
    const held = result.parts.filter((part) => part.holds).length;
    out.push(blank(), [
      seg(
        result.complete ? t('challengeDone', lang) : t('challengeNotYet', lang, { held, total: result.parts.length }),
        result.complete ? 'ok' : 'warn',
      ),
    ]);
    for (const part of result.parts) {
      out.push(
        ...wrapAfter(
          [seg(part.holds ? '✓ ' : '✗ ', part.holds ? 'ok' : 'bad'), seg(`${part.name}: `, 'heading')],
          pick(part.goal, lang),
          'plain',
          width,
        ),
      );
      out.push(fitLine([seg('    '), ...outcomeSegments(part.report, lang)], width));
      if (!part.holds)
        for (const mismatch of part.mismatches)
          out.push(...wrapAfter([seg('    ✗ ', 'bad')], say(mismatch, lang), 'dim', width));
    }
  }
  return out;
}

export function paneLines(state: AppState, width: number, tick: number): Line[] {
  const scenario = state.scenarios.find((candidate) => candidate.id === state.lab.scenario);
  switch (state.lab.pane) {
    case 'overview':
      return overviewLines(state, width, tick);
    case 'console':
      return consoleLines(state, scenario, width);
    case 'probes':
      return probesLines(state, width);
    case 'challenges':
      return challengesLines(state, scenario, width);
  }
}

export function labScreen(state: AppState, ctx: Ctx): Screen {
  const { lab, lang } = state;
  const width = ctx.width;
  const title = titleBarLine(
    [seg('mtls-sandbox', 'title'), seg(` · ${t('lab', lang)} · ${lab.scenario}`)],
    t('langName', lang),
    width,
  );
  const top = [...statusLine(lab, lang, ctx.tick, width), tabsLine(lab.pane, lang, width)];
  const eventRows = ctx.bodyHeight >= 30 ? 6 : 3;
  const events = lab.events.slice(-eventRows);
  const bottom: Line[] = [
    rule(t('labEvents', lang), width, 'heading'),
    ...(events.length === 0
      ? paragraph(t('labNoEvents', lang), width, 'dim').slice(0, eventRows)
      : events.map((event) => eventLine(event, lang, width))),
  ];
  const height = Math.max(1, ctx.bodyHeight - top.length - bottom.length);
  const pane = windowOf(
    lab.phase === 'starting' ? startingLines(state, ctx) : paneLines(state, width, ctx.tick),
    lab.scroll,
    height,
  );
  const padding = Array.from({ length: height - pane.lines.length }, () => blank());
  return {
    title,
    body: [...top, ...pane.lines, ...padding, ...bottom],
    hints: labHints(lab.pane),
    maxScroll: pane.maxScroll,
  };
}

/** While the topology starts: its steps and components as they come up. */
function startingLines(state: AppState, ctx: Ctx): Line[] {
  const run = state.lab.run;
  return [
    ...(run.steps.length > 0
      ? [fitLine([seg(run.steps.map((step) => `${step.name} ${step.durationMs} ms`).join(' · '), 'dim')], ctx.width)]
      : []),
    ...run.components.map((component) => componentLine(component, ctx.tick, ctx.width, state.lang)),
  ];
}
