// What an integration test file gets from the suite (suite-setup.ts, file-setup.ts), so test files can run side by
// side without sharing anything that one of them could change:
//   - its own state dir, already in MTLS_SANDBOX_STATE (every CLI it starts inherits it): `fileState()`;
//   - its own LocalStack port, already in AWS_ENDPOINT_URL (a LocalStack it starts listens there, never on 4566);
//   - a copy of the suite's PKI and synthesized templates in every state dir it makes: `freshState()`, or
//     `emptyState()` for a test about what a first run makes;
//   - the Docker engine of the run: `dockerEngine()`.
// Ports of the components are the kernel's free ones already (sandbox/runtime/ports.ts).
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { inject } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { Pki } from '../../certs/types.js';

export interface SuiteContext {
  /** The run's folder: every state dir of the run is made under it, and it is removed at the end. */
  dir: string;
  /** The shared fixture (read-only): certs/ and synth-cache/. */
  fixture: string;
  /** The Docker engine of the run: why there is none (the Docker tests fail with it), or skipped on purpose. */
  docker: { error: string | null; skipped: boolean };
}

declare module 'vitest' {
  export interface ProvidedContext {
    mtlsSuite: SuiteContext;
    /** The unit project's run folder, and where its PKI is kept between runs (unit-setup.ts). */
    mtlsUnit: { dir: string; pki: string };
  }
}

/** The suite's context; null outside the integration project (unit tests make what they need). */
export function suite(): SuiteContext | null {
  try {
    return inject('mtlsSuite') ?? null;
  } catch {
    return null;
  }
}

/** A new, empty state dir of this run (a first run: certificates and templates are made by what runs in it). */
export function emptyState(label = 'state'): string {
  const context = suite();
  const parent = context ? join(context.dir, 'states') : tmpdir();
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${label.replace(/[^\w.-]/g, '-')}-`));
}

/** A new state dir with a copy of the suite's PKI and templates: as a user's second run finds it. */
export function freshState(label = 'state'): string {
  const state = emptyState(label);
  const context = suite();
  if (context)
    for (const part of ['certs', 'synth-cache'])
      if (existsSync(join(context.fixture, part)))
        cpSync(join(context.fixture, part), join(state, part), { recursive: true, preserveTimestamps: true });
  return state;
}

/** This test file's own state dir (file-setup.ts made it, with the fixture copied in). */
export function fileState(): string {
  const state = process.env.MTLS_SANDBOX_STATE;
  if (!state) throw new Error('MTLS_SANDBOX_STATE is not set: is sandbox/testing/file-setup.ts a setup file?');
  return state;
}

/** The PKI of a state dir (the copy of the suite's: nothing to make). */
export function pkiOf(state = fileState()): Promise<Pki> {
  return ensurePki(join(state, 'certs'));
}

/**
 * The sandbox PKI in `dir` for a unit test: a copy of the unit project's (unit-setup.ts: made by the first file that
 * asks, ensurePki's lock making the others wait and reuse it, and kept between runs while it is valid), or made there
 * when there is no unit run. A copy, so a test may write next to it (openssl's serial files); ensurePki checks the
 * copy too, so one taken while another run was remaking the shared PKI is made whole.
 */
export async function unitPki(dir: string): Promise<Pki> {
  let shared: string | undefined;
  try {
    shared = inject('mtlsUnit')?.pki;
  } catch {
    shared = undefined;
  }
  if (shared) {
    await ensurePki(shared);
    // Not the lock file of another file or run that is checking it right now.
    const filter = (source: string) => basename(source) !== '.lock';
    cpSync(shared, dir, { recursive: true, preserveTimestamps: true, filter });
  }
  return ensurePki(dir);
}

/** Waits for the run's Docker engine, or throws why there is none (with how to make it runnable). */
export function dockerEngine(): void {
  const context = suite();
  if (context?.docker.error) throw new Error(context.docker.error);
}
