// The docker driver (`--runtime docker`): the same topology as the host driver, each component a container.
//
// It implements the same Driver (../driver.ts) as the host driver: nginx-target.ts and haproxy-lb.ts render the very
// same configurations and hand over the same ProcessSpec; this driver runs `nginx …`/`haproxy …` in the image of
// services.ts instead of on the host, with host networking (every config binds 127.0.0.1 on an allocated port) and
// the state dir mounted at its own path. Of the emulators (sandbox/runtime/emulator-table.ts), which the host driver runs in
// process, those with a container recipe here — the ALB emulator, the NLB TLS listener emulator and the echo target —
// run in the Node image (`node bin/run-ts.js sandbox/runtime/docker/{alb,nlb-tls,echo}-entry.ts …`, the project
// mounted read-only); the others (CloudFront) run in this process, as on the host.
//
// Containers are labelled (mtls-sandbox.run=<pid>, mtls-sandbox.state=<state dir>), stopped and removed on every way
// out (stopAll, the SIGINT/SIGTERM handlers that call it, a failed start, and a last-resort `docker rm -f` on exit,
// killNow); `mtls-sandbox down` removes what a killed run left behind (down.ts).
//
// DockerDriver.recorder() starts nothing: it records each container it would run, with what makes it ready, for
// `mtls-sandbox compose` (sandbox/compose/), which writes them as a compose project. So every kind of container the
// driver runs is a compose service too, with no second list to keep in step.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';
import type { AlbListenerConfig } from '../../alb/config.js';
import type { EchoTargetOptions } from '../../echo/echo-server.js';
import type { EmulatorConfig, EmulatorKind } from '../emulator-table.js';
import type { NlbTlsListenerConfig } from '../../nlb/tls-config.js';
import type { ComponentReport } from '../../report.js';
import type { Tool } from '../binaries.js';
import { type Address, DriverBase, type EmulatorHandle, type ManagedProcess, type ProcessSpec } from '../driver.js';
import { PortInUseError, StartError } from '../errors.js';
import { list, msg } from '../../messages.js';
import { describePortHolder, holderParts } from '../port-holder.js';
import { waitForOwnListener, waitForPort, withFreshPorts } from '../ports.js';
import { thisRun } from '../run-registry.js';
import { projectRoot } from '../state-dir.js';
import {
  connectEngine,
  ensureImage,
  LABEL_RUN,
  LABEL_STATE,
  LABEL_COMPONENT,
  LABEL_SERVICE,
  imageVersion,
} from './engine.js';
import { SERVICES, binds, instantiate, type ContainerSpec, type ServiceName } from './services.js';

interface Running {
  name: string;
  /** The component this container belongs to (an ALB's listeners are one component). */
  component: string;
  spec: ContainerSpec;
  /** null for a recorder's container, which never runs. */
  container: Docker.Container | null;
  containerName: string;
  logFile: string;
  exited: () => boolean;
  stop: () => Promise<void>;
}

export interface DockerDriverOptions {
  state: string;
  /** The PKI directory, mounted read-only where a service reads certificates. */
  pkiDir: string;
}

/** An emulator in a container: where it listens and when it is ready (nothing of it is in this process). */
interface ContainerEmulator {
  addresses: Address[];
  ready(): Promise<void>;
}

/** A container the recorder would have run (DockerDriver.recorder), in start order. */
export interface RecordedContainer {
  /** The container's own name in the run (a target, `haproxy-nlb`, `alb-alb-443`). */
  name: string;
  /** The component it belongs to (an ALB's listeners are one component). */
  component: string;
  containerName: string;
  spec: ContainerSpec;
  /** Addresses that accept connections once it is ready. */
  listens: Address[];
}

export class DockerDriver extends DriverBase {
  readonly runtime = 'docker' as const;
  /** Containers not removed yet, in start order. */
  private readonly containers: Running[] = [];
  /** What a recorder would have run; null for a driver that runs containers. */
  private readonly record: RecordedContainer[] | null;

