// `mtls-sandbox new <id>`: writes a scenario folder of the user's own, outside the project (scenarios/own/scaffold.ts
// makes the texts). A folder that exists and is not empty is never written into.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyScenarioFiles, editorTsconfig, starterFiles } from '../scenarios/own/scaffold.js';
import type { ScenarioDefinition } from '../sandbox/scenario.js';
import { UsageError } from './args.js';

/** The project's root: cli/'s parent, or dist/cli/'s grandparent when compiled. */
const PROJECT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '..' : '../..', import.meta.url));

export interface NewScenario {
  folder: string;
  files: string[];
}

/** Writes scenario `id` into `dir`/<id>, a starter or a copy of `from` (a scenario of the catalogue). */
export function writeNewScenario(id: string, dir: string, from: ScenarioDefinition | null): NewScenario {
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
  const files = from ? copyScenarioFiles(from.id, id, readFolder(sourceFolderOf(from))) : starterFiles(id);
  files['tsconfig.json'] = editorTsconfig(PROJECT);
  // ES modules, as the project's scenarios are (scenarios/own/load.ts checks for it).
  files['package.json'] ??= `${JSON.stringify({ name: id, private: true, type: 'module' }, null, 2)}\n`;
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return { folder, files: Object.keys(files).sort() };
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
