// Command-line parsing: which command, which scenarios, which output. Usage errors name the fix.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LocalStackRequest } from '../sandbox/localstack/session.js';
import type { Lang } from '../sandbox/text.js';
import { didYouMean } from './suggest.js';

/** A folder of the user's own scenarios and where it was given (--scenarios or MTLS_SANDBOX_SCENARIOS). */
export interface ScenarioDir {
  dir: string;
  how: string;
}

export type Command =
  | { name: 'list'; json: boolean; lang: Lang; scenarioDirs?: ScenarioDir[] }
  | {
      name: 'run';
      ids: string[];
      /** --template FILE: the template's scenario instead of ids. */
      template?: string;
      scenarioDirs?: ScenarioDir[];
      all: boolean;
      json: boolean;
      lang: Lang;
      localstack?: LocalStackRequest;
      deployAll?: boolean;
      runtime?: Runtime;
      pcap?: boolean;
      /** --predict: ask the learner before each probe, then score (cli/predict.ts). */
      predict?: boolean;
    }
  | {
      name: 'report';
      ids: string[];
      scenarioDirs?: ScenarioDir[];
      all: boolean;
      format: 'md' | 'html' | 'pdf';
      out: string | null;
      lang: Lang;
      localstack?: LocalStackRequest;
      deployAll?: boolean;
      runtime?: Runtime;
      pcap?: boolean;
      /** --predictions FILE: the score sheet of a prediction run instead of running scenarios. */
      predictions?: string;
    }
  | {
      name: 'up';
      /** The scenario's id; null with --template. */
      id: string | null;
      template?: string;
      scenarioDirs?: ScenarioDir[];
      lang: Lang;
      localstack?: LocalStackRequest;
      deployAll?: boolean;
      runtime?: Runtime;
      /** --plain: print the instructions as text even on a terminal (else the UI's lab opens). */
      plain?: boolean;
    }
  | { name: 'compose'; id: string; out: string | null; lang: Lang; scenarioDirs?: ScenarioDir[] }
  | { name: 'new'; id: string; from: string | null; dir: string; scenarioDirs?: ScenarioDir[] }
  | { name: 'localstack'; action: 'start' | 'stop' | 'status'; foreground: boolean }
  | { name: 'doctor'; json: boolean }
  | { name: 'certs' }
  | { name: 'down' }
  | { name: 'help'; command?: CommandName }
  | { name: 'version' }
  | {
      name: 'default';
      lang: Lang;
      localstack?: LocalStackRequest;
      deployAll?: boolean;
      runtime?: Runtime;
      scenarioDirs?: ScenarioDir[];
    };

/** --runtime: host processes (default) or containers through the Docker engine (sandbox/runtime/docker). */
export type Runtime = 'host' | 'docker';

