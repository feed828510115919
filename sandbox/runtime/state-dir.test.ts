// Issue 23, item 11: a state directory the sandbox cannot write ends in an error that says what is wrong and how to
// fix it, never an "Unexpected error" with a stack trace.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureStateDir, StateDirError, stateDirErrorOf } from './state-dir.js';

const root = mkdtempSync(join(tmpdir(), 'mtls-state-dir-'));
const refusal = (dir: string): string => {
  try {
    ensureStateDir(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(StateDirError);
    return (error as Error).message;
  }
  throw new Error(`ensureStateDir(${dir}) did not throw`);
};

/** A folder this process cannot write, root included: immutable (chattr +i) for root, read-only (0555) otherwise. */
function readOnlyFolder(): { dir: string; undo(): void } {
  const dir = join(root, 'read-only');
  mkdirSync(dir);
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', dir]);
    return { dir, undo: () => execFileSync('chattr', ['-i', dir]) };
  }
  execFileSync('chmod', ['555', dir]);
  return { dir, undo: () => execFileSync('chmod', ['755', dir]) };
}

describe('ensureStateDir', () => {
  const readOnly = readOnlyFolder();
  afterAll(() => readOnly.undo());

  it('accepts a folder it can write, making it when missing', () => {
    expect(() => ensureStateDir(join(root, 'fresh', 'state'))).not.toThrow();
  });

  it.runIf(process.platform === 'linux')('refuses a folder under /proc at once (Node would loop making it)', () => {
    expect(() => ensureStateDir('/proc/mtls-sandbox-nope/state')).toThrow(StateDirError);
    expect(() => ensureStateDir('/proc/mtls-sandbox-nope/state')).toThrow(/cannot write its state at \/proc/);
  });

  it('refuses a file where the state directory should be, saying how to fix it', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    expect(refusal(file)).toBe(
      `The state directory ${file} is a file, not a folder. Fix that path, or point MTLS_SANDBOX_STATE at a folder this user can write (e.g. MTLS_SANDBOX_STATE=$HOME/.mtls-sandbox); the state directory now is ${file}.`,
    );
  });

  it('refuses a file where one of its folders goes', () => {
    const dir = join(root, 'shadowed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'certs'), '');
    expect(refusal(dir)).toContain(`${join(dir, 'certs')} is a file where the sandbox keeps its "certs" folder`);
  });

  it('refuses a folder it cannot write, and one it cannot make there', () => {
    expect(refusal(readOnly.dir)).toMatch(
      new RegExp(`^The sandbox cannot write its state at ${readOnly.dir}: .*\\((EACCES|EPERM)\\)\\. Fix that path`),
    );
    expect(refusal(join(readOnly.dir, 'state'))).toContain(`cannot write its state at ${join(readOnly.dir, 'state')}`);
  });

  it('turns a refusal met later inside the state directory into the same kind of error, and leaves others alone', () => {
    const error = Object.assign(new Error('EEXIST'), { code: 'EEXIST', path: join(root, 'state', 'certs') });
    expect(stateDirErrorOf(error, join(root, 'state'))?.message).toContain('a file stands where a folder should be');
    expect(stateDirErrorOf(error, join(root, 'elsewhere'))).toBeNull();
    expect(stateDirErrorOf(new Error('boom'), join(root, 'state'))).toBeNull();
  });
});
