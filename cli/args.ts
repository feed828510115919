// Command-line parsing: which command, which scenarios, which output. Usage errors name the fix.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LocalStackRequest } from '../sandbox/localstack/session.js';
import type { Lang, Text } from '../sandbox/text.js';
import {
  COMMAND_NAMES,
  COMMON_OPTIONS,
  type CommandName,
  COMMANDS as DECLARED,
  DEFAULT_COMMAND,
  OPTIONS,
  type OptionName,
  type OptionSpec,
} from './commands.js';
import { type HelpTopic, helpText } from './help.js';
import { type CliWord, cliSay } from './i18n/cli-words.js';
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
      /** --parameters KEY=VALUE (repeatable): the template's parameter values, by name. */
      parameters?: Record<string, string>;
      scenarioDirs?: ScenarioDir[];
      all: boolean;
      json: boolean;
      lang: Lang;
      localstack?: LocalStackRequest;
      deployAll?: boolean;
      runtime?: Runtime;
      pcap?: boolean;
      /** --concurrency N (or MTLS_SANDBOX_CONCURRENCY): scenarios at the same time; absent: the engine's default. */
      concurrency?: number;
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
      concurrency?: number;
      /** --predictions FILE: the score sheet of a prediction run instead of running scenarios. */
      predictions?: string;
    }
  | {
      name: 'up';
      /** The scenario's id; null with --template. */
      id: string | null;
      template?: string;
      parameters?: Record<string, string>;
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
/** The longest scenario id `new` accepts. */
export const MAX_ID_LENGTH = 64;

export type Runtime = 'host' | 'docker';

/**
 * A usage error: what is wrong and how to fix it, in English and Japanese (`message` is the English), and the help to
 * print before it (main prints both, in the invocation's language).
 */
export class UsageError extends Error {
  readonly text: Text;
  constructor(
    text: Text | string,
    readonly help: HelpTopic | null = null,
  ) {
    const both = typeof text === 'string' ? { en: text, ja: text } : text;
    super(both.en);
    this.text = both;
  }

  /** The help printed before the error, in English. */
  get usage(): string | null {
    return this.help ? helpText(this.help, 'en') : null;
  }
}

/** A sentence of the command line in both languages; a mistyped word gets its "did you mean" in each. */
export function both(key: CliWord, params: Record<string, string | number> = {}, typo?: Typo): Text {
  const one = (lang: Lang) =>
    cliSay(key, lang, typo ? { ...params, suggestion: didYouMean(typo.input, typo.known, lang) } : params);
  return { en: one('en'), ja: one('ja') };
}

interface Typo {
  input: string;
  known: readonly string[];
}

/** The command names, in the order the usage lists them (declared in commands.ts). */
export const COMMANDS = COMMAND_NAMES;
export type { CommandName };

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

/**
 * The language an invocation speaks: --lang when it is given and valid, else the locale. Read before the command
 * line is parsed, so that help and usage errors come in it too.
 */
export function invocationLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (const [i, arg] of argv.entries()) {
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'en' || value === 'ja') return value;
  }
  return defaultLang(env);
}

/** The options each command takes besides the common ones; any other given to it is a usage error, never ignored. */
const TAKES: Record<string, readonly OptionName[]> = {
  default: DEFAULT_COMMAND.options,
  ...Object.fromEntries(COMMAND_NAMES.map((name) => [name, DECLARED[name].options])),
};

/** node:util parseArgs's options, from the declaration: booleans default to false. */
const PARSE_OPTIONS = Object.fromEntries(
  (Object.keys(OPTIONS) as OptionName[]).map((name) => {
    const option: OptionSpec = OPTIONS[name];
    return [
      name,
      {
        type: option.type,
        ...(option.multiple ? { multiple: true } : {}),
        ...(option.short ? { short: option.short } : {}),
        ...(option.type === 'boolean' ? { default: false } : {}),
      },
    ];
  }),
) as ParseOptions;

