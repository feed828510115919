// The user's scenario folders a --scenarios folder (or MTLS_SANDBOX_SCENARIOS) names, found without loading them:
// the catalogue loads them (load.ts, and the process it starts) only when there are some.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SourceLocation } from '../../sandbox/synth/source-location.js';
import { type Message, msg } from '../../sandbox/messages.js';

/** A user's scenario that could not be loaded: where, and why. */
export interface BrokenScenario extends SourceLocation {
  id: string;
  folder: string;
  error: string;
  /** The same as a message code, when the sandbox's own check said it. */
  said?: Message;
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
