// The unit project's global setup (vitest.config.ts): a folder for the run, removed at the end, and where the sandbox
// PKI of the unit tests is kept (unitPki in suite.ts). The PKI is made by the first file that asks (ensurePki's lock
// makes the others wait) and, as a user's state dir keeps its own, kept between runs in the project's .sandbox/ and
// reused while ensurePki finds it valid: made again when a recipe changed, a file was edited or a certificate nears
// expiry. Making it is ~30 RSA keys and a hundred openssl runs: about 11 CPU-s, in every run before.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mtls-sandbox-unit-'));
  const pki = join(ROOT, '.sandbox', 'unit-pki');
  mkdirSync(pki, { recursive: true });
  project.provide('mtlsUnit', { dir, pki });
  return () => rmSync(dir, { recursive: true, force: true });
}
