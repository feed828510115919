// The unit project's global setup (vitest.config.ts): a folder for the run, removed at the end, and the run's
// sandbox PKI, started in the background and kept between runs (run-pki.ts), which the unit files that need one
// copy (unitPki in suite.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runPki } from './run-pki.js';

export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mtls-sandbox-unit-'));
  const pki = runPki();
  project.provide('mtlsUnit', { dir, pki: pki.dir });
  return async () => {
    await pki.made; // no openssl of ours left running
    rmSync(dir, { recursive: true, force: true });
  };
}
