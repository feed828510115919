// Makes the integration suite's shared fixture, once per run (suite-setup.ts starts it): the PKI and every built-in
// scenario's synthesized template, in DIR/certs and DIR/synth-cache. Each test file then starts from a copy
// (suite.ts), so no file pays for openssl and aws-cdk-lib again.
//   node bin/run-ts.js sandbox/testing/make-fixture.ts DIR [--dist] [--pki RUN_PKI]
// --dist: the templates are also put in the cache for dist/'s scenarios (what the bin runs when it is built): their
// source hash is of the compiled .js files, and their template is the TypeScript sources' with that hash.
// --pki: the run's PKI (run-pki.ts) is copied instead of made again.
import { cpSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ensurePki } from '../../certs/pki.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import type { CfnTemplate } from '../model/cfn.js';
import type { ScenarioDefinition } from '../scenario.js';
import { synthesize } from '../synth/synth.js';

const [dir, ...options] = process.argv.slice(2);
const pkiAt = options.indexOf('--pki');
const runPki = pkiAt >= 0 ? options.splice(pkiAt, 2)[1] : undefined;
if (!dir || (pkiAt >= 0 && !runPki) || options.some((option) => option !== '--dist')) {
  console.error('usage: make-fixture.ts DIR [--dist] [--pki RUN_PKI]');
  process.exit(2);
}

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return Math.round(performance.now() - started);
};

const templates = new Map<string, CfnTemplate>();
const synthAll = async () => {
  for (const scenario of await loadCatalogue()) templates.set(scenario.id, (await synthesize(scenario, dir)).template);
};

const seedDist = async () => {
  const dist = new URL('../../dist/', import.meta.url);
  const { loadCatalogue: distCatalogue } = (await import(new URL('scenarios/catalogue.js', dist).href)) as {
    loadCatalogue: () => Promise<ScenarioDefinition[]>;
  };
  const { seedSynthCache } = (await import(new URL('sandbox/synth/synth.js', dist).href)) as {
    seedSynthCache: (scenario: ScenarioDefinition, stateDir: string, template: CfnTemplate) => Promise<string>;
  };
  for (const scenario of await distCatalogue()) {
    const template = templates.get(scenario.id);
    if (template) await seedSynthCache(scenario, dir, template);
  }
};

// openssl's processes and the synthesis in this one run side by side.
const makePki = async () => {
  if (runPki) {
    await ensurePki(runPki); // made, or waited for while it is being made
    // Not the lock file of a test that is checking it right now.
    const filter = (source: string) => basename(source) !== '.lock';
    cpSync(runPki, join(dir, 'certs'), { recursive: true, preserveTimestamps: true, filter });
  }
  await ensurePki(join(dir, 'certs'));
};
const [pkiMs, synthMs] = await Promise.all([timed(makePki), timed(synthAll)]);
const distMs = options.includes('--dist') ? await timed(seedDist) : null;
process.stdout.write(`${JSON.stringify({ pkiMs, synthMs, distMs, scenarios: templates.size })}\n`);
