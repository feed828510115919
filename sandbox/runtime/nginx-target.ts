// An nginx target on 127.0.0.1: configuration rendered by nginx/, run by the driver (a child process or a container).
import type { Message } from '../messages.js';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pki } from '../../certs/types.js';
import { renderIndexPage, renderNginxConfig, type NginxTargetConfig } from '../../nginx/render.js';
import type { ComponentReport, TargetObservation } from '../report.js';
import type { NginxProfile } from '../scenario.js';
import type { Driver, ManagedProcess, ProcessSpec } from './driver.js';
import { withFreshPorts } from './ports.js';
import type { TargetHandle } from './target-log.js';

export interface NginxTargetOptions {
  name: string;
  profile: NginxProfile;
  dir: string;
  pki: Pki;
  proxyProtocol?: boolean;
  routes?: NginxTargetConfig['routes'];
  role: Message;
  /**
   * A start-up step that provides the certificate files (seed 001: read from SSM, written by init.sh), run before
   * every start; without it nginx uses the PKI's files.
   */
  certificates?: (prefix: string) => Promise<{ serverCertificate: string; serverKey: string; clientCa: string }>;
}

export interface RunningNginx {
  handle: TargetHandle;
  component: ComponentReport;
  host: string;
  port: number;
  /** Stops this nginx and starts a new one on the same port, running the start-up step again (an ECS task replaced). */
  restart(): Promise<void>;
  /** Stops this nginx (its port then refuses connections); start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startNginxTarget(driver: Driver, options: NginxTargetOptions): Promise<RunningNginx> {
  const prefix = join(options.dir, options.name);
  for (const sub of ['logs', 'tmp', 'html']) await mkdir(join(prefix, sub), { recursive: true });
  const files = options.certificates
    ? await options.certificates(prefix)
    : { serverCertificate: options.pki.server.cert, serverKey: options.pki.server.key, clientCa: options.pki.ca.cert };
  const configFile = join(prefix, 'nginx.conf');
  await writeFile(join(prefix, 'html', 'index.html'), renderIndexPage(options.name, options.profile));
  const errorLog = join(prefix, 'logs', 'error.log');
  // A port someone else takes before nginx binds it: the configuration is rendered again for another one.
  const first = await withFreshPorts(1, async ([port]) => {
    const config: NginxTargetConfig = {
      name: options.name,
      profile: options.profile,
      prefix,
      listenPort: port!,
      proxyProtocol: options.proxyProtocol,
      ...files,
      routes: options.routes,
      workerUser: process.getuid?.() === 0 ? 'root' : undefined,
    };
    await writeFile(configFile, renderNginxConfig(config));
    const spec: ProcessSpec = {
      name: options.name,
      kind: 'nginx',
      tool: 'nginx',
      // -e: errors before the configuration is read go to our log, not /var/log/nginx (nginx ≥ 1.19.5).
      args: ['-p', `${prefix}/`, '-c', configFile, '-e', errorLog, '-g', 'daemon off;'],
      cwd: prefix,
      listens: [{ host: '127.0.0.1', port: port! }],
      logFile: join(prefix, 'logs', 'stdout.log'),
    };
    return { port: port!, spec, managed: await driver.start(spec) };
  });
  const { port, spec } = first;
  let managed: ManagedProcess | null = first.managed;
  const stop = async () => {
    if (managed) await driver.stop(managed);
    managed = null;
  };
  const start = async () => {
    if (managed) return;
    // The configuration names the files, which the start-up step rewrites in place.
    if (options.certificates) await options.certificates(prefix);
    managed = await driver.start(spec);
  };
  const restart = async () => {
    await stop();
    await start();
  };
  const logFile = join(prefix, 'logs', 'access.json');
  return {
    host: '127.0.0.1',
    port,
    handle: {
      name: options.name,
      kind: 'nginx',
      logFile,
      parse: (line) => parseNginxLine(options.name, line),
      errorLog: { file: errorLog, note: nginxErrorNote, connectionOf: nginxConnectionOf },
    },
    component: {
      name: options.name,
      kind: 'nginx',
      address: `127.0.0.1:${port}`,
      version: await driver.toolVersion('nginx'),
      role: options.role,
    },
    restart,
    stop,
    start,
  };
}

/** Access-log fields that tell the sandbox which line is which, not what the target saw. */
const BOOKKEEPING_FIELDS = new Set(['instance', 'connection']);

/** One access-log line (nginx/render.ts ACCESS_LOG_FIELDS) as the report's target observation. */
export function parseNginxLine(name: string, line: string): TargetObservation {
  const entry = JSON.parse(line) as Record<string, string>;
  const receivedHeaders: Record<string, string> = {};
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (key.startsWith('header:')) {
      if (value !== '') receivedHeaders[key.slice('header:'.length)] = value;
    } else if (!BOOKKEEPING_FIELDS.has(key)) {
      details[key] = value;
    }
  }
  return { name, remoteAddress: entry.remote_addr ?? '', receivedHeaders, details };
}

/**
 * What nginx said about a request in its error log, without the time, process and the request it repeats:
 * "2026/12/01 10:00:00 [info] 7#7: *3 client sent no required SSL certificate while reading client request headers,
 * client: 127.0.0.1, server: , request: "HEAD / HTTP/1.1"" gives "client sent no required SSL certificate while
 * reading client request headers". Lines about no request (start-up, signals) and a keep-alive connection closing
 * are routine: null.
 */
export function nginxErrorNote(line: string, connection: string | null = null): string | null {
  const match = /^\S+ \S+ \[(\w+)\] \d+#\d+: \*(\d+) (.*?)(?:, client: .*)?$/.exec(line.trim());
  if (!match) return null;
  // nginx numbers each connection; its error log says "*N" and the access log's $connection is the same N.
  if (connection !== null && match[2] !== connection) return null;
  const message = match[3]!.trim();
  if (/closed keepalive connection|client closed connection while waiting for request/.test(message)) return null;
  return message === '' ? null : message;
}

/** The connection an access-log line was about ($connection, as the error log's "*N"), or null if it does not say. */
export function nginxConnectionOf(accessLine: string): string | null {
  try {
    const connection = (JSON.parse(accessLine) as Record<string, unknown>).connection;
    return typeof connection === 'string' && /^\d+$/.test(connection) ? connection : null;
  } catch {
    return null;
  }
}
