// A short-lived command's output kept whole and in order, its exit status, a timeout and a command that is missing.
import { describe, expect, it } from 'vitest';
import { runCollected } from './run-collected.js';

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

describe('runCollected', () => {
  it('keeps stdout, stderr, both as they came, and the exit status', async () => {
    const script = 'printf "one\\n" >&2; printf "two\\n"; printf "é three\\n" >&2; exit 3';
    const result = await runCollected('sh', ['-c', script], { env, timeoutMs: 10_000 });
    expect(result).toMatchObject({ exitCode: 3, stdout: 'two\n', stderr: 'one\né three\n', timedOut: false });
    expect(result.startError).toBeNull();
    // Two pipes: which one is read first is the event loop's; each stream's own order is kept.
    expect(result.all.split('\n').sort()).toEqual(['', 'one', 'two', 'é three']);
    expect(result.all.replace('two\n', '')).toBe('one\né three\n');
  });

  it('stops a command that outlives its time', async () => {
    const result = await runCollected('sleep', ['30'], { env, timeoutMs: 50 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
  });

  it('says when the command is not there', async () => {
    const result = await runCollected('/nonexistent/curl', [], { env, timeoutMs: 10_000 });
    expect(result.startError).toBe('ENOENT');
    expect(result.exitCode).toBeNull();
  });
});
