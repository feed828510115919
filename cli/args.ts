// Command-line parsing: which command, which scenarios, which output. Usage errors name the fix.
import { parseArgs } from 'node:util';
import type { LocalStackRequest } from '../sandbox/localstack/session.js';
import type { Lang } from '../sandbox/text.js';

export type Command =
  | { name: 'list'; json: boolean; lang: Lang }
  | {
      name: 'run';
      ids: string[];
      all: boolean;
      json: boolean;
      lang: Lang;
      localstack?: LocalStackRequest;
      deployAll?: boolean;
      runtime?: Runtime;
    }
  | {
      name: 'report';
      ids: string[];
      all: boolean;
      format: 'md' | 'html';
      out: string | null;
      lang: Lang;
      localstack?: LocalStackRequest;
      deployAll?: boolean;
      runtime?: Runtime;
    }
  | { name: 'up'; id: string; lang: Lang; localstack?: LocalStackRequest; deployAll?: boolean; runtime?: Runtime }
  | { name: 'doctor'; json: boolean }
  | { name: 'certs' }
  | { name: 'down' }
  | { name: 'help' }
  | { name: 'default'; lang: Lang; localstack?: LocalStackRequest; deployAll?: boolean; runtime?: Runtime };

/** --runtime: host processes (default) or containers through the Docker engine (sandbox/runtime/docker). */
export type Runtime = 'host' | 'docker';

export class UsageError extends Error {}

