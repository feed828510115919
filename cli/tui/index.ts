// Entry to the UI for cli/main.ts. Kept free of React imports so the headless commands never load them.
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import type { LocalStackRequest } from '../../sandbox/localstack/session.js';
import type { Lang } from '../../sandbox/text.js';

export interface OpenOptions {
  loadScenarios: () => Promise<ScenarioDefinition[]>;
  lang: Lang;
  stateDir: string;
  localstack?: LocalStackRequest;
  runtime?: 'host' | 'docker';
  /** The user's own scenario folders (--scenarios, MTLS_SANDBOX_SCENARIOS): the compile worker loads them too. */
  scenarioDirs?: readonly { dir: string; how: string }[];
  /** Open straight in the lab on this scenario (`mtls-sandbox up <id>` on a terminal). */
  startIn?: { lab: string };
}

export async function openTui({
  loadScenarios,
  lang,
  stateDir,
  localstack,
  runtime,
  scenarioDirs,
  startIn,
}: OpenOptions): Promise<number> {
  // React's production build loads in half the time of its development build, and a CLI has no use for its warnings.
  process.env.NODE_ENV ??= 'production';
  // The catalogue and Ink load side by side; nothing else stands between them and the first frame.
  const [scenarios, { launch }] = await Promise.all([loadScenarios(), import('./launch.js')]);
  return launch({ scenarios, lang, stateDir, localstack, runtime, scenarioDirs, ...(startIn ? { startIn } : {}) });
}

export const canOpenTui = (stdin: { isTTY?: boolean }, stdout: { isTTY?: boolean }): boolean =>
  stdin.isTTY === true && stdout.isTTY === true;
