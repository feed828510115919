// Issue 23, item 11, through the real CLI: a state directory the sandbox cannot write and a `new` folder it cannot
// make end in "error: …" saying what is wrong and how to fix it (exit 2), never "Unexpected error" with a trace.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = new URL('../bin/mtls-sandbox.js', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'mtls-state-cli-'));
const cli = (args: string[], state: string) =>
  execa('node', [BIN, ...args], {
    cwd: root,
    env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1', MTLS_SANDBOX_SCENARIOS: '' },
    reject: false,
  });

/** A folder this process cannot write, root included (chattr +i), else read-only. */
const locked = join(root, 'locked');
mkdirSync(locked);
const asRoot = process.getuid?.() === 0;
execFileSync(asRoot ? 'chattr' : 'chmod', asRoot ? ['+i', locked] : ['555', locked]);
afterAll(() => execFileSync(asRoot ? 'chattr' : 'chmod', asRoot ? ['-i', locked] : ['755', locked]));

describe('a state directory the sandbox cannot write', () => {
  it.each([
    [
      'a file in its place',
      () => {
        writeFileSync(join(root, 'file-state'), '');
        return join(root, 'file-state');
      },
      'is a file, not a folder',
    ],
    [
      'a file where its certs folder goes',
      () => {
        mkdirSync(join(root, 'shadowed'));
        writeFileSync(join(root, 'shadowed', 'certs'), '');
        return join(root, 'shadowed');
      },
      'is a file where the sandbox keeps its "certs" folder',
    ],
    ['a folder it may not write', () => locked, 'cannot write its state at'],
  ])('%s: run and certs say so and how to fix it', async (_what, make, says) => {
    const state = make();
    for (const args of [['run', 'alb-tls-termination', '--localstack', 'off'], ['certs']]) {
      const result = await cli(args, state);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^error: /);
      expect(result.stderr).toContain(says);
      expect(result.stderr).toContain('MTLS_SANDBOX_STATE');
      expect(result.stderr).not.toMatch(/Unexpected error|\n\s+at /);
    }
  });

  it('new in a folder it may not write says which and what to do', async () => {
    const result = await cli(['new', 'my-test', '--dir', locked], join(root, 'state'));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`error: Cannot write ${join(locked, 'my-test')}`);
    expect(result.stderr).not.toMatch(/Unexpected error|\n\s+at /);
  });
});