export const USAGE = `mtls-sandbox — see how AWS load balancers treat client certificates, with real nginx, HAProxy, curl and openssl.

Usage:
  mtls-sandbox                            on a terminal, the interactive UI (press ? for its keys); piped,
                                          every scenario in plain text
  mtls-sandbox list [--json]              the scenarios, grouped by story
  mtls-sandbox run <id>... [--json]       run scenarios and judge each probe against AWS's behaviour
  mtls-sandbox run --all [--json]         run every scenario
  mtls-sandbox report <id>... [--format md|html] [--out FILE]
                                          run scenarios and write a report for stakeholders: GitHub Markdown,
                                          or one self-contained HTML page (to stdout without --out)
  mtls-sandbox report --all [--format md|html] [--out FILE]
                                          the same for every scenario
  mtls-sandbox up <id>                    keep a scenario's topology running to experiment by hand (Ctrl-C stops it)
  mtls-sandbox certs                      where the sandbox's certificates are and the openssl commands that made them
  mtls-sandbox down                       stop every run of this state dir, and what a killed run left
  mtls-sandbox doctor [--json]            what is installed and running, which modes work, how to fix what is missing

Options:
  --json            print the headless report (design.md) instead of text
  --format md|html  report format (default: html for an --out file named *.html, else md)
  --out FILE        write the report to FILE instead of stdout
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

Exit status: 0 all probes pass, 1 an expectation failed, 2 usage or set-up error.`;

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** The options each command takes; any other given to it is a usage error, never silently ignored. */
const TAKES: Record<string, (keyof typeof OPTIONS)[]> = {
  default: ['lang', 'localstack', 'deploy-all', 'runtime'],
  help: [],
  list: ['json', 'lang'],
  run: ['all', 'json', 'lang', 'localstack', 'deploy-all', 'runtime'],
  report: ['all', 'format', 'out', 'lang', 'localstack', 'deploy-all'],
  up: ['lang', 'localstack', 'deploy-all', 'runtime'],
  doctor: ['json'],
  certs: [],
  down: [],
};

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const { values, positionals, tokens } = parseFlags(argv);
  if (values.help) return { name: 'help' };
  const lang = parseLang(values.lang, env);
  const [command, ...rest] = positionals;
  const localstack = parseLocalStack(values.localstack);
  const runtime = parseRuntime(values.runtime);
  if (runtime !== undefined && !['run', 'up', undefined].includes(command))
    throw new UsageError('--runtime belongs to `run`, `up` and the default command.');
  if ((localstack !== undefined || values['deploy-all']) && !['run', 'up', 'report', undefined].includes(command))
    throw new UsageError('--localstack and --deploy-all belong to `run`, `up`, `report` and the default command.');
  if (command !== 'report' && (values.format !== undefined || values.out !== undefined))
    throw new UsageError(
      '--format and --out belong to `report`, e.g. `mtls-sandbox report --all --format html --out report.html`.',
    );
  refuseOptionsNotTaken(command, tokens);
  const deployAll = values['deploy-all'] || undefined;
  switch (command) {
    case undefined:
      return {
        name: 'default',
        lang,
        localstack,
        ...(deployAll ? { deployAll } : {}),
        ...(runtime ? { runtime } : {}),
      };
    case 'help':
      return { name: 'help' };
    case 'list':
      noPositionals('list', rest);
      return { name: 'list', json: values.json, lang };
    case 'run':
      if (values.all && rest.length > 0) throw new UsageError('Give scenario ids or --all, not both.');
      if (!values.all && rest.length === 0)
        throw new UsageError('Which scenario? Give an id (see `mtls-sandbox list`) or --all.');
      return {
        name: 'run',
        ids: rest,
        all: values.all,
        json: values.json,
        lang,
        localstack,
        deployAll,
        ...(runtime ? { runtime } : {}),
      };
    case 'report':
      if (values.all && rest.length > 0) throw new UsageError('Give scenario ids or --all, not both.');
      if (!values.all && rest.length === 0)
        throw new UsageError('Which scenario? Give an id (see `mtls-sandbox list`) or --all.');
      if (values.out === '') throw new UsageError('--out needs a file name, e.g. --out report.html.');
      return {
        name: 'report',
        ids: rest,
        all: values.all,
        format: parseFormat(values.format, values.out),
        out: values.out ?? null,
        lang,
        localstack,
        ...(deployAll ? { deployAll } : {}),
        ...(runtime ? { runtime } : {}),
      };
    case 'up':
      if (rest.length !== 1)
        throw new UsageError('`up` takes exactly one scenario id, e.g. `mtls-sandbox up nlb-tcp-passthrough`.');
      return {
        name: 'up',
        id: rest[0]!,
        lang,
        localstack,
        ...(deployAll ? { deployAll } : {}),
        ...(runtime ? { runtime } : {}),
      };
    case 'certs':
      noPositionals('certs', rest);
      return { name: 'certs' };
    case 'doctor':
      noPositionals('doctor', rest);
      return { name: 'doctor', json: values.json };
    case 'down':
      noPositionals('down', rest);
      return { name: 'down' };
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  all: { type: 'boolean', default: false },
  lang: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  localstack: { type: 'string' },
  'deploy-all': { type: 'boolean', default: false },
  runtime: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** A known command given an option it does not take: a usage error naming the option and what the command takes. */
function refuseOptionsNotTaken(command: string | undefined, tokens: { kind: string; name?: string }[]): void {
  const takes = TAKES[command ?? 'default'];
  if (!takes) return; // an unknown command: said below
  const given = [...new Set(tokens.flatMap((token) => (token.kind === 'option' && token.name ? [token.name] : [])))];
  const extra = given.filter((name) => !(takes as string[]).includes(name) && name !== 'help');
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
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

function parseLang(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (value === undefined) return defaultLang(env);
  if (value === 'en' || value === 'ja') return value;
  throw new UsageError(`--lang must be en or ja, not "${value}".`);
}

/** --format, or else from the --out file's extension (.html/.htm), or else Markdown. */
function parseFormat(value: string | undefined, out: string | undefined): 'md' | 'html' {
  if (value === undefined) return out !== undefined && /\.html?$/i.test(out) ? 'html' : 'md';
  if (value === 'md' || value === 'html') return value;
  throw new UsageError(`--format must be md or html, not "${value}".`);
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

function noPositionals(command: string, rest: string[]): void {
  if (rest.length > 0) throw new UsageError(`\`${command}\` takes no arguments (got ${rest.join(' ')}).`);
}
