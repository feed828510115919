// The mtls-sandbox command line: parses the command, runs it, maps outcomes to exit codes (0 pass, 1 fail, 2 set-up).
import type * as EngineDoor from '../sandbox/door.js';
import type {
  Emit,
  Lang,
  LocalStackRequest,
  Message,
  RunAllReport,
  ScenarioDefinition,
  ScenarioReport,
  TopologyReport,
} from '../sandbox/door.js';
import {
  BrokenScenarioError,
  type CatalogueOptions,
  findScenario,
  loadCatalogue,
  openCatalogue,
  ScenarioFolderError,
  UnknownScenarioError,
  type BrokenScenario,
} from '../scenarios/catalogue.js';
import { join } from 'node:path';
import {
  both,
  invocationLang,
  parseCommand,
  UsageError,
  version,
  type Command,
  type Runtime,
  type ScenarioDir,
} from './args.js';
import { helpText } from './help.js';
import { cliSay } from './i18n/cli-words.js';
import { brokenReason, say, t } from './i18n/index.js';
import { canOpenTui, openTui } from './tui/index.js';
import { didYouMean } from './suggest.js';

// What only some commands use is loaded when one of them runs: the engine (sandbox/door.ts: execa, the runtime, the
// emulators, some 200 modules) and the commands' own modules. `--help`, `--version`, `list` and the terminal UI's
// first frame start without them; the UI loads the engine once it has painted.
type Engine = typeof EngineDoor;
let engineLoad: Promise<Engine> | null = null;
let loaded: Engine | null = null;
let onEngineLoaded: ((engine: Engine) => void) | null = null;

/** Loads the engine (once; later calls get the same load). */
function loadEngine(): Promise<Engine> {
  engineLoad ??= import('../sandbox/door.js').then((engine) => {
    loaded = engine;
    onEngineLoaded?.(engine);
    return engine;
  });
  return engineLoad;
}

/** The engine, where it is loaded already (every command that reaches it loads it first: needsEngine). */
function engine(): Engine {
  if (!loaded) throw new Error('internal: the engine is used before it was loaded');
  return loaded;
}

/** Stops what the engine started, when it was loaded at all (nothing else can have started anything). */
const stopEngine = async (): Promise<void> => {
  const engine = await engineLoad?.catch(() => null);
  await engine?.stopEveryDriver();
};

/** A scenario's text in the language, English when it has none (the engine's pick, which `list` does not load). */
const pick = (text: { en: string; ja: string }, lang: Lang): string => text[lang] || text.en;

export async function main(argv: string[]): Promise<number> {
  installSignalHandlers();
  // The language of everything this invocation says, errors and help included: --lang, else the locale.
  const lang = invocationLang(argv);
  try {
    const command = parseCommand(argv);
    // The LocalStack keeper is started detached by `localstack start`, which then exits: losing that parent is its
    // normal life, not a reason to stop. Watched from when the engine loads: before that nothing of ours runs.
    if (!(command.name === 'localstack' && command.foreground))
      onEngineLoaded = (engine) => stopWhenOrphaned(engine, lang);
    if (needsEngine(command)) await loadEngine();
    return await execute(command, lang);
  } catch (error) {
    // A usage error needs no engine; any other is told apart by the engine's error classes (a state directory the
    // UI could not write, before the engine loaded, too).
    if (!(error instanceof UsageError)) await loadEngine().catch(() => null);
    // The state directory cannot be written (read-only, a file in its place): what and how to fix, never a trace.
    const state = loaded?.stateDirErrorOf(error, loaded.stateDir());
    if (state) {
      const message = state.said ? say(state.said, lang) : state.message;
      process.stderr.write(`${cliSay('error', lang, { message })}\n`);
      return 2;
    }
    if (
      error instanceof UsageError ||
      error instanceof UnknownScenarioError ||
      (loaded && error instanceof loaded.ComposeError) ||
      error instanceof ScenarioFolderError ||
      error instanceof BrokenScenarioError
    ) {
      // clig.dev: the usage first, the error last, where the eye lands.
      const usage = error instanceof UsageError && error.help ? `${helpText(error.help, lang)}\n\n` : '';
      process.stderr.write(`${usage}${cliSay('error', lang, { message: usageErrorText(error, lang) })}\n`);
      return 2;
    }
    if (
      loaded &&
      (error instanceof loaded.MissingToolError ||
        error instanceof loaded.StartError ||
        error instanceof loaded.TopologyError ||
        error instanceof loaded.StackSourceError)
    ) {
      process.stderr.write(`${cliSay('setUpError', lang, { message: setUpErrorText(error, lang) })}\n`);
      return 2;
    }
    process.stderr.write(`${cliSay('unexpectedError', lang, { message: (error as Error).stack ?? String(error) })}\n`);
    return 2;
  } finally {
    await stopEngine();
  }
}

