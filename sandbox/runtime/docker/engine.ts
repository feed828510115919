// The Docker engine as the docker driver needs it: connect (with the fix when none answers), make sure an image
// is here (found locally, never pulled when it exists), read versions from images, and — for the integration
// tests — start Debian's dockerd when none runs and stop it again.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type Docker from 'dockerode';
import { StartError } from '../errors.js';
import { msg } from '../../messages.js';
import { IMAGES, SETUP_DOCKER_COMMAND } from './images.js';

export const LABEL_RUN = 'mtls-sandbox.run';
export const LABEL_STATE = 'mtls-sandbox.state';
export const LABEL_COMPONENT = 'mtls-sandbox.component';
export const LABEL_SERVICE = 'mtls-sandbox.service';

// dockerode (CommonJS, with its HTTP and SSH stacks) is loaded on first use: commands that never touch Docker
// (list, --help, a host run) start without it.
const require = createRequire(import.meta.url);

/** dockerode with DOCKER_HOST or the default socket. */
export function engineClient(): Docker {
  const DockerClient = require('dockerode') as typeof Docker;
  return new DockerClient();
}

/** The engine's version, or null when none answers (within timeoutMs). */
export async function engineVersion(docker: Docker = engineClient(), timeoutMs = 3000): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([
      docker.version().then(
        (info) => info.Version,
        () => null,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function connectEngine(): Promise<{ docker: Docker; version: string }> {
  const docker = engineClient();
  const version = await engineVersion(docker);
  if (!version) {
    const where = process.env.DOCKER_HOST ?? '/var/run/docker.sock';
    throw new StartError(
      `--runtime docker needs a Docker engine, and none answers at ${where}. Start one and make the images: \`${SETUP_DOCKER_COMMAND}\` (as root it installs docker.io, starts \`dockerd --iptables=false --bridge=none\` and builds the images), or \`sudo systemctl start docker\`; or use --runtime host.`,
      msg('start.docker-missing', { where, command: SETUP_DOCKER_COMMAND }),
    );
  }
  return { docker, version };
}

export async function hasImage(docker: Docker, image: string): Promise<boolean> {
  return docker
    .getImage(image)
    .inspect()
    .then(
      () => true,
      // Only "no such image" means absent; an engine that did not answer says so rather than "missing image".
      (error: { statusCode?: number }) => {
        if (error?.statusCode === 404) return false;
        throw error;
      },
    );
}

const ensured = new Map<string, Promise<void>>();

/** The image is here: found locally (never pulled then), else pulled once; else a StartError naming the fix. */
export function ensureImage(docker: Docker, image: string): Promise<void> {
  let pending = ensured.get(image);
  if (!pending) {
    pending = (async () => {
      const present = await hasImage(docker, image).catch((error: Error) => {
        throw new StartError(
          `The Docker engine did not say whether image ${image} is here (${error.message}). Check that it runs: \`docker info\`.`,
        );
      });
      if (present) return;
      const pulled = await pull(docker, image, 120_000);
      if (pulled !== true) {
        throw new StartError(
          `Image ${image} is not on this machine and could not be pulled (${pulled}). Build local stand-ins from Debian packages: \`${SETUP_DOCKER_COMMAND}\`.`,
          msg('start.image-missing', { image, pulled: String(pulled), command: SETUP_DOCKER_COMMAND }),
        );
      }
    })();
    pending.catch(() => ensured.delete(image));
    ensured.set(image, pending);
  }
  return pending;
}

function pull(docker: Docker, image: string, timeoutMs: number): Promise<true | string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    docker.pull(image, (error: Error | null, stream: NodeJS.ReadableStream) => {
      if (error) {
        clearTimeout(timer);
        resolve(error.message.split('\n')[0] ?? String(error));
        return;
      }
      docker.modem.followProgress(stream, (finished: Error | null) => {
        clearTimeout(timer);
        resolve(finished ? finished.message : true);
      });
    });
  });
}

const versions = new Map<string, Promise<string>>();