/** What parseArgs returns for each option: the declaration's types, narrowed by hand (parseArgs needs literals). */
type ParseOptions = {
  [Name in OptionName]: (typeof OPTIONS)[Name] extends { type: 'boolean' }
    ? { type: 'boolean'; default: boolean }
    : (typeof OPTIONS)[Name] extends { multiple: true }
      ? { type: 'string'; multiple: true }
      : { type: 'string' };
};

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const { values, positionals, tokens } = parseFlags(argv);
  const [command, ...rest] = positionals;
  if (values.version) return { name: 'version' };
  if (values.help) return isCommand(command) ? { name: 'help', command } : { name: 'help' };
  if (command !== undefined && !isCommand(command))
    throw new UsageError(both('unknownCommand', { command }, { input: command, known: COMMANDS }), 'main');
  const lang = parseLang(values.lang, env);
  const localstack = parseLocalStack(values.localstack);
  const runtime = parseRuntime(values.runtime);
  if (values.pcap && !['run', 'report'].includes(command ?? '')) throw new UsageError(both('pcapBelongs'));
  if (values.pcap && runtime === 'docker') throw new UsageError(both('pcapDocker'));
  if (values.concurrency !== undefined && !['run', 'report'].includes(command ?? ''))
    throw new UsageError(both('concurrencyBelongs'));
  const concurrency = ['run', 'report'].includes(command ?? '') ? parseConcurrency(values.concurrency, env) : {};
  if (runtime !== undefined && !['run', 'up', 'report', undefined].includes(command))
    throw new UsageError(both('runtimeBelongs'));
  if ((localstack !== undefined || values['deploy-all']) && !['run', 'up', 'report', undefined].includes(command))
    throw new UsageError(both('localstackBelongs'));
  if (command !== 'report' && values.format !== undefined) throw new UsageError(both('formatBelongs'));
  if (command !== 'report' && command !== 'compose' && values.out !== undefined)
    throw new UsageError(both('outBelongs'));
  refuseOptionsNotTaken(command, tokens);
  const deployAll = values['deploy-all'] || undefined;
  const dirs = scenarioDirsOf(values.scenarios ?? [], env);
  // Present only when there are some: a command without them reads as it did before they existed.
  const own = dirs.length > 0 ? { scenarioDirs: dirs } : {};
  const template = values.template;
  if (template === '') throw new UsageError(both('templateNeedsFile'));
  const parameters = parseParameters(values.parameters, template);
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
      if (template !== undefined && (values.all || rest.length > 0)) throw new UsageError(both('runOneOf'));
      if (values.all && rest.length > 0) throw new UsageError(both('idsOrAll'));
      if (!values.all && rest.length === 0 && template === undefined) throw new UsageError(both('whichScenarioRun'));
      if (values.predict && (rest.length !== 1 || values.json)) throw new UsageError(both('predictOne'));
      return {
        name: 'run',
        ids: rest,
        ...(template !== undefined ? { template } : {}),
        ...parameters,
        ...own,
        all: values.all,
        json: values.json,
        lang,
        localstack,
        deployAll,
        ...(runtime ? { runtime } : {}),
        ...(values.pcap ? { pcap: true } : {}),
        ...concurrency,
        ...(values.predict ? { predict: true } : {}),
      };
    case 'report':
      if (values.predictions !== undefined) {
        if (values.predictions === '') throw new UsageError(both('predictionsNeedsFile'));
        if (values.all || rest.length > 0) throw new UsageError(both('predictionsAlone'));
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
      if (values.all && rest.length > 0) throw new UsageError(both('idsOrAll'));
      if (!values.all && rest.length === 0) throw new UsageError(both('whichScenarioReport'));
      if (values.out === '') throw new UsageError(both('outNeedsFile'));
      if (values.format === 'pdf' && values.out === undefined) throw new UsageError(both('pdfNeedsOut'));
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
        ...concurrency,
      };
    case 'up':
      if (template !== undefined && rest.length > 0) throw new UsageError(both('upIdOrTemplate'));
      if (template === undefined && rest.length !== 1) throw new UsageError(both('upExactlyOne'));
      return {
        name: 'up',
        id: template === undefined ? rest[0]! : null,
        ...(template !== undefined ? { template } : {}),
        ...parameters,
        ...own,
        lang,
        localstack,
        ...(deployAll ? { deployAll } : {}),
        ...(runtime ? { runtime } : {}),
        ...(values.plain ? { plain: true } : {}),
      };
    case 'compose':
      if (rest.length !== 1) throw new UsageError(both('composeExactlyOne'));
      if (values.out === '') throw new UsageError(both('outNeedsFolder'));
      return { name: 'compose', id: rest[0]!, out: values.out ?? null, lang, ...own };
    case 'new':
      if (rest.length !== 1) throw new UsageError(both('newExactlyOne'));
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rest[0]!)) throw new UsageError(both('newIdForm', { id: rest[0]! }));
      // It names a folder, a cache file and the CloudFormation stack (at most 128 characters there).
      if (rest[0]!.length > MAX_ID_LENGTH)
        throw new UsageError(
          both('newIdTooLong', { max: MAX_ID_LENGTH, start: rest[0]!.slice(0, 20), length: rest[0]!.length }),
        );
      if (values.from === '') throw new UsageError(both('fromNeedsId'));
      if (values.dir === '') throw new UsageError(both('dirNeedsFolder'));
      return { name: 'new', id: rest[0]!, from: values.from ?? null, dir: values.dir ?? '.', ...own };
    case 'localstack': {
      const [action, ...extra] = rest;
      if (action !== 'start' && action !== 'stop' && action !== 'status')
        throw new UsageError(
          action === undefined
            ? both('localstackNeedsAction')
            : both('localstackUnknownAction', { action }, { input: action, known: ['start', 'stop', 'status'] }),
          'localstack',
        );
      noPositionals(`localstack ${action}`, extra);
      if (values.foreground && action !== 'start') throw new UsageError(both('foregroundBelongs'), 'localstack');
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
  throw new UsageError(both('unknownCommand', { command, suggestion: '' }), 'main');
}

