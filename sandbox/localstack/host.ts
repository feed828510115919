// LocalStack in host mode: the venv's Python runs localstack.runtime.main as a child process of the host driver (own
// process group, pid file, so `mtls-sandbox down` can remove it), listening on 127.0.0.1 only.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Driver, ManagedProcess } from '../runtime/driver.js';
import { StartError } from '../runtime/errors.js';
import { type Message, msg } from '../messages.js';
import { HostDriver } from '../runtime/host-driver.js';
import { LocalStackClient, type Health } from './client.js';
import { SETUP_COMMAND, venvDir, venvInstalled, venvPython } from './install.js';

/**
 * Only what the scenarios' stacks use. EC2 is there because CloudFormation needs it for the VPC resources of the
 * stacks that create one (a stack whose VPC fails to create rolls back whole); LocalStack loads services lazily,
 * so listing it costs nothing at start.
 */
export const SERVICES = ['ssm', 's3', 'acm', 'sts', 'iam', 'cloudformation', 'route53', 'ec2'];

/** The environment LocalStack runs with, and why each variable is set (docs/localstack.md). Pure. */
export function hostEnvironment(port: number, filesystemRoot: string): Record<string, string> {
  return {
    GATEWAY_LISTEN: `127.0.0.1:${port}`,
    SERVICES: SERVICES.join(','),
    // Stacks hold ELBv2 resources, which the free edition has no provider for: accept them as no-ops (the
    // sandbox realizes them) instead of failing the stack, as later releases will by default.
    CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES: '1',
    // Host mode even if this machine is itself a container, so all state goes under FILESYSTEM_ROOT.
    OVERRIDE_IN_DOCKER: '0',
    FILESYSTEM_ROOT: filesystemRoot,
    // Offline: no DNS server (it would want port 53 and an upstream), no certificate download, no analytics.
    DNS_ADDRESS: '0',
    SKIP_SSL_CERT_DOWNLOAD: '1',
    DISABLE_EVENTS: '1',
  };
}

export interface HostLocalStack {
  client: LocalStackClient;
  health: Health;
  process: ManagedProcess;
  logFile: string;
  startMs: number;
  stop(): Promise<void>;
}

export class LocalStackNotInstalledError extends StartError {
  constructor(venv: string) {
    super(
      `LocalStack is not installed for host mode (no finished install in ${venv}). Install it with \`${SETUP_COMMAND}\` (about 330 MB; needs Python 3.12+), or run with --localstack off.`,
      msg('start.ls-not-installed', { venv, command: SETUP_COMMAND }),
    );
  }
}

/** Starts LocalStack on 127.0.0.1:port and waits until /_localstack/health answers with SSM and S3 available. */
export async function startHostLocalStack(options: {
  stateDir: string;
  port?: number;
  driver?: Driver;
  timeoutMs?: number;
}): Promise<HostLocalStack> {
  const venv = venvDir();
  if (!venvInstalled(venv)) throw new LocalStackNotInstalledError(venv);
  const port = options.port ?? 4566;
  const dir = join(options.stateDir, 'localstack');
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, `localstack-${port}.log`);
  const driver = options.driver ?? new HostDriver(options.stateDir);
  const client = new LocalStackClient(`http://127.0.0.1:${port}`);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = performance.now();
  const managed = await driver
    .start({
      name: 'localstack',
      kind: 'localstack',
      tool: 'localstack',
      executable: venvPython(venv),
      args: ['-m', 'localstack.runtime.main'],
      env: hostEnvironment(port, join(dir, 'filesystem')),
      cwd: dir,
      listens: [{ host: '127.0.0.1', port }],
      logFile,
      startTimeoutMs: timeoutMs,
    })
    .catch(async (error: Error) => {
      const known = await hint(logFile);
      // Without a known failure in the log the driver's own error stands as it is (a taken port stays one).
      if (!known && error instanceof StartError) throw error;
      const said = error instanceof StartError ? error.said : undefined;
      if (!known) throw new StartError(error.message);
      throw new StartError(
        `${error.message}\n  ${known.text}`,
        said ? { code: 'start.with-hint', params: {}, inner: said, parts: [known.said] } : undefined,
      );
    });
  const stop = () => driver.stop(managed);
  // The port opens before the services are registered; health says when they are.
  const deadline = Date.now() + timeoutMs;
  let health: Health | null = null;
  while (Date.now() < deadline && !managed.exited()) {
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
    await stop();
    const last = await tail(logFile);
    const known = await hint(logFile);
    const said = msg('start.ls-unhealthy', { seconds: timeoutMs / 1000, log: logFile, tail: last });
    throw new StartError(
      `LocalStack did not report healthy SSM, S3 and CloudFormation within ${timeoutMs / 1000} s. Its log (${logFile}) ends with:\n    ${last}${known ? `\n  ${known.text}` : ''}`,
      known ? { code: 'start.with-hint', params: {}, inner: said, parts: [known.said] } : said,
    );
  }
  return { client, health, process: managed, logFile, startMs: Math.round(performance.now() - started), stop };
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-8).join('\n    ');
}

/** What the known failures look like in LocalStack's log, and what to do about them; null for none known. */
async function hint(file: string): Promise<{ text: string; said: Message } | null> {
  const text = await readFile(file, 'utf8').catch(() => '');
  if (/No component plugins found/.test(text)) {
    return {
      text: `LocalStack could not load its components: usually a dependency too new for 2026.3.0. See the real error with \`${venvPython()} -c "import localstack.aws.components"\`, and reinstall with \`${SETUP_COMMAND} --force\` (it pins dependencies to their 2026-03-24 versions).`,
      said: msg('start.ls-hint-components', { python: venvPython(), command: SETUP_COMMAND }),
    };
  }
  if (/SyntaxError/.test(text))
    return {
      text: `The venv's Python is too old for LocalStack 2026.3.0 (it needs 3.12+). Reinstall with \`${SETUP_COMMAND} --force\`.`,
      said: msg('start.ls-hint-python', { command: SETUP_COMMAND }),
    };
  return null;
}