/** What `<tool> -v` (or `node --version`) prints inside an image, read once per process with a throw-away container. */
export function imageVersion(docker: Docker, image: string, tool: string): Promise<string> {
  const key = `${image} ${tool}`;
  let pending = versions.get(key);
  if (!pending) {
    const args: Record<string, string[]> = {
      nginx: ['nginx', '-v'],
      haproxy: ['haproxy', '-v'],
      curl: ['curl', '--version'],
      openssl: ['openssl', 'version'],
      node: ['node', '--version'],
    };
    pending = (async () => {
      await ensureImage(docker, image);
      const container = await docker.createContainer({
        Image: image,
        Cmd: args[tool] ?? [tool, '--version'],
        Tty: true,
        Labels: { [LABEL_RUN]: String(process.pid), [LABEL_SERVICE]: 'version' },
        HostConfig: { NetworkMode: 'none' },
      });
      try {
        await container.start();
        await container.wait();
        const output = ((await container.logs({ stdout: true, stderr: true })) as unknown as Buffer).toString('utf8');
        const patterns: Record<string, RegExp> = {
          nginx: /nginx version: (nginx\/\S+)/,
          haproxy: /(HAProxy version \S+)/,
          curl: /^(curl \S+)/,
          openssl: /^(OpenSSL \S+)/,
          node: /^(v\d\S*)/,
        };
        const match = (patterns[tool] ?? /^(.*)$/m).exec(output.trim());
        return match?.[1] ?? output.trim().split('\n')[0] ?? 'unknown';
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    })();
    versions.set(key, pending);
  }
  return pending;
}

/** Which of the sandbox's images are on this machine. */
export async function imagesPresent(docker: Docker = engineClient()): Promise<{ image: string; present: boolean }[]> {
  const images = [...new Set(Object.values(IMAGES))];
  return Promise.all(images.map(async (image) => ({ image, present: await hasImage(docker, image) })));
}

/**
 * For the integration tests: a running engine, starting Debian's `dockerd --iptables=false --bridge=none` when none
 * answers (root only). `stop()` stops a daemon this call started and nothing else.
 */
export async function ensureEngineForTests(
  stateDir: string,
): Promise<{ version: string; startedByUs: boolean; startMs: number; stop(): Promise<void> }> {
  const running = await engineVersion();
  if (running) return { version: running, startedByUs: false, startMs: 0, stop: async () => {} };
  const fix = `Make it runnable: as root, \`${SETUP_DOCKER_COMMAND} --for-tests\` installs docker.io and debootstrap and builds the images; the test then starts and stops dockerd itself. Or start an engine yourself (sudo systemctl start docker). To leave the Docker tests out on a machine that cannot run an engine, set MTLS_SANDBOX_SKIP_DOCKER_TESTS=1 (CI does not).`;
  if (process.getuid?.() !== 0)
    throw new Error(
      `The Docker integration tests need a Docker engine; none answers and this user (uid ${process.getuid?.()}) cannot start dockerd. ${fix}`,
    );
  const dockerd = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((path) => existsSync(path));
  if (!dockerd)
    throw new Error(
      `The Docker integration tests need a Docker engine; none answers and dockerd is not installed. ${fix}`,
    );
  mkdirSync(stateDir, { recursive: true });
  const logFile = join(stateDir, 'dockerd.log');
  const log = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(dockerd, ['--iptables=false', '--bridge=none'], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  const pidFile = join(stateDir, 'dockerd.pid');
  writeFileSync(pidFile, String(child.pid));
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  let version: string | null = null;
  while (Date.now() < deadline && !exited) {
    version = await engineVersion(engineClient(), 1000);
    if (version) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
    clearTimeout(timer);
    if (!exited) process.kill(child.pid, 'SIGKILL');
    if (existsSync(pidFile) && readFileSync(pidFile, 'utf8') === String(child.pid)) rmSync(pidFile, { force: true });
  };
  if (!version) {
    await stop();
    throw new Error(`dockerd did not come up within 30 s; see ${logFile}. ${fix}`);
  }
  return { version, startedByUs: true, startMs: Math.round(performance.now() - started), stop };
}
