// Every scenario, found by folder: scenarios/<id>/scenario.ts. Adding a scenario touches only its folder.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ScenarioDefinition, Story } from '../sandbox/scenario.js';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

export const STORY_ORDER: Story[] = [
  'client-auth-behind-clb-nlb',
  'certificates-from-ssm',
  'alb-to-nlb-tradeoffs',
  'alb-mtls',
];

export async function loadCatalogue(): Promise<ScenarioDefinition[]> {
  const ids = readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, entry.name, 'scenario.ts')))
    .map((entry) => entry.name);
  const scenarios = await Promise.all(
    ids.map(async (id) => {
      const module = (await import(pathToFileURL(join(ROOT, id, 'scenario.ts')).href)) as {
        default: ScenarioDefinition;
      };
      if (module.default.id !== id)
        throw new Error(
          `scenarios/${id}/scenario.ts defines id "${module.default.id}"; the folder and the id must match.`,
        );
      return module.default;
    }),
  );
  return scenarios.sort(
    (a, b) => STORY_ORDER.indexOf(a.story) - STORY_ORDER.indexOf(b.story) || a.id.localeCompare(b.id),
  );
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
  constructor(id: string, known: string[]) {
    super(
      `There is no scenario "${id}". Scenarios: ${known.join(', ')}. (\`mtls-sandbox list\` shows them with their summaries.)`,
    );
  }
}
