// Side-by-side comparisons: two probes with their handshake steps lined up (so "Request CERT" faces "Request CERT"
// and a missing client Certificate shows as a gap), or two scenarios with their probes paired by client. Pure.
import type { HandshakeStep, ProbeReport } from '../../../sandbox/report.js';
import type { ProbeSpec, ScenarioDefinition } from '../../../sandbox/scenario.js';
import { pick, type Lang } from '../../../sandbox/text.js';
import type { AppState } from '../app-state.js';
import { identityFiltersText, stepText, t, toTargetsText, verdictText, verifierText } from '../../i18n/index.js';
import { fitLine, padLine, seg, wrapAfter, type Line, type Tone } from '../lines.js';
import { isActive, type RunState } from '../run-state.js';
import { runMark } from './browser.js';
import { tlsEnds } from './diagram.js';
import { runStatus } from './run.js';
import { ARROWS, fidelitySegment, outcomeOf, outcomeSegments, verdictMark } from './probe.js';
import { sequenceLines } from '../../sequence-text.js';
import { COMMON_HINTS, titleBarLine, windowOf, type Ctx, type Hint, type Screen } from './screen.js';
import { availablePresets } from '../presets.js';
import { certificateStatus, outcomeReason, targetLogNote } from '../../outcome-reason.js';

export const COMPARE_HINTS: Hint[] = [
  { keys: 'Tab', label: 'keySide', rank: 1 },
  { keys: '←→', label: 'keyChoose', rank: 2 },
  { keys: 'Enter', label: 'keyRunBoth', rank: 2 },
  { keys: '1-9', label: 'keyPreset', rank: 3 },
  { keys: 's', label: 'keyMode', rank: 3 },
  { keys: '↑↓', label: 'keyScroll' },
  { keys: 't', label: 'keyTranscript' },
  { keys: 'Esc', label: 'keyBack', rank: 1 },
  ...COMMON_HINTS,
];

/** What a step is, regardless of its details: the two sides line up on this. */
export function stepKey(step: HandshakeStep): string {
  // A TLS record curl has no name for is told apart by its record type and name; everything else by its kind.
  const detail = step.kind === 'tls-message' ? `:${String(step.params.record)}, ${String(step.params.name)}` : '';
  return `${step.direction}:${step.kind}${detail}`;
}

/** Lines two step lists up by their longest common subsequence of keys; unmatched steps face a gap. */
export function alignSteps<T>(a: T[], b: T[], key: (item: T) => string): [T | null, T | null][] {
  const ka = a.map(key);
  const kb = b.map(key);
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1)
      lcs[i]![j] = ka[i] === kb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const rows: [T | null, T | null][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && ka[i] === kb[j]) rows.push([a[i++]!, b[j++]!]);
    else if (j >= b.length || (i < a.length && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) rows.push([a[i++]!, null]);
    else rows.push([null, b[j++]!]);
  }
  return rows;
}

type Cell = Line[];

/** Two cells per row, each wrapped to its column; the gap shows ≠ where the sides differ. */
function rowsSideBySide(rows: { left: Cell; right: Cell; differ: boolean }[], columnWidth: number): Line[] {
  const out: Line[] = [];
  for (const row of rows) {
    const height = Math.max(row.left.length, row.right.length, 1);
    for (let i = 0; i < height; i += 1) {
      const gap = row.differ && i === 0 ? seg(' ≠ ', 'decisive') : seg(' │ ', 'dim');
      out.push([...padLine(row.left[i] ?? [], columnWidth), gap, ...fitLine(row.right[i] ?? [], columnWidth)]);
    }
  }
  return out;
}

const text = (value: string, width: number, tone: Tone = 'plain', indent = 0): Cell =>
  wrapAfter([seg(' '.repeat(indent))], value, tone, width);

function stepCell(step: HandshakeStep | null, lang: Lang, width: number): Cell {
  if (!step) return [[seg(`  ${t('onlyHere', lang)}`, 'dim')]];
  return wrapAfter(
    [seg(step.decisive ? '▸ ' : '  ', 'decisive'), seg(`${ARROWS[step.direction]} `, 'dim')],
    stepText(step, lang),
    step.decisive ? 'decisive' : 'plain',
    width,
  );
}

