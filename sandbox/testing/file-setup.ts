// Runs before each integration test file (vitest.config.ts setupFiles): the file's own state dir, with a copy of the
// suite's PKI and templates, and its own LocalStack port. Both go into the environment, so the CLI a test starts and
// the sandbox it opens in process use them unless the test says otherwise (suite.ts). After the file, whatever its
// drivers still run is stopped: a test that failed before its own stop must not leave nginx running.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { stopEveryDriver } from '../runtime/live-drivers.js';
import { freePort } from '../runtime/ports.js';
import { fixtureDone, fixtureFailed } from './fixture-markers.js';
import { freshState, suite } from './suite.js';

// The fixture is made in the background while the unit files run (suite-setup.ts): a bounded wait for it.
const FIXTURE_WAIT_MS = 600_000;
const context = suite();
if (context) {
  const deadline = Date.now() + FIXTURE_WAIT_MS;
  while (!existsSync(fixtureDone(context.fixture))) {
    if (existsSync(fixtureFailed(context.fixture)))
      throw new Error(
        `The suite's fixture could not be made:\n${readFileSync(fixtureFailed(context.fixture), 'utf8')}`,
      );
    if (Date.now() > deadline)
      throw new Error(`The suite's fixture was not made within ${FIXTURE_WAIT_MS / 1000} s (${context.fixture}).`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

process.env.MTLS_SANDBOX_STATE = freshState('file');
// `--localstack auto|host` looks for LocalStack there and starts one there: never on 4566, never another file's.
process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${await freePort()}`;
delete process.env.LOCALSTACK_HOST;

// The driver's own exit hook does not run when the test runner ends its worker with a signal.
afterAll(stopEveryDriver);
