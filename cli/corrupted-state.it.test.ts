// Corrupted state is remade, with a one-line notice, never fatal (issue 17, reproduction 5): the synth cache, the PKI
// manifest and its files, and the records `down` reads.
import { execa } from 'execa';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshState } from '../sandbox/testing/suite.js';

const BIN = new URL('../bin/mtls-sandbox.js', import.meta.url).pathname;
const SCENARIO = 'alb-mtls-verify-headers';
const state = freshState('mtls-corrupt');
const env = { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' };
const run = () => execa('node', [BIN, 'run', SCENARIO, '--localstack', 'off'], { env, reject: false });
const cacheFiles = () =>
  readdirSync(join(state, 'synth-cache'))
    .filter((name) => name.startsWith(`${SCENARIO}-`) && name.endsWith('.template.json'))
    .map((name) => join(state, 'synth-cache', name));

describe('corrupted state', () => {
  beforeAll(async () => {
    // The suite's copy holds this scenario's template as the sources and as dist/ synthesize it: the run makes the one
    // it reads, so the tests below corrupt that one.
    for (const file of cacheFiles()) rmSync(file);
    const first = await run();
    expect(first.exitCode, first.stderr).toBe(0);
  });

  it.each([
    ['garbage', '{"Resources": garbage'],
    ['an empty object', '{}'],
  ])('a synth cache holding %s is remade with a notice, and the run passes', async (_what, content) => {
    const files = cacheFiles();
    expect(files).toHaveLength(1);
    writeFileSync(files[0]!, `${content}\n`);
    const result = await run();
    expect(result.stderr).not.toMatch(/Unexpected error|SyntaxError|No listener/);
    expect(result.exitCode).toBe(0);
    const notices = result.stdout.split('\n').filter((line) => line.includes('synthesized again'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`the cached template ${files[0]} does not match its digest (edited or corrupted)`);
    // Remade: the next run uses the cache again, without a notice.
    const again = await run();
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('template from cache');
    expect(again.stdout).not.toContain('synthesized again');
  });

  it('a corrupted PKI manifest and an edited certificate are remade with a notice each', async () => {
    writeFileSync(join(state, 'certs', 'pki.json'), '{"recipe": ');
    const manifest = await run();
    expect(manifest.exitCode, manifest.stderr).toBe(0);
    expect(manifest.stdout).toContain(
      `${join(state, 'certs', 'pki.json')} is not a valid PKI manifest: every certificate is made again`,
    );
    writeFileSync(join(state, 'certs', 'clientA.crt'), 'not a certificate\n');
    const edited = await run();
    expect(edited.exitCode, edited.stderr).toBe(0);
    expect(edited.stdout).toContain(`${join(state, 'certs', 'clientA.crt')} was edited or corrupted: made again`);
  });

  it('unreadable records are removed by `down`, which says so', async () => {
    mkdirSync(join(state, 'run'), { recursive: true });
    writeFileSync(join(state, 'run', 'web-1.12345.json'), '{"name": "web-1", "pid": ');
    mkdirSync(join(state, 'runs', 'broken'), { recursive: true });
    writeFileSync(join(state, 'runs', 'broken', 'runner.json'), 'garbage');
    const result = await execa('node', [BIN, 'down'], { env, reject: false });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`removed an unreadable record: ${join(state, 'run', 'web-1.12345.json')}`);
    expect(result.stdout).toContain(`removed an unreadable record: ${join(state, 'runs', 'broken', 'runner.json')}`);
    expect(result.stdout).toContain('Nothing of ours was running.');
    expect(readdirSync(join(state, 'run'))).toEqual([]);
  });
});