/**
 * What the target saw of the client certificate and what the load balancer's log says, in one line: nginx's reason
 * for a 400, and where nobody asked for a certificate, that — never a bare tls_verify_status=Success that reads as
 * "verified".
 */
export function verifySummary(report: ProbeReport, lang: Lang = 'en'): string {
  const parts: string[] = [];
  const details = report.target?.details ?? {};
  if (details.ssl_client_verify && details.ssl_client_verify !== '-')
    parts.push(`ssl_client_verify=${details.ssl_client_verify}`);
  const note = targetLogNote(report);
  if (note) parts.push(t('compareTargetLog', lang, { note }));
  const subject = report.target?.receivedHeaders['x-amzn-mtls-clientcert-subject'];
  if (subject) parts.push(`x-amzn-mtls-clientcert-subject=${subject}`);
  const status = certificateStatus(report, lang);
  if (status) parts.push(status);
  if (report.target) parts.unshift(`→ ${report.target.name}`);
  return parts.join(' · ') || '—';
}

/** A probe's name whole (wrapped after a hyphen if it must: two long names that share a start still differ). */
function probeHeader(report: ProbeReport | null, name: string, active: boolean, width: number): Cell {
  return wrapAfter(
    [seg(active ? '▶ ' : '  ', 'accent'), report ? verdictMark(report) : seg('·', 'dim'), seg(' ')],
    name,
    active ? 'selected' : 'heading',
    width,
  );
}

export function probeCompareLines(state: AppState, width: number): Line[] {
  const lang = state.lang;
  const { probeScenario, probes, side } = state.compare;
  const run = state.runs[probeScenario];
  const column = Math.max(10, Math.floor((width - 3) / 2));
  const reports = probes.map((name) => run?.probes.find((p) => p.name === name)?.report ?? null) as [
    ProbeReport | null,
    ProbeReport | null,
  ];
  const specs = probes.map((name) =>
    state.scenarios.find((s) => s.id === probeScenario)?.probes.find((p) => p.name === name),
  );
  const rows: { left: Cell; right: Cell; differ: boolean }[] = [
    {
      left: probeHeader(reports[0], probes[0], side === 0, column),
      right: probeHeader(reports[1], probes[1], side === 1, column),
      differ: false,
    },
    {
      left: text(specs[0] ? pick(specs[0].description, lang) : '', column, 'dim', 2),
      right: text(specs[1] ? pick(specs[1].description, lang) : '', column, 'dim', 2),
      differ: false,
    },
    {
      left: text(`$ ${reports[0]?.command ?? ''}`, column, 'accent'),
      right: text(`$ ${reports[1]?.command ?? ''}`, column, 'accent'),
      differ: false,
    },
  ];
  const [a, b] = reports;
  if (!a || !b) {
    const waiting = (report: ProbeReport | null): Cell =>
      text(report ? '' : isActive(run) ? t('probeRunning', lang) : t('needsRun', lang), column, 'dim');
    rows.push({ left: waiting(a), right: waiting(b), differ: false });
    return rowsSideBySide(rows, column);
  }
  // What happened to each client, then the two sequence diagrams side by side.
  // What happened, why (nginx's reason for a 400, the log's tls_verify_status for a reset), and what it rests on.
  const outcomeCell = (r: ProbeReport): Cell => {
    const reason = outcomeReason(r, lang);
    return [
      ...wrapAfter([], outcomeSegments(r, lang)[0]!.text, outcomeSegments(r, lang)[0]!.tone, column),
      ...(reason ? text(reason, column, 'decisive', 2) : []),
      ...wrapAfter([], fidelitySegment(r, lang).text, fidelitySegment(r, lang).tone, column),
    ];
  };
  rows.push({ left: outcomeCell(a), right: outcomeCell(b), differ: a.outcome.code !== b.outcome.code });
  rows.push({
    left: [[seg(t('sequence', lang), 'heading')], ...sequenceLines(a, lang, column)],
    right: [[seg(t('sequence', lang), 'heading')], ...sequenceLines(b, lang, column)],
    differ: false,
  });
  rows.push({
    left: [[seg(t('handshake', lang), 'heading')]],
    right: [[seg(t('handshake', lang), 'heading')]],
    differ: false,
  });
  for (const [left, right] of alignSteps(a.steps, b.steps, stepKey)) {
    rows.push({
      left: stepCell(left, lang, column),
      right: stepCell(right, lang, column),
      differ: (left ? stepText(left, 'en') : null) !== (right ? stepText(right, 'en') : null),
    });
  }
  const fact = (label: string, value: (r: ProbeReport) => string, tone: Tone = 'plain') => {
    const [l, r] = [value(a), value(b)];
    rows.push({
      left: [[seg(label, 'heading')], ...text(l, column, tone, 2)],
      right: [[seg(label, 'heading')], ...text(r, column, tone, 2)],
      differ: l !== r,
    });
  };
  fact(t('response', lang), (r) => outcomeOf(r, lang));
  fact(t('targetReceived', lang), (r) => (r.target ? verifySummary(r, lang) : t('noTarget', lang)));
  // Whether it is what AWS does, worded by how we know: an assumption is never "matches AWS".
  const verdictCell = (r: ProbeReport): Cell => [
    [seg(t('verdict', lang), 'heading')],
    ...wrapAfter(
      [seg(r.pass ? '✓ ' : '✗ ', r.pass ? 'ok' : 'bad')],
      verdictText(r, lang),
      !r.pass ? 'bad' : r.verdict.level === 'assumed' ? 'warn' : 'ok',
      column,
    ),
  ];
  rows.push({ left: verdictCell(a), right: verdictCell(b), differ: a.pass !== b.pass });
  return rowsSideBySide(rows, column);
}

