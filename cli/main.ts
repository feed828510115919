// The mtls-sandbox command line: parses the command, runs it, maps outcomes to exit codes (0 pass, 1 fail, 2 set-up).
import { ensurePki, describePki } from '../certs/pki.js';
import { findScenario, loadCatalogue, UnknownScenarioError } from '../scenarios/catalogue.js';
import type { RunEvent } from '../sandbox/events.js';
import type { RunAllReport, ScenarioReport } from '../sandbox/report.js';
import { collectDoctor, formatDoctor } from '../sandbox/localstack/doctor.js';
import { describeSession, openForRun, type LocalStackRequest } from '../sandbox/localstack/session.js';
import { MissingToolError } from '../sandbox/runtime/binaries.js';
import { down } from '../sandbox/runtime/down.js';
import { downContainers } from '../sandbox/runtime/docker/down.js';
import { TopologyError } from '../sandbox/runtime/realize.js';
import { certsDir, stateDir } from '../sandbox/runtime/state-dir.js';
import { stopEveryDriver } from '../sandbox/runtime/driver.js';
import { StartError } from '../sandbox/runtime/errors.js';
import { prepare, runScenario } from '../sandbox/run.js';
import type { ScenarioDefinition } from '../sandbox/scenario.js';
import { pick, type Lang } from '../sandbox/text.js';
import { parseCommand, USAGE, UsageError, type Command, type Runtime } from './args.js';
import { formatSummary, plainPrinter, colorEnabled } from './plain.js';
import { t } from './tui/i18n.js';
import { canOpenTui, openTui } from './tui/index.js';
import { report } from './report/command.js';
import { formatUpInstructions } from './up.js';

export async function main(argv: string[]): Promise<number> {
  installSignalHandlers();
  try {
    return await execute(parseCommand(argv));
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownScenarioError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof MissingToolError || error instanceof StartError || error instanceof TopologyError) {
      process.stderr.write(`Set-up error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`Unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  } finally {
    await stopEveryDriver();
  }
}

async function execute(command: Command): Promise<number> {
  switch (command.name) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'list':
      return list(command.json, command.lang);
    case 'certs': {
      const pki = await ensurePki(certsDir(stateDir()));
      process.stdout.write(`${describePki(pki)}\n`);
      return 0;
    }
    case 'down': {
      const result = await down(stateDir());
      for (const record of result.stopped) process.stdout.write(`stopped ${record.name} (pid ${record.pid})\n`);
      // Containers of --runtime docker, by label; null: no Docker engine answers, so there are none.
      const containers = (await downContainers(stateDir())) ?? [];
      for (const container of containers)
        process.stdout.write(`removed container ${container.name} (${container.component}, run ${container.run})\n`);
      if (result.stopped.length + containers.length === 0) process.stdout.write('Nothing of ours was running.\n');
      else if (containers.length === 0) process.stdout.write(`Stopped ${result.stopped.length} process(es).\n`);
      else
        process.stdout.write(
          `Stopped ${result.stopped.length} process(es) and removed ${containers.length} container(s).\n`,
        );
      return 0;
    }
    case 'doctor': {
      const found = await collectDoctor();
      process.stdout.write(command.json ? `${JSON.stringify(found, null, 2)}\n` : `${formatDoctor(found)}\n`);
      return 0;
    }
    case 'up':
      return up(await findScenario(command.id), command.lang, command.localstack, command.runtime);
    case 'run': {
      const scenarios = command.all ? await loadCatalogue() : await Promise.all(command.ids.map(findScenario));
      return run(scenarios, command.json, command.lang, command);
    }
    case 'report':
      return report(command);
    case 'default': {
      // On a terminal: the Ink UI. Piped or redirected: every scenario in plain text, and how to get the UI.
      if (canOpenTui(process.stdin, process.stdout))
        return openTui({
          loadScenarios: loadCatalogue,
          lang: command.lang,
          stateDir: stateDir(),
          localstack: command.localstack,
        });
      const code = await run(await loadCatalogue(), false, command.lang, command);
      process.stdout.write(`\n${t('notATerminal', command.lang)}\n`);
      return code;
    }
  }
}

