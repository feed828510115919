// `down` stops what is ours and nothing else (issue 17, reproductions 1 and 2): an `up` whose components run inside
// the runner, a runner whose `npm exec` wrapper was killed, and a stale record whose pid now belongs to someone else.
import { execa, type ResultPromise } from 'execa';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { identify } from '../sandbox/os/process-identity.js';
import { freshState } from '../sandbox/testing/suite.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/mtls-sandbox.js');
// One state dir for the file: the PKI and the synth cache are made once.
const state = freshState('mtls-down');
const env = { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' };
const spawned: number[] = [];

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The signals sent to a process and not delivered yet (blocked ones stay so): SigPnd and ShdPnd of /proc. */
function pendingSignals(pid: number): bigint {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mask = (name: string) => BigInt(`0x${new RegExp(`^${name}:\\s*([0-9a-f]+)$`, 'm').exec(status)![1]}`);
  return mask('SigPnd') | mask('ShdPnd');
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/** Starts `up` and resolves with the port of its first probe's listener once it says it runs. */
function startUp(
  command: string,
  args: string[],
): { child: ResultPromise; ready: Promise<number>; text: () => string } {
  const child = execa(command, args, { cwd: ROOT, env, reject: false, all: true });
  let text = '';
  const ready = new Promise<number>((resolve, reject) => {
    child.all?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const port = /https:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (text.includes('stops everything.') && port) resolve(Number(port[1]));
    });
    void child.then(() => reject(new Error(`up exited before it was ready:\n${text}`)));
  });
  return { child, ready, text: () => text };
}

