// The catalogue's speed, measured against its physical floor in the same run: each scenario's wall time in a real
// run (synth from cache, realize, probe, judge, stop), next to the floor — the same components started (`up`), the
// same curl commands run back to back with nothing observed or judged, and the components stopped.
import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { openSandbox } from '../door.js';
import type { ScenarioDefinition } from '../scenario.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import type { LocalStackRequest } from '../localstack/session.js';

export interface ScenarioSpeed {
  scenario: string;
  /** The scenario's own run, start of its components to their stop (the report's durationMs). */
  runMs: number;
  /** Start the same components, run every probe's curl (as many times as the probe sends requests), stop. */
  floorMs: number;
  /** How many curl commands the floor ran. */
  requests: number;
  ratio: number;
}

export interface CatalogueSpeed {
  localstack: LocalStackRequest;
  /** `mtls-sandbox run --all` as a user runs it (a new process, its output discarded): the median of RUN_ALL_RUNS. */
  cliRunAllMs: number;
  /** Each timed run, in order, with the machine's state just before it. */
  cliRunAllRuns: { ms: number; machine: MachineState }[];
  /** The last timed run's exit code (0 when every run passed). */
  cliExitCode: number;
  /** The same with --concurrency 1: one scenario, and one request, at a time (the run before scenarios ran side by
   * side). */
  cliSerialMs: number;
  cliSerialExitCode: number;
  /** Scenarios the run skipped (they need LocalStack when it is off, or this machine lacks a tool). */
  skipped: string[];
  scenarios: ScenarioSpeed[];
}

/** How many timed runs of `run --all` the median is taken over. */
const RUN_ALL_RUNS = 3;

/**
 * What else weighs on the machine when a run starts: the 1-minute load average, and the TCP sockets in TIME_WAIT
 * (each run leaves ~400 for a minute; back-to-back runs pile them up and every new connection costs more).
 */
export interface MachineState {
  loadAverage: number;
  timeWait: number;
}

export function machineState(): MachineState {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    loadAverage: Number(read('/proc/loadavg').split(' ')[0]) || 0,
    timeWait: timeWaitOf(read('/proc/net/sockstat')),
  };
}

/** The TIME_WAIT count of /proc/net/sockstat's "TCP: inuse 1 orphan 0 tw 813 alloc 1 mem 76"; 0 if it says none. */
export function timeWaitOf(sockstat: string): number {
  return Number(/^TCP:.*\btw (\d+)/m.exec(sockstat)?.[1] ?? 0);
}

/** How many requests a probe sends: one per client per round for distribution probes, else one. */
const requestsOf = (probe: ScenarioDefinition['probes'][number]): number =>
  (probe.client.sources?.length ?? 1) * Math.max(1, probe.client.repeat ?? 1);

export async function benchCatalogue(options: {
  root: string;
  stateDir: string;
  localstack: LocalStackRequest;
}): Promise<CatalogueSpeed> {
  const env = { ...process.env, MTLS_SANDBOX_STATE: options.stateDir, NO_COLOR: '1' };
  const cli = (args: string[]) =>
    execa('node', ['bin/mtls-sandbox.js', ...args], { cwd: options.root, env, reject: false, stdin: 'ignore' });
  // Warm-up: the PKI and the synth cache are made once per state dir, as on a user's second run.
  await cli(['run', '--all', '--localstack', options.localstack]);
  const cliRunAllRuns: CatalogueSpeed['cliRunAllRuns'] = [];
  let exitCode = 0;
  for (let run = 0; run < RUN_ALL_RUNS; run++) {
    const machine = machineState();
    const started = performance.now();
    const whole = await cli(['run', '--all', '--localstack', options.localstack]);
    cliRunAllRuns.push({ ms: Math.round(performance.now() - started), machine });
    exitCode = whole.exitCode === 0 ? exitCode : (whole.exitCode ?? -1);
  }
  const sorted = cliRunAllRuns.map((run) => run.ms).sort((a, b) => a - b);
  const cliRunAllMs = sorted[Math.floor(sorted.length / 2)]!;
  const serialStarted = performance.now();
  const serial = await cli(['run', '--all', '--localstack', options.localstack, '--concurrency', '1']);
  const cliSerialMs = Math.round(performance.now() - serialStarted);

  const scenarios = await loadCatalogue();
  const sandbox = openSandbox({ stateDir: options.stateDir, localstack: options.localstack, lang: 'en' });
  const speeds: ScenarioSpeed[] = [];
  const skipped: string[] = [];
  try {
    // This process's first run loads (and, from the sources, compiles) the engine's modules: not the scenario's cost.
    if (scenarios[0]) await sandbox.run([scenarios[0]], () => {});
    // The CLI's warm-up above ran dist/, whose scenario files hash differently from the sources this process runs:
    // each stack is synthesized here once, so that each run below reads its template from the cache, as a user's does.
    for (const scenario of scenarios) await sandbox.compile(scenario);
    for (const scenario of scenarios) {
      const [report] = await sandbox.run([scenario], () => {});
      if (!report || report.skipped || report.probes.every((probe) => probe.skipped)) {
        skipped.push(scenario.id);
        continue;
      }
      const floorStarted = performance.now();
      const up = await sandbox.up(scenario, () => {});
      let requests = 0;
      try {
        for (const [index, probe] of scenario.probes.entries()) {
          const command = up.probes[index]!.command;
          for (let i = 0; i < requestsOf(probe); i++, requests++)
            await execa('sh', ['-c', `${command} >/dev/null 2>&1`], { reject: false });
        }
      } finally {
        await up.stop();
      }
      const floorMs = Math.round(performance.now() - floorStarted);
      speeds.push({
        scenario: scenario.id,
        runMs: report.durationMs,
        floorMs,
        requests,
        ratio: report.durationMs / Math.max(1, floorMs),
      });
    }
  } finally {
    await sandbox.stop();
  }
  return {
    localstack: options.localstack,
    cliRunAllMs,
    cliRunAllRuns,
    cliExitCode: exitCode,
    cliSerialMs,
    cliSerialExitCode: serial.exitCode ?? -1,
    skipped,
    scenarios: speeds,
  };
}
