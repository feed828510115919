// The bench beyond handshakes: start-up, the catalogue against its physical floor, the catalogue with LocalStack
// (none running, and one already running), the memory of an `up`, and the test suite's wall time as vitest last
// reported it. Each prints a table with its target; all of it goes into results.json. Targets are checked here, in
// the benchmark, never in timed tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pki } from '../../certs/types.js';
import { openLocalStack } from '../localstack/session.js';
import { freePort } from '../runtime/ports.js';
import { benchCatalogue, type CatalogueSpeed } from './catalogue.js';
import { benchUpMemory, type UpMemory } from './memory.js';
import { benchStartup, type StartupSpeed } from './startup.js';
import { fixed, formatTable } from './table.js';
import { testTimesFile } from '../testing/test-times-reporter.js';
import { parseTestTimes, type TestTimes } from '../testing/test-times.js';
import { testTimeTargets, timedRunCells } from './test-times.js';

export type Section = 'startup' | 'catalogue' | 'localstack' | 'memory' | 'tests';
export const SECTIONS: readonly Section[] = ['startup', 'catalogue', 'localstack', 'memory', 'tests'];

export interface LocalStackSpeed {
  /** `run --all` when no LocalStack runs: the run starts one and deploys what needs it. */
  fromNoneMs: number;
  /** `run --all` against a LocalStack already running, first run (it deploys) and second (it reuses the stacks). */
  runningFirstMs: number;
  runningAgainMs: number;
}

export interface SectionResults {
  startup?: StartupSpeed;
  catalogue?: CatalogueSpeed;
  localstack?: LocalStackSpeed;
  memory?: UpMemory;
  /** The suite's wall time per project, as vitest last reported it (`npm test`); null when never measured. */
  tests?: TestTimes | null;
  targets: { what: string; figure: string; target: string; met: boolean | null }[];
}

const TARGETS = {
  /** Issue 26: `run --all` ≤ 6 s here (its goal 5 s). */
  runAllOffMs: 6000,
  runAllOffGoalMs: 5000,
  floorRatio: 3,
  runningLocalStackMs: 15_000,
  fromNoneMs: 25_000,
  firstPaintMs: 400,
  /** Issue 26: keys respond ≤ 400 ms after launch, and `list` ≤ 200 ms. */
  interactiveMs: 400,
  listMs: 200,
  upMb: 150,
};

