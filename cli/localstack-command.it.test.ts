import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { readKept } from '../sandbox/localstack/kept.js';
import { readPidRecords } from '../sandbox/runtime/pid-records.js';
import { freePort } from '../sandbox/runtime/ports.js';
import { identify } from '../sandbox/os/process-identity.js';
import { projectRoot } from '../sandbox/runtime/state-dir.js';
import { freshState } from '../sandbox/testing/suite.js';

const state = freshState('mtls-kept');
const bin = join(projectRoot(), 'bin', 'mtls-sandbox.js');
let env: NodeJS.ProcessEnv = {};
const cli = (...args: string[]) =>
  execa('node', [bin, ...args], { env: { ...env, MTLS_SANDBOX_STATE: state }, reject: false, timeout: 180_000 });

describe('a kept LocalStack', () => {
  afterAll(async () => {
    await cli('down');
  });

  it('starts in the background, is used by runs, and is stopped by down', async () => {
    const port = await freePort();
    env = { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
    expect((await cli('localstack', 'status')).exitCode).toBe(3);

    const started = await cli('localstack', 'start');
    expect(started.exitCode, started.stderr).toBe(0);
    expect(started.stdout).toContain(`runs at http://127.0.0.1:${port}`);
    const keeper = readKept(state);
    expect(keeper).not.toBeNull();
    // The command has exited; its keeper has not.
    expect(identify(keeper!.pid)?.cmdline).toContain('localstack start --foreground');

    const again = await cli('localstack', 'start');
    expect(again.stdout).toContain(`already runs: http://127.0.0.1:${port} (pid ${keeper!.pid}`);
    const status = await cli('localstack', 'status');
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toMatch(/Services: .*ssm.*/);

    const localstack = readPidRecords(state).find((entry) => entry.record.name === 'localstack')!.record;
    expect(identify(localstack.pid)?.cmdline).toContain('localstack.runtime.main');

    const run = await cli('run', 'nlb-ssm-certificates');
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `used the sandbox's kept LocalStack at http://127.0.0.1:${port} (keeper pid ${keeper!.pid}`,
    );
    expect(readKept(state)?.pid).toBe(keeper!.pid);
    expect(identify(localstack.pid)).not.toBeNull();

    const stopped = await cli('down');
    expect(stopped.stdout).toContain(`pid ${keeper!.pid}`);
    expect(identify(keeper!.pid)).toBeNull();
    expect(identify(localstack.pid)).toBeNull();
    expect((await cli('localstack', 'status')).exitCode).toBe(3);
  }, 300_000);

  it('refuses a stray action and an option of another command', async () => {
    const bad = await cli('localstack', 'restart');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('Unknown localstack action "restart"');
    const option = await cli('localstack', 'stop', '--foreground');
    expect(option.exitCode).toBe(2);
    expect(option.stderr).toContain('--foreground belongs to `localstack start`');
  });
});
