// The containers of `--runtime docker`, as templates: one per kind of service (nginx target, HAProxy standing in
// for an NLB/CLB's TCP listeners, the ALB emulator, the NLB TLS listener emulator, the echo target). The driver fills
// in a template's variables for each container it starts — or, for `mtls-sandbox compose`, records the filled-in
// container, which sandbox/compose/render.ts turns into a compose service. A new kind of container is one entry here.
// Pure.
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
  /** The variables this service's command and mounts use, with what each means. */
  variables: Record<string, string>;
  /**
   * A file the service writes once it is ready (beyond accepting connections), e.g. the ALB emulator after its first
   * health checks. Without one, ready means every address it listens on accepts connections.
   */
  readyFile?: string;
}

/** Where the project is mounted (read-only) in the Node containers: they run its TypeScript through tsx. */
export const PROJECT_MOUNT = '/mtls-sandbox';

// State (rendered configs, logs, certificates) is mounted at the same absolute path as on the host: the rendered
// nginx and HAProxy configurations name files by their host paths, so the containers read the very same files.
const STATE: Mount = { source: '${STATE_DIR}', target: '${STATE_DIR}', readOnly: false };
const PKI: Mount = { source: '${PKI_DIR}', target: '${PKI_DIR}', readOnly: true };
const PROJECT: Mount = { source: '${PROJECT_DIR}', target: PROJECT_MOUNT, readOnly: true };
// node_modules where it really is: in a git worktree it is often a symlink to another checkout's, which the project
// mount alone would leave dangling inside the container.
const NODE_MODULES: Mount = { source: '${NODE_MODULES_DIR}', target: `${PROJECT_MOUNT}/node_modules`, readOnly: true };
const NODE_VARIABLES = {
  PROJECT_DIR: 'absolute path of this project',
  NODE_MODULES_DIR: 'absolute real path of its node_modules',
};
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
    mounts: [PROJECT, NODE_MODULES, STATE, PKI],
    environment: { HOME: '/tmp', NODE_ENV: 'production' },
    workingDir: PROJECT_MOUNT,
    user: '0',
    capAdd: [],
    stopSignal: null,
    // alb-entry.ts writes it once every target has had its first health check.
    readyFile: '${ALB_CONFIG}.ready',
    variables: {
      ...COMMON_VARIABLES,
      ...NODE_VARIABLES,
      ALB_CONFIG:
        "one listener's JSON configuration, e.g. $STATE_DIR/scenarios/alb-mtls-verify-headers/alb-alb/listener-443.json",
    },
  },
  'nlb-tls': {
    service: 'nlb-tls',
    image: IMAGES.node,
    command: ['node', 'bin/run-ts.js', 'sandbox/runtime/docker/nlb-tls-entry.ts', '${NLB_CONFIG}'],
    mounts: [PROJECT, NODE_MODULES, STATE, PKI],
    environment: { HOME: '/tmp', NODE_ENV: 'production' },
    workingDir: PROJECT_MOUNT,
    user: '0',
    capAdd: [],
    stopSignal: null,
    // nlb-tls-entry.ts writes it once every target has had its first health check.
    readyFile: '${NLB_CONFIG}.ready',
    variables: {
      ...COMMON_VARIABLES,
      ...NODE_VARIABLES,
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
    mounts: [PROJECT, NODE_MODULES, STATE],
    environment: { HOME: '/tmp', NODE_ENV: 'production' },
    workingDir: PROJECT_MOUNT,
    user: '0',
    capAdd: [],
    stopSignal: null,
    variables: {
      STATE_DIR: COMMON_VARIABLES.STATE_DIR,
      ...NODE_VARIABLES,
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
    ...(template.readyFile === undefined ? {} : { readyFile: fill(template.readyFile) }),
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
    template.readyFile ?? '',
  ].join('\n');
  return [...new Set([...text.matchAll(/\$\{([A-Z_]+)\}/g)].map((match) => match[1]!))];
}