/** A usage error: the message says what is wrong; `usage` is the summary to print before it (main prints both). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string | null = null,
  ) {
    super(message);
  }
}

export const COMMANDS = [
  'list',
  'run',
  'report',
  'up',
  'compose',
  'new',
  'localstack',
  'certs',
  'down',
  'doctor',
  'help',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export const USAGE = `mtls-sandbox — see how AWS load balancers treat client certificates, with real nginx, HAProxy, curl and openssl.

Usage:
  mtls-sandbox                            on a terminal, the interactive UI (press ? for its keys); piped,
                                          every scenario in plain text
  mtls-sandbox list [--json]              the scenarios, grouped by story
  mtls-sandbox run <id>... [--json]       run scenarios and judge each probe against AWS's behaviour
  mtls-sandbox run --all [--json]         run every scenario
  mtls-sandbox run <id> --predict         predict each probe before it runs, then see; a score sheet at the end
  mtls-sandbox run --template FILE        realize a CloudFormation template (JSON or YAML, e.g. cdk synth's) and
                                          probe every listener with and without certificates
  mtls-sandbox report <id>... [--format md|html|pdf] [--out FILE]
                                          run scenarios and write a report for stakeholders: GitHub Markdown,
                                          one self-contained HTML page (to stdout without --out), or a PDF
  mtls-sandbox report --all [--format md|html|pdf] [--out FILE]
                                          the same for every scenario
  mtls-sandbox report --predictions FILE  the score sheet of a prediction run (run --predict, or e in the UI)
  mtls-sandbox up <id>                    keep a scenario's topology running to experiment by hand: on a terminal
                                          the UI's lab (console, events, challenges); piped or --plain, text
                                          (Ctrl-C stops it)
  mtls-sandbox up --template FILE         the same for a CloudFormation template
  mtls-sandbox new <id> [--from ID] [--dir DIR]
                                          write your own scenario into DIR/<id> (default: ./<id>), optionally a
                                          copy of scenario ID; then run it with --scenarios DIR (docs/authoring.md)
  mtls-sandbox compose <id> [--out DIR]   write the scenario as a compose project (default DIR:
                                          .sandbox/compose/<id>); then docker compose -f DIR/compose.yaml up -d --wait
  mtls-sandbox localstack start|stop|status
                                          keep one LocalStack running across runs (--localstack auto uses it)
  mtls-sandbox certs                      where the sandbox's certificates are and the openssl commands that made them
  mtls-sandbox down                       stop every run of this state dir, and what a killed run left
  mtls-sandbox doctor [--json]            what is installed and running, which modes work, how to fix what is missing

Options:
  --json            print the record as JSON (docs/report.md) instead of text
  --scenarios DIR   list, run, report, up, compose and the UI: add your own scenarios in DIR (a scenario folder,
                    or a folder of them); repeatable. MTLS_SANDBOX_SCENARIOS adds folders too (colon-separated)
  --template FILE   run, up: a CloudFormation template instead of a scenario
  --format md|html|pdf
                    report format (default: from the --out file's extension, else md); pdf is printed by Chromium
  --out FILE        write the report to FILE instead of stdout; for compose, the project's folder
  --lang en|ja      language of titles and explanations (default: from LANG)
  --localstack auto|host|docker|off
                    auto (default): use a running LocalStack, else start one from .sandbox/localstack-venv when a
                    scenario needs it, else off; host: start one (or use a running one); docker: start it as a
                    container (localstack/localstack:2026.3.0; sudo bash scripts/setup-docker.sh); off: skip the
                    scenarios that need it.
  --deploy-all      deploy every selected scenario's stack to LocalStack, not only those that need it
  --runtime host|docker
                    host (default): nginx, HAProxy and the ALB emulator as processes on this machine; docker: the
                    same topology as containers (needs an engine and the images: sudo bash scripts/setup-docker.sh)
  --pcap            run, report: capture each probe's loopback traffic (dumpcap or tcpdump) with the TLS key
                    log, into .sandbox/pcap/<scenario>/ (host runtime; bash scripts/setup.sh --pcap installs them)
  --version         the version
  -h, --help        this help; after a command, that command's help (mtls-sandbox run --help)

Exit status: 0 all probes pass, 1 an expectation failed, 2 usage or set-up error.`;

const SCENARIOS_OPTION = `  --scenarios DIR   also your own scenarios in DIR (repeatable; MTLS_SANDBOX_SCENARIOS, colon-separated)`;

const COMMON_OPTIONS = `  --lang en|ja      language of titles and explanations (default: from LANG)
  -h, --help        this help`;

const AWS_OPTIONS = `  --localstack auto|host|docker|off
                    where AWS APIs come from (default auto; see mtls-sandbox --help)
  --runtime host|docker
                    components as processes on this machine (default) or as containers`;

/** Each command's own help: what it does and the options it takes. */
export const COMMAND_USAGE: Record<CommandName, string> = {
  list: `Usage: mtls-sandbox list [--json]

The scenarios, grouped by story.

  --json            as JSON: id, title, summary, story, seeds, tags, origin, evidence counts, probes
${SCENARIOS_OPTION}
${COMMON_OPTIONS}`,
  run: `Usage: mtls-sandbox run <id>... [options]
       mtls-sandbox run --all [options]
       mtls-sandbox run --template FILE [options]

Runs scenarios and judges each probe against AWS's behaviour; a total line ends the output.

  --all             every scenario
  --template FILE   a CloudFormation template (JSON or YAML): its load balancers with echo targets, and the
                    standard probes on every listener; judged where the sandbox predicts AWS, else observed only
${SCENARIOS_OPTION}
  --json            print the headless report instead of text (docs/report.md)
  --predict         before each probe, pick what will happen and who decides; then see the answer, why and how we
                    know; a score at the end, the answers in .sandbox/predictions/ (report --predictions FILE)
  --deploy-all      deploy every selected scenario's stack to LocalStack, not only those that need it
  --pcap            capture each probe's loopback traffic with the TLS key log (.sandbox/pcap/<scenario>/)
${AWS_OPTIONS}
${COMMON_OPTIONS}`,
  report: `Usage: mtls-sandbox report <id>... [--format md|html|pdf] [--out FILE] [options]
       mtls-sandbox report --all [--format md|html|pdf] [--out FILE] [options]

Runs scenarios and writes a report you can present: takeaways and an outcome matrix first, details folded.

  --format md|html|pdf
                    GitHub Markdown, one self-contained HTML page, or a PDF printed by Chromium (default: from
                    the --out file's extension, else md)
  --out FILE        write to FILE instead of stdout (a PDF needs --out)
  --pcap            also capture each probe's traffic (see mtls-sandbox run --help)
  --predictions FILE
                    instead: the score sheet of a prediction run (Markdown; the file run --predict wrote)
${SCENARIOS_OPTION}
${AWS_OPTIONS}
${COMMON_OPTIONS}`,
  up: `Usage: mtls-sandbox up <id> [options]
       mtls-sandbox up --template FILE [options]

Keeps a scenario's topology running to experiment by hand; Ctrl-C (or mtls-sandbox down) stops it. On a
terminal it opens the UI's lab: the environment for the AWS CLI, a probe console, the ELBv2 API's changes as they
happen, the scenario's challenges (Esc stops it). Piped, or with --plain, it prints the commands as text.

  --template FILE   a CloudFormation template (JSON or YAML) instead of a scenario
  --plain           print the commands as text even on a terminal
${SCENARIOS_OPTION}
${AWS_OPTIONS}
${COMMON_OPTIONS}`,
  compose: `Usage: mtls-sandbox compose <id> [--out DIR] [--lang en|ja]

Writes the scenario as a self-contained Docker Compose project (default DIR: .sandbox/compose/<id>), with a
README of the probe commands; then: docker compose -f DIR/compose.yaml up -d --wait (docs/docker.md).

  --out DIR         the project's folder (an earlier project there is rewritten; any other folder is refused)
${SCENARIOS_OPTION}
${COMMON_OPTIONS}`,
  new: `Usage: mtls-sandbox new <id> [--from ID] [--dir DIR]

Writes your own scenario into DIR/<id> (default DIR: the current folder): stack.ts (the CDK stack), scenario.ts
(probes, expectations with their evidence, the explanation) and a README on running and editing it. An existing
folder that is not empty is refused. Then: mtls-sandbox run <id> --scenarios DIR (docs/authoring.md).

  --from ID         start from a copy of scenario ID (see mtls-sandbox list) instead of the starter
  --dir DIR         the folder to write <id> into (default: the current folder)
${SCENARIOS_OPTION}
  -h, --help        this help`,
  localstack: `Usage: mtls-sandbox localstack start [--foreground] | stop | status

Keeps one LocalStack (host mode, from .sandbox/localstack-venv) running on 127.0.0.1:4566 across runs, so runs do
not start one each time; --localstack auto finds it. \`down\` stops it too. Exit status of status: 0 running,
1 not answering, 3 not running.

  --foreground      start: hold it in this terminal until Ctrl-C instead of in the background`,
  certs: `Usage: mtls-sandbox certs

Where the sandbox's certificates are, and the openssl commands that made them.`,
  down: `Usage: mtls-sandbox down

Stops anything an earlier run left running (our processes and containers only).`,
  doctor: `Usage: mtls-sandbox doctor [--json]

What is installed and running, which modes work, and how to fix what is missing.

  --json            as JSON`,
  help: `Usage: mtls-sandbox help [command]

The usage summary, or one command's help.`,
};

