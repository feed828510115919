// One LocalStack per CLI run: `--localstack auto|host|docker|off` decides whether to use a running one, start one
// from the venv, or do without; the scenarios of the run share it, and it stops with the run.
import { type Message, msg } from '../messages.js';
import type { ComponentReport } from '../report.js';
import { HostDriver } from '../runtime/host-driver.js';
import { LocalStackClient, endpointFromEnv, type Health } from './client.js';
import { SETUP_COMMAND, venvDir, venvInstalled } from './install.js';
import { startHostLocalStack } from './host.js';
import { startDockerLocalStack } from './docker.js';
import { readKept } from './kept.js';

export type LocalStackRequest = 'auto' | 'host' | 'docker' | 'off';
/** What the run ended up with; "external" is one that was already running (used as is, not stopped). */
export type LocalStackMode = 'host' | 'docker' | 'external' | 'off';

export interface LocalStackSession {
  mode: LocalStackMode;
  /** Why this mode, for the output and the report. */
  reason: Message;
  client: LocalStackClient | null;
  component: ComponentReport | null;
  startMs: number;
  stop(): Promise<void>;
}

export function offSession(reason: Message): LocalStackSession {
  return { mode: 'off', reason, client: null, component: null, startMs: 0, stop: async () => {} };
}

export interface OpenOptions {
  request: LocalStackRequest;
  /** Some selected scenario needs LocalStack (or deploying was asked for). */
  needed: boolean;
  stateDir: string;
  env?: NodeJS.ProcessEnv;
  /** Port for a LocalStack started here; by default where runs look for one (startPort). */
  port?: number;
  /** Progress lines ("starting LocalStack…"). */
  log?: (line: Message) => void;
}

/**
 * auto: a running LocalStack at AWS_ENDPOINT_URL / LOCALSTACK_HOST (default 127.0.0.1:4566), else host if the venv
 * is installed, else off. host: a running one, else start from the venv (an error if it is not installed).
 * docker (only when asked): a running one, else start the LocalStack container (docker.ts).
 * Nothing is started unless `needed` (or host/docker was asked for explicitly).
 */
export async function openLocalStack(options: OpenOptions): Promise<LocalStackSession> {
  const { request } = options;
  if (request === 'off') return offSession(msg('localstack.off'));
  if (request === 'auto' && !options.needed) return offSession(msg('localstack.not-needed'));

  const endpoint = endpointFromEnv(options.env ?? process.env);
  const running = new LocalStackClient(endpoint);
  const health = await running.health(1500);
  if (health) {
    const kept = readKept(options.stateDir);
    const ours = kept !== null && endpoint.replace(/\/$/, '').endsWith(`:${kept.port}`);
    return {
      mode: 'external',
      reason: ours
        ? msg('localstack.kept', { request, endpoint, pid: kept.pid })
        : msg('localstack.external', { request, endpoint }),
      client: running,
      component: component(endpoint, health, msg('localstack.role-external')),
      startMs: 0,
      stop: async () => {},
    };
  }
  if (request === 'auto' && !venvInstalled()) {
    return offSession(msg('localstack.not-installed', { endpoint, venv: venvDir(), command: SETUP_COMMAND }));
  }
  const port = options.port ?? startPort(endpoint);
  if (request === 'docker') return openDocker(options, port);
  options.log?.(msg('localstack.starting-host', { venv: venvDir(), port }));
  const driver = new HostDriver(options.stateDir);
  try {
    const host = await startHostLocalStack({ stateDir: options.stateDir, port, driver });
    return {
      mode: 'host',
      reason: msg('localstack.started-host', {
        request,
        endpoint,
        venv: venvDir(),
        seconds: (host.startMs / 1000).toFixed(1),
        log: host.logFile,
      }),
      client: host.client,
      component: component(`127.0.0.1:${port}`, host.health, msg('localstack.role-host', { pid: host.process.pid })),
      startMs: host.startMs,
      stop: () => driver.stopAll(),
    };
  } catch (error) {
    await driver.stopAll();
    throw error;
  }
}

/**
 * Where a LocalStack this run starts listens: where runs look for one (AWS_ENDPOINT_URL, LOCALSTACK_HOST) when that
 * is this machine's loopback, so the next run finds it there; else 4566 (what cdklocal and the AWS CLI expect). Pure.
 */
export function startPort(endpoint: string): number {
  const url = new URL(endpoint);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  return loopback && url.port ? Number(url.port) : 4566;
}

async function openDocker(options: OpenOptions, port: number): Promise<LocalStackSession> {
  options.log?.(msg('localstack.starting-docker', { port }));
  const driver = new HostDriver(options.stateDir);
  try {
    const docker = await startDockerLocalStack({
      stateDir: options.stateDir,
      port,
      driver,
      env: options.env ?? process.env,
    });
    const standIn = docker.kind === 'stand-in';
    return {
      mode: 'docker',
      reason: msg('localstack.started-docker', {
        container: docker.containerName,
        image: docker.image,
        standIn,
        seconds: (docker.startMs / 1000).toFixed(1),
        log: docker.logFile,
      }),
      client: docker.client,
      component: component(
        `127.0.0.1:${port}`,
        docker.health,
        msg('localstack.role-docker', { container: docker.containerName, image: docker.image, standIn }),
      ),
      startMs: docker.startMs,
      stop: () => driver.stopAll(),
    };
  } catch (error) {
    await driver.stopAll();
    throw error;
  }
}

function component(address: string, health: Health, how: Message): ComponentReport {
  const enabled = Object.entries(health.services)
    .filter(([, state]) => /available|running/.test(state))
    .map(([name]) => name);
  return {
    name: 'localstack',
    kind: 'localstack',
    address: address.replace(/^https?:\/\//, ''),
    version: `LocalStack ${health.version}`,
    role: msg('localstack.role', { services: enabled.join(', ') }, how),
  };
}

/** A CLI run's LocalStack: needed when a selected scenario needs it, when deploying all, or when host is explicit. */
export function openForRun(options: {
  request: LocalStackRequest;
  scenarios: { needs?: { localstack?: boolean } }[];
  deployAll: boolean;
  stateDir: string;
  log?: (line: Message) => void;
}): Promise<LocalStackSession> {
  const needed =
    options.request === 'host' ||
    options.request === 'docker' ||
    options.deployAll ||
    options.scenarios.some((scenario) => scenario.needs?.localstack === true);
  return openLocalStack({ request: options.request, needed, stateDir: options.stateDir, log: options.log });
}

/** For the output: which LocalStack mode the run uses, and why. Pure. */
export function describeSession(session: LocalStackSession): Message {
  return msg('localstack.session', { mode: session.mode }, session.reason);
}