/** The live runner records of the state dir. */
function runners(): { pid: number; components: string[] }[] {
  const dir = join(state, 'runs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name, 'runner.json'))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { pid: number; components: string[] });
}

const downNow = () => execa('node', [BIN, 'down'], { env, reject: false });

describe('down', () => {
  afterEach(async () => {
    await downNow();
  });
  afterAll(() => {
    for (const pid of spawned) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  });

  it('stops an `up` whose ALB emulator and echo target run inside the runner (reproduction 1)', async () => {
    const up = startUp('setsid', [
      'npx',
      '--no-install',
      'mtls-sandbox',
      'up',
      'alb-mtls-verify-headers',
      '--localstack',
      'off',
    ]);
    const port = await up.ready;
    expect(up.text()).toContain('(or `mtls-sandbox down` in another terminal) stops everything.');
    expect(await canConnect(port)).toBe(true);
    const [runner] = runners();
    expect(runner?.components).toEqual(expect.arrayContaining(['echo-1']));

    const result = await downNow();
    expect(result.stdout).toMatch(/stopped run \S+ \(pid \d+, `.*up alb-mtls-verify-headers.*`\): .*echo-1/);
    expect(result.stdout).toContain('Stopped 1 run(s).');
    await up.child;
    expect(await canConnect(port)).toBe(false);
    expect(alive(runner!.pid)).toBe(false);
    expect(runners()).toEqual([]);
    expect((await downNow()).stdout).toContain('Nothing of ours was running.');
  });

  it('a runner whose `npm exec` wrapper is killed stops everything it holds (reproduction 1)', async () => {
    const up = startUp('setsid', [
      'npx',
      '--no-install',
      'mtls-sandbox',
      'up',
      'alb-mtls-verify-headers',
      '--localstack',
      'off',
    ]);
    const port = await up.ready;
    const [runner] = runners();
    expect(runner?.pid).not.toBe(up.child.pid);
    up.child.kill('SIGTERM');
    await up.child;
    expect(await until(async () => !(await canConnect(port)) && !alive(runner!.pid), 15_000)).toBe(true);
    expect(runners()).toEqual([]);
    expect((await downNow()).stdout).toContain('Nothing of ours was running.');
  });

  it('a runner whose parent is SIGKILLed stops its child processes too', async () => {
    const wrapper = startUp('bash', ['-c', `node ${BIN} up nlb-tcp-passthrough --localstack off & wait`]);
    const port = await wrapper.ready;
    const [runner] = runners();
    const nginx = readdirSync(join(state, 'run')).length;
    expect(nginx).toBe(3); // two nginx and HAProxy
    wrapper.child.kill('SIGKILL');
    await wrapper.child;
    expect(await until(async () => !alive(runner!.pid) && !(await canConnect(port)), 15_000)).toBe(true);
    expect(readdirSync(join(state, 'run'))).toEqual([]);
  });

  it('`down --json` and `list --all` are usage errors, not flags quietly ignored (reproduction 7)', async () => {
    const down = await execa('node', [BIN, 'down', '--json'], { env, reject: false });
    expect([down.exitCode, down.stderr.trim()]).toEqual([2, 'error: `down` takes no options (got --json).']);
    const list = await execa('node', [BIN, 'list', '--all'], { env, reject: false });
    expect([list.exitCode, list.stderr.trim()]).toEqual([
      2,
      'error: `list` does not take --all; it takes --json, --lang, --scenarios.',
    ]);
    expect(list.stdout).toBe('');
  });

  it('never signals a process that reuses a recorded pid, even one named like nginx (reproduction 2)', async () => {
    // A sleep named like nginx whose stop signals are blocked: one that `down` sent would stay pending, where
    // /proc says so at once (no waiting to see whether it dies).
    const fake = execa(
      'setsid',
      [
        'python3',
        '-c',
        'import os, signal; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT}); os.execv("/bin/sleep", ["nginx: master process /usr/sbin/nginx -c /etc/nginx/nginx.conf", "120"])',
      ],
      { reject: false },
    );
    spawned.push(fake.pid!);
    expect(await until(() => identify(fake.pid!)?.cmdline.startsWith('nginx: master') === true, 5000)).toBe(true);
    const pid = fake.pid!;
    const now = identify(pid)!;
    mkdirSync(join(state, 'run'), { recursive: true });
    const write = (name: string, record: object) =>
      writeFileSync(join(state, 'run', `${name}.${pid}.json`), JSON.stringify(record));
    // As an older mtls-sandbox wrote it: no start time.
    write('web-1', {
      name: 'web-1',
      pid,
      executable: '/usr/sbin/nginx',
      args: ['-c', '/etc/nginx/nginx.conf'],
      ownerPid: 1,
    });
    // The pid was reused: another start time.
    write('web-2', {
      name: 'web-2',
      pid,
      startTime: String(Number(now.startTime) - 100),
      cmdline: '/usr/sbin/nginx -c /etc/nginx/nginx.conf',
      executable: '/usr/sbin/nginx',
      args: [],
      ownerPid: 1,
    });
    // Same start time, another command line.
    write('web-3', {
      name: 'web-3',
      pid,
      startTime: now.startTime,
      cmdline: `/usr/sbin/nginx -p ${state}/runs/x/web-3/ -c ${state}/runs/x/web-3/nginx.conf`,
      executable: '/usr/sbin/nginx',
      args: [],
      ownerPid: 1,
    });
    mkdirSync(join(state, 'runs', 'stale'), { recursive: true });
    writeFileSync(
      join(state, 'runs', 'stale', 'runner.json'),
      JSON.stringify({
        runId: 'stale',
        pid,
        startTime: '1',
        cmdline: 'node bin/mtls-sandbox.js up x',
        components: ['x'],
      }),
    );

    const result = await downNow();
    expect(result.stdout).not.toMatch(/stopped (run|web-)/);
    expect(result.stdout).toContain(`not stopped: web-1 (pid ${pid})`);
    expect(result.stdout).toContain('Nothing of ours was running.');
    expect(pendingSignals(pid)).toBe(0n);
    expect(identify(pid)?.startTime).toBe(now.startTime);
    expect(alive(pid)).toBe(true);
    // The unverifiable record is kept (it may still be ours); the others, whose processes are gone, are removed.
    expect(readdirSync(join(state, 'run'))).toEqual([`web-1.${pid}.json`]);
    process.kill(-pid, 'SIGKILL');
    await fake;
    rmSync(join(state, 'run', `web-1.${pid}.json`));
  });
});
