// The pure parts: run state from events, app state from actions, comparisons, diagram, labels, help bar.
import { describe, expect, it } from 'vitest';
import { countEvidence } from '../../sandbox/evidence.js';
import { findScenario } from '../../scenarios/catalogue.js';
import { browserDetailLines } from './models/browser.js';
import { msg } from '../../sandbox/messages.js';
import { topologyReportOf } from '../../sandbox/topology-report.js';
import type { HandshakeStep } from '../../sandbox/report.js';
import { stepText } from '../i18n/index.js';
import { initialState, reduce, type AppState } from './app-state.js';
import { lineText } from './lines.js';
import { alignSteps, pairByKey, stepKey } from './models/compare.js';
import { diagramLines } from './models/diagram.js';
import { bigWord, presenterMax, slidesOf } from './models/presenter.js';
import { bodyExcerpt, probeDetailLines } from './models/probe.js';
import { middleCut } from './models/run.js';
import { helpBarLine, type Hint } from './models/screen.js';
import thenAndNow from '../../scenarios/then-and-now/scenario.js';
import { cycle, partnerProbe, partnerScenario } from './pairs.js';
import { queuedRun, reduceRun, type RunState } from './run-state.js';
import {
  ALB,
  COMPONENTS,
  NLB,
  NO_CERT_TRANSCRIPT,
  probeReport,
  runEvents,
  SCENARIOS,
  TOPOLOGIES,
  CERT_TRANSCRIPT,
} from '../testing/tui-fixtures.js';
import { nlbTlsBalancer, sampleDiagram } from '../testing/report-fixture.js';

const fold = (events = runEvents(NLB)): RunState => events.reduce(reduceRun, queuedRun(NLB.id));

describe('run state', () => {
  it('follows a run: starting → ready components, running → done probes, then the report', () => {
    const events = runEvents(NLB);
    const afterStart = events.slice(0, 3).reduce(reduceRun, queuedRun(NLB.id));
    expect(afterStart.phase).toBe('running');
    expect(afterStart.components).toEqual([
      { name: 'web-1', role: COMPONENTS[0]!.role, status: 'starting', report: null, error: null },
    ]);
    const probing = events.slice(0, 8).reduce(reduceRun, queuedRun(NLB.id));
    expect(probing.components.map((c) => c.status)).toEqual(['ready', 'ready']);
    expect(probing.probes).toEqual([
      {
        name: 'no-certificate',
        command: expect.stringContaining('curl -v') as string,
        status: 'running',
        report: null,
      },
    ]);
    const done = fold(events);
    expect(done.phase).toBe('done');
    expect(done.stopped).toBe(true);
    expect(done.probes.map((p) => [p.name, p.status, p.report?.pass])).toEqual([
      ['no-certificate', 'done', true],
      ['clientA-certificate', 'done', true],
    ]);
  });

  it('marks a failed component and a fresh run replaces the last one', () => {
    const failed = reduceRun(fold(), {
      type: 'component-failed',
      scenario: NLB.id,
      name: 'web-1',
      error: 'port in use',
    });
    expect(failed.components[0]).toMatchObject({ status: 'failed', error: 'port in use' });
    expect(reduceRun(failed, { type: 'scenario-start', scenario: NLB.id, title: '' }).probes).toEqual([]);
  });
});