/** A usage error's words in the invocation's language. */
function usageErrorText(
  error: UsageError | UnknownScenarioError | EngineDoor.ComposeError | ScenarioFolderError | BrokenScenarioError,
  lang: Lang,
): string {
  if (error instanceof UsageError) return error.text[lang];
  if (error instanceof UnknownScenarioError)
    return cliSay('noScenario', lang, { id: error.id, suggestion: didYouMean(error.id, error.known, lang) });
  if (error instanceof BrokenScenarioError)
    return cliSay('brokenScenario', lang, {
      id: error.broken.id,
      where: engine().formatLocation(error.broken),
      error: brokenReason(error.broken, lang),
    });
  return setUpErrorText(error, lang);
}

/** An engine error's words: its message code where it has one, else its English message. */
function setUpErrorText(error: Error, lang: Lang): string {
  const said = (error as { said?: Message }).said;
  return said ? say(said, lang) : error.message;
}

/** The catalogue's options for a command: the user's own scenario folders. */
const catalogueOf = (dirs: readonly ScenarioDir[] = []): CatalogueOptions => ({ userDirs: dirs });

/**
 * Commands that load the engine before they start: all but `help`, `version`, `list` of the project's own scenarios,
 * and the terminal UI (it loads the engine after its first frame).
 */
function needsEngine(command: Command): boolean {
  if (command.name === 'help' || command.name === 'version') return false;
  if (command.name === 'list') return command.json || (command.scenarioDirs ?? []).length > 0;
  if (command.name === 'default') return !opensTui(command);
  return true;
}

/** `mtls-sandbox` alone on a terminal opens the UI (with --deploy-all it is a usage error, said in execute). */
const opensTui = (command: Command): boolean =>
  command.name === 'default' && !command.deployAll && canOpenTui(process.stdin, process.stdout);

/** Commands that write the state directory (certificates, the synth cache, run records) check it first. */
function needsState(command: Command): boolean {
  switch (command.name) {
    case 'run':
    case 'up':
    case 'report':
    case 'compose':
    case 'certs':
    case 'default':
      return !opensTui(command); // the UI checks its state directory itself, without the engine
    case 'list':
      return command.json || (command.scenarioDirs ?? []).length > 0;
    case 'new':
      return command.from !== null;
    default:
      return false;
  }
}

