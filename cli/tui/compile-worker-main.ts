// Inside the compile worker (compile-worker.js): answers { id, scenario } with { id, topology } or { id, error }.
// Scenarios are found by id in the catalogue: their definitions hold functions, which cannot cross threads.
import { parentPort, workerData } from 'node:worker_threads';
import { findScenario } from '../../scenarios/catalogue.js';
import { openSandbox } from '../../sandbox/door.js';
import type { Lang } from '../../sandbox/text.js';

const { stateDir, lang, scenarioDirs } = workerData as {
  stateDir: string;
  lang: Lang;
  scenarioDirs: { dir: string; how: string }[];
};
const sandbox = openSandbox({ stateDir, lang, localstack: 'off' });

parentPort!.on('message', (request: { id: number; scenario: string }) => {
  findScenario(request.scenario, { userDirs: scenarioDirs })
    .then((scenario) => sandbox.compile(scenario))
    .then(
      (topology) => parentPort!.postMessage({ id: request.id, topology }),
      (error: unknown) =>
        parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
    );
});
