// Loads a user's own scenario folders (`--scenarios DIR`, MTLS_SANDBOX_SCENARIOS) into the catalogue. Their
// TypeScript goes through tsx and their imports through resolve-hook.mjs (the sandbox's public API and the project's
// aws-cdk-lib). A folder that does not load is reported as broken, with the file and line, and the rest still load.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Message, msg } from '../../sandbox/messages.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import { firstLine, locateError, type SourceLocation } from '../../sandbox/synth/source-location.js';

/** A user's scenario that could not be loaded: where, and why. */
export interface BrokenScenario extends SourceLocation {
  id: string;
  folder: string;
  error: string;
}

/** A folder given to --scenarios (or in MTLS_SANDBOX_SCENARIOS) that is not there: a usage error. */
export class ScenarioFolderError extends Error {
  constructor(
    message: string,
    readonly said?: Message,
  ) {
    super(message);
  }
}

const SOURCES = import.meta.url.endsWith('.ts');
const EXT = SOURCES ? 'ts' : 'js';
/** The project's root (dist/'s parent when compiled): where aws-cdk-lib and the other packages are. */
const ROOT = new URL(SOURCES ? '../../' : '../../../', import.meta.url).href;
/** The public API's specifiers and the modules behind them. */
export const PUBLIC_ENTRIES: Record<string, string> = {
  'mtls-sandbox/scenario': new URL(`./api-scenario.${EXT}`, import.meta.url).href,
  'mtls-sandbox/stack': new URL(`./api-stack.${EXT}`, import.meta.url).href,
};

let installed: Promise<void> | null = null;
/** TypeScript for the user's files (already there when the sandbox runs from its sources) and the resolve hook. */
export function installUserLoader(): Promise<void> {
  installed ??= (async () => {
    if (!SOURCES) (await import('tsx/esm/api')).register();
    register('./resolve-hook.mjs', import.meta.url, { data: { root: ROOT, entries: PUBLIC_ENTRIES } });
  })();
  return installed;
}

/** The scenario folders a --scenarios folder holds: itself when it has a scenario.ts, else its subfolders that do. */
export function scenarioFoldersIn(dir: string, how: string): string[] {
  const folder = resolve(dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new ScenarioFolderError(
      `${how} names ${folder}, which is not a folder. Make one with \`mtls-sandbox new <id> --dir ${dir}\`, or fix the path.`,
      msg('setup.scenarios-not-folder', { how, folder, dir }),
    );
  if (existsSync(join(folder, 'scenario.ts'))) return [folder];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'scenario.ts')))
    .map((entry) => join(folder, entry.name))
    .sort();
}

/** Loads each folder's scenario.ts; `taken` are the ids already in the catalogue (a user's id must be new). */
export async function loadUserScenarios(
  folders: readonly string[],
  taken: ReadonlySet<string>,
): Promise<{ scenarios: ScenarioDefinition[]; broken: BrokenScenario[] }> {
  if (folders.length === 0) return { scenarios: [], broken: [] };
  await installUserLoader();
  const scenarios: ScenarioDefinition[] = [];
  const broken: BrokenScenario[] = [];
  const seen = new Map<string, string>();
  for (const folder of [...new Set(folders)]) {
    const file = join(folder, 'scenario.ts');
    const id = basename(folder);
    const fail = (error: unknown, where: SourceLocation = locateError(error, folder, file)) =>
      broken.push({ id, folder, ...where, error: firstLine(error) });
    const scope = moduleScopeProblem(folder);
    if (scope) {
      fail(new Error(scope.problem), { file: scope.file ?? file, line: null, column: null });
      continue;
    }
    let loaded: unknown;
    try {
      loaded = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
    } catch (error) {
      fail(error);
      continue;
    }
    const problem = shapeProblem(loaded, id, taken, seen);
    if (problem) {
      fail(new Error(problem), { file, line: null, column: null });
      continue;
    }
    seen.set(id, folder);
    scenarios.push({ ...(loaded as ScenarioDefinition), origin: { kind: 'user', folder } });
  }
  return { scenarios, broken };
}

/**
 * The folder's TypeScript must be ES modules (it uses import.meta.url): the nearest package.json says
 * "type": "module", as the one `mtls-sandbox new` writes does. Without it tsx would load the files as CommonJS.
 */
function moduleScopeProblem(folder: string): { file?: string; problem: string } | null {
  for (let dir = folder; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      let type: unknown;
      try {
        type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
      } catch {
        return {
          file: manifest,
          problem: 'not valid JSON; it must say {"type": "module"} for the scenario\'s TypeScript.',
        };
      }
      return type === 'module'
        ? null
        : {
            file: manifest,
            problem:
              'this package.json does not say "type": "module"; a scenario\'s TypeScript is ES modules (add it, or give the scenario folder its own package.json with {"type": "module"}).',
          };
    }
    if (dirname(dir) === dir)
      return {
        problem: `no package.json says "type": "module" for ${folder}: add one there with {"type": "module"} (mtls-sandbox new writes it).`,
      };
  }
}

/** What is wrong with a scenario.ts's default export, if anything (the types say the rest; tsx does not check them). */
function shapeProblem(
  loaded: unknown,
  id: string,
  taken: ReadonlySet<string>,
  seen: ReadonlyMap<string, string>,
): string | null {
  if (typeof loaded !== 'object' || loaded === null)
    return 'scenario.ts must `export default defineScenario({ … })` (import defineScenario from "mtls-sandbox/scenario").';
  const definition = loaded as Partial<ScenarioDefinition>;
  if (definition.id !== id)
    return `scenario.ts defines id "${String(definition.id)}" but its folder is "${id}"; the folder and the id must match.`;
  if (taken.has(id)) return `"${id}" is already a scenario of the project; give yours another id (and folder name).`;
  if (seen.has(id)) return `"${id}" is also a scenario in ${seen.get(id)}; ids must be unique.`;
  if (!(definition.stackModule instanceof URL))
    return "stackModule must be a URL, e.g. new URL('./stack.ts', import.meta.url).";
  if (!Array.isArray(definition.probes)) return 'probes must be a list of probes.';
  for (const field of ['title', 'summary', 'explain'] as const)
    if (typeof definition[field]?.en !== 'string') return `${field} must be a text { en, ja }.`;
  if (typeof definition.story?.id !== 'string')
    return 'story must be a story (e.g. OWN_SCENARIOS from "mtls-sandbox/scenario").';
  return null;
}