async function execute(command: Command, lang: Lang): Promise<number> {
  if (needsState(command)) engine().ensureStateDir(engine().stateDir());
  switch (command.name) {
    case 'help':
      process.stdout.write(`${helpText(command.command ?? 'main', lang)}\n`);
      return 0;
    case 'version':
      process.stdout.write(`mtls-sandbox ${version()}\n`);
      return 0;
    case 'list':
      return list(command.json, command.lang, catalogueOf(command.scenarioDirs));
    case 'certs': {
      const { certsDir, describePki, ensurePki, stateDir } = engine();
      const pki = await ensurePki(certsDir(stateDir()));
      process.stdout.write(`${describePki(pki, lang)}\n`);
      return 0;
    }
    case 'down':
      return stopAll(lang);
    case 'doctor': {
      const found = await engine().collectDoctor();
      const { doctorJson, doctorText } = await import('./doctor-text.js');
      process.stdout.write(`${command.json ? doctorJson(found) : doctorText(found, lang)}\n`);
      return 0;
    }
    case 'up': {
      const scenario =
        command.template !== undefined
          ? await templateScenarioFor(command.template, command.parameters)
          : await findScenario(command.id!, catalogueOf(command.scenarioDirs));
      const aws = command.template !== undefined ? { ...command, localstack: command.localstack ?? 'off' } : command;
      // On a terminal the UI opens in its lab, as `mtls-sandbox` alone opens the browser; piped or --plain, text.
      if (!command.plain && canOpenTui(process.stdin, process.stdout)) {
        if (command.deployAll) throw new UsageError(both('deployAllNeedsPlain'));
        return openTui({
          loadScenarios: async () => {
            const all = await loadCatalogue(catalogueOf(command.scenarioDirs));
            return all.some((entry) => entry.id === scenario.id) ? all : [...all, scenario];
          },
          scenarioDirs: command.scenarioDirs,
          lang: command.lang,
          stateDir: engine().stateDir(),
          localstack: aws.localstack,
          runtime: command.runtime,
          startIn: { lab: scenario.id },
        });
      }
      return up(scenario, command.lang, aws);
    }
    case 'run': {
      const catalogue = catalogueOf(command.scenarioDirs);
      const { scenarios, broken } =
        command.template !== undefined
          ? { scenarios: [await templateScenarioFor(command.template, command.parameters)], broken: [] }
          : command.all
            ? await wholeCatalogue(catalogue, command.lang)
            : await namedScenarios(command.ids, catalogue, command.lang);
      // A template is realized without LocalStack unless asked for: its S3 objects stand in as local PKI files.
      const aws = command.template !== undefined ? { ...command, localstack: command.localstack ?? 'off' } : command;
      if (command.predict) return (await import('./predict.js')).predictRun(scenarios[0]!, command.lang, aws);
      return run(scenarios, command.json, command.lang, aws, broken);
    }
    case 'report':
      return (await import('./report/command.js')).report(command);
    case 'compose':
      return compose(await findScenario(command.id, catalogueOf(command.scenarioDirs)), command.out, command.lang);
    case 'new': {
      const from = command.from === null ? null : await findScenario(command.from, catalogueOf(command.scenarioDirs));
      // A copy records what it was made from: its original's template (synthesized, or from the cache) and probes.
      const { newScenarioSummary, writeNewScenario } = await import('./new.js');
      const { copyRecordOf, stateDir } = engine();
      const made = await writeNewScenario(command.id, command.dir, from, () => copyRecordOf(from!, stateDir()));
      process.stdout.write(`${newScenarioSummary(made, command.id, command.dir, lang)}\n`);
      return 0;
    }
    case 'localstack': {
      const { localStackCommand } = await import('./localstack-command.js');
      return localStackCommand(command.action, command.foreground, engine().stateDir(), lang, (line) =>
        process.stdout.write(`${line}\n`),
      );
    }
    case 'default': {
      // On a terminal: the Ink UI. Piped or redirected: every scenario in plain text, and how to get the UI.
      if (canOpenTui(process.stdin, process.stdout)) {
        if (command.deployAll) throw new UsageError(both('deployAllNoUi'));
        return openTui({
          loadScenarios: () => loadCatalogue(catalogueOf(command.scenarioDirs)),
          scenarioDirs: command.scenarioDirs,
          lang: command.lang,
          localstack: command.localstack,
          runtime: command.runtime,
          // The first frame is up and keys are read: now the engine the first run needs, and the orphan watch.
          onInteractive: () => void loadEngine().catch(() => undefined),
        });
      }
      const { scenarios, broken } = await wholeCatalogue(catalogueOf(command.scenarioDirs), command.lang);
      const code = await run(scenarios, false, command.lang, { ...command, all: true }, broken);
      process.stdout.write(`\n${t('notATerminal', command.lang)}\n`);
      return code;
    }
  }
}

/** `mtls-sandbox down`: every run of this state dir, what killed runs left behind, and their containers. */
async function stopAll(lang: Lang): Promise<number> {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const { down, downContainers, stateDir } = engine();
  const result = await down(stateDir());
  for (const file of result.invalid) write(cliSay('downRemovedRecord', lang, { file }));
  for (const { record, how } of result.runs) {
    const holds = record.components.length > 0 ? `: ${record.components.join(', ')}` : '';
    write(cliSay('downRun', lang, { how, run: record.runId, pid: record.pid, cmdline: record.cmdline, holds }));
  }
  for (const record of result.stopped) write(cliSay('downStopped', lang, { name: record.name, pid: record.pid }));
  for (const { file, record } of result.unverifiable)
    write(cliSay('downNotStopped', lang, { name: record.name, pid: record.pid, file, executable: record.executable }));
  for (const { name, pid, file, waitedMs } of result.stillRunning)
    process.stderr.write(
      `${cliSay('downStillRunning', lang, { name, pid, file, seconds: (waitedMs / 1000).toFixed(1) })}\n`,
    );
  // Containers of --runtime docker, by label; null: no Docker engine answers, so there are none.
  const containers = (await downContainers(stateDir())) ?? [];
  for (const container of containers)
    write(
      cliSay('downRemovedContainer', lang, {
        name: container.name,
        component: container.component,
        run: container.run,
      }),
    );
  if (result.runs.length + result.stopped.length + containers.length === 0) write(cliSay('downNothing', lang));
  else
    write(
      cliSay('downSummary', lang, {
        runs: result.runs.length > 0 ? result.runs.length : '',
        processes: result.stopped.length > 0 || result.runs.length === 0 ? result.stopped.length : '',
        containers: containers.length,
      }),
    );
  // Something it could not stop: said above, and the exit status tells a script.
  return result.stillRunning.length > 0 ? 1 : 0;
}