describe('app state', () => {
  const start = (): AppState => initialState(SCENARIOS, 'en');

  it('Enter queues a run and opens the run view; events fill it and the selection follows', () => {
    let state = reduce(start(), { type: 'run', scenario: NLB.id });
    expect(state.view).toBe('run');
    expect(state.runs[NLB.id]!.phase).toBe('queued');
    for (const event of runEvents(NLB, { failSecond: true })) state = reduce(state, { type: 'event', event });
    expect(state.runs[NLB.id]!.phase).toBe('done');
    // Following the running probe ends on the last one (a failure stays selected).
    expect(state.run.probe).toBe(1);
    expect(reduce(state, { type: 'back' }).view).toBe('browser');
  });

  it('a run in progress is not queued twice', () => {
    const state = reduce(start(), { type: 'run', scenario: NLB.id });
    const again = reduce(state, { type: 'queue-run', scenario: NLB.id });
    expect(again.runs).toBe(state.runs);
  });

  it('c from the run view compares the selected probe with its opposite (no certificate ↔ certificate)', () => {
    const state = reduce(reduce(start(), { type: 'run', scenario: NLB.id }), { type: 'open-compare' });
    expect(state.compare).toMatchObject({
      mode: 'probes',
      probeScenario: NLB.id,
      probes: ['no-certificate', 'clientA-certificate'],
    });
  });

  it('c from the browser compares the scenario with its partner and queues both runs', () => {
    const state = reduce(start(), { type: 'open-compare' });
    expect(state.compare.scenarios).toEqual([NLB.id, ALB.id]);
    expect(Object.keys(state.runs).sort()).toEqual([ALB.id, NLB.id]);
  });

  it('search finds matches and n cycles through them', () => {
    let state = reduce(start(), { type: 'open-transcript', scenario: NLB.id, probe: 'no-certificate' });
    const lines = ['a', 'HTTP one', 'b', 'http two'];
    state = reduce(reduce(reduce(state, { type: 'search-start' }), { type: 'search-type', text: 'http' }), {
      type: 'search-commit',
      lines,
    });
    expect(state.transcript).toMatchObject({ query: 'http', match: 0, editing: false });
    state = reduce(state, { type: 'search-next', delta: 1, lines });
    expect(state.transcript.match).toBe(1);
    state = reduce(state, { type: 'search-next', delta: 1, lines });
    expect(state.transcript.match).toBe(0);
  });

  it('a run of another scenario starts with the list focused, so ↑↓ moves the selection, not a hidden scroll', () => {
    let state = reduce(start(), { type: 'run', scenario: NLB.id });
    state = reduce(state, { type: 'switch-pane' });
    expect(state.run.focus).toBe('detail');
    // The same scenario again keeps the focus the user chose…
    expect(reduce(state, { type: 'run', scenario: NLB.id }).run.focus).toBe('detail');
    // …another one starts on its list, at the top.
    state = reduce(state, { type: 'run', scenario: ALB.id });
    expect(state.run).toMatchObject({ scenario: ALB.id, focus: 'list', probe: 0, scroll: 0 });
    expect(reduce(state, { type: 'move', delta: 1 }).run.probe).toBe(1);
  });

  it('scrolling is clamped to what there is', () => {
    let state = reduce(start(), { type: 'switch-pane' });
    state = reduce(state, { type: 'move', delta: 5, max: 3 });
    expect(state.browser.scroll).toBe(3);
    state = reduce(state, { type: 'move', delta: -9, max: 3 });
    expect(state.browser.scroll).toBe(0);
  });
});

describe('cut-offs that do not mislead', () => {
  it('cuts a long probe name in the middle, so two names that share a start still differ', () => {
    const a = middleCut('empty-filter-list-still-checks-the-trust-store', 23);
    const b = middleCut('empty-filter-list-still-checks-revocation', 23);
    expect(a).toBe('empty-filte…trust-store');
    expect(b).toBe('empty-filte…-revocation');
    expect(a).not.toBe(b);
    expect(middleCut('short-name', 23)).toBe('short-name');
  });

  it("the detail says the probe's whole name and its position", () => {
    const spec = NLB.probes[0]!;
    const lines = probeDetailLines(
      { ...spec, name: 'empty-filter-list-still-checks-the-trust-store' },
      undefined,
      'en',
      40,
      {
        index: 11,
        total: 24,
      },
    ).map(lineText);
    // Wrapped after a hyphen if it must, never cut: the whole name, then where it stands.
    expect(lines.slice(0, 2).join('').replace(/\s+/g, '')).toContain(
      'empty-filter-list-still-checks-the-trust-store(11of24)',
    );
  });
});

