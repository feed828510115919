// Every scenario, found by folder: scenarios/<id>/scenario.ts. Adding a scenario touches only its folder.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ScenarioDefinition, Story } from '../sandbox/scenario.js';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
/** scenario.ts in the sources, scenario.js when running compiled (dist/). */
const SCENARIO_FILE = import.meta.url.endsWith('.ts') ? 'scenario.ts' : 'scenario.js';

export async function loadCatalogue(): Promise<ScenarioDefinition[]> {
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
  checkStories(scenarios);
  return scenarios.sort((a, b) => a.story.order - b.story.order || a.id.localeCompare(b.id));
}

/** The stories of the catalogue, in order, each once. */
export function storiesOf(scenarios: readonly ScenarioDefinition[]): Story[] {
  const byId = new Map(scenarios.map((scenario) => [scenario.story.id, scenario.story]));
  return [...byId.values()].sort((a, b) => a.order - b.order);
}

/** A story declared twice must be the same story: one id, one title, one place in the order. */
function checkStories(scenarios: readonly ScenarioDefinition[]): void {
  const seen = new Map<string, { story: Story; by: string }>();
  for (const scenario of scenarios) {
    const first = seen.get(scenario.story.id);
    if (!first) {
      seen.set(scenario.story.id, { story: scenario.story, by: scenario.id });
      continue;
    }
    if (JSON.stringify(first.story) !== JSON.stringify(scenario.story))
      throw new Error(
        `Scenarios ${first.by} and ${scenario.id} declare story "${scenario.story.id}" differently; declare it once (scenarios/common/stories.ts or the first scenario's folder) and import it.`,
      );
  }
}

export async function findScenario(id: string): Promise<ScenarioDefinition> {
  const all = await loadCatalogue();
  const found = all.find((scenario) => scenario.id === id);
  if (!found)
    throw new UnknownScenarioError(
      id,
      all.map((scenario) => scenario.id),
    );
  return found;
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
