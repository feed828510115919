// Every scenario, found by folder: scenarios/<id>/scenario.ts. Adding a scenario touches only its folder. A user's
// own folders (--scenarios DIR, MTLS_SANDBOX_SCENARIOS) join them, marked as theirs (scenarios/own/load.ts).
import { readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ScenarioDefinition, Story } from '../sandbox/scenario.js';
import { type BrokenScenario, scenarioFoldersIn } from './own/folders.js';
import { formatLocation } from '../sandbox/synth/source-location.js';

export type { BrokenScenario } from './own/folders.js';
export { ScenarioFolderError } from './own/folders.js';

/** Where a user's own scenarios are: folders, each as given and where it was given (for the error if it is not). */
export interface CatalogueOptions {
  userDirs?: readonly { dir: string; how: string }[];
  /**
   * Only these ids are wanted: a user's folder of another name is not loaded at all (a scenario's folder is named by
   * its id), so `run alb-tls-termination` starts no process for the user's code.
   */
  only?: readonly string[];
}

export interface Catalogue {
  scenarios: ScenarioDefinition[];
  /** A user's scenarios that did not load, with the file and line that says why. */
  broken: BrokenScenario[];
  /** Every scenario id there is, the user's folders left unloaded (`only`) included: for "did you mean". */
  known: string[];
}

/** The project's scenarios and the user's own, with those of the user's that did not load. */
export async function openCatalogue(options: CatalogueOptions = {}): Promise<Catalogue> {
  const every = (options.userDirs ?? []).flatMap(({ dir, how }) => scenarioFoldersIn(dir, how));
  const folders = every.filter((folder) => !options.only || options.only.includes(basename(folder)));
  const loadingBuiltIn = loadBuiltIn();
  // The loader (and the processes it starts for the user's code) only when there are folders: `list` stays fast.
  // Their processes start while the project's scenarios load.
  const [builtIn, own] = await Promise.all([
    loadingBuiltIn,
    folders.length === 0
      ? { scenarios: [], broken: [] }
      : import('./own/load.js').then((load) =>
          load.loadUserScenarios(
            folders,
            loadingBuiltIn.then((scenarios) => new Set(scenarios.map((scenario) => scenario.id))),
          ),
        ),
  ]);
  const scenarios = [...builtIn, ...own.scenarios];
  const broken = [...own.broken];
  // A user's scenario that declares a story of the catalogue differently is broken, not the whole catalogue.
  for (const problem of storyProblems(scenarios)) {
    const index = scenarios.findIndex((scenario) => scenario.id === problem.id);
    const folder =
      scenarios[index]?.origin?.kind === 'user' ? (scenarios[index]!.origin as { folder: string }).folder : null;
    if (!folder) throw new Error(problem.message);
    scenarios.splice(index, 1);
    broken.push({
      id: problem.id,
      folder,
      file: join(folder, 'scenario.ts'),
      line: null,
      column: null,
      error: problem.message,
    });
  }
  const known = [...new Set([...builtIn.map((scenario) => scenario.id), ...every.map((folder) => basename(folder))])];
  return { scenarios: scenarios.sort(byStory), broken, known };
}

const byStory = (a: ScenarioDefinition, b: ScenarioDefinition) =>
  a.story.order - b.story.order || a.id.localeCompare(b.id);

export async function loadCatalogue(options: CatalogueOptions = {}): Promise<ScenarioDefinition[]> {
  return (await openCatalogue(options)).scenarios;
}

const ROOT = fileURLToPath(new URL('.', import.meta.url));
/** scenario.ts in the sources, scenario.js when running compiled (dist/). */
const SCENARIO_FILE = import.meta.url.endsWith('.ts') ? 'scenario.ts' : 'scenario.js';

async function loadBuiltIn(): Promise<ScenarioDefinition[]> {
  const ids = readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, entry.name, SCENARIO_FILE)))
    .map((entry) => entry.name);
  const scenarios = await Promise.all(
    ids.map(async (id) => {
      const module = (await import(pathToFileURL(join(ROOT, id, SCENARIO_FILE)).href)) as {
        default: ScenarioDefinition;
      };
      if (module.default.id !== id)
        throw new Error(
          `scenarios/${id}/scenario.ts defines id "${module.default.id}"; the folder and the id must match.`,
        );
      return module.default;
    }),
  );
  for (const problem of storyProblems(scenarios)) throw new Error(problem.message);
  return scenarios;
}

/** The stories of the catalogue, in order, each once. */
export function storiesOf(scenarios: readonly ScenarioDefinition[]): Story[] {
  const byId = new Map(scenarios.map((scenario) => [scenario.story.id, scenario.story]));
  return [...byId.values()].sort((a, b) => a.order - b.order);
}

/** A story declared twice must be the same story: one id, one title, one place in the order. */
function storyProblems(scenarios: readonly ScenarioDefinition[]): { id: string; message: string }[] {
  const seen = new Map<string, { story: Story; by: string }>();
  const problems: { id: string; message: string }[] = [];
  for (const scenario of scenarios) {
    const first = seen.get(scenario.story.id);
    if (!first) {
      seen.set(scenario.story.id, { story: scenario.story, by: scenario.id });
      continue;
    }
    if (JSON.stringify(first.story) !== JSON.stringify(scenario.story))
      problems.push({
        id: scenario.id,
        message: `Scenarios ${first.by} and ${scenario.id} declare story "${scenario.story.id}" differently; declare it once (scenarios/common/stories.ts or the first scenario's folder) and import it.`,
      });
  }
  return problems;
}

export async function findScenario(id: string, options: CatalogueOptions = {}): Promise<ScenarioDefinition> {
  return (await findScenarios([id], options))[0]!;
}

/** Several scenarios by id, from one load of the catalogue. */
export async function findScenarios(
  ids: readonly string[],
  options: CatalogueOptions = {},
): Promise<ScenarioDefinition[]> {
  const catalogue = await openCatalogue({ ...options, only: ids });
  return ids.map((id) => {
    const found = catalogue.scenarios.find((scenario) => scenario.id === id);
    if (found) return found;
    const failed = catalogue.broken.find((scenario) => scenario.id === id);
    if (failed) throw new BrokenScenarioError(failed);
    throw new UnknownScenarioError(id, catalogue.known);
  });
}

/** A user's scenario asked for by id that did not load: the error names the file and line. */
export class BrokenScenarioError extends Error {
  constructor(readonly broken: BrokenScenario) {
    super(`Scenario ${broken.id} does not load: ${formatLocation(broken)}: ${broken.error}`);
  }
}

export class UnknownScenarioError extends Error {
  constructor(
    readonly id: string,
    readonly known: string[],
  ) {
    super(
      `There is no scenario "${id}". Scenarios: ${known.join(', ')}. (\`mtls-sandbox list\` shows them with their summaries.)`,
    );
  }
}