describe('pairs', () => {
  it('pairs the scenarios the seeds contrast, else a neighbour in the story', () => {
    const catalogue = [
      'clb-tcp-passthrough',
      'nlb-tcp-passthrough',
      'alb-mtls-passthrough',
      'alb-mtls-verify-headers',
      'alb-rule-on-mtls-header',
    ].map((id) => ({
      ...NLB,
      id,
      story: id.startsWith('alb') ? ALB.story : NLB.story,
      // Each scenario declares its own partner, as the real ones do.
      compareWith: {
        'clb-tcp-passthrough': ['nlb-tcp-passthrough'],
        'alb-mtls-verify-headers': ['alb-mtls-passthrough'],
      }[id],
    }));
    expect(partnerScenario('nlb-tcp-passthrough', catalogue)).toBe('clb-tcp-passthrough');
    expect(partnerScenario('alb-mtls-verify-headers', catalogue)).toBe('alb-mtls-passthrough');
    expect(partnerScenario('alb-rule-on-mtls-header', catalogue)).toBe('alb-mtls-passthrough');
  });

  it('pairs a probe without a certificate with one that has one, and cycles', () => {
    expect(partnerProbe('no-certificate', NLB.probes)).toBe('clientA-certificate');
    expect(partnerProbe('clientA-certificate', NLB.probes)).toBe('no-certificate');
    // The same client through the next load balancer, when a scenario has several (then-and-now)
    expect(partnerProbe('2021-clientA', thenAndNow.probes)).toBe('2023-clientA');
    expect(partnerProbe('2023-clientA', thenAndNow.probes)).toBe('2026-clientA');
    expect(partnerProbe('2026-clientA', thenAndNow.probes)).toBe('2021-clientA');
    expect(partnerProbe('2023-sqli-blocked-by-waf', thenAndNow.probes)).toBe('2026-sqli-reaches-the-target');
    expect(cycle(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(cycle(['a', 'b', 'c'], 'a', -1)).toBe('c');
  });
});

describe('handshake comparison', () => {
  it('lines up equal steps and leaves gaps where one side has a step the other has not', () => {
    const a = probeReport(NLB.probes[0]!, NO_CERT_TRANSCRIPT).steps;
    const b = probeReport(NLB.probes[1]!, CERT_TRANSCRIPT).steps;
    const label = (step: (typeof a)[number] | null) => (step ? stepText(step, 'en') : null);
    const rows = alignSteps(a, b, stepKey).map(([l, r]) => [label(l), label(r)]);
    expect(rows).toContainEqual([
      'CertificateRequest: the server asks for a client certificate',
      'CertificateRequest: the server asks for a client certificate',
    ]);
    expect(rows).toContainEqual([
      'Client Certificate: empty, curl has no certificate to send',
      'Client Certificate: curl sends its certificate',
    ]);
    expect(rows).toContainEqual([null, 'Client CertificateVerify: proves the client holds the certificate key']);
    expect(rows).toContainEqual(['HTTP 400 Bad Request', 'HTTP 200 OK']);
  });

  it("pairs scenarios' probes by key whatever their order", () => {
    expect(pairByKey(['none', 'a', 'u'], ['a', 'u2', 'none'], (s) => s[0]!)).toEqual([
      ['none', 'none'],
      ['a', 'a'],
      ['u', 'u2'],
    ]);
    expect(pairByKey(['x'], ['y'], (s) => s)).toEqual([
      ['x', null],
      [null, 'y'],
    ]);
  });

  it('aligns generic lists by key (longest common subsequence)', () => {
    expect(alignSteps(['a', 'b', 'c'], ['a', 'x', 'c'], (s) => s)).toEqual([
      ['a', 'a'],
      ['b', null],
      [null, 'x'],
      ['c', 'c'],
    ]);
  });
});

describe('diagram', () => {
  it('draws client → load balancer (listener, TLS end, verifier) → targets with their addresses', () => {
    const lines = diagramLines(topologyReportOf(NLB, TOPOLOGIES[NLB.id]!, COMPONENTS), 'en', 60, true).map(lineText);
    expect(lines[0]).toBe('client (curl, with or without a certificate)');
    expect(lines.find((l) => l.startsWith('┌'))).toMatch(/^┌─ NLB Nlb ─+┐$/);
    expect(lines.some((l) => l.includes('listener TCP:443 → 127.0.0.1:40181'))).toBe(true);
    expect(lines).toContain('  └─▶ web-1  nginx (client-auth)  127.0.0.1:42583');
    expect(lines.at(-1)).toBe('local addresses: running now');
    // Box edges line up.
    const box = lines.filter((l) => /^[┌│└]/.test(l));
    expect(new Set(box.map((l) => l.length)).size).toBe(1);
  });

  it('an NLB TLS listener: TLS ends at the load balancer, the NLB verifies, its filters and the new connection', () => {
    const en = diagramLines(sampleDiagram(nlbTlsBalancer(['web-1'])), 'en', 80, true).map(lineText);
    expect(en.some((l) => l.includes('TLS ends at: the load balancer'))).toBe(true);
    expect(en.some((l) => l.includes('client verified by: the NLB (trust store, identity filters)'))).toBe(true);
    expect(en.some((l) => l.includes('identity filters: san-uri prefix spiffe://example.org/ns/prod/'))).toBe(true);
    expect(en.some((l) => l.includes('to the targets: a new TLS connection (the client certificate stays here)'))).toBe(
      true,
    );
    const ja = diagramLines(sampleDiagram(nlbTlsBalancer(['web-1'])), 'ja', 80, true).map(lineText);
    expect(ja.some((l) => l.includes('NLB (トラストストア、ID フィルター)'))).toBe(true);
    const none = nlbTlsBalancer(['web-1']);
    none.listeners[0]!.identityFilters = [];
    expect(diagramLines(sampleDiagram(none), 'en', 80, true).map(lineText).join('\n')).toContain(
      'identity filters: none (every trusted certificate passes)',
    );
  });

  it('puts an address under its target when the pane is narrow, and speaks Japanese', () => {
    const lines = diagramLines(topologyReportOf(NLB, TOPOLOGIES[NLB.id]!, COMPONENTS), 'ja', 36, false).map(lineText);
    expect(lines).toContain('  └─▶ web-1  nginx (証明書認証)');
    expect(lines).toContain('      127.0.0.1:42583');
    expect(lines.some((l) => l.includes('TLS の終端: ターゲット'))).toBe(true);
    expect(lines.slice(-2).join('')).toBe('ローカルアドレス: 前回の実行時 (停止済み)');
  });
});

describe('presenter', () => {
  it('tells the story: title, topology, what to notice, per probe command, sequence, outcome (config once), tally', () => {
    const slides = slidesOf(fold());
    expect(slides.map((s) => s.kind)).toEqual([
      'title',
      'topology',
      'notice',
      'command',
      'handshake',
      'config',
      'verdict',
      'command',
      'handshake',
      'verdict',
      'summary',
    ]);
    expect(presenterMax(fold())).toBe(10);
    // Before a run, the title slide; while running, one step past the last slide waits for the next.
    expect(slidesOf(undefined).map((s) => s.kind)).toEqual(['title']);
    const running = runEvents(NLB).slice(0, 7).reduce(reduceRun, queuedRun(NLB.id));
    expect(presenterMax(running)).toBe(slidesOf(running).length);
  });

  it('spells outcomes in large letters', () => {
    expect(bigWord('ALLOWED')).toHaveLength(5);
    expect(bigWord('RESET')[0]).toBe('████   █████   ████  █████  █████');
    for (const word of [
      'ALLOWED',
      'REFUSED',
      'RESET',
      'BLOCKED',
      'ANSWERED',
      'REDIRECTED',
      'ERROR',
      'ALERT',
      'TIMEOUT',
    ])
      expect(bigWord(word)[2]!.replace(/ /g, '').length, word).toBeGreaterThan(word.length);
  });
});

describe('labels', () => {
  it('words the parser steps in both languages, leaving TLS message names as they are', () => {
    const sent: HandshakeStep = {
      kind: 'client-certificate',
      direction: 'out',
      params: { empty: false },
      decisive: true,
      line: '',
      lineIndex: 0,
    };
    const alert: HandshakeStep = {
      kind: 'alert',
      direction: 'in',
      params: { from: 'server', name: 'unknown ca', fatal: true },
      decisive: true,
      line: '',
      lineIndex: 0,
    };
    const hello: HandshakeStep = {
      kind: 'client-hello',
      direction: 'out',
      params: {},
      decisive: false,
      line: '',
      lineIndex: 0,
    };
    expect(stepText(sent, 'ja')).toBe('Client Certificate: curl が証明書を送信');
    expect(stepText(alert, 'ja')).toBe('サーバーからのアラート: unknown ca (致命的)');
    expect(stepText(hello, 'ja')).toBe('ClientHello');
    expect(stepText(alert, 'en')).toBe('Alert from server: unknown ca (fatal)');
  });

  it('shows an HTML body by its title', () => {
    expect(bodyExcerpt('<html><head><title>400 The SSL certificate error</title></head></html>')).toEqual([
      '400 The SSL certificate error',
    ]);
    expect(bodyExcerpt('one\n\ntwo\nthree\nfour')).toEqual(['one', 'two', 'three']);
  });
});

describe('help bar', () => {
  const hints: Hint[] = [
    { keys: 'a', label: 'keyMove' },
    { keys: 'b', label: 'keyRun', rank: 1 },
    { keys: '?', label: 'keyHelp', pinned: true },
    { keys: 'q', label: 'keyQuit', pinned: true },
  ];

  it('keeps help and quit, then the most important hints that fit, in their order', () => {
    expect(lineText(helpBarLine(hints, 'en', 80))).toBe('a move  b run  ? help  q quit');
    expect(lineText(helpBarLine(hints, 'en', 22))).toBe('b run  ? help  q quit');
    expect(lineText(helpBarLine(hints, 'ja', 80))).toBe('a 移動  b 実行  ? ヘルプ  q 終了');
  });
});

describe('probe detail', () => {
  it('draws a distribution probe as a bar per target (stickiness scenarios)', () => {
    const spec = NLB.probes[1]!;
    const report = {
      ...probeReport(spec, CERT_TRANSCRIPT),
      distribution: { 'web-1': 24, 'web-2': 8 },
      client: { certificate: 'clientA', sourceAddress: '127.0.0.1', sources: null },
    };
    const text = probeDetailLines(
      spec,
      { name: spec.name, command: report.command, status: 'done', report },
      'en',
      80,
    ).map(lineText);
    expect(text.some((l) => l.includes('Requests per target'))).toBe(true);
    const bar = (name: string) => text.find((l) => l.trimStart().startsWith(name))!;
    expect(bar('web-1')).toMatch(/█{24}·{8} 24 {2}75%/);
    expect(bar('web-2')).toMatch(/█{8}·{24} {2}8 {2}25%/);
  });

  it('says why a probe was skipped', () => {
    const spec = NLB.probes[0]!;
    const report = {
      ...probeReport(spec, NO_CERT_TRANSCRIPT),
      skipped: msg(
        'skip.client-ip-not-realized',
        { where: 'Nlb TCP:443 → PreservedTargets' },
        msg('problem.haproxy-no-tproxy'),
      ),
    };
    const text = probeDetailLines(
      spec,
      { name: spec.name, command: report.command, status: 'done', report },
      'ja',
      80,
    ).map(lineText);
    expect(text.some((l) => l.includes('スキップ'))).toBe(true);
    expect(text.some((l) => l.includes('透過プロキシ対応なし'))).toBe(true);
  });
});

describe('browser detail', () => {
  it('shows each probe with its evidence level, an assumption in the warning colour, and the counts', async () => {
    const scenario = await findScenario('alb-rule-on-mtls-header');
    const state = initialState([scenario], 'en');
    const lines = browserDetailLines(state, scenario, 120, 0);
    const texts = lines.map(lineText);
    const assumed = scenario.probes.filter((probe) => probe.evidence.level === 'assumed');
    expect(assumed.length).toBeGreaterThan(0);
    for (const probe of scenario.probes) {
      const row = lines.find((line) => lineText(line).startsWith(`• ${probe.name} · `))!;
      expect(lineText(row)).toBe(`• ${probe.name} · ${probe.evidence.level}`);
      expect(row.find((part) => part.text.startsWith(' · '))!.tone).toBe(
        probe.evidence.level === 'assumed' ? 'warn' : 'dim',
      );
    }
    const counts = countEvidence(scenario.probes.map((probe) => probe.evidence.level));
    expect(texts).toContain(
      `${counts.documented} documented · ${counts.observed} observed · ${counts.assumed} assumed`,
    );
  });
});
