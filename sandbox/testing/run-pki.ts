// The test run's sandbox PKI: started in the background, in vitest's main process, by whichever project's global
// setup asks first (unit-setup.ts, suite-setup.ts); both projects' tests copy it, so one `npm test` pays for
// openssl's keys once. As a user's state dir keeps its PKI, it is kept between runs in the project's .sandbox/ and
// reused while ensurePki finds it valid (made again when a recipe changed, a file was edited or a certificate nears
// expiry): making it is 37 RSA keys and some 175 openssl runs, about 13 CPU-s. ensurePki's lock makes a test that
// asks while it is being made wait, then reuse it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePki } from '../../certs/pki.js';

const DIR = join(fileURLToPath(new URL('../../', import.meta.url)), '.sandbox', 'test-pki');

export interface RunPki {
  /** Where the PKI is (being) made. */
  dir: string;
  /** Settles when it is made; never rejects (a failure is left for the tests' own ensurePki to report). */
  made: Promise<void>;
}

// Each project's global setup is loaded apart, so the one instance is kept on the process, not in this module.
const KEY = Symbol.for('mtls-sandbox.run-pki');
const holder = globalThis as { [KEY]?: RunPki };

export function runPki(): RunPki {
  holder[KEY] ??= {
    dir: DIR,
    made: ensurePki(DIR).then(
      () => undefined,
      () => undefined,
    ),
  };
  return holder[KEY];
}
