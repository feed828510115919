// Command-line parsing: which command, which scenarios, which output. Usage errors name the fix.
import { parseArgs } from 'node:util';
import type { Lang } from '../sandbox/text.js';

export type Command =
  | { name: 'list'; json: boolean; lang: Lang }
  | { name: 'run'; ids: string[]; all: boolean; json: boolean; lang: Lang }
  | { name: 'up'; id: string; lang: Lang }
  | { name: 'certs' }
  | { name: 'down' }
  | { name: 'help' }
  | { name: 'default'; lang: Lang };

export class UsageError extends Error {}

export const USAGE = `mtls-sandbox — see how AWS load balancers treat client certificates, with real nginx, HAProxy, curl and openssl.

Usage:
  mtls-sandbox list [--json]              the scenarios, grouped by story
  mtls-sandbox run <id>... [--json]       run scenarios and judge each probe against AWS's behaviour
  mtls-sandbox run --all [--json]         run every scenario
  mtls-sandbox up <id>                    keep a scenario's topology running to experiment by hand (Ctrl-C stops it)
  mtls-sandbox certs                      where the sandbox's certificates are and the openssl commands that made them
  mtls-sandbox down                       stop anything an earlier run left running

Options:
  --json          print the headless report (design.md) instead of text
  --lang en|ja    language of titles and explanations (default: from LANG)

Exit status: 0 all probes pass, 1 an expectation failed, 2 usage or set-up error.`;

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, all: { type: 'boolean', default: false }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: 'help' };
  const lang = parseLang(values.lang, env);
  const [command, ...rest] = positionals;
  switch (command) {
    case undefined:
      return { name: 'default', lang };
    case 'help':
      return { name: 'help' };
    case 'list':
      noPositionals('list', rest);
      return { name: 'list', json: values.json, lang };
    case 'run':
      if (values.all && rest.length > 0) throw new UsageError('Give scenario ids or --all, not both.');
      if (!values.all && rest.length === 0) throw new UsageError('Which scenario? Give an id (see `mtls-sandbox list`) or --all.');
      return { name: 'run', ids: rest, all: values.all, json: values.json, lang };
    case 'up':
      if (rest.length !== 1) throw new UsageError('`up` takes exactly one scenario id, e.g. `mtls-sandbox up nlb-tcp-passthrough`.');
      return { name: 'up', id: rest[0]!, lang };
    case 'certs':
      noPositionals('certs', rest);
      return { name: 'certs' };
    case 'down':
      noPositionals('down', rest);
      return { name: 'down' };
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

function parseLang(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (value === undefined) return defaultLang(env);
  if (value === 'en' || value === 'ja') return value;
  throw new UsageError(`--lang must be en or ja, not "${value}".`);
}

function noPositionals(command: string, rest: string[]): void {
  if (rest.length > 0) throw new UsageError(`\`${command}\` takes no arguments (got ${rest.join(' ')}).`);
}