  private constructor(
    /** null: a recorder, which needs no engine. */
    private readonly docker: Docker | null,
    private readonly options: DockerDriverOptions & { containerName?: (name: string) => string },
    readonly engineVersion: string,
  ) {
    super(options.state);
    this.record = docker ? null : [];
  }

  /** Connects to the engine (a clear StartError when none answers). */
  static async open(options: DockerDriverOptions): Promise<DockerDriver> {
    const { docker, version } = await connectEngine();
    return new DockerDriver(docker, options, version);
  }

  /**
   * A driver that starts nothing and needs no engine: it renders every configuration as a run would and records the
   * containers it would run (recorded), named by `containerName`.
   */
  static recorder(options: DockerDriverOptions & { containerName: (name: string) => string }): DockerDriver {
    return new DockerDriver(null, options, 'none');
  }

  /** The containers a recorder would have run, in start order. */
  get recorded(): readonly RecordedContainer[] {
    return this.record ?? [];
  }

  /** nginx / HAProxy: the host driver's ProcessSpec, run in the service's image. */
  async start(spec: ProcessSpec): Promise<ManagedProcess> {
    const { service, values } = serviceFor(spec, this.options);
    const container = instantiate(SERVICES[service], values);
    const expected = [spec.tool, ...spec.args];
    if (JSON.stringify(container.command) !== JSON.stringify(expected)) {
      // The templates (and so the compose projects) must say what the host driver runs; fail loudly if they drift.
      throw new StartError(
        `docker driver out of step with the host driver for ${spec.name}: the ${service} template runs ${JSON.stringify(container.command)}, the host driver ${JSON.stringify(expected)}. Update sandbox/runtime/docker/services.ts.`,
      );
    }
    const running = await this.run(spec.name, spec.name, container, spec.logFile, spec.listens, spec.startTimeoutMs);
    const managed: ManagedProcess = { spec, pid: 0, exited: running.exited };
    this.bind(managed, running.stop);
    return managed;
  }

  /** The version the image's binary prints (the local stand-ins carry Debian's nginx 1.22 under the tag nginx:1.27). */
  async toolVersion(tool: Tool): Promise<string> {
    const image =
      tool === 'nginx'
        ? SERVICES['nginx-target'].image
        : tool === 'haproxy'
          ? SERVICES['haproxy-lb'].image
          : SERVICES['nginx-target'].image;
    // A recorder runs nothing to ask; the image's binary says its version when it runs.
    if (!this.docker) return `${tool} in ${image}`;
    return imageVersion(this.docker, image, tool);
  }

  /** The emulators that run in a container of their own; the other kinds run in this process (runHere). */
  private readonly recipes: { [K in EmulatorKind]?: (config: EmulatorConfig<K>) => Promise<ContainerEmulator> } = {
    // Ready once its first health checks are done (a marker file).
    alb: (config) => this.emulatorListener('alb', config, 'ALB emulator', 'ALB_CONFIG'),
    'nlb-tls': (config) => this.emulatorListener('nlb', config, 'NLB TLS listener emulator', 'NLB_CONFIG'),
    echo: (options) => this.echoServer(options),
  };

  /** An emulator of the table: in a container of its service when it has a recipe here, else in this process. */
  async emulator<K extends EmulatorKind>(kind: K, config: EmulatorConfig<K>): Promise<EmulatorHandle<K>> {
    // Indexing the recipes by a generic kind loses which one; the mapped type above keeps each typed.
    const recipe = this.recipes[kind] as ((config: EmulatorConfig<K>) => Promise<ContainerEmulator>) | undefined;
    if (!recipe) return this.runHere(kind, config);
    const running = await recipe(config);
    return { kind, addresses: running.addresses, ready: () => running.ready(), local: null };
  }

