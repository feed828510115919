// The containers of `--runtime docker`, as templates: one per kind of service (nginx target, HAProxy standing in
// for an NLB/CLB's TCP listeners, the ALB emulator, the NLB TLS listener emulator, the echo target). The driver fills in a template's variables for each container
// it starts; docker-compose.yml is this same list rendered (renderCompose), with the variables left for
// `docker compose --env-file` to fill in. services.test.ts keeps the two in step. Pure.
import { IMAGES } from './images.js';

export type ServiceName = 'nginx-target' | 'haproxy-lb' | 'alb' | 'nlb-tls' | 'echo-target';

export interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}

export interface ServiceTemplate {
  service: ServiceName;
  image: string;
  /** The command; `${VAR}` parts are filled in per container. */
  command: string[];
  mounts: Mount[];
  environment: Record<string, string>;
  workingDir: string | null;
  /** Run as this user (the official haproxy image runs as `haproxy`, which could not write the state dir). */
  user: string | null;
  capAdd: string[];
  /** Signal for `docker stop` (HAProxy as PID 1 stops on SIGUSR1, as the official image's STOPSIGNAL says; it ignores SIGTERM there). */
  stopSignal: string | null;
  /** The variables this service's command and mounts use, with what each means (written into the compose file). */
  variables: Record<string, string>;
}

/** Where the project is mounted (read-only) in the Node containers: they run its TypeScript through tsx. */
export const PROJECT_MOUNT = '/mtls-sandbox';

// State (rendered configs, logs, certificates) is mounted at the same absolute path as on the host: the rendered
// nginx and HAProxy configurations name files by their host paths, so the containers read the very same files.
const STATE: Mount = { source: '${STATE_DIR}', target: '${STATE_DIR}', readOnly: false };
const PKI: Mount = { source: '${PKI_DIR}', target: '${PKI_DIR}', readOnly: true };
const PROJECT: Mount = { source: '${PROJECT_DIR}', target: PROJECT_MOUNT, readOnly: true };
const COMMON_VARIABLES = {
  STATE_DIR: 'absolute path of the state directory (.sandbox or $MTLS_SANDBOX_STATE)',
  PKI_DIR: 'absolute path of the certificates directory (.sandbox/certs)',
};

export const SERVICES: Record<ServiceName, ServiceTemplate> = {
  'nginx-target': {
    service: 'nginx-target',
    image: IMAGES.nginx,
    // The host driver's command line (nginx-target.ts), unchanged.
    command: [
      'nginx',
      '-p',
      '${TARGET_DIR}/',
      '-c',
      '${TARGET_DIR}/nginx.conf',
      '-e',
      '${TARGET_DIR}/logs/error.log',
      '-g',
      'daemon off;',
    ],
    mounts: [STATE, PKI],
    environment: {},
    workingDir: '${TARGET_DIR}',
    user: '0',
    capAdd: [],
    stopSignal: null,
    variables: {
      ...COMMON_VARIABLES,
      TARGET_DIR: "the target's directory, e.g. $STATE_DIR/scenarios/nlb-tcp-passthrough/target-a",
    },
  },
  'haproxy-lb': {
    service: 'haproxy-lb',
    image: IMAGES.haproxy,
    // The host driver's command line (haproxy-lb.ts), unchanged.
    command: ['haproxy', '-f', '${LB_DIR}/haproxy.cfg', '-db'],
    mounts: [STATE],
    environment: {},
    workingDir: '${LB_DIR}',
    user: '0',
    // NLB client IP preservation is `source 0.0.0.0 usesrc clientip` (IP_TRANSPARENT needs CAP_NET_ADMIN).
    capAdd: ['NET_ADMIN'],
    stopSignal: 'SIGUSR1',
    variables: {
      STATE_DIR: COMMON_VARIABLES.STATE_DIR,
      LB_DIR: "the load balancer's directory, e.g. $STATE_DIR/scenarios/nlb-tcp-passthrough/haproxy-nlb",
    },
  },
  alb: {
    service: 'alb',
    image: IMAGES.node,
    command: ['node', 'bin/run-ts.js', 'sandbox/runtime/docker/alb-entry.ts', '${ALB_CONFIG}'],
    mounts: [PROJECT, STATE, PKI],
    environment: { HOME: '/tmp', NODE_ENV: 'production' },
    workingDir: PROJECT_MOUNT,
    user: '0',
    capAdd: [],
    stopSignal: null,
    variables: {
      ...COMMON_VARIABLES,
      PROJECT_DIR: 'absolute path of this project',
      ALB_CONFIG:
        "one listener's JSON configuration, e.g. $STATE_DIR/scenarios/alb-mtls-verify-headers/alb-alb/listener-443.json",
    },
  },
  'nlb-tls': {
    service: 'nlb-tls',
    image: IMAGES.node,
    command: ['node', 'bin/run-ts.js', 'sandbox/runtime/docker/nlb-tls-entry.ts', '${NLB_CONFIG}'],
    mounts: [PROJECT, STATE, PKI],
    environment: { HOME: '/tmp', NODE_ENV: 'production' },
    workingDir: PROJECT_MOUNT,
    user: '0',
    capAdd: [],
    stopSignal: null,
    variables: {
      ...COMMON_VARIABLES,
      PROJECT_DIR: 'absolute path of this project',
      NLB_CONFIG:
        "one NLB TLS listener's JSON configuration, e.g. $STATE_DIR/scenarios/nlb-tls-termination/nlb-nlb/listener-443.json",
    },
  },
  'echo-target': {
    service: 'echo-target',
    image: IMAGES.node,
    command: [
      'node',
      'bin/run-ts.js',
      'sandbox/runtime/docker/echo-entry.ts',
      '${ECHO_NAME}',
      '${ECHO_PORT}',
      '${ECHO_LOG}',
    ],
    mounts: [PROJECT, STATE],
    environment: { HOME: '/tmp', NODE_ENV: 'production' },
    workingDir: PROJECT_MOUNT,
    user: '0',
    capAdd: [],
    stopSignal: null,
    variables: {
      STATE_DIR: COMMON_VARIABLES.STATE_DIR,
      PROJECT_DIR: 'absolute path of this project',
      ECHO_NAME: "the target's name",
      ECHO_PORT: 'its port on 127.0.0.1',
      ECHO_LOG: 'its JSON-lines request log',
    },
  },
};

