// One LocalStack per CLI run: `--localstack auto|host|docker|off` decides whether to use a running one, start one
// from the venv, or do without; the scenarios of the run share it, and it stops with the run.
import type { ComponentReport } from '../report.js';
import { HostDriver } from '../runtime/host-driver.js';
import { LocalStackClient, endpointFromEnv, type Health } from './client.js';
import { SETUP_COMMAND, venvDir, venvInstalled } from './install.js';
import { startHostLocalStack } from './host.js';
import { startDockerLocalStack } from './docker.js';

export type LocalStackRequest = 'auto' | 'host' | 'docker' | 'off';
/** What the run ended up with; "external" is one that was already running (used as is, not stopped). */
export type LocalStackMode = 'host' | 'docker' | 'external' | 'off';

export interface LocalStackSession {
  mode: LocalStackMode;
  /** Why this mode, in one sentence for the output and the report. */
  reason: string;
  client: LocalStackClient | null;
  component: ComponentReport | null;
  startMs: number;
  /** Per-session memo: CDK bootstrap happens once per LocalStack state. */
  bootstrapped?: Promise<unknown>;
  stop(): Promise<void>;
}

export const OFF_REASON_NOT_NEEDED = 'no selected scenario needs LocalStack';

export function offSession(reason: string): LocalStackSession {
  return { mode: 'off', reason, client: null, component: null, startMs: 0, stop: async () => {} };
}

export interface OpenOptions {
  request: LocalStackRequest;
  /** Some selected scenario needs LocalStack (or deploying was asked for). */
  needed: boolean;
  stateDir: string;
  env?: NodeJS.ProcessEnv;
  /** Port for a host LocalStack; 4566 by default (what cdklocal and the AWS CLI expect). */
  port?: number;
  /** Progress lines ("starting LocalStack…"). */
  log?: (line: string) => void;
}

/**
 * auto: a running LocalStack at AWS_ENDPOINT_URL / LOCALSTACK_HOST (default 127.0.0.1:4566), else host if the venv
 * is installed, else off. host: a running one, else start from the venv (an error if it is not installed).
 * docker (only when asked): a running one, else start the LocalStack container (docker.ts).
 * Nothing is started unless `needed` (or host/docker was asked for explicitly).
 */
export async function openLocalStack(options: OpenOptions): Promise<LocalStackSession> {
  const { request } = options;
  if (request === 'off') return offSession('--localstack off');
  if (request === 'auto' && !options.needed) return offSession(`auto: ${OFF_REASON_NOT_NEEDED}, so none was started`);

  const endpoint = endpointFromEnv(options.env ?? process.env);
  const running = new LocalStackClient(endpoint);
  const health = await running.health(1500);
  if (health) {
    return {
      mode: 'external',
      reason: `${request}: used the LocalStack already running at ${endpoint} (not started or stopped by the sandbox)`,
      client: running,
      component: component(endpoint, health, 'already running; used as is'),
      startMs: 0,
      stop: async () => {},
    };
  }
  if (request === 'auto' && !venvInstalled()) {
    return offSession(
      `auto: no LocalStack running at ${endpoint} and none installed for host mode (${venvDir()}); install it with \`${SETUP_COMMAND}\``,
    );
  }
  const port = options.port ?? 4566;
  if (request === 'docker') return openDocker(options, port);
  options.log?.(`starting LocalStack (host mode, ${venvDir()}) on 127.0.0.1:${port}…`);
  const driver = new HostDriver(options.stateDir);
  try {
    const host = await startHostLocalStack({ stateDir: options.stateDir, port, driver });
    return {
      mode: 'host',
      reason: `${request}: ${request === 'auto' ? `no LocalStack was running at ${endpoint}, so ` : ''}started one from ${venvDir()} (ready in ${(host.startMs / 1000).toFixed(1)} s; log ${host.logFile})`,
      client: host.client,
      component: component(`127.0.0.1:${port}`, host.health, `host mode (venv), pid ${host.process.pid}`),
      startMs: host.startMs,
      stop: () => driver.stopAll(),
    };
  } catch (error) {
    await driver.stopAll();
    throw error;
  }
}

async function openDocker(options: OpenOptions, port: number): Promise<LocalStackSession> {
  options.log?.(`starting LocalStack (docker mode) on 127.0.0.1:${port}…`);
  const driver = new HostDriver(options.stateDir);
  try {
    const docker = await startDockerLocalStack({
      stateDir: options.stateDir,
      port,
      driver,
      env: options.env ?? process.env,
    });
    const image = `${docker.image}${docker.kind === 'stand-in' ? ' (local stand-in running the host venv)' : ''}`;
    return {
      mode: 'docker',
      reason: `docker: started container ${docker.containerName} from ${image} (ready in ${(docker.startMs / 1000).toFixed(1)} s; log ${docker.logFile} when it stops)`,
      client: docker.client,
      component: component(
        `127.0.0.1:${port}`,
        docker.health,
        `docker mode, container ${docker.containerName}, image ${docker.image}${docker.kind === 'stand-in' ? ', a local stand-in running the host venv' : ''}`,
      ),
      startMs: docker.startMs,
      stop: () => driver.stopAll(),
    };
  } catch (error) {
    await driver.stopAll();
    throw error;
  }
}

function component(address: string, health: Health, how: string): ComponentReport {
  const enabled = Object.entries(health.services)
    .filter(([, state]) => /available|running/.test(state))
    .map(([name]) => name);
  return {
    name: 'localstack',
    kind: 'localstack',
    address: address.replace(/^https?:\/\//, ''),
    version: `LocalStack ${health.version}`,
    role: `AWS APIs (${enabled.join(', ')}): ${how}`,
  };
}

/** A CLI run's LocalStack: needed when a selected scenario needs it, when deploying all, or when host is explicit. */
export function openForRun(options: {
  request: LocalStackRequest;
  scenarios: { needs?: { localstack?: boolean } }[];
  deployAll: boolean;
  stateDir: string;
  log?: (line: string) => void;
}): Promise<LocalStackSession> {
  const needed =
    options.request === 'host' ||
    options.request === 'docker' ||
    options.deployAll ||
    options.scenarios.some((scenario) => scenario.needs?.localstack === true);
  return openLocalStack({ request: options.request, needed, stateDir: options.stateDir, log: options.log });
}

/** One line for the output: which LocalStack mode the run uses, and why. Pure. */
export function describeSession(session: LocalStackSession): string {
  return `LocalStack: ${session.mode} — ${session.reason}`;
}
