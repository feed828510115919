// Entry to the UI for cli/main.ts. Kept free of React imports so the headless commands never load them, and free of
// the engine (sandbox/door.ts, loaded by the UI's engine when it is first used): keys work before it has loaded.
import { ensureStateDir, stateDir as defaultStateDir } from '../../sandbox/runtime/state-dir.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import type { LocalStackRequest } from '../../sandbox/localstack/session.js';
import type { Lang } from '../../sandbox/text.js';

export interface OpenOptions {
  loadScenarios: () => Promise<ScenarioDefinition[]>;
  lang: Lang;
  /** The state directory; by default the sandbox's own (MTLS_SANDBOX_STATE or .sandbox/), checked here. */
  stateDir?: string;
  localstack?: LocalStackRequest;
  runtime?: 'host' | 'docker';
  /** The user's own scenario folders (--scenarios, MTLS_SANDBOX_SCENARIOS): the compile worker loads them too. */
  scenarioDirs?: readonly { dir: string; how: string }[];
  /** Open straight in the lab on this scenario (`mtls-sandbox up <id>` on a terminal). */
  startIn?: { lab: string };
  /** Called once the first frame is drawn and keys are read: the time to load what can wait. */
  onInteractive?: () => void;
}

export async function openTui({ loadScenarios, stateDir, ...rest }: OpenOptions): Promise<number> {
  // The same check the engine's commands make (sandbox/runtime/state-dir.ts, a module of node: imports only):
  // a folder it cannot write is said plainly (cli/main.ts maps StateDirError), before the screen is taken.
  if (stateDir === undefined) {
    stateDir = defaultStateDir();
    ensureStateDir(stateDir);
  }
  // React's production build loads in half the time of its development build, and a CLI has no use for its warnings.
  process.env.NODE_ENV ??= 'production';
  // The catalogue and Ink load side by side; nothing else stands between them and the first frame.
  const [scenarios, { launch }] = await Promise.all([loadScenarios(), import('./launch.js')]);
  return launch({ ...rest, scenarios, stateDir });
}

export const canOpenTui = (stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): boolean =>
  stdin.isTTY === true && stdout.isTTY === true;
