// The unit project's global setup (vitest.config.ts): only a folder for the run, where what several unit files need
// is made once, by the first file that asks (the sandbox PKI: unitPki in suite.ts). Removed at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'mtls-sandbox-unit-'));
  project.provide('mtlsUnit', { dir });
  return () => rmSync(dir, { recursive: true, force: true });
}
