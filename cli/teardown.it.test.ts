// No child process is left behind: Ctrl-C stops everything, and after a SIGKILL `down` removes what remains.
import { execa, type ResultPromise } from 'execa';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshState } from '../sandbox/testing/suite.js';

const BIN = new URL('../bin/mtls-sandbox.js', import.meta.url).pathname;

/** Our processes for a state dir: nginx and HAProxy have the state path in their command lines. */
async function processesUsing(state: string): Promise<string[]> {
  const { stdout } = await execa('ps', ['-eo', 'pid,args'], { reject: false });
  return stdout.split('\n').filter((line) => line.includes(state) && /nginx|haproxy/.test(line));
}

function startUp(state: string): { child: ResultPromise; output: () => string; ready: Promise<void> } {
  const child = execa('node', [BIN, 'up', 'nlb-tcp-passthrough'], {
    env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' },
    reject: false,
    all: true,
  });
  let text = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.all?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('Running. Try it by hand')) resolve();
    });
    void child.then(() => reject(new Error(`up exited before it was ready:\n${text}`)));
  });
  return { child, output: () => text, ready };
}

describe('teardown', () => {
  const states: string[] = [];
  afterEach(async () => {
    // Leave nothing behind even if an assertion failed.
    for (const state of states.splice(0))
      await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state }, reject: false });
  });

  it('SIGKILL of a running sandbox leaves processes that `down` then removes', async () => {
    const state = freshState('mtls-kill');
    states.push(state);
    const up = startUp(state);
    await up.ready;
    expect(up.output()).toMatch(/curl -v .*https:\/\/127\.0\.0\.1:\d+\//);
    const before = await processesUsing(state);
    expect(before.filter((line) => line.includes('nginx: master')).length).toBe(2);
    expect(before.some((line) => line.includes('haproxy'))).toBe(true);

    up.child.kill('SIGKILL');
    await up.child;
    // A killed parent cannot clean up: its children are still there, and so are their pid files.
    expect((await processesUsing(state)).length).toBeGreaterThanOrEqual(3);
    expect(readdirSync(join(state, 'run')).length).toBe(3);

    const down = await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state } });
    expect(down.stdout).toContain('Stopped 3 process(es).');
    expect(await processesUsing(state)).toEqual([]);
    expect(readdirSync(join(state, 'run'))).toEqual([]);

    const again = await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state } });
    expect(again.stdout).toContain('Nothing of ours was running.');
  });

  it('Ctrl-C (SIGINT) stops every component and exits 130', async () => {
    const state = freshState('mtls-int');
    states.push(state);
    const up = startUp(state);
    await up.ready;
    expect((await processesUsing(state)).length).toBeGreaterThanOrEqual(3);
    up.child.kill('SIGINT');
    const result = await up.child;
    expect(result.exitCode).toBe(130);
    expect(await processesUsing(state)).toEqual([]);
    expect(readdirSync(join(state, 'run'))).toEqual([]);
  });

  it('`down` after a killed `run` leaves nothing either', async () => {
    const state = freshState('mtls-killrun');
    states.push(state);
    const child = execa('node', [BIN, 'run', 'clb-tcp-passthrough'], {
      env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' },
      reject: false,
      all: true,
    });
    // Kill as soon as the load balancer is up, before the run can tear down by itself.
    await new Promise<void>((resolve) => {
      let text = '';
      child.all?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('haproxy-clb')) resolve();
      });
      void child.then(() => resolve());
    });
    child.kill('SIGKILL');
    await child;
    await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state } });
    expect(await processesUsing(state)).toEqual([]);
  });
});