/** The version in package.json (one folder up from cli/, two when running compiled from dist/cli/). */
export function version(): string {
  const manifest = ['../package.json', '../../package.json']
    .map((relative) => new URL(relative, import.meta.url))
    .find((url) => existsSync(url));
  return manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'unknown';
}

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The options each command takes; any other given to it is a usage error, never silently ignored. */
const TAKES: Record<string, (keyof typeof OPTIONS)[]> = {
  default: ['lang', 'localstack', 'deploy-all', 'runtime', 'scenarios'],
  help: [],
  list: ['json', 'lang', 'scenarios'],
  run: ['all', 'json', 'lang', 'localstack', 'deploy-all', 'runtime', 'pcap', 'scenarios', 'template', 'predict'],
  report: ['all', 'format', 'out', 'lang', 'localstack', 'deploy-all', 'runtime', 'pcap', 'scenarios', 'predictions'],
  up: ['lang', 'localstack', 'deploy-all', 'runtime', 'scenarios', 'template', 'plain'],
  compose: ['out', 'lang', 'scenarios'],
  new: ['from', 'dir', 'scenarios'],
  localstack: ['foreground'],
  doctor: ['json'],
  certs: [],
  down: [],
  version: [],
};

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const { values, positionals, tokens } = parseFlags(argv);
  const [command, ...rest] = positionals;
  if (values.version) return { name: 'version' };
  if (values.help) return isCommand(command) ? { name: 'help', command } : { name: 'help' };
  if (command !== undefined && !isCommand(command))
    throw new UsageError(`Unknown command "${command}".${didYouMean(command, COMMANDS)}`, USAGE);
  const lang = parseLang(values.lang, env);
  const localstack = parseLocalStack(values.localstack);
  const runtime = parseRuntime(values.runtime);
  if (values.pcap && !['run', 'report'].includes(command ?? ''))
    throw new UsageError(
      '--pcap belongs to `run` and `report`, e.g. `mtls-sandbox run alb-mtls-verify-headers --pcap`.',
    );
  if (values.pcap && runtime === 'docker')
    throw new UsageError(
      '--pcap captures the loopback interface, which the containers of --runtime docker do not use: leave out --runtime docker.',
    );
  if (runtime !== undefined && !['run', 'up', 'report', undefined].includes(command))
    throw new UsageError('--runtime belongs to `run`, `up`, `report` and the default command.');
  if ((localstack !== undefined || values['deploy-all']) && !['run', 'up', 'report', undefined].includes(command))
    throw new UsageError('--localstack and --deploy-all belong to `run`, `up`, `report` and the default command.');
  if (command !== 'report' && values.format !== undefined)
    throw new UsageError(
      '--format belongs to `report`, e.g. `mtls-sandbox report --all --format html --out report.html`.',
    );
  if (command !== 'report' && command !== 'compose' && values.out !== undefined)
    throw new UsageError(
      '--out belongs to `report` and `compose`, e.g. `mtls-sandbox report --all --out report.html` or `mtls-sandbox compose nlb-tcp-passthrough --out lesson-1`.',
    );
  refuseOptionsNotTaken(command, tokens);
  const deployAll = values['deploy-all'] || undefined;
  const dirs = scenarioDirsOf(values.scenarios ?? [], env);
  // Present only when there are some: a command without them reads as it did before they existed.
  const own = dirs.length > 0 ? { scenarioDirs: dirs } : {};
  const template = values.template;
  if (template === '') throw new UsageError('--template needs a file, e.g. --template cdk.out/MyStack.template.json.');
  switch (command) {
    case undefined:
      return {
        name: 'default',
        lang,
        localstack,
        ...own,
        ...(deployAll ? { deployAll } : {}),
        ...(runtime ? { runtime } : {}),
      };
    case 'help':
      return isCommand(rest[0]) ? { name: 'help', command: rest[0] } : { name: 'help' };
    case 'list':
      noPositionals('list', rest);
      return { name: 'list', json: values.json, lang, ...own };
    case 'run':
      if (template !== undefined && (values.all || rest.length > 0))
        throw new UsageError('Give scenario ids, --all or --template FILE: one of them.');
      if (values.all && rest.length > 0) throw new UsageError('Give scenario ids or --all, not both.');
      if (!values.all && rest.length === 0 && template === undefined)
        throw new UsageError('Which scenario? Give an id (see `mtls-sandbox list`), --all or --template FILE.');
      if (values.predict && (rest.length !== 1 || values.json))
        throw new UsageError(
          '--predict takes exactly one scenario id and no --json, e.g. `mtls-sandbox run alb-mtls-verify-headers --predict`.',
        );
      return {
        name: 'run',
        ids: rest,
        ...(template !== undefined ? { template } : {}),
        ...own,
        all: values.all,
        json: values.json,
        lang,
        localstack,
        deployAll,
        ...(runtime ? { runtime } : {}),
        ...(values.pcap ? { pcap: true } : {}),
        ...(values.predict ? { predict: true } : {}),
      };
    case 'report':
      if (values.predictions !== undefined) {
        if (values.predictions === '')
          throw new UsageError(
            '--predictions needs the file a prediction run wrote, e.g. .sandbox/predictions/….json.',
          );
        if (values.all || rest.length > 0)
          throw new UsageError(
            "--predictions prints a prediction run's score sheet: give it alone, without scenario ids or --all.",
          );
        return {
          name: 'report',
          ids: [],
          ...own,
          all: false,
          format: 'md',
          out: values.out ?? null,
          lang,
          predictions: values.predictions,
        };
      }
      if (values.all && rest.length > 0) throw new UsageError('Give scenario ids or --all, not both.');
      if (!values.all && rest.length === 0)
        throw new UsageError('Which scenario? Give an id (see `mtls-sandbox list`) or --all.');
      if (values.out === '') throw new UsageError('--out needs a file name, e.g. --out report.html.');
      if (values.format === 'pdf' && values.out === undefined)
        throw new UsageError('A PDF needs a file: add --out, e.g. --out report.pdf.');
      return {
        name: 'report',
        ids: rest,
        ...own,
        all: values.all,
        format: parseFormat(values.format, values.out),
        out: values.out ?? null,
        lang,
        localstack,
        ...(deployAll ? { deployAll } : {}),
        ...(runtime ? { runtime } : {}),
        ...(values.pcap ? { pcap: true } : {}),
      };
    case 'up':
      if (template !== undefined && rest.length > 0)
        throw new UsageError('Give `up` a scenario id or --template FILE, not both.');
      if (template === undefined && rest.length !== 1)
        throw new UsageError(
          '`up` takes exactly one scenario id (e.g. `mtls-sandbox up nlb-tcp-passthrough`) or --template FILE.',
        );
      return {
        name: 'up',
        id: template === undefined ? rest[0]! : null,
        ...(template !== undefined ? { template } : {}),
        ...own,
        lang,
        localstack,
        ...(deployAll ? { deployAll } : {}),
        ...(runtime ? { runtime } : {}),
        ...(values.plain ? { plain: true } : {}),
      };
    case 'compose':
      if (rest.length !== 1)
        throw new UsageError(
          '`compose` takes exactly one scenario id, e.g. `mtls-sandbox compose nlb-tcp-passthrough --out lesson-1`.',
        );
      if (values.out === '') throw new UsageError('--out needs a folder, e.g. --out lesson-1.');
      return { name: 'compose', id: rest[0]!, out: values.out ?? null, lang, ...own };
    case 'new':
      if (rest.length !== 1)
        throw new UsageError('`new` takes exactly one scenario id, e.g. `mtls-sandbox new my-header-rule`.');
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rest[0]!))
        throw new UsageError(
          `A scenario id is lowercase words joined by hyphens (it is also the folder's name), not "${rest[0]}".`,
        );
      if (values.from === '') throw new UsageError('--from needs a scenario id (see `mtls-sandbox list`).');
      if (values.dir === '') throw new UsageError('--dir needs a folder, e.g. --dir ~/mtls-lab.');
      return { name: 'new', id: rest[0]!, from: values.from ?? null, dir: values.dir ?? '.', ...own };
    case 'localstack': {
      const [action, ...extra] = rest;
      if (action !== 'start' && action !== 'stop' && action !== 'status')
        throw new UsageError(
          action === undefined
            ? '`localstack` needs an action: start, stop or status, e.g. `mtls-sandbox localstack start`.'
            : `Unknown localstack action "${action}": start, stop or status.${didYouMean(action, ['start', 'stop', 'status'])}`,
          COMMAND_USAGE.localstack,
        );
      noPositionals(`localstack ${action}`, extra);
      if (values.foreground && action !== 'start')
        throw new UsageError('--foreground belongs to `localstack start`.', COMMAND_USAGE.localstack);
      return { name: 'localstack', action, foreground: values.foreground };
    }
    case 'certs':
      noPositionals('certs', rest);
      return { name: 'certs' };
    case 'doctor':
      noPositionals('doctor', rest);
      return { name: 'doctor', json: values.json };
    case 'down':
      noPositionals('down', rest);
      return { name: 'down' };
  }
  throw new UsageError(`Unknown command "${command}".`, USAGE);
}

