// Where generated state lives: certificates, rendered configs, logs, pid files (design.md: `.sandbox/`).
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `.sandbox/` at the project root, or MTLS_SANDBOX_STATE when set (tests use their own). */
export function stateDir(): string {
  return process.env.MTLS_SANDBOX_STATE ? resolve(process.env.MTLS_SANDBOX_STATE) : join(PROJECT_ROOT, '.sandbox');
}

export const projectRoot = (): string => PROJECT_ROOT;
export const pidDir = (state: string): string => join(state, 'run');
export const certsDir = (state: string): string => join(state, 'certs');