async function list(json: boolean, lang: Lang, catalogue: CatalogueOptions): Promise<number> {
  const { scenarios: loaded, broken: notLoaded } = await openCatalogue(catalogue);
  const broken: BrokenScenario[] = [...notLoaded];
  // The user's own scenarios are synthesized too (once, then from the cache): a stack that does not synthesize is
  // listed as broken with its file and line, as one that does not load is. The project's are compiled for --json.
  const topologies = new Map<string, TopologyReport>();
  // Only these need the engine (needsEngine): the text list of the project's own scenarios is the catalogue alone.
  if (json || loaded.some((scenario) => scenario.origin?.kind === 'user')) {
    const { firstLine, locateError, openSandbox, ScenarioCheckError, StackSourceError, stateDir } = engine();
    const sandbox = openSandbox({ stateDir: stateDir(), lang, localstack: 'off' });
    try {
      for (const scenario of loaded) {
        if (!json && scenario.origin?.kind !== 'user') continue;
        try {
          topologies.set(scenario.id, await sandbox.compile(scenario));
        } catch (error) {
          if (scenario.origin?.kind !== 'user') throw error;
          const folder = scenario.origin.folder;
          // Both say where and why: a stack that does not synthesize, a probe naming what the stack lacks.
          const located = error instanceof StackSourceError || error instanceof ScenarioCheckError ? error : null;
          const where = located ? located.where : locateError(error, folder, join(folder, 'stack.ts'));
          const reason = located ? located.reason : firstLine(error);
          // The sandbox's own check is said in the reader's language; a stack's error stays in its own words.
          const said = error instanceof ScenarioCheckError ? error.said : undefined;
          broken.push({ id: scenario.id, folder, ...where, error: reason, ...(said ? { said } : {}) });
        }
      }
    } finally {
      await sandbox.stop();
    }
  }
  const scenarios = loaded.filter((scenario) => !broken.some((entry) => entry.id === scenario.id));
  if (json) {
    // Each scenario's listeners as the topology report has them (synthesized once, then from the cache): which kind
    // of listener (TCP passthrough, ALB HTTPS, NLB TLS), where TLS ends and who checks the client certificate.
    const rows: object[] = scenarios.map((scenario) => {
      const topology = topologies.get(scenario.id)!;
      return {
        id: scenario.id,
        title: pick(scenario.title, lang),
        summary: pick(scenario.summary, lang),
        story: scenario.story.id,
        seeds: scenario.seeds,
        tags: scenario.tags,
        origin: originOf(scenario),
        listeners: topology.balancers.flatMap((balancer) =>
          balancer.listeners.map(({ address: _address, ...listener }) => ({
            loadBalancer: balancer.path,
            kind: balancer.kind,
            ...listener,
          })),
        ),
        evidence: engine().countEvidence(scenario.probes.map((probe) => probe.evidence.level)),
        probes: scenario.probes.map((probe) => ({
          name: probe.name,
          via: probe.via,
          evidence: probe.evidence.level,
        })),
      };
    });
    for (const entry of broken)
      rows.push({
        id: entry.id,
        origin: { kind: 'user', folder: entry.folder },
        broken: { file: entry.file, line: entry.line, column: entry.column, error: entry.error },
      });
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  let story = '';
  for (const scenario of scenarios) {
    if (scenario.story.id !== story) {
      process.stdout.write(`${story === '' ? '' : '\n'}${pick(scenario.story.title, lang)}\n`);
      story = scenario.story.id;
    }
    const own = scenario.origin?.kind === 'user' ? ` ${t('ownBadge', lang)}` : '';
    process.stdout.write(
      `  ${scenario.id.padEnd(30)} ${pick(scenario.title, lang)}${own}\n  ${' '.repeat(30)} ${pick(scenario.summary, lang)}\n`,
    );
  }
  if (broken.length > 0) {
    process.stdout.write(`\n${t('brokenHeading', lang)}\n`);
    for (const entry of broken)
      process.stdout.write(
        `  ${entry.id.padEnd(30)} ${engine().formatLocation(entry)}\n  ${' '.repeat(30)} ${brokenReason(entry, lang)}\n`,
      );
  }
  return 0;
}

/** Scenarios to run, and the user's own that do not load: reported as broken with the others, not left out. */
interface Selection {
  scenarios: ScenarioDefinition[];
  broken: BrokenScenario[];
}

/** Every scenario, saying on stderr which of the user's own do not load (file, line, why). */
async function wholeCatalogue(options: CatalogueOptions, lang: Lang): Promise<Selection> {
  const { scenarios, broken } = await openCatalogue(options);
  sayBroken(broken, lang);
  return { scenarios, broken };
}

/** The scenarios asked for by id; an id nobody has is a usage error, one of the user's that does not load is broken. */
async function namedScenarios(ids: readonly string[], options: CatalogueOptions, lang: Lang): Promise<Selection> {
  const catalogue = await openCatalogue({ ...options, only: ids });
  const selection: Selection = { scenarios: [], broken: [] };
  for (const id of ids) {
    const found = catalogue.scenarios.find((scenario) => scenario.id === id);
    const failed = catalogue.broken.find((entry) => entry.id === id);
    if (found) selection.scenarios.push(found);
    else if (failed) selection.broken.push(failed);
    else throw new UnknownScenarioError(id, catalogue.known);
  }
  sayBroken(selection.broken, lang);
  return selection;
}

function sayBroken(broken: readonly BrokenScenario[], lang: Lang): void {
  for (const entry of broken)
    process.stderr.write(
      `${t('brokenReported', lang, { id: entry.id, where: engine().formatLocation(entry), error: brokenReason(entry, lang) })}\n`,
    );
}

/** "Not realized": each resource or property of the template the sandbox left out, and why. */
function notRealizedText(report: ScenarioReport, lang: Lang): string {
  if (report.notRealized.length === 0) return `${report.scenario}: ${t('templateAllRealized', lang)}\n`;
  const lines = report.notRealized.map(
    (entry) =>
      `  ${entry.logicalId} (${entry.type}${entry.property ? ` ${entry.property}` : ''}): ${say(entry.reason, lang)}`,
  );
  return [
    `${report.scenario}: ${t('templateNotRealized', lang, { count: report.notRealized.length })}`,
    ...lines,
    '',
  ].join('\n');
}

/** Where a scenario comes from, as list --json says it. */
function originOf(scenario: ScenarioDefinition): object {
  if (scenario.origin?.kind === 'user') return { kind: 'user', folder: scenario.origin.folder };
  if (scenario.origin?.kind === 'template') return { kind: 'template', file: scenario.origin.file };
  return { kind: 'built-in' };
}

async function run(
  scenarios: ScenarioDefinition[],
  json: boolean,
  lang: Lang,
  aws: {
    localstack?: LocalStackRequest;
    deployAll?: boolean;
    runtime?: Runtime;
    pcap?: boolean;
    all?: boolean;
    concurrency?: number;
  } = {},
  broken: readonly BrokenScenario[] = [],
): Promise<number> {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  // A diagram per probe for the scenarios asked for by name; `run --all` stays a list.
  const diagrams = !('all' in aws && aws.all === true);
  const { colorEnabled, formatSummary, plainPrinter } = await import('./plain.js');
  const { exitCodeOf, loadFailureReport, openSandbox, runAllReport, stateDir } = engine();
  const emit: Emit = json ? () => {} : plainPrinter(write, colorEnabled(process.stdout), lang, { diagrams });
  const log = json ? undefined : (line: Message) => write(say(line, lang));
  const { pcap, all: _all, ...where } = aws;
  const sandbox = openSandbox({ stateDir: stateDir(), lang, ...where, log, ...(pcap ? { pcap: pcapDir() } : {}) });
  let reports: ScenarioReport[];
  const started = performance.now();
  try {
    reports = scenarios.length > 0 ? await sandbox.run(scenarios, emit) : [];
  } finally {
    await sandbox.stop();
  }
  // What the user waited for: scenarios that run side by side add up to more.
  const wallMs = performance.now() - started;
  // A user's scenario that broke while it ran is said on stderr too, as one that did not load was before the run.
  sayBroken(
    reports.flatMap((report) => (report.broken ? [{ id: report.scenario, folder: '', ...report.broken }] : [])),
    lang,
  );
  // The user's scenarios that did not load are reported like any other failure (exit 2: a scenario broke).
  reports.push(...broken.map((entry) => loadFailureReport(entry.id, brokenReportOf(entry), where.runtime ?? 'host')));
  if (json) {
    const output: ScenarioReport | RunAllReport = reports.length === 1 ? reports[0]! : runAllReport(reports);
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    const explanations = new Map(scenarios.map((scenario) => [scenario.id, pick(scenario.explain, lang)]));
    // A template's resources and properties the sandbox did not realize, each with why (the record's notRealized).
    for (const report of reports)
      if (scenarios.find((scenario) => scenario.id === report.scenario)?.origin?.kind === 'template')
        write(notRealizedText(report, lang));
    // The total is the last line: after a long run it is what is left on the screen.
    write(formatSummary(reports, lang, explanations, wallMs));
  }
  return exitCodeOf(reports);
}

const brokenReportOf = (entry: BrokenScenario) => ({
  file: entry.file,
  line: entry.line,
  column: entry.column,
  error: entry.error,
  ...(entry.said ? { said: entry.said } : {}),
});

async function up(
  scenario: ScenarioDefinition,
  lang: Lang,
  {
    localstack = 'auto',
    runtime = 'host',
    deployAll,
  }: { localstack?: LocalStackRequest; runtime?: Runtime; deployAll?: boolean },
): Promise<number> {
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const log = (line: Message) => write(say(line, lang));
  const [{ colorEnabled, plainPrinter }, { formatUpInstructions }] = await Promise.all([
    import('./plain.js'),
    import('./up.js'),
  ]);
  const { LocalStackNeededError, openSandbox, stateDir } = engine();
  const sandbox = openSandbox({ stateDir: stateDir(), lang, localstack, runtime, deployAll, log });
  try {
    const session = await sandbox.up(scenario, plainPrinter(write, colorEnabled(process.stdout), lang));
    write(formatUpInstructions(session, lang));
    // Up until Ctrl-C / SIGTERM (the signal handlers stop everything) or a component stops (`mtls-sandbox down`).
    const exit = await session.ended;
    write(t('upComponentStopped', lang, { component: exit.component }));
    return 0;
  } catch (error) {
    if (error instanceof LocalStackNeededError)
      throw new UsageError({
        en: t('upNeedsLocalStack', 'en', { scenario: error.scenario, reason: say(error.reason, 'en') }),
        ja: t('upNeedsLocalStack', 'ja', { scenario: error.scenario, reason: say(error.reason, 'ja') }),
      });
    throw error;
  } finally {
    await sandbox.stop();
  }
}

async function compose(scenario: ScenarioDefinition, out: string | null, lang: Lang): Promise<number> {
  const { composeSummary, defaultComposeDir, writeCompose } = await import('./compose.js');
  const { openSandbox, stateDir } = engine();
  const sandbox = openSandbox({ stateDir: stateDir(), lang, localstack: 'off' });
  try {
    const project = await writeCompose(sandbox, scenario, out ?? defaultComposeDir(stateDir(), scenario.id), lang);
    process.stdout.write(`${composeSummary(project, lang)}\n`);
    return 0;
  } finally {
    await sandbox.stop();
  }
}

/** `--template FILE`: the template as a scenario (sandbox/template/): stand-ins and the standard probe matrix. */
async function templateScenarioFor(file: string, parameters: Record<string, string> = {}): Promise<ScenarioDefinition> {
  try {
    return engine().loadTemplateScenario(file, parameters);
  } catch (error) {
    if (error instanceof engine().TemplateError)
      throw new UsageError(error.said ? { en: say(error.said, 'en'), ja: say(error.said, 'ja') } : error.message);
    throw error;
  }
}

/** Where --pcap writes: one folder per scenario. */
export const pcapDir = (): string => join(engine().stateDir(), 'pcap');

let handlersInstalled = false;
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // `mtls-sandbox list | head -1`: the reader is gone; stop quietly (and stop what runs) instead of a stack trace.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      void stopEngine().finally(() => process.exit(0));
    });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      void stopEngine().finally(() => process.exit(code));
    });
  }
}

/** Orphaned (an `npm exec` wrapper killed under us): stop as on SIGHUP rather than serve on with no one to stop us. */
function stopWhenOrphaned(engine: Engine, lang: Lang): void {
  engine.watchParent((parent) => {
    process.stderr.write(`${cliSay('orphaned', lang, { pid: parent })}\n`);
    void engine.stopEveryDriver().finally(() => process.exit(129));
  });
}
