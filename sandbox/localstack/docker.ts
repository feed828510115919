// LocalStack in docker mode (`--localstack docker`): one container through dockerode, host networking, listening on
// 127.0.0.1:<port>, labelled like the containers of `--runtime docker` (so `mtls-sandbox down` removes one a killed
// run left), stopped and removed with the run, ready when GET /_localstack/health reports SSM, S3 and CloudFormation.
//
// The image is LOCALSTACK_IMAGE (images.ts), in one of two forms:
//  - the official image, pulled on a normal machine: its own entrypoint, state in a mounted /var/lib/localstack, and
//    LOCALSTACK_AUTH_TOKEN passed through when the user has one set;
//  - the local stand-in that scripts/setup-docker.sh tags with the same name where no registry is reachable (label
//    mtls-sandbox.image). That is the Debian bookworm root filesystem of the other stand-ins, and bookworm's Python is
//    3.11, while LocalStack 2026.3.0 needs 3.12+ (docs/localstack.md). Rather than build a second Python or
//    install 330 MB of LocalStack into an image offline, the container runs the host-mode venv
//    (.sandbox/localstack-venv) and the Python it was made from (the venv's python symlink, resolved), both mounted
//    read-only at the same absolute paths, so the venv's pyvenv.cfg and shebangs stay valid inside. The container
//    still gives LocalStack its own root filesystem, process tree and lifecycle; only the code is shared.
import { spawnSync } from 'node:child_process';
import { mkdirSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';
import {
  engineClient,
  engineVersion,
  ensureImage,
  LABEL_COMPONENT,
  LABEL_RUN,
  LABEL_SERVICE,
  LABEL_STATE,
} from '../runtime/docker/engine.js';
import { LOCALSTACK_IMAGE, SETUP_DOCKER_COMMAND } from '../runtime/docker/images.js';
import type { Driver } from '../runtime/driver.js';
import { StartError } from '../runtime/errors.js';
import { msg } from '../messages.js';
import { HostDriver } from '../runtime/host-driver.js';
import { LocalStackClient, type Health } from './client.js';
import { hostEnvironment } from './host.js';
import { SETUP_COMMAND, venvDir, venvInstalled, venvPython } from './install.js';

/** The label setup-docker.sh puts on the images it builds locally. */
const STAND_IN_LABEL = 'mtls-sandbox.image';

export type LocalStackImageKind = 'official' | 'stand-in';

/** What the container is made of: the values dockerLocalStackSpec turns into a create request. */
export interface DockerLocalStackPlan {
  image: string;
  kind: LocalStackImageKind;
  port: number;
  /** <state>/localstack: logs and LocalStack's files. */
  dir: string;
  state: string;
  /** Stand-in only: the venv and the real prefix of its Python (both mounted read-only at the same paths). */
  venv?: string;
  pythonPrefix?: string;
  authToken?: string;
}

/** The container's create options. Pure. */
export function dockerLocalStackSpec(plan: DockerLocalStackPlan, pid = process.pid): Docker.ContainerCreateOptions {
  const labels = {
    [LABEL_RUN]: String(pid),
    [LABEL_STATE]: plan.state,
    [LABEL_COMPONENT]: 'localstack',
    [LABEL_SERVICE]: 'localstack',
  };
  const name = `mtls-sandbox-${pid}-localstack`;
  if (plan.kind === 'official') {
    const volume = join(plan.dir, 'docker-volume');
    // The official image's own layout (/var/lib/localstack); otherwise the same settings as host mode.
    const {
      OVERRIDE_IN_DOCKER: _inDocker,
      FILESYSTEM_ROOT: _root,
      ...env
    } = hostEnvironment(plan.port, '/var/lib/localstack');
    if (plan.authToken) env.LOCALSTACK_AUTH_TOKEN = plan.authToken;
    return {
      name,
      Image: plan.image,
      Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
      Tty: true,
      Labels: labels,
      HostConfig: { NetworkMode: 'host', Binds: [`${volume}:/var/lib/localstack`] },
    };
  }
  if (!plan.venv || !plan.pythonPrefix) throw new StartError('LocalStack stand-in image: no venv to mount.');
  // FILESYSTEM_ROOT under the state dir, mounted writable at its own path (as in host mode, OVERRIDE_IN_DOCKER=0).
  const filesystem = join(plan.dir, 'docker-filesystem');
  const env = { ...hostEnvironment(plan.port, filesystem), HOME: '/tmp', PYTHONDONTWRITEBYTECODE: '1' };
  return {
    name,
    Image: plan.image,
    Cmd: [venvPython(plan.venv), '-m', 'localstack.runtime.main'],
    Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
    WorkingDir: '/tmp',
    User: '0',
    Tty: true,
    Labels: labels,
    HostConfig: {
      NetworkMode: 'host',
      Binds: [
        `${plan.venv}:${plan.venv}:ro`,
        `${plan.pythonPrefix}:${plan.pythonPrefix}:ro`,
        `${filesystem}:${filesystem}`,
      ],
    },
  };
}

/** The real installation the venv's python symlink points at, e.g. ~/.pyenv/versions/3.13.0. */
export function pythonPrefixOf(venv: string): string {
  return dirname(dirname(realpathSync(venvPython(venv))));
}

export async function localStackImageKind(
  docker: Docker,
  image = LOCALSTACK_IMAGE,
): Promise<LocalStackImageKind | null> {
  const info = await docker
    .getImage(image)
    .inspect()
    .catch(() => null);
  if (!info) return null;
  return info.Config?.Labels?.[STAND_IN_LABEL] ? 'stand-in' : 'official';
}

export interface DockerLocalStack {
  client: LocalStackClient;
  health: Health;
  image: string;
  kind: LocalStackImageKind;
  containerName: string;
  logFile: string;
  /** From create to a healthy /_localstack/health. */
  startMs: number;
  stop(): Promise<void>;
}

const live = new Set<string>();
let exitHook = false;

export async function startDockerLocalStack(options: {
  stateDir: string;
  port?: number;
  driver?: Driver;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<DockerLocalStack> {
  const env = options.env ?? process.env;
  const docker = engineClient();
  if (!(await engineVersion(docker))) {
    const where = env.DOCKER_HOST ?? '/var/run/docker.sock';
    throw new StartError(
      `--localstack docker needs a Docker engine, and none answers at ${where}. Start one and make the image: \`${SETUP_DOCKER_COMMAND}\`; or use --localstack host.`,
      msg('start.ls-docker-missing', { where, command: SETUP_DOCKER_COMMAND }),
    );
  }
  await ensureImage(docker, LOCALSTACK_IMAGE);
  const kind = (await localStackImageKind(docker))!;
  const port = options.port ?? 4566;
  const dir = join(options.stateDir, 'localstack');
  const plan: DockerLocalStackPlan = {
    image: LOCALSTACK_IMAGE,
    kind,
    port,
    dir,
    state: options.stateDir,
    ...(env.LOCALSTACK_AUTH_TOKEN ? { authToken: env.LOCALSTACK_AUTH_TOKEN } : {}),
  };
  if (kind === 'stand-in') {
    const venv = venvDir(env);
    if (!venvInstalled(venv))
      throw new StartError(
        `${LOCALSTACK_IMAGE} here is the local stand-in, which runs the host's LocalStack venv, and none is installed (${venv}). Install it with \`${SETUP_COMMAND}\`, or pull the official image on a machine with a registry.`,
        msg('start.ls-standin-no-venv', { image: LOCALSTACK_IMAGE, venv, command: SETUP_COMMAND }),
      );
    plan.venv = venv;
    plan.pythonPrefix = pythonPrefixOf(venv);
    mkdirSync(join(dir, 'docker-filesystem'), { recursive: true });
  } else {
    mkdirSync(join(dir, 'docker-volume'), { recursive: true });
  }
  const spec = dockerLocalStackSpec(plan);
  const containerName = spec.name!;
  const logFile = join(dir, `localstack-docker-${port}.log`);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = performance.now();
  await docker
    .getContainer(containerName)
    .remove({ force: true })
    .catch(() => undefined);
  const container = await docker.createContainer(spec);
  live.add(container.id);
  if (!exitHook) {
    exitHook = true;
    // Last resort on an exit path that skipped stop(): remove the container synchronously.
    process.on('exit', () => {
      if (live.size > 0) spawnSync('docker', ['rm', '-f', ...live], { stdio: 'ignore', timeout: 10_000 });
    });
  }
  let exited = false;
  let stopping: Promise<void> | undefined;
  const log = async () =>
    ((await container.logs({ stdout: true, stderr: true }).catch(() => Buffer.from(''))) as unknown as Buffer).toString(
      'utf8',
    );
  const stop = () =>
    (stopping ??= (async () => {
      if (!exited) await container.stop({ t: 5 }).catch(() => undefined);
      const text = await log();
      await mkdir(dir, { recursive: true }).catch(() => undefined);
      if (text) await writeFile(logFile, text).catch(() => undefined);
      await container.remove({ force: true }).catch(() => undefined);
      live.delete(container.id);
    })());
  const driver = options.driver ?? new HostDriver(options.stateDir);
  driver.adopt('localstack', stop);
  try {
    await container.start();
  } catch (error) {
    await stop();
    throw new StartError(
      `LocalStack container (${LOCALSTACK_IMAGE}) could not be started: ${(error as Error).message}`,
      msg('start.ls-container-failed', { image: LOCALSTACK_IMAGE, error: (error as Error).message }),
    );
  }
  void container.wait().then(
    () => (exited = true),
    () => (exited = true),
  );
  const client = new LocalStackClient(`http://127.0.0.1:${port}`);
  const deadline = Date.now() + timeoutMs;
  let health: Health | null = null;
  while (Date.now() < deadline && !exited) {
    health = await client.health(2000);
    if (
      health &&
      ['ssm', 's3', 'cloudformation'].every((name) => /available|running/.test(health!.services[name] ?? ''))
    )
      break;
    health = null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!health) {
    const tail = (await log()).trim().split('\n').slice(-8).join('\n    ');
    await stop();
    throw new StartError(
      `LocalStack container ${containerName} (${LOCALSTACK_IMAGE}, ${kind}) ${exited ? 'exited while starting' : `did not report healthy SSM, S3 and CloudFormation within ${timeoutMs / 1000} s`}. Its log (${logFile}) ends with:\n    ${tail}`,
      msg('start.ls-container-unhealthy', {
        container: containerName,
        image: LOCALSTACK_IMAGE,
        kind,
        exited,
        seconds: timeoutMs / 1000,
        log: logFile,
        tail,
      }),
    );
  }
  return {
    client,
    health,
    image: LOCALSTACK_IMAGE,
    kind,
    containerName,
    logFile,
    startMs: Math.round(performance.now() - started),
    stop,
  };
}
