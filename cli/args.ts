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
      runtime?: Runtime;
    }
  | { name: 'up'; id: string; lang: Lang; localstack?: LocalStackRequest; runtime?: Runtime }
  | { name: 'compose'; id: string; out: string | null; lang: Lang }
  | { name: 'doctor'; json: boolean }
  | { name: 'certs' }
  | { name: 'down' }
  | { name: 'help' }
  | { name: 'default'; lang: Lang; localstack?: LocalStackRequest; runtime?: Runtime };

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
  mtls-sandbox compose <id> [--out DIR]   write the scenario as a compose project (default DIR:
                                          .sandbox/compose/<id>); then docker compose -f DIR/compose.yaml up -d --wait
  mtls-sandbox certs                      where the sandbox's certificates are and the openssl commands that made them
  mtls-sandbox down                       stop anything an earlier run left running
  mtls-sandbox doctor [--json]            what is installed and running, which modes work, how to fix what is missing

Options:
  --json            print the headless report (design.md) instead of text
  --format md|html  report format (default: html for an --out file named *.html, else md)
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

Exit status: 0 all probes pass, 1 an expectation failed, 2 usage or set-up error.`;

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const { values, positionals } = parseFlags(argv);
  if (values.help) return { name: 'help' };
  const lang = parseLang(values.lang, env);
  const [command, ...rest] = positionals;
  const localstack = parseLocalStack(values.localstack);
  const runtime = parseRuntime(values.runtime);
  if (runtime !== undefined && !['run', 'up', undefined].includes(command))
    throw new UsageError('--runtime belongs to `run`, `up` and the default command.');
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
  switch (command) {
    case undefined:
      return { name: 'default', lang, localstack, ...(runtime ? { runtime } : {}) };
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
        deployAll: values['deploy-all'] || undefined,
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
        ...(runtime ? { runtime } : {}),
      };
    case 'up':
      if (rest.length !== 1)
        throw new UsageError('`up` takes exactly one scenario id, e.g. `mtls-sandbox up nlb-tcp-passthrough`.');
      return { name: 'up', id: rest[0]!, lang, localstack, ...(runtime ? { runtime } : {}) };
    case 'compose':
      if (rest.length !== 1)
        throw new UsageError(
          '`compose` takes exactly one scenario id, e.g. `mtls-sandbox compose nlb-tcp-passthrough --out lesson-1`.',
        );
      if (values.out === '') throw new UsageError('--out needs a folder, e.g. --out lesson-1.');
      return { name: 'compose', id: rest[0]!, out: values.out ?? null, lang };
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

function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
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
