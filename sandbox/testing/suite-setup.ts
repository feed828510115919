// The integration project's global setup (vitest.config.ts): what is expensive is made once per run and shared —
// dist/ when it is stale (the bin then starts as plain JavaScript, as after `npm test`'s pretest: through tsx each of
// the suite's hundreds of CLI starts costs about a second of CPU more), the PKI and every built-in scenario's
// template (make-fixture.ts, read-only: each test file starts from a copy, file-setup.ts; made in the background
// while the unit files run, from the run's PKI, run-pki.ts) and the Docker engine the Docker tests use (started here
// when none runs, stopped at the end). Everything goes under one folder of the run, removed at the end; a process
// still running there then is a test's teardown bug, named and stopped (leftovers.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { compiledMain } from '../../bin/compiled.js';
import { ensureEngineForTests } from '../runtime/docker/engine.js';
import { runPki } from './run-pki.js';
import { fixtureDone, fixtureFailed } from './fixture-markers.js';
import { stopLeftovers } from './leftovers.js';
import type { SuiteContext } from './suite.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs node with `args` from the project's root, resolving with what it printed or failing with it. */
function node(args: string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output.trim()) : reject(new Error(`${what} exited ${code}:\n${output}`)),
    );
  });
}

/** Builds dist/ when a source is newer than it; a failed build leaves the bin on the TypeScript sources, as setup.sh. */
async function buildIfStale(): Promise<void> {
  await node(['scripts/build.mjs', '--if-stale'], 'scripts/build.mjs').catch((error: Error) =>
    console.warn(`${error.message}\nThe suite goes on: the bin runs the TypeScript sources through tsx (slower).`),
  );
}

/** Runs make-fixture.ts in its own process (aws-cdk-lib stays out of vitest's), failing with what it printed. */
async function makeFixture(dir: string, pki: string): Promise<string> {
  await buildIfStale();
  // The bin runs dist/ when it is fresh: its scenarios' templates go in too.
  const args = ['bin/run-ts.js', 'sandbox/testing/make-fixture.ts', dir, '--pki', pki];
  if (compiledMain()) args.push('--dist');
  return node(args, 'make-fixture.ts');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'mtls-sandbox-suite-'));
  const fixture = join(dir, 'fixture');
  const skipDocker = process.env.MTLS_SANDBOX_SKIP_DOCKER_TESTS === '1';
  const started = performance.now();
  const pki = runPki();
  // Made while the unit files run (they come first): each integration file waits for it in file-setup.ts.
  const making = makeFixture(fixture, pki.dir).then(
    (made) => {
      writeFileSync(fixtureDone(fixture), '');
      if (process.env.MTLS_SANDBOX_SUITE_VERBOSE === '1')
        console.log(`suite fixture in ${Math.round(performance.now() - started)} ms: ${made}`);
    },
    (error: Error) => writeFileSync(fixtureFailed(fixture), error.message),
  );
  const engine = skipDocker
    ? null
    : await ensureEngineForTests(join(dir, 'engine')).catch((error: Error) => ({ error: error.message }) as const);
  const docker: SuiteContext['docker'] =
    engine === null
      ? { error: null, skipped: true }
      : 'error' in engine
        ? { error: engine.error, skipped: false }
        : { error: null, skipped: false };
  project.provide('mtlsSuite', { dir, fixture, docker });
  return async () => {
    await making;
    if (engine && !('error' in engine) && engine.startedByUs) await engine.stop();
    const left = await stopLeftovers(dir);
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      // vitest prints an error thrown here but would still exit 0 when every test passed.
      process.exitCode = 1;
      throw new Error(
        `${left.length} process(es) a test started under ${dir} still ran at the end of the suite (stopped now): ` +
          `a test's teardown left them.\n${left.map((one) => `  ${one.pid} ${one.cmdline}`).join('\n')}`,
      );
    }
  };
}
