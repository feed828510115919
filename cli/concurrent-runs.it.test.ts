// Runs in one state dir are safe together (issue 17, reproduction 3): their own directories for configurations and
// logs, a shared PKI and synth cache, ports that cannot collide — and a port conflict never advises `down` while the
// run holding the port is alive.
import { execa, type ResultPromise } from 'execa';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describePortHolder } from '../sandbox/runtime/port-holder.js';
import { freshState } from '../sandbox/testing/suite.js';

const BIN = new URL('../bin/mtls-sandbox.js', import.meta.url).pathname;
const state = freshState('mtls-concurrent');
const env = { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' };
const run = (...ids: string[]) =>
  execa('node', [BIN, 'run', ...ids, '--localstack', 'off'], { env, reject: false, all: true });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startUp(id: string): { child: ResultPromise; ready: Promise<string> } {
  const child = execa('node', [BIN, 'up', id, '--localstack', 'off'], { env, reject: false, all: true });
  let text = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.all?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('stops everything.')) resolve(text);
    });
    void child.then(() => reject(new Error(`up exited before it was ready:\n${text}`)));
  });
  return { child, ready };
}

describe('concurrent runs in one state dir', () => {
  afterAll(async () => {
    await execa('node', [BIN, 'down'], { env, reject: false });
  });

  it('two runs of the same scenarios started 0–300 ms apart all pass (16 scenario runs)', async () => {
    const results: Awaited<ReturnType<typeof run>>[] = [];
    for (const delay of [0, 100, 200, 300]) {
      const first = run('nlb-tcp-passthrough', 'clb-tcp-passthrough');
      await sleep(delay);
      const second = run('nlb-tcp-passthrough', 'clb-tcp-passthrough');
      results.push(await first, await second);
    }
    for (const result of results) {
      expect(result.all).not.toMatch(/already in use|ENOTEMPTY|exited while starting|Unexpected error/);
      expect(result.exitCode, result.all).toBe(0);
    }
    expect(results).toHaveLength(8);
    // Nothing left running, no pid file left behind.
    expect(readdirSync(join(state, 'run'))).toEqual([]);
  }, 300_000);

  it('a run during an `up` of the same scenario leaves the up’s files and listeners alone', async () => {
    const up = startUp('nlb-tcp-passthrough');
    const text = await up.ready;
    const upDir = realpathSync(join(state, 'scenarios', 'nlb-tcp-passthrough'));
    const errorLog = join(upDir, 'web-1', 'logs', 'error.log');
    expect(existsSync(errorLog)).toBe(true);
    const port = Number(/https:\/\/127\.0\.0\.1:(\d+)\//.exec(text)![1]);

    const other = await run('nlb-tcp-passthrough');
    expect(other.exitCode, other.all).toBe(0);
    // The run had a directory of its own, now the latest; the up's is untouched and still serves.
    expect(realpathSync(join(state, 'scenarios', 'nlb-tcp-passthrough'))).not.toBe(upDir);
    expect(statSync(errorLog).isFile()).toBe(true);
    expect(readFileSync(join(upDir, 'web-1', 'nginx.conf'), 'utf8')).toContain(upDir);
    const curl = await execa('curl', ['-sk', '-o', '/dev/null', '-w', '%{http_code}', `https://127.0.0.1:${port}/`], {
      reject: false,
    });
    expect(curl.stdout).toBe('400'); // nginx: "No required SSL certificate was sent"

    // Its ports are held by a live run: the words never advise `down`, which would stop that run.
    const holder = describePortHolder(state, '127.0.0.1', port);
    expect(holder.liveRun).toBe(true);
    expect(holder.who).toMatch(/of another mtls-sandbox run that is still running|another mtls-sandbox run/);
    expect(holder.advice).not.toContain('down');

    up.child.kill('SIGKILL');
    await up.child;
    // Killed: what it left behind holds the port now, and `down` is the advice.
    const left = describePortHolder(state, '127.0.0.1', port);
    expect(left.liveRun).toBe(false);
    expect(left.who).toContain('left behind by an earlier mtls-sandbox run that was killed');
    expect(left.advice).toContain('mtls-sandbox down');
    await execa('node', [BIN, 'down'], { env });
  });

  it('a port held by a process that is not the sandbox’s is named with its pid and command line', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const holder = describePortHolder(state, '127.0.0.1', port);
      // This test's own process holds it: as far as the sandbox is concerned it is the sandbox's process.
      expect(holder.who).toBe('this mtls-sandbox process itself');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const python = execa(
      'python3',
      [
        '-c',
        `import socket,time;s=socket.socket();s.bind(('127.0.0.1',${port}));s.listen();print('up',flush=True);time.sleep(60)`,
      ],
      { reject: false },
    );
    await new Promise<void>((resolve) => python.stdout?.once('data', () => resolve()));
    try {
      const holder = describePortHolder(state, '127.0.0.1', port);
      expect(holder.who).toMatch(
        new RegExp(`^pid ${python.pid} \\(\`\\S*python3\\S* -c import socket.*\`\\), which is not the sandbox's$`),
      );
      expect(holder.liveRun).toBe(false);
      expect(holder.advice).not.toContain('down');
    } finally {
      python.kill('SIGKILL');
      await python;
    }
  });
});