const isCommand = (word: string | undefined): word is CommandName =>
  word !== undefined && (COMMANDS as readonly string[]).includes(word);

const OPTIONS = {
  json: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  lang: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  localstack: { type: 'string' },
  'deploy-all': { type: 'boolean', default: false },
  runtime: { type: 'string' },
  pcap: { type: 'boolean', default: false },
  foreground: { type: 'boolean', default: false },
  scenarios: { type: 'string', multiple: true },
  template: { type: 'string' },
  plain: { type: 'boolean', default: false },
  predict: { type: 'boolean', default: false },
  predictions: { type: 'string' },
  from: { type: 'string' },
  dir: { type: 'string' },
  version: { type: 'boolean', short: 'V', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** A known command given an option it does not take: a usage error naming the option and what the command takes. */
function refuseOptionsNotTaken(command: string | undefined, tokens: { kind: string; name?: string }[]): void {
  const takes = TAKES[command ?? 'default'];
  if (!takes) return; // an unknown command: said below
  const given = [...new Set(tokens.flatMap((token) => (token.kind === 'option' && token.name ? [token.name] : [])))];
  const extra = given.filter((name) => !(takes as string[]).includes(name) && name !== 'help' && name !== 'version');
  if (extra.length === 0) return;
  const which = command ? `\`${command}\`` : '`mtls-sandbox` without a command';
  const options = extra.map((name) => `--${name}`).join(' ');
  throw new UsageError(
    takes.length === 0
      ? `${which} takes no options (got ${options}).`
      : `${which} does not take ${options}; it takes ${takes.map((name) => `--${name}`).join(', ')}.`,
  );
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS, tokens: true });
  } catch (error) {
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    const names = Object.keys(OPTIONS).map((name) => `--${name}`);
    const command = argv.find((arg) => isCommand(arg));
    throw new UsageError(
      unknown ? `Unknown option ${unknown}.${didYouMean(unknown, names)}` : (error as Error).message,
      command && isCommand(command) ? COMMAND_USAGE[command] : USAGE,
    );
  }
}