/** --parameters KEY=VALUE, each given once; only with --template. Present only when some are given. */
function parseParameters(
  given: string[] | undefined,
  template: string | undefined,
): { parameters?: Record<string, string> } {
  if (given === undefined || given.length === 0) return {};
  if (template === undefined) throw new UsageError(both('parametersNeedTemplate'));
  const parameters: Record<string, string> = Object.create(null);
  for (const pair of given) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? '' : pair.slice(0, eq);
    if (!/^[A-Za-z0-9]+$/.test(key)) throw new UsageError(both('parametersForm', { pair }));
    if (Object.hasOwn(parameters, key)) throw new UsageError(both('parametersTwice', { key }));
    parameters[key] = pair.slice(eq + 1);
  }
  return { parameters: { ...parameters } };
}

const isCommand = (word: string | undefined): word is CommandName =>
  word !== undefined && (COMMANDS as readonly string[]).includes(word);

/** A known command given an option it does not take: a usage error naming the option and what the command takes. */
function refuseOptionsNotTaken(command: string | undefined, tokens: { kind: string; name?: string }[]): void {
  const takes = TAKES[command ?? 'default'];
  if (!takes) return; // an unknown command: said below
  const given = [...new Set(tokens.flatMap((token) => (token.kind === 'option' && token.name ? [token.name] : [])))];
  const extra = given.filter(
    (name) => !(takes as readonly string[]).includes(name) && !(COMMON_OPTIONS as readonly string[]).includes(name),
  );
  if (extra.length === 0) return;
  const options = extra.map((name) => `--${name}`).join(' ');
  const params = { command: command ?? '', options };
  throw new UsageError(
    takes.length === 0
      ? both('takesNoOptions', params)
      : both('doesNotTake', { ...params, takes: takes.map((name) => `--${name}`).join(', ') }),
  );
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: PARSE_OPTIONS, tokens: true });
  } catch (error) {
    const message = (error as Error).message;
    const command = argv.find((arg) => isCommand(arg));
    const help: HelpTopic = command && isCommand(command) ? command : 'main';
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    if (unknown) {
      const names = Object.keys(OPTIONS).map((name) => `--${name}`);
      throw new UsageError(both('unknownOption', { option: unknown }, { input: unknown, known: names }), help);
    }
    // "Option '--lang <value>' argument missing", "Option '--json' does not take an argument".
    const missing = /Option '(?:-\w, )?--([\w-]+) <value>' argument missing/.exec(message)?.[1];
    if (missing && missing in OPTIONS) {
      const option: OptionSpec = OPTIONS[missing as OptionName];
      const example = option.value?.split('|')[0] ?? 'VALUE';
      throw new UsageError(both('optionNeedsValue', { option: `--${missing}`, example }), help);
    }
    const valued = /Option '(?:-\w, )?--([\w-]+)' does not take an argument/.exec(message)?.[1];
    if (valued) throw new UsageError(both('optionTakesNoValue', { option: `--${valued}` }), help);
    throw new UsageError(message, help);
  }
}

function parseLang(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (value === undefined) return defaultLang(env);
  if (value === 'en' || value === 'ja') return value;
  throw new UsageError(both('langMust', { value }));
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
  throw new UsageError(both('formatMust', { value }, { input: value, known: ['md', 'html', 'pdf'] }));
}

function parseLocalStack(value: string | undefined): LocalStackRequest | undefined {
  if (value === undefined) return undefined;
  if (value === 'auto' || value === 'host' || value === 'docker' || value === 'off') return value;
  throw new UsageError(both('localstackMust', { value }));
}

/** --concurrency, else MTLS_SANDBOX_CONCURRENCY: a whole number from 1 to 32; neither given: nothing (the default). */
export function parseConcurrency(
  value: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { concurrency?: number } {
  const [given, how] =
    value !== undefined ? [value, '--concurrency'] : [env.MTLS_SANDBOX_CONCURRENCY, 'MTLS_SANDBOX_CONCURRENCY'];
  if (given === undefined || (value === undefined && given === '')) return {};
  const number = Number(given);
  if (!/^\s*\d+\s*$/.test(given) || number < 1 || number > 32)
    throw new UsageError(both('concurrencyMust', { value: given, how }));
  return { concurrency: number };
}

function parseRuntime(value: string | undefined): Runtime | undefined {
  if (value === undefined) return undefined;
  if (value === 'host' || value === 'docker') return value;
  throw new UsageError(both('runtimeMust', { value }));
}

/** --scenarios folders, then MTLS_SANDBOX_SCENARIOS's (colon-separated, empty entries skipped). */
export function scenarioDirsOf(given: readonly string[], env: NodeJS.ProcessEnv): ScenarioDir[] {
  for (const dir of given) if (dir === '') throw new UsageError(both('scenariosNeedsFolder'));
  return [
    ...given.map((dir) => ({ dir, how: '--scenarios' })),
    ...(env.MTLS_SANDBOX_SCENARIOS ?? '')
      .split(':')
      .filter((dir) => dir !== '')
      .map((dir) => ({ dir, how: 'MTLS_SANDBOX_SCENARIOS' })),
  ];
}

function noPositionals(command: string, rest: string[]): void {
  if (rest.length > 0) throw new UsageError(both('takesNoArguments', { command, args: rest.join(' ') }));
}