  /** An emulator listener (its JSON configuration written next to its log) as a container of its service. */
  private async emulatorListener(
    kind: 'alb' | 'nlb',
    config: AlbListenerConfig | NlbTlsListenerConfig,
    what: string,
    variable: 'ALB_CONFIG' | 'NLB_CONFIG',
  ): Promise<ContainerEmulator> {
    const configFile = join(dirname(config.connectionLogFile), `listener-${config.advertisedPort}.json`);
    await mkdir(dirname(configFile), { recursive: true });
    await writeFile(configFile, JSON.stringify(config, null, 1), { mode: 0o600 });
    await chmod(configFile, 0o600);
    const balancer = config.name.split(' ')[0] ?? config.name;
    const component = `${kind}-${balancer.toLowerCase()}`;
    const name = `${component}-${config.advertisedPort}`;
    const spec = instantiate(SERVICES[kind === 'alb' ? 'alb' : 'nlb-tls'], {
      ...this.common(),
      [variable]: configFile,
    });
    // What the entry writes after the first health checks (the template says where, for compose too).
    const readyFile = spec.readyFile ?? `${configFile}.ready`;
    const running = await this.run(name, component, spec, join(dirname(configFile), `${name}.log`), [
      { host: config.host, port: config.port },
    ]);
    return {
      addresses: [{ host: config.host, port: config.port }],
      ready: async () => {
        if (this.record) return;
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          if (
            await stat(readyFile).then(
              () => true,
              () => false,
            )
          )
            return;
          if (running.exited()) {
            const tail = await logTail(running);
            throw new StartError(
              `${name} (${what} container) exited before its first health checks. Its log (${running.logFile}) ends with:\n    ${tail}`,
              msg('start.health-exited', { name, what, log: running.logFile, tail }),
            );
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new StartError(
          `${name} (${what} container) did not finish its first health checks within 60 s. See ${running.logFile}.`,
          msg('start.health-timeout', { name, what, log: running.logFile }),
        );
      },
    };
  }

  /** The echo target in the Node image (port 0 or none: a fresh one, another if it is taken before it binds). */
  private async echoServer(options: EchoTargetOptions): Promise<ContainerEmulator> {
    const host = options.host ?? '127.0.0.1';
    if (options.port) return this.echoOn(options, host, options.port);
    return withFreshPorts(1, ([port]) => this.echoOn(options, host, port!), host);
  }

  private async echoOn(options: EchoTargetOptions, host: string, port: number): Promise<ContainerEmulator> {
    const logFile = options.logFile ?? join(thisRun(this.options.state).dir, `${options.name}.requests.json`);
    await mkdir(dirname(logFile), { recursive: true });
    const spec = instantiate(SERVICES['echo-target'], {
      ...this.common(),
      ECHO_NAME: options.name,
      ECHO_PORT: String(port),
      ECHO_LOG: logFile,
    });
    // Stopped with the rest (run() adopts it).
    await this.run(options.name, options.name, spec, join(dirname(logFile), 'container.log'), [{ host, port }]);
    return { addresses: [{ host, port }], ready: () => Promise.resolve() };
  }

  /** Says which image and container stand behind a component (mutates and returns it). */
  describe(component: ComponentReport): ComponentReport {
    const mine = this.containers.filter((running) => running.component === component.name);
    if (mine.length === 0) return component;
    Object.assign(component, {
      runtime: 'docker',
      image: [...new Set(mine.map((running) => running.spec.image))].join(', '),
      container: mine.map((running) => running.containerName).join(', '),
    });
    if (component.kind === 'alb' || component.kind === 'nlb' || component.kind === 'echo') {
      const node = this.nodeVersion ? ` (node ${this.nodeVersion} in ${SERVICES.alb.image})` : '';
      component.version = `${EMULATOR_NAMES[component.kind]}${node}`;
    }
    return component;
  }

  private nodeVersion: string | null = null;

  /** Removes every container not removed yet, synchronously (the process is exiting). */
  protected killNow(): void {
    const ids = this.containers.flatMap((running) => (running.container ? [running.container.id] : []));
    if (ids.length === 0) return;
    spawnSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore', timeout: 10_000 });
  }

  private common(): Record<string, string> {
    const project = projectRoot().replace(/\/$/, '');
    return {
      STATE_DIR: this.options.state,
      PKI_DIR: this.options.pkiDir,
      PROJECT_DIR: project,
      NODE_MODULES_DIR: realpathSync(join(project, 'node_modules')),
    };
  }

  private async run(
    name: string,
    component: string,
    spec: ContainerSpec,
    logFile: string,
    listens: { host: string; port: number }[],
    timeoutMs = 20_000,
  ): Promise<Running> {
    if (!this.docker) return this.recordOnly(name, component, spec, logFile, listens);
    await ensureImage(this.docker, spec.image);
    if (spec.service === 'alb' || spec.service === 'nlb-tls' || spec.service === 'echo-target')
      this.nodeVersion ??= (await imageVersion(this.docker, spec.image, 'node')).replace(/^v/, '');
    const containerName = `mtls-sandbox-${process.pid}-${name}`.replace(/[^a-zA-Z0-9_.-]+/g, '-').slice(0, 120);
    // A container of this name left by an earlier run with the same pid (unlikely) would block the create.
    await this.docker
      .getContainer(containerName)
      .remove({ force: true })
      .catch(() => undefined);
    const container = await this.docker.createContainer({
      name: containerName,
      Image: spec.image,
      Cmd: spec.command,
      Env: Object.entries(spec.environment).map(([key, value]) => `${key}=${value}`),
      ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
      ...(spec.user ? { User: spec.user } : {}),
      ...(spec.stopSignal ? { StopSignal: spec.stopSignal } : {}),
      // A TTY: the log is one plain stream (no multiplexing headers) to copy into the run's log file.
      Tty: true,
      Labels: {
        [LABEL_RUN]: String(process.pid),
        [LABEL_STATE]: this.options.state,
        [LABEL_COMPONENT]: component,
        [LABEL_SERVICE]: spec.service,
      },
      HostConfig: { NetworkMode: 'host', Binds: binds(spec), CapAdd: spec.capAdd, AutoRemove: false },
    });
    let hasExited = false;
    let isReady = false;
    let stopping: Promise<void> | undefined;
    const running: Running = {
      name,
      component,
      spec,
      container,
      containerName,
      logFile,
      exited: () => hasExited,
      stop: () =>
        (stopping ??= (async () => {
          if (!hasExited) await container.stop({ t: 3 }).catch(() => undefined);
          await saveLog(running);
          await container.remove({ force: true }).catch(() => undefined);
          const index = this.containers.indexOf(running);
          if (index >= 0) this.containers.splice(index, 1);
        })()),
    };
    this.containers.push(running);
    this.adopt(name, running.stop);
    try {
      await container.start();
    } catch (error) {
      await running.stop();
      this.forget(running.stop);
      throw new StartError(
        `${name}: the container (${spec.image}) could not be started: ${(error as Error).message}`,
        msg('start.container-failed', { name, image: spec.image, error: (error as Error).message }),
      );
    }
    const onExit = () => {
      hasExited = true;
      if (isReady && !stopping) this.componentExited(component);
    };
    void container.wait().then(onExit, onExit);
    // The container's processes by their pids on this machine: the listener that answers must be one of theirs.
    const pids = await containerPids(container);
    for (const address of listens) {
      const outcome = pids
        ? await waitForOwnListener(address.host, address.port, { timeoutMs, gone: () => hasExited, ours: () => pids })
        : await waitForPort(address.host, address.port, { timeoutMs, gone: () => hasExited });
      if (typeof outcome === 'object') {
        await running.stop();
        this.forget(running.stop);
        const holder = describePortHolder(this.options.state, address.host, address.port, outcome.taken);
        throw new PortInUseError(
          `${name} (container ${containerName}) was given ${address.host}:${address.port}, but another listener answers there: ${holder.who}. ${holder.advice}`,
          address.port,
          outcome.taken,
          list(
            'start.port-answered',
            { name, container: containerName, where: `${address.host}:${address.port}` },
            holderParts(holder),
          ),
        );
      }
      if (outcome !== 'ready') {
        const tail = await logTail(running);
        await running.stop();
        this.forget(running.stop);
        const said = { name, container: containerName, image: spec.image, tail };
        throw new StartError(
          outcome === 'exited'
            ? `${name} (container ${containerName}, ${spec.image}) exited while starting. Its log (${logFile}) ends with:\n    ${tail}`
            : `${name} (container ${containerName}, ${spec.image}) did not accept connections on ${address.host}:${address.port} within ${timeoutMs / 1000} s. Its log ends with:\n    ${tail}`,
          outcome === 'exited'
            ? msg('start.container-exited', { ...said, log: logFile })
            : msg('start.container-timeout', {
                ...said,
                where: `${address.host}:${address.port}`,
                seconds: timeoutMs / 1000,
              }),
        );
      }
    }
    isReady = true;
    return running;
  }

  /** A recorder's run: the container is written down, and nothing starts. */
  private recordOnly(
    name: string,
    component: string,
    spec: ContainerSpec,
    logFile: string,
    listens: Address[],
  ): Running {
    const containerName = this.options.containerName?.(name) ?? name;
    this.record?.push({ name, component, containerName, spec, listens: listens.map((address) => ({ ...address })) });
    const running: Running = {
      name,
      component,
      spec,
      container: null,
      containerName,
      logFile,
      exited: () => false,
      stop: async () => {
        const index = this.containers.indexOf(running);
        if (index >= 0) this.containers.splice(index, 1);
      },
    };
    this.containers.push(running);
    this.adopt(name, running.stop);
    return running;
  }
}

const EMULATOR_NAMES = {
  alb: 'mtls-sandbox ALB emulator',
  nlb: 'mtls-sandbox NLB TLS listener emulator',
  echo: 'mtls-sandbox echo target',
} as const;

/** The host pids of a container's processes (`docker top`), or null when the engine does not say. */
async function containerPids(container: Docker.Container): Promise<number[] | null> {
  try {
    const top = (await container.top()) as { Titles?: string[]; Processes?: string[][] };
    const column = top.Titles?.indexOf('PID') ?? -1;
    if (column < 0 || !top.Processes?.length) return null;
    return top.Processes.map((row) => Number(row[column])).filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    return null;
  }
}

/** Which service template runs a host ProcessSpec, and the values of its variables. */
function serviceFor(
  spec: ProcessSpec,
  options: DockerDriverOptions,
): { service: ServiceName; values: Record<string, string> } {
  const common = { STATE_DIR: options.state, PKI_DIR: options.pkiDir };
  if (spec.tool === 'nginx')
    return { service: 'nginx-target', values: { ...common, TARGET_DIR: spec.cwd.replace(/\/$/, '') } };
  if (spec.tool === 'haproxy')
    return { service: 'haproxy-lb', values: { ...common, LB_DIR: spec.cwd.replace(/\/$/, '') } };
  throw new StartError(
    `${spec.name}: the docker runtime runs nginx and HAProxy in containers; ${spec.tool} has no container here.`,
  );
}

async function containerLog(running: Running): Promise<string> {
  if (!running.container) return '';
  const buffer = (await running.container
    .logs({ stdout: true, stderr: true, follow: false })
    .catch(() => Buffer.from(''))) as unknown as Buffer;
  return buffer.toString('utf8');
}

async function saveLog(running: Running): Promise<void> {
  const log = await containerLog(running);
  if (log) {
    await mkdir(dirname(running.logFile), { recursive: true }).catch(() => undefined);
    await writeFile(running.logFile, log, { flag: 'a' }).catch(() => undefined);
  }
}

async function logTail(running: Running): Promise<string> {
  const log = (await containerLog(running)) || (await readFile(running.logFile, 'utf8').catch(() => ''));
  return log.trim().split('\n').slice(-8).join('\n    ');
}