/** Pairs items with equal keys whatever their order: the left side's order, then what is left on the right. */
export function pairByKey<T>(a: T[], b: T[], key: (item: T) => string): [T | null, T | null][] {
  const unused = [...b];
  const rows: [T | null, T | null][] = a.map((item) => {
    const index = unused.findIndex((other) => key(other) === key(item));
    return [item, index < 0 ? null : unused.splice(index, 1)[0]!];
  });
  return [...rows, ...unused.map((item): [T | null, T | null] => [null, item])];
}

/** Pairs the two scenarios' probes by what the client presents (none, clientA, an untrusted CA…). */
function clientKey(spec: ProbeSpec): string {
  return `${spec.client.certificate ?? 'none'}:${spec.client.form ?? 'pem'}`;
}

function scenarioFacts(state: AppState, scenario: ScenarioDefinition, width: number): Cell {
  const lang = state.lang;
  const diagram = state.topologies[scenario.id]?.topology;
  if (!diagram) return text(t('compiling', lang), width, 'dim');
  return diagram.balancers.flatMap((balancer) => [
    fitLine(
      [
        seg(`${balancer.kind} ${balancer.path}`, 'title'),
        seg(`  ${balancer.listeners.map((l) => `${l.protocol}:${l.port}`).join(' ')}`),
      ],
      width,
    ),
    ...balancer.listeners.flatMap((listener) => {
      const filters = identityFiltersText(listener, lang);
      const targets = toTargetsText(listener, lang);
      return [
        ...text(tlsEnds(listener, lang), width, 'plain', 2),
        ...text(t('verifiedBy', lang, { who: verifierText(listener.clientVerifiedBy, lang) }), width, 'decisive', 2),
        ...(filters ? text(filters, width, 'accent', 2) : []),
        ...(targets ? text(targets, width, 'plain', 2) : []),
      ];
    }),
  ]);
}

function probeCell(spec: ProbeSpec | null, run: RunState | undefined, lang: Lang, width: number): Cell {
  if (!spec) return [];
  const report = run?.probes.find((p) => p.name === spec.name)?.report ?? null;
  const head = wrapAfter([report ? verdictMark(report) : seg('·', 'dim'), seg(' ')], spec.name, 'heading', width);
  if (!report) return head;
  const hs = report.handshake;
  const yn = (value: boolean) => t(value ? 'yes' : 'no', lang);
  return [
    ...head,
    ...wrapAfter([seg('  ')], outcomeSegments(report, lang)[0]!.text, outcomeSegments(report, lang)[0]!.tone, width),
    ...text(
      `${t('requestCert', lang)}: ${yn(hs.clientCertificateRequested)} · ${t('certSent', lang)}: ${yn(hs.clientCertificateSent)}`,
      width,
      'decisive',
      2,
    ),
    ...text(verifySummary(report, lang), width, 'dim', 2),
  ];
}

