// Where generated state lives: certificates, rendered configs, logs, pid files.
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { type Message, msg } from '../messages.js';

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

/** The state directory cannot hold what the sandbox writes: what is wrong, where, and how to fix it; `said`, the
 * same as a message code, for the command line in the user's language. */
export class StateDirError extends Error {
  constructor(
    message: string,
    readonly said?: Message,
  ) {
    super(message);
  }
}

/** The folders the sandbox keeps in the state directory (a file in their place stops every command that needs them). */
const STATE_FOLDERS = ['certs', 'run', 'runs', 'synth-cache', 'cdk.out', 'scenarios'];

/** Why each refusal of the file system happens, in words. */
const REFUSALS: Record<string, string> = {
  EACCES: 'this user may not write there (permissions)',
  EPERM: 'the system does not allow writing there (read-only or immutable)',
  EROFS: 'it is on a read-only file system',
  ENOTDIR: 'a file stands where a folder of that path should be',
  EEXIST: 'a file stands where a folder should be',
  EISDIR: 'a folder stands where a file should be',
  ENAMETOOLONG: 'the path is too long for the file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

const fix = (dir: string) =>
  `Fix that path, or point MTLS_SANDBOX_STATE at a folder this user can write (e.g. MTLS_SANDBOX_STATE=$HOME/.mtls-sandbox); the state directory now is ${dir}.`;

/**
 * Makes sure the sandbox can write its state: the folder exists (or is made), is a folder, takes a file, and none of
 * its own folders is a file. Throws StateDirError saying what is wrong and how to fix it.
 */
export function ensureStateDir(dir: string): void {
  try {
    if (existsSync(dir) && !statSync(dir).isDirectory())
      throw new StateDirError(
        `The state directory ${dir} is a file, not a folder. ${fix(dir)}`,
        msg('start.state-is-file', { dir }),
      );
    if (onPseudoFileSystem(dir)) throw Object.assign(new Error('pseudo file system'), { code: 'EPERM', path: dir });
    mkdirSync(dir, { recursive: true });
    for (const name of STATE_FOLDERS) {
      const path = join(dir, name);
      if (existsSync(path) && !statSync(path).isDirectory())
        throw new StateDirError(
          `${path} is a file where the sandbox keeps its "${name}" folder. Remove or rename that file. ${fix(dir)}`,
          msg('start.state-folder-is-file', { path, name, dir }),
        );
    }
    const probe = join(dir, `.write-check-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw stateDirErrorOf(error, dir) ?? error;
  }
}

/**
 * Under /proc or /sys nothing can be made, and Node's recursive mkdirSync loops there for ever instead of failing
 * (Node 20): refused as the kernel would refuse it.
 */
function onPseudoFileSystem(dir: string): boolean {
  return /^\/(proc|sys)(\/|$)/.test(resolve(dir));
}

/** A file system refusal inside the state directory as a StateDirError; null for anything else. */
export function stateDirErrorOf(error: unknown, dir: string): StateDirError | null {
  if (error instanceof StateDirError) return error;
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  if (!code || !REFUSALS[code] || typeof path !== 'string') return null;
  const inside = resolve(path) === dir || resolve(path).startsWith(`${dir}/`) || dir.startsWith(`${resolve(path)}/`);
  if (!inside) return null;
  // ensureStateDir's own trial file stands for the folder it was written into.
  const where = path.includes('/.write-check-') ? dirname(path) : path;
  return new StateDirError(
    `The sandbox cannot write its state at ${where}: ${REFUSALS[code]} (${code}). ${fix(dir)}`,
    msg('start.state-refused', { where, code, dir }),
  );
}