async function list(json: boolean, lang: Lang): Promise<number> {
  const scenarios = await loadCatalogue();
  if (json) {
    const rows = scenarios.map((scenario) => ({
      id: scenario.id,
      title: pick(scenario.title, lang),
      summary: pick(scenario.summary, lang),
      story: scenario.story,
      seeds: scenario.seeds,
      tags: scenario.tags,
      probes: scenario.probes.map((probe) => probe.name),
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  let story = '';
  for (const scenario of scenarios) {
    if (scenario.story !== story) {
      story = scenario.story;
      process.stdout.write(`\n${story}\n`);
    }
    process.stdout.write(
      `  ${scenario.id.padEnd(30)} ${pick(scenario.title, lang)}\n  ${' '.repeat(30)} ${pick(scenario.summary, lang)}\n`,
    );
  }
  return 0;
}

async function run(
  scenarios: ScenarioDefinition[],
  json: boolean,
  lang: Lang,
  aws: { localstack?: LocalStackRequest; deployAll?: boolean; runtime?: Runtime } = {},
): Promise<number> {
  const state = stateDir();
  const pki = await ensurePki(certsDir(state));
  const emit: (event: RunEvent) => void = json
    ? () => {}
    : plainPrinter((line) => process.stdout.write(`${line}\n`), colorEnabled(process.stdout));
  const reports: ScenarioReport[] = [];
  // One LocalStack for the whole run, started only if a selected scenario needs it (sandbox/localstack/session.ts).
  const say = json ? undefined : (line: string) => process.stdout.write(`${line}\n`);
  const localstack = await openForRun({
    request: aws.localstack ?? 'auto',
    scenarios,
    deployAll: aws.deployAll ?? false,
    stateDir: state,
    log: say,
  });
  say?.(describeSession(localstack));
  try {
    for (const scenario of scenarios)
      reports.push(
        await runScenario(scenario, {
          stateDir: state,
          pki,
          lang,
          emit,
          localstack,
          deployAll: aws.deployAll,
          runtime: aws.runtime,
        }),
      );
  } finally {
    await localstack.stop();
  }
  const pass = reports.every((report) => report.pass);
  if (json) {
    const output: ScenarioReport | RunAllReport = reports.length === 1 ? reports[0]! : { scenarios: reports, pass };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    const explanations = new Map(scenarios.map((scenario) => [scenario.id, pick(scenario.explain, lang)]));
    process.stdout.write(`${formatSummary(reports, lang, explanations)}\n`);
  }
  return pass ? 0 : 1;
}

async function up(
  scenario: ScenarioDefinition,
  lang: Lang,
  request: LocalStackRequest = 'auto',
  runtime: Runtime = 'host',
): Promise<number> {
  const state = stateDir();
  const pki = await ensurePki(certsDir(state));
  const emit = plainPrinter((line) => process.stdout.write(`${line}\n`), colorEnabled(process.stdout));
  const localstack = await openForRun({
    request,
    scenarios: [scenario],
    deployAll: false,
    stateDir: state,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${describeSession(localstack)}\n`);
  if (scenario.needs?.localstack && !localstack.client)
    throw new UsageError(
      `${scenario.id} needs LocalStack, and it is off (${localstack.reason}). Install it with \`bash scripts/setup-localstack.sh\`, or use --localstack host.`,
    );
  emit({ type: 'scenario-start', scenario: scenario.id, title: pick(scenario.title, lang) });
  const prepared = await prepare(scenario, { stateDir: state, pki, lang, emit, localstack, runtime });
  process.stdout.write(`${formatUpInstructions(scenario, prepared.realized, pki, lang)}\n`);
  // Stay up until Ctrl-C / SIGTERM (the signal handlers stop everything) or `mtls-sandbox down` kills the children.
  const exit = await prepared.driver.exited();
  process.stdout.write(`A component stopped (${exit.name}; was \`mtls-sandbox down\` run?); stopping the rest.\n`);
  await prepared.stop();
  await localstack.stop();
  return 0;
}

let handlersInstalled = false;
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      void stopEveryDriver().finally(() => process.exit(code));
    });
  }
}