function parseLang(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (value === undefined) return defaultLang(env);
  if (value === 'en' || value === 'ja') return value;
  throw new UsageError(`--lang must be en or ja, not "${value}".`);
}

/** --format, or else from the --out file's extension (.html/.htm, .pdf), or else Markdown. */
function parseFormat(value: string | undefined, out: string | undefined): 'md' | 'html' | 'pdf' {
  if (value === undefined)
    return out !== undefined && /\.html?$/i.test(out)
      ? 'html'
      : out !== undefined && /\.pdf$/i.test(out)
        ? 'pdf'
        : 'md';
  if (value === 'md' || value === 'html' || value === 'pdf') return value;
  throw new UsageError(`--format must be md, html or pdf, not "${value}".${didYouMean(value, ['md', 'html', 'pdf'])}`);
}

function parseLocalStack(value: string | undefined): LocalStackRequest | undefined {
  if (value === undefined) return undefined;
  if (value === 'auto' || value === 'host' || value === 'docker' || value === 'off') return value;
  throw new UsageError(`--localstack must be auto, host, docker or off, not "${value}".`);
}

function parseRuntime(value: string | undefined): Runtime | undefined {
  if (value === undefined) return undefined;
  if (value === 'host' || value === 'docker') return value;
  throw new UsageError(`--runtime must be host or docker, not "${value}".`);
}

/** --scenarios folders, then MTLS_SANDBOX_SCENARIOS's (colon-separated, empty entries skipped). */
export function scenarioDirsOf(given: readonly string[], env: NodeJS.ProcessEnv): ScenarioDir[] {
  for (const dir of given)
    if (dir === '') throw new UsageError('--scenarios needs a folder, e.g. --scenarios ~/mtls-lab.');
  return [
    ...given.map((dir) => ({ dir, how: '--scenarios' })),
    ...(env.MTLS_SANDBOX_SCENARIOS ?? '')
      .split(':')
      .filter((dir) => dir !== '')
      .map((dir) => ({ dir, how: 'MTLS_SANDBOX_SCENARIOS' })),
  ];
}

function noPositionals(command: string, rest: string[]): void {
  if (rest.length > 0) throw new UsageError(`\`${command}\` takes no arguments (got ${rest.join(' ')}).`);
}
