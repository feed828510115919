// compose.yaml of `mtls-sandbox compose <id>`: the containers the docker driver would run for a scenario (recorded by
// DockerDriver.recorder), one compose service each, in the driver's start order. Pure.
//
// Each service is its recorded container as the driver would create it — image, command, mounts, environment,
// working directory, user, capabilities, stop signal, host networking — plus what compose needs to start them in the
// same order: a health check saying what "ready" means for the driver (every address accepts connections, or the
// template's ready file exists), and a dependency on the container started just before it being healthy. Nothing is
// left to interpolate: every value is written out.
import type { RecordedContainer } from '../runtime/docker/driver.js';
import type { Mount } from '../runtime/docker/services.js';

/** Label on every service of a compose project: the scenario it realizes. */
export const LABEL_COMPOSE = 'mtls-sandbox.compose';

export interface ComposeFileInput {
  /** The compose project's name (`name:`), e.g. mtls-sandbox-nlb-tcp-passthrough. */
  project: string;
  scenario: string;
  /** Absolute path of the project's folder: mounts from inside it are written relative to compose.yaml. */
  dir: string;
  containers: readonly RecordedContainer[];
}

/** A compose service name for a recorded container: lower case letters, digits and dashes. */
export function serviceName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
}

/** How often compose asks a service whether it is ready, and how many no's it takes before giving up. */
export const HEALTH = { intervalSeconds: 1, timeoutSeconds: 3, retries: 90 } as const;

export function renderComposeFile(input: ComposeFileInput): string {
  const names = input.containers.map((container) => serviceName(container.name));
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new Error(`Two containers of ${input.scenario} would both be compose service "${duplicate}".`);
  const lines = [
    `# A compose project of the mtls-sandbox scenario ${input.scenario}, written by \`mtls-sandbox compose ${input.scenario}\`.`,
    '# Every service is a container `mtls-sandbox up --runtime docker` runs, with the same image, command and mounts;',
    '# each listens on 127.0.0.1 (host networking) on the port in its rendered configuration, and starts once the one',
    '# before it is healthy, in the order the sandbox starts them. README.md beside this file says how to try it.',
    `name: ${quote(input.project)}`,
    'services:',
  ];
  input.containers.forEach((container, index) => {
    const spec = container.spec;
    lines.push(`  ${names[index]}:`);
    lines.push(`    image: ${quote(spec.image)}`);
    lines.push(`    container_name: ${quote(container.containerName)}`);
    lines.push('    network_mode: host');
    lines.push(`    command: ${list(spec.command)}`);
    if (spec.workingDir) lines.push(`    working_dir: ${quote(spec.workingDir)}`);
    if (spec.user) lines.push(`    user: ${quote(spec.user)}`);
    if (spec.capAdd.length) lines.push(`    cap_add: ${list(spec.capAdd)}`);
    if (spec.stopSignal) lines.push(`    stop_signal: ${quote(spec.stopSignal)}`);
    // As the driver's `docker stop -t 3`.
    lines.push('    stop_grace_period: 3s');
    lines.push('    volumes:');
    for (const mount of spec.mounts) lines.push(`      - ${quote(volume(mount, input.dir))}`);
    const environment = Object.entries(spec.environment);
    if (environment.length) {
      lines.push('    environment:');
      for (const [key, value] of environment) lines.push(`      ${key}: ${quote(value)}`);
    }
    lines.push('    healthcheck:');
    lines.push(`      test: ${list(healthTest(container))}`);
    lines.push(`      interval: ${HEALTH.intervalSeconds}s`);
    lines.push(`      timeout: ${HEALTH.timeoutSeconds}s`);
    lines.push(`      retries: ${HEALTH.retries}`);
    const before = names[index - 1];
    if (before) {
      lines.push('    depends_on:');
      lines.push(`      ${before}:`);
      lines.push('        condition: service_healthy');
    }
    lines.push('    labels:');
    lines.push(`      ${LABEL_COMPOSE}: ${quote(input.scenario)}`);
    lines.push(`      mtls-sandbox.component: ${quote(container.component)}`);
    lines.push(`      mtls-sandbox.service: ${quote(spec.service)}`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * What the driver waits for, as a health check: the ready file when the template names one (the ALB emulator after
 * its first health checks; no connection, which its connection log would record), else a TCP connect to every
 * address it listens on (bash's /dev/tcp: every image here is Debian with bash; a connection that sends nothing
 * leaves no line in a target's request log).
 */
export function healthTest(container: RecordedContainer): string[] {
  if (container.spec.readyFile) return ['CMD', 'test', '-f', container.spec.readyFile];
  if (container.listens.length === 0) return ['CMD', 'true'];
  const connects = container.listens.map((address) => `exec 3<>/dev/tcp/${address.host}/${address.port}`);
  return ['CMD', 'bash', '-c', connects.join(' && ')];
}

/** A bind mount as compose writes it; a source inside the project's folder is relative to compose.yaml. */
export function volume(mount: Mount, dir: string): string {
  const base = dir.replace(/\/+$/, '');
  const source =
    mount.source === base
      ? '.'
      : mount.source.startsWith(`${base}/`)
        ? `./${mount.source.slice(base.length + 1)}`
        : mount.source;
  return `${source}:${mount.target}${mount.readOnly ? ':ro' : ''}`;
}

// JSON strings are YAML strings; `$` is doubled so compose interpolates nothing.
const quote = (text: string) => JSON.stringify(text.replaceAll('$', '$$$$'));
const list = (items: readonly string[]) => `[${items.map(quote).join(', ')}]`;
