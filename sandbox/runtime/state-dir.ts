// Where generated state lives: certificates, rendered configs, logs, pid files.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

// Two folders up from sandbox/runtime/; running compiled, that is dist/, one below the project.
const UP_TWO = fileURLToPath(new URL('../../', import.meta.url));
const PROJECT_ROOT = existsSync(join(UP_TWO, 'package.json')) ? UP_TWO : dirname(UP_TWO.replace(/\/$/, ''));

/** `.sandbox/` at the project root, or MTLS_SANDBOX_STATE when set (tests use their own). */
export function stateDir(): string {
  return process.env.MTLS_SANDBOX_STATE ? resolve(process.env.MTLS_SANDBOX_STATE) : join(PROJECT_ROOT, '.sandbox');
}

export const projectRoot = (): string => PROJECT_ROOT;
export const pidDir = (state: string): string => join(state, 'run');
export const certsDir = (state: string): string => join(state, 'certs');
