// `mtls-sandbox new <id>`: writes a scenario folder of the user's own, outside the project (scenarios/own/scaffold.ts
// makes the texts). A folder that exists and is not empty is never written into.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CopyRecord, copyScenarioFiles, editorTsconfig, starterFiles } from '../scenarios/own/scaffold.js';
import type { ScenarioDefinition } from '../sandbox/scenario.js';
import { UsageError } from './args.js';

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
    throw new UsageError(
      `${folder} already exists and is not empty; choose another id or --dir, or remove it first. Nothing was written.`,
    );
  const inside = relative(PROJECT, folder);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    throw new UsageError(
      `${folder} is inside the sandbox's project; your own scenarios live outside it (e.g. --dir ~/mtls-lab).`,
    );
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

/** What `new` prints: where the files are and the commands to run and edit them. */
export function newScenarioSummary(made: NewScenario, id: string, dir: string): string {
  const parent = dirname(made.folder);
  const shown = relative(process.cwd(), parent) || '.';
  return [
    `Wrote ${made.folder}:`,
    ...made.files.map((file) => `  ${file}`),
    '',
    'Run it:',
    `  mtls-sandbox run ${id} --scenarios ${shown}`,
    'Edit stack.ts (the CDK stack) and scenario.ts (probes, expectations, evidence); README.md says more.',
    ...(dir === '.' ? [] : [`Or for every command: export MTLS_SANDBOX_SCENARIOS=${parent}`]),
  ].join('\n');
}