/** A template with its variables filled in: what the driver creates. */
export type ContainerSpec = Omit<ServiceTemplate, 'variables'> & {
  /** The values the template's variables got. */
  values: Record<string, string>;
};

export class TemplateError extends Error {}

/** A template with its variables filled in; every variable it uses must be given. */
export function instantiate(template: ServiceTemplate, values: Record<string, string>): ContainerSpec {
  const fill = (text: string) =>
    text.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new TemplateError(`${template.service}: no value for \${${name}}`);
      return value;
    });
  return {
    service: template.service,
    image: template.image,
    command: template.command.map(fill),
    mounts: dedupeMounts(
      template.mounts.map((mount) => ({
        source: fill(mount.source),
        target: fill(mount.target),
        readOnly: mount.readOnly,
      })),
    ),
    environment: Object.fromEntries(Object.entries(template.environment).map(([key, value]) => [key, fill(value)])),
    workingDir: template.workingDir === null ? null : fill(template.workingDir),
    user: template.user,
    capAdd: [...template.capAdd],
    stopSignal: template.stopSignal,
    values: { ...values },
  };
}

/** The same target mounted twice (the PKI inside the state dir, as usual) is mounted once, writable if either is. */
function dedupeMounts(mounts: Mount[]): Mount[] {
  const byTarget = new Map<string, Mount>();
  for (const mount of mounts) {
    const seen = byTarget.get(mount.target);
    if (seen && seen.source === mount.source)
      byTarget.set(mount.target, { ...seen, readOnly: seen.readOnly && mount.readOnly });
    else byTarget.set(mount.target, mount);
  }
  return [...byTarget.values()];
}

/** Docker Engine API `Binds` for a container spec. */
export function binds(spec: ContainerSpec): string[] {
  return spec.mounts.map((mount) => `${mount.source}:${mount.target}${mount.readOnly ? ':ro' : ''}`);
}

/** The variables of a template, in first-use order. */
export function templateVariables(template: ServiceTemplate): string[] {
  const text = [
    ...template.command,
    ...template.mounts.flatMap((mount) => [mount.source, mount.target]),
    ...Object.values(template.environment),
    template.workingDir ?? '',
  ].join('\n');
  return [...new Set([...text.matchAll(/\$\{([A-Z_]+)\}/g)].map((match) => match[1]!))];
}

const quote = (text: string) => JSON.stringify(text);