/** A run's status in a column: its mark, then its words wrapped under one another (a headline is never cut). */
function statusLines(status: Line, width: number): Line[] {
  const [mark, ...rest] = status;
  if (!mark || rest.length === 0) return [fitLine(status, width)];
  const text = rest
    .map((part) => part.text)
    .join('')
    .trim();
  return wrapAfter([mark, seg(' ')], text, rest[0]!.tone, width);
}

export function scenarioCompareLines(state: AppState, width: number, tick: number): Line[] {
  const lang = state.lang;
  const column = Math.max(10, Math.floor((width - 3) / 2));
  const [a, b] = state.compare.scenarios.map((id) => state.scenarios.find((s) => s.id === id));
  if (!a || !b) return [];
  const [runA, runB] = [state.runs[a.id], state.runs[b.id]];
  // The active side's header is drawn inverted: which side ←/→ changes must be unmistakable.
  const header = (scenario: ScenarioDefinition, run: RunState | undefined, active: boolean): Cell => [
    fitLine(
      [
        seg(active ? '▶ ' : '  ', 'accent'),
        runMark(run, tick),
        seg(' '),
        seg(scenario.id, active ? 'selected' : 'heading'),
      ],
      column,
    ),
    ...text(pick(scenario.title, lang), column, 'dim', 2),
    ...statusLines(runStatus(run, lang, tick, column), column),
  ];
  const rows: { left: Cell; right: Cell; differ: boolean }[] = [
    {
      left: header(a, runA, state.compare.side === 0),
      right: header(b, runB, state.compare.side === 1),
      differ: false,
    },
    { left: scenarioFacts(state, a, column), right: scenarioFacts(state, b, column), differ: false },
  ];
  for (const [left, right] of pairByKey(a.probes, b.probes, clientKey)) {
    const l = probeCell(left, runA, lang, column);
    const r = probeCell(right, runB, lang, column);
    // The two differ when what happened does (not their names): the outcome, the handshake, what the target saw.
    const facts = (spec: ProbeSpec | null, run: RunState | undefined) => {
      const report = spec ? run?.probes.find((p) => p.name === spec.name)?.report : null;
      return report
        ? [
            report.outcome.code,
            report.outcome.status,
            report.handshake.clientCertificateRequested,
            report.handshake.clientCertificateSent,
            verifySummary(report, 'en'),
          ].join('|')
        : '';
    };
    rows.push({ left: l, right: r, differ: facts(left, runA) !== facts(right, runB) });
  }
  return rowsSideBySide(rows, column);
}

/** "1", "1-5": the keys that pick a preset. */
export const presetKeys = (count: number): string => (count <= 1 ? '1' : `1-${count}`);

export function compareScreen(state: AppState, ctx: Ctx): Screen {
  const lang = state.lang;
  const probes = state.compare.mode === 'probes';
  const subject = probes
    ? state.compare.probeScenario
    : `${state.compare.scenarios[0]} ↔ ${state.compare.scenarios[1]}`;
  const title = titleBarLine(
    [seg('mtls-sandbox', 'title'), seg(` · ${t(probes ? 'compareProbes' : 'compareScenarios', lang)} · ${subject}`)],
    t('langName', lang),
    ctx.width,
  );
  const presets = availablePresets(state.scenarios);
  const hint = fitLine(
    [
      seg(t('compareHint', lang, { side: t(state.compare.side === 0 ? 'left' : 'right', lang) }), 'dim'),
      ...(probes ? [] : presets.map((preset, index) => seg(`  ${index + 1} ${pick(preset.title, lang)}`, 'accent'))),
    ],
    ctx.width,
  );
  const lines = probes ? probeCompareLines(state, ctx.width) : scenarioCompareLines(state, ctx.width, ctx.tick);
  const view = windowOf(lines, state.compare.scroll, ctx.bodyHeight - 1);
  // The presets that exist, by number: keys past the last one do nothing, so the bar never promises them.
  const hints = COMPARE_HINTS.flatMap((one) =>
    one.label !== 'keyPreset' ? [one] : presets.length === 0 ? [] : [{ ...one, keys: presetKeys(presets.length) }],
  );
  return { title, body: [hint, ...view.lines], hints, maxScroll: view.maxScroll };
}
