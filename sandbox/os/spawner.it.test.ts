// The spawn helper ends with the sandbox process, however that ends, and takes what it runs with it; when the helper
// dies, commands run from the sandbox process instead.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { descendantsOf, isStillRunning, type ProcessIdentity } from './process-identity.js';
import { runCollected } from './run-collected.js';
import { spawnerPid, stopSpawner } from './spawner.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'mtls-spawner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** Bounded poll: `check` true within 20 s (a busy machine starts processes slowly). */
async function until(what: string, check: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 20_000; !check(); ) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within 20 s`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('spawn helper', () => {
  it('ends, with the command it runs, when the sandbox process is killed', async () => {
    const script = join(dir, 'runs-sleep.mts');
    writeFileSync(
      script,
      `import { runCollected } from ${JSON.stringify(join(ROOT, 'sandbox/os/run-collected.ts'))};\n` +
        `await runCollected('sleep', ['300'], { env: { PATH: process.env.PATH }, timeoutMs: 600_000 });\n`,
    );
    const sandbox = spawn(process.execPath, [join(ROOT, 'bin/run-ts.js'), script], { stdio: 'ignore' });
    let below: ProcessIdentity[] = [];
    await until('sleep 300 under the helper', () => {
      below = descendantsOf(sandbox.pid!);
      return below.some((one) => one.cmdline === 'sleep 300');
    });
    expect(below.some((one) => one.cmdline.includes('node -e'))).toBe(true);
    const exited = new Promise((done) => sandbox.once('exit', done));
    sandbox.kill('SIGKILL');
    await exited;
    await until('the helper and its command gone', () => !below.some(isStillRunning));
  });

  it('runs the command from this process when the helper dies while it runs it', async () => {
    const running = runCollected('sh', ['-c', 'sleep 0.3; echo done'], { env, timeoutMs: 30_000 });
    await until('the helper', () => spawnerPid() !== null);
    process.kill(spawnerPid()!, 'SIGKILL');
    const result = await running;
    expect(result).toMatchObject({ exitCode: 0, stdout: 'done\n', startError: null });
    // Later commands run here too, and give the same.
    expect((await runCollected('echo', ['again'], { env, timeoutMs: 30_000 })).stdout).toBe('again\n');
  });

  it('stops: waits until the helper has exited', async () => {
    await stopSpawner();
    expect(spawnerPid()).toBeNull();
  });
});
