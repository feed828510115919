// Runs before each integration test file (vitest.config.ts setupFiles): the file's own state dir, with a copy of the
// suite's PKI and templates, and its own LocalStack port. Both go into the environment, so the CLI a test starts and
// the sandbox it opens in process use them unless the test says otherwise (suite.ts).
import { freePort } from '../runtime/ports.js';
import { freshState } from './suite.js';

process.env.MTLS_SANDBOX_STATE = freshState('file');
// `--localstack auto|host` looks for LocalStack there and starts one there: never on 4566, never another file's.
process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${await freePort()}`;
delete process.env.LOCALSTACK_HOST;