export async function benchSections(options: {
  sections: readonly Section[];
  root: string;
  work: string;
  pki: Pki;
  /** Targets measured before these parts (the handshakes), listed first in the table. */
  targets?: SectionResults['targets'];
}): Promise<SectionResults> {
  const results: SectionResults = { targets: [...(options.targets ?? [])] };
  const target = (what: string, figure: string, limit: string, met: boolean | null) =>
    results.targets.push({ what, figure, target: limit, met });
  const state = (name: string) => join(options.work, `state-${name}`);

  if (options.sections.includes('startup')) {
    const startup = await benchStartup({ root: options.root, stateDir: state('startup'), runs: 5 });
    results.startup = startup;
    console.log(
      `\nstart-up (${startup.compiled ? 'compiled dist/' : 'TypeScript through tsx: dist/ is missing or stale'}, median of 5):`,
    );
    console.log(
      formatTable(
        ['command', 'median ms', 'runs ms'],
        [
          ['list', String(startup.listMs), startup.listRuns.join(' ')],
          ['help (--help)', String(startup.helpMs), startup.helpRuns.join(' ')],
          ['TUI first paint', fixed(startup.tuiFirstPaintMs, 0), startup.tuiRuns.join(' ')],
          [
            'TUI time to interactive (a key typed at launch handled)',
            fixed(startup.tuiInteractiveMs, 0),
            startup.tuiInteractiveRuns.join(' '),
          ],
        ],
      ),
    );
    target('list', `${startup.listMs} ms`, `≤ ${TARGETS.listMs} ms`, startup.listMs <= TARGETS.listMs);
    target(
      'TUI first paint',
      startup.tuiFirstPaintMs === null ? 'no terminal' : `${startup.tuiFirstPaintMs} ms`,
      `≤ ${TARGETS.firstPaintMs} ms`,
      startup.tuiFirstPaintMs === null ? null : startup.tuiFirstPaintMs <= TARGETS.firstPaintMs,
    );
    target(
      'TUI time to interactive',
      startup.tuiInteractiveMs === null ? 'no terminal' : `${startup.tuiInteractiveMs} ms`,
      `≤ ${TARGETS.interactiveMs} ms`,
      startup.tuiInteractiveMs === null ? null : startup.tuiInteractiveMs <= TARGETS.interactiveMs,
    );
  }

  if (options.sections.includes('catalogue')) {
    const catalogue = await benchCatalogue({ root: options.root, stateDir: state('catalogue'), localstack: 'off' });
    results.catalogue = catalogue;
    console.log(
      `\nthe catalogue, --localstack off: run --all took ${catalogue.cliRunAllMs} ms (median of ${catalogue.cliRunAllRuns.length}; exit ${catalogue.cliExitCode}), with --concurrency 1 ${catalogue.cliSerialMs} ms (exit ${catalogue.cliSerialExitCode}); each run, and the machine as it began (TIME_WAIT: TCP sockets a run leaves for a minute; back-to-back runs pile them up):`,
    );
    console.log(
      formatTable(
        ['run', 'ms', 'load average', 'TIME_WAIT sockets'],
        catalogue.cliRunAllRuns.map((run, index) => [
          String(index + 1),
          String(run.ms),
          fixed(run.machine.loadAverage, 2),
          String(run.machine.timeWait),
        ]),
      ),
    );
    console.log('per scenario against its floor (same components, same curl commands, nothing observed or judged):');
    console.log(
      formatTable(
        ['scenario', 'run ms', 'floor ms', 'requests', 'run/floor'],
        catalogue.scenarios.map((s) => [
          s.scenario,
          String(s.runMs),
          String(s.floorMs),
          String(s.requests),
          `${s.ratio.toFixed(2)}×`,
        ]),
      ),
    );
    if (catalogue.skipped.length) console.log(`skipped (need LocalStack, or a tool): ${catalogue.skipped.join(', ')}`);
    target(
      'run --all --localstack off',
      `${catalogue.cliRunAllMs} ms`,
      `≤ ${TARGETS.runAllOffMs} ms (goal ${TARGETS.runAllOffGoalMs} ms)`,
      catalogue.cliRunAllMs <= TARGETS.runAllOffMs,
    );
    // The serial run, for comparison: no target of its own.
    target('run --all --localstack off --concurrency 1', `${catalogue.cliSerialMs} ms`, '-', null);
    const worst = catalogue.scenarios.reduce((a, b) => (b.ratio > a.ratio ? b : a), catalogue.scenarios[0]!);
    if (worst)
      target(
        'slowest scenario against its floor',
        `${worst.scenario} ${worst.ratio.toFixed(2)}×`,
        `≤ ${TARGETS.floorRatio}×`,
        worst.ratio <= TARGETS.floorRatio,
      );
  }

  if (options.sections.includes('localstack')) {
    const localstack = await benchLocalStack(options.root, state('localstack'));
    results.localstack = localstack;
    console.log('\nthe catalogue with LocalStack (run --all, wall time):');
    console.log(
      formatTable(
        ['LocalStack', 'ms'],
        [
          ['none running (the run starts one)', String(localstack.fromNoneMs)],
          ['already running, first run (deploys)', String(localstack.runningFirstMs)],
          ['already running, again (stacks reused)', String(localstack.runningAgainMs)],
        ],
      ),
    );
    target(
      'run --all, LocalStack running',
      `${localstack.runningAgainMs} ms`,
      `≤ ${TARGETS.runningLocalStackMs} ms`,
      localstack.runningAgainMs <= TARGETS.runningLocalStackMs,
    );
    target(
      'run --all, no LocalStack',
      `${localstack.fromNoneMs} ms`,
      `≤ ${TARGETS.fromNoneMs} ms`,
      localstack.fromNoneMs <= TARGETS.fromNoneMs,
    );
  }

  if (options.sections.includes('memory')) {
    const memory = await benchUpMemory({
      root: options.root,
      stateDir: state('memory'),
      scenario: 'alb-mtls-verify-headers',
      requests: 2000,
    });
    results.memory = memory;
    console.log(
      `\nup ${memory.scenario}: the runner's resident memory ${memory.idleMb} MB idle, ${memory.afterMb} MB after ${memory.requests} mutual-TLS requests (${memory.failed} failed${memory.firstError ? `: ${memory.firstError}` : ''})`,
    );
    target(
      `up ${memory.scenario} after ${memory.requests} requests`,
      `${memory.afterMb} MB`,
      `≤ ${TARGETS.upMb} MB`,
      memory.afterMb <= TARGETS.upMb,
    );
  }

  if (options.sections.includes('tests')) {
    // Read, not run: the suite takes minutes and a bench must not start it; `npm test` leaves this record.
    const file = testTimesFile(options.root);
    let tests: TestTimes | null = null;
    try {
      tests = parseTestTimes(readFileSync(file, 'utf8'));
    } catch {
      // never measured here
    }
    results.tests = tests;
    for (const row of testTimeTargets(tests)) target(row.what, row.figure, row.target, row.met);
    if (tests) {
      const rows = [
        ...Object.entries(tests.projects).map(([name, run]) => [name, ...timedRunCells(run)]),
        ...(tests.suite ? [['the whole suite (npm test)', ...timedRunCells(tests.suite)]] : []),
      ];
      console.log(`\nthe test suite, as vitest last reported it (${file}):`);
      console.log(formatTable(['project', 'wall s', 'files', 'tests', 'failed', 'run', 'measured at'], rows));
    } else console.log('\nthe test suite: not measured yet — run npm test');
  }

  if (results.targets.length) {
    console.log('\ntargets:');
    console.log(
      formatTable(
        ['what', 'figure', 'target', ''],
        results.targets.map((t) => [t.what, t.figure, t.target, t.met === null ? '-' : t.met ? 'met' : 'NOT met']),
      ),
    );
  }
  return results;
}

async function benchLocalStack(root: string, stateDir: string): Promise<LocalStackSpeed> {
  const { execa } = await import('execa');
  const cli = async (env: NodeJS.ProcessEnv): Promise<number> => {
    const started = performance.now();
    await execa('node', ['bin/mtls-sandbox.js', 'run', '--all'], {
      cwd: root,
      env: { ...process.env, MTLS_SANDBOX_STATE: stateDir, NO_COLOR: '1', ...env },
      reject: false,
      stdin: 'ignore',
    });
    return Math.round(performance.now() - started);
  };
  // A free port where nothing runs: the run finds no LocalStack there and starts its own.
  const idle = await freePort();
  await cli({ AWS_ENDPOINT_URL: `http://127.0.0.1:${idle}` }); // warm-up: PKI, synth cache
  const fromNoneMs = await cli({ AWS_ENDPOINT_URL: `http://127.0.0.1:${idle}` });
  const port = await freePort();
  const session = await openLocalStack({
    request: 'host',
    needed: true,
    stateDir,
    port,
    env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
  });
  try {
    const endpoint = { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
    const runningFirstMs = await cli(endpoint);
    const runningAgainMs = await cli(endpoint);
    return { fromNoneMs, runningFirstMs, runningAgainMs };
  } finally {
    await session.stop();
  }
}
