// The run's one sandbox PKI: made in the background, in vitest's main process, by whichever project's global setup
// asks first (unit-setup.ts, suite-setup.ts). Both projects' tests copy it, so one `npm test` pays for openssl's
// keys once. ensurePki's lock makes a test that asks while it is being made wait, then reuse it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePki } from '../../certs/pki.js';

export interface RunPki {
  /** Where the PKI is (being) made. */
  dir: string;
  /** Settles when it is made; never rejects (a failure is left for the tests' own ensurePki to report). */
  made: Promise<void>;
  /** Call once per `runPki()`: the folder goes when the last user lets go. */
  release(): void;
}

interface Shared {
  dir: string;
  made: Promise<void>;
  users: number;
}

// Each project's global setup is loaded apart, so the one instance is kept on the process, not in this module.
const KEY = Symbol.for('mtls-sandbox.run-pki');
const holder = globalThis as { [KEY]?: Shared };

export function runPki(): RunPki {
  if (!holder[KEY]) {
    const parent = mkdtempSync(join(tmpdir(), 'mtls-sandbox-pki-'));
    const dir = join(parent, 'pki');
    holder[KEY] = {
      dir,
      made: ensurePki(dir).then(
        () => undefined,
        () => undefined,
      ),
      users: 0,
    };
  }
  const shared = holder[KEY];
  shared.users += 1;
  let released = false;
  return {
    dir: shared.dir,
    made: shared.made,
    release() {
      if (released) return;
      released = true;
      shared.users -= 1;
      if (shared.users > 0) return;
      holder[KEY] = undefined;
      rmSync(join(shared.dir, '..'), { recursive: true, force: true });
    },
  };
}
