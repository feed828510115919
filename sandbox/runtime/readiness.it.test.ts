// Ready means *our* process answers on the port (issue 17, reproduction 4): another listener on the port nginx was
// given is a set-up error naming the port and who holds it — never "ready" and then a FAIL as if AWS were different.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { findTool } from './binaries.js';
import { PortInUseError } from './errors.js';
import { HostDriver } from './host-driver.js';
import { freePort } from './ports.js';
import { groupMembers } from '../os/process-identity.js';
import { freshState } from '../testing/suite.js';

const BIN = new URL('../../bin/mtls-sandbox.js', import.meta.url).pathname;
const dir = freshState('mtls-ready');
const squatters: number[] = [];

/** A listener on 127.0.0.1:port in a process of its own (python), as someone else's server would be. */
async function squat(port: number): Promise<{ squatter: ResultPromise }> {
  const child = execa(
    'python3',
    [
      '-c',
      'import socket,sys,time;s=socket.socket();s.bind(("127.0.0.1",int(sys.argv[1])));s.listen();print("up",flush=True);time.sleep(120)',
      String(port),
    ],
    { reject: false },
  );
  squatters.push(child.pid!);
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  // Wrapped: an execa child is a thenable, and returning it would wait for it to exit.
  return { squatter: child };
}

function nginxSpec(port: number) {
  const prefix = join(dir, `nginx-${port}`);
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log;\nevents {}\nhttp {\n  access_log off;\n  server { listen 127.0.0.1:${port}; return 200 "ok"; }\n}\n`,
  );
  return {
    name: 'web-1',
    kind: 'nginx' as const,
    tool: 'nginx' as const,
    args: [
      '-p',
      `${prefix}/`,
      '-c',
      join(prefix, 'nginx.conf'),
      '-e',
      join(prefix, 'logs', 'error.log'),
      '-g',
      'daemon off;',
    ],
    cwd: prefix,
    listens: [{ host: '127.0.0.1', port }],
    logFile: join(prefix, 'logs', 'stdout.log'),
  };
}

afterAll(() => {
  for (const pid of squatters) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

describe('readiness', () => {
  it('nginx given a port another process listens on fails to start, naming the port and the holder', async () => {
    const port = await freePort();
    const { squatter } = await squat(port);
    const driver = new HostDriver(dir);
    const started = Date.now();
    const error = await driver.start(nginxSpec(port)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).port).toBe(port);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^web-1 \\(nginx\\) was given 127\\.0\\.0\\.1:${port}, but another listener answers there: pid ${squatter.pid} \\(\`\\S*python3\\S* -c .*\`\\), which is not the sandbox's\\.`,
      ),
    );
    expect((error as Error).message).not.toContain('mtls-sandbox down');
    // Found at once, not after nginx gave up binding (it retries for 2.5 s), and nothing of ours is left.
    expect(Date.now() - started).toBeLessThan(2500);
    await driver.stopAll();
    expect(readFileSync(join(dir, `nginx-${port}`, 'logs', 'stdout.log'), 'utf8')).not.toContain('[emerg] still');
    squatter.kill('SIGKILL');
    await squatter;
  });

  it('an emulator given a port another process listens on is a PortInUseError naming the holder, whatever its kind', async () => {
    const port = await freePort();
    const { squatter } = await squat(port);
    const driver = new HostDriver(dir);
    // The echo target: before the emulators shared one server base, its taken port was a plain Error.
    const error = await driver.emulator('echo', { name: 'echo-x', port }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).port).toBe(port);
    expect((error as Error).message).toMatch(
      new RegExp(`^echo-x could not listen on 127\\.0\\.0\\.1:${port}: the port is held by pid ${squatter.pid} `),
    );
    await driver.stopAll();
    squatter.kill('SIGKILL');
    await squatter;
  });

  it('the same nginx on a free port is ready, its listener found in its own process group', async () => {
    const port = await freePort();
    const driver = new HostDriver(dir);
    const managed = await driver.start(nginxSpec(port));
    // Ready once the master listens; it forks its worker just after, so the group is looked at until it has both.
    await vi.waitFor(() => expect(groupMembers(managed.pid).length).toBeGreaterThanOrEqual(2), {
      timeout: 10_000,
      interval: 20,
    });
    const curl = await execa('curl', ['-s', `http://127.0.0.1:${port}/`]);
    expect(curl.stdout).toBe('ok');
    await driver.stopAll();
  });

  it('`run` whose nginx keeps finding its port taken ends in a set-up error (exit 2), not a FAIL', async () => {
    // A fake nginx that, like a neighbour grabbing ports, starts a listener on the port it was given, then runs the
    // real nginx (which then cannot bind).
    const fakeBin = join(dir, 'bin');
    mkdirSync(fakeBin, { recursive: true });
    const pids = join(dir, 'squatters.txt');
    writeFileSync(
      join(fakeBin, 'nginx'),
      [
        '#!/bin/bash',
        'conf=""; prev=""',
        'for arg in "$@"; do [ "$prev" = "-c" ] && conf="$arg"; prev="$arg"; done',
        'if [ -n "$conf" ]; then',
        `  port=$(grep -o 'listen 127.0.0.1:[0-9]*' "$conf" | head -1 | cut -d: -f2)`,
        `  setsid python3 -c 'import socket,sys,time;s=socket.socket();s.bind(("127.0.0.1",int(sys.argv[1])));s.listen();time.sleep(60)' "$port" >/dev/null 2>&1 &`,
        `  echo $! >> ${pids}`,
        // Until the squatter listens (python can take a while to start on a busy machine): then nginx cannot bind.
        '  for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done',
        'fi',
        `exec ${findTool('nginx')} "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(join(fakeBin, 'nginx'), 0o755);
    const result = await execa('node', [BIN, 'run', 'nlb-tcp-passthrough', '--localstack', 'off'], {
      env: { MTLS_SANDBOX_STATE: freshState('mtls-ready-run'), NO_COLOR: '1', PATH: `${fakeBin}:${process.env.PATH}` },
      reject: false,
    });
    for (const line of readFileSync(pids, 'utf8').trim().split('\n')) squatters.push(Number(line));
    expect(result.exitCode).toBe(2);
    expect(result.stdout).not.toMatch(/FAIL|component\(s\) ready/);
    expect(result.stderr).toMatch(
      /^Set-up error: web-\d \(nginx\) was given 127\.0\.0\.1:(\d+), but another listener answers there: pid \d+ \(`\S*python3\S* -c .*`\), which is not the sandbox's\. .*\(4 ports tried, each taken before it could be used\)/m,
    );
    expect(result.stderr).not.toContain('mtls-sandbox down');
  });
});
