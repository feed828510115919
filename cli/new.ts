// `mtls-sandbox new <id>`: writes a scenario folder of the user's own, outside the project (scenarios/own/scaffold.ts
// makes the texts). A folder that exists and is not empty is never written into.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CopyRecord, copyScenarioFiles, editorTsconfig, starterFiles } from '../scenarios/own/scaffold.js';
import type { ScenarioDefinition } from '../sandbox/scenario.js';
import type { Lang } from '../sandbox/text.js';
import { both, UsageError } from './args.js';
import { cliSay } from './i18n/cli-words.js';

/** The project's root: cli/'s parent, or dist/cli/'s grandparent when compiled. */
const PROJECT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '..' : '../..', import.meta.url));

export interface NewScenario {
  folder: string;
  files: string[];
}

/**
 * Writes scenario `id` into `dir`/<id>, a starter or a copy of `from` (a scenario of the catalogue); `record` says what
 * the copy is made from (its template's and probes' digests), asked for once the folder is known to be writable.
 */
export async function writeNewScenario(
  id: string,
  dir: string,
  from: ScenarioDefinition | null,
  record: () => Promise<CopyRecord> = async () => ({ template: '', probes: {} }),
): Promise<NewScenario> {
  const folder = resolve(dir, id);
  if (existsSync(folder) && (!statSync(folder).isDirectory() || readdirSync(folder).length > 0))
    throw new UsageError(both('newFolderNotEmpty', { folder }));
  const inside = relative(PROJECT, folder);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    throw new UsageError(both('newInsideProject', { folder }));
  writable(folder, () => mkdirSync(folder, { recursive: true }));
  const files = from
    ? copyScenarioFiles(from.id, id, readFolder(sourceFolderOf(from)), await record())
    : starterFiles(id);
  files['tsconfig.json'] = editorTsconfig(PROJECT);
  // ES modules, as the project's scenarios are (scenarios/own/load.ts checks for it).
  files['package.json'] ??= `${JSON.stringify({ name: id, private: true, type: 'module' }, null, 2)}\n`;
  for (const [name, text] of Object.entries(files))
    writable(folder, () => {
      mkdirSync(dirname(join(folder, name)), { recursive: true });
      writeFileSync(join(folder, name), text);
    });
  return { folder, files: Object.keys(files).sort() };
}

/** A file system refusal while writing the folder, as what is wrong and what to do (never a stack trace). */
function writable(folder: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    const { code, path } = error as NodeJS.ErrnoException;
    const where = path ?? folder;
    const why: Record<string, string> = {
      EACCES: `you may not write there (permissions)`,
      EPERM: 'the system does not allow writing there',
      EROFS: 'it is on a read-only file system',
      ENOTDIR: 'a file stands where a folder of that path should be',
      EEXIST: 'a file stands where the folder should be',
      ENAMETOOLONG: 'the path is too long for the file system',
      ENOSPC: 'the disk is full',
    };
    if (!code || !why[code]) throw error;
    throw new UsageError(
      `Cannot write ${where}: ${why[code]} (${code}). Choose another --dir, or fix that path. Nothing else was written.`,
    );
  }
}

/** The folder of a scenario's TypeScript sources (the project's scenarios/<id>, also when running compiled). */
function sourceFolderOf(scenario: ScenarioDefinition): string {
  if (scenario.origin?.kind === 'user') return scenario.origin.folder;
  return join(PROJECT, 'scenarios', scenario.id);
}

function readFolder(folder: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(folder, prefix), { withFileTypes: true })) {
    const name = join(prefix, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') Object.assign(files, readFolder(folder, name));
    } else files[name] = readFileSync(join(folder, name), 'utf8');
  }
  return files;
}

/**
 * What `new` prints: where the files are and the commands to run and edit them. The command is whole and on one
 * line, to copy and run from the project folder: `npx mtls-sandbox` (the bare name is not on PATH) and the folder as
 * an absolute path, right from wherever the shell is.
 */
export function newScenarioSummary(made: NewScenario, id: string, dir: string, lang: Lang = 'en'): string {
  const parent = shellWord(dirname(made.folder));
  return [
    cliSay('newWrote', lang, { folder: made.folder }),
    ...made.files.map((file) => `  ${file}`),
    '',
    cliSay('newRunIt', lang),
    `  npx mtls-sandbox run ${id} --scenarios ${parent}`,
    cliSay('newEditIt', lang),
    ...(dir === '.' ? [] : [cliSay('newEveryCommand', lang), `  export MTLS_SANDBOX_SCENARIOS=${parent}`]),
  ].join('\n');
}

/** A path as one shell word: quoted only when it has to be. */
export const shellWord = (path: string): string =>
  /^[\w@%+=:,./~-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