/** docker-compose.yml: every service of SERVICES, host networking, the same images, commands, mounts and environment. */
export function renderCompose(): string {
  const lines = [
    '# The topology of `mtls-sandbox run --runtime docker`, for people who prefer `docker compose up`.',
    "# Generated from sandbox/runtime/docker/services.ts (the driver's container templates); services.test.ts checks",
    '# that this file and the driver agree. Regenerate: node bin/run-ts.js sandbox/runtime/docker/services-cli.ts > docker-compose.yml',
    '#',
    '# The configurations these services read are rendered by a run: `mtls-sandbox up <id> --runtime docker` writes',
    '# .sandbox/scenarios/<id>/compose.env with the values of the first container of each kind; then',
    '#   docker compose --env-file .sandbox/scenarios/<id>/compose.env up <service>...',
    '# starts the same containers (one per service kind: a scenario with several targets needs one service each).',
    '# Every service listens on 127.0.0.1 on the ports allocated in the rendered configs (host networking).',
    '#',
    '# Variables:',
  ];
  const described = new Map<string, string>();
  for (const template of Object.values(SERVICES))
    for (const [name, meaning] of Object.entries(template.variables))
      if (!described.has(name)) described.set(name, meaning);
  for (const [name, meaning] of described) lines.push(`#   ${name}: ${meaning}`);
  lines.push('name: mtls-sandbox', 'services:');
  for (const template of Object.values(SERVICES)) {
    lines.push(`  ${template.service}:`);
    lines.push(`    image: ${quote(template.image)}`);
    lines.push('    network_mode: host');
    lines.push(`    command: [${template.command.map(quote).join(', ')}]`);
    if (template.workingDir) lines.push(`    working_dir: ${quote(template.workingDir)}`);
    if (template.user) lines.push(`    user: ${quote(template.user)}`);
    if (template.capAdd.length) lines.push(`    cap_add: [${template.capAdd.map(quote).join(', ')}]`);
    if (template.stopSignal) lines.push(`    stop_signal: ${quote(template.stopSignal)}`);
    lines.push('    volumes:');
    for (const mount of template.mounts)
      lines.push(`      - ${quote(`${mount.source}:${mount.target}${mount.readOnly ? ':ro' : ''}`)}`);
    const environment = Object.entries(template.environment);
    if (environment.length) {
      lines.push('    environment:');
      for (const [key, value] of environment) lines.push(`      ${key}: ${quote(value)}`);
    }
    lines.push('    labels:', `      mtls-sandbox.service: ${quote(template.service)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The command, mounts and environment of each service as docker-compose.yml states them (a reader for that file's own shape). */
export function readCompose(text: string): Record<
  string,
  {
    image: string;
    command: string[];
    volumes: string[];
    environment: Record<string, string>;
    workingDir: string | null;
    user: string | null;
    capAdd: string[];
    stopSignal: string | null;
  }
> {
  const services: ReturnType<typeof readCompose> = {};
  let current: (typeof services)[string] | null = null;
  let section: 'volumes' | 'environment' | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const service = /^ {2}([a-z-]+):$/.exec(line);
    if (service) {
      current = {
        image: '',
        command: [],
        volumes: [],
        environment: {},
        workingDir: null,
        user: null,
        capAdd: [],
        stopSignal: null,
      };
      services[service[1]!] = current;
      section = null;
      continue;
    }
    if (!current) continue;
    const field = /^ {4}([a-z_]+):\s*(.*)$/.exec(line);
    if (field) {
      const [, key, value] = field;
      section = null;
      if (key === 'image') current.image = JSON.parse(value!) as string;
      else if (key === 'command') current.command = JSON.parse(value!) as string[];
      else if (key === 'working_dir') current.workingDir = JSON.parse(value!) as string;
      else if (key === 'user') current.user = JSON.parse(value!) as string;
      else if (key === 'cap_add') current.capAdd = JSON.parse(value!) as string[];
      else if (key === 'stop_signal') current.stopSignal = JSON.parse(value!) as string;
      else if (key === 'volumes' || key === 'environment') section = key;
      continue;
    }
    const item = /^ {6}- (.*)$/.exec(line);
    if (item && section === 'volumes') current.volumes.push(JSON.parse(item[1]!) as string);
    const entry = /^ {6}([A-Z_]+): (.*)$/.exec(line);
    if (entry && section === 'environment') current.environment[entry[1]!] = JSON.parse(entry[2]!) as string;
  }
  return services;
}
