// The CDK bindings against LocalStack: `cdklocal deploy` of the cloud assembly the sandbox synthesized (without a
// bootstrap stack), with the environment cdklocal needs offline (docs/localstack.md).
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { projectRoot } from '../runtime/state-dir.js';
import { shellQuote } from '../../certs/shell-quote.js';
import { REGION } from './client.js';

const PROXY_VARIABLES = /^(https?_proxy|all_proxy|no_proxy)$/i;

/**
 * cdklocal's environment. It defaults to localhost.localstack.cloud, a public DNS name that does not resolve
 * offline (the failure shows only as "no credentials have been configured"); it refuses AWS_ENDPOINT_URL without
 * AWS_ENDPOINT_URL_S3; and the CDK CLI needs some credentials and a region. Proxies are dropped so loopback
 * requests go straight to LocalStack. Pure.
 */
export function cdklocalEnvironment(endpoint: string, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !PROXY_VARIABLES.test(name) && !/^AWS_/.test(name) && !/^CDK_/.test(name))
      env[name] = value;
  }
  return {
    ...env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    // The AWS SDK's "versions after January 2027 need Node 22" notice, once per command: said in the README instead.
    NODE_NO_WARNINGS: '1',
  };
}

export const cdklocalPath = (): string => join(projectRoot(), 'node_modules', 'aws-cdk-local', 'bin', 'cdklocal');

/**
 * Deploys the synthesized assembly as it is (--app names the cdk.out directory, so nothing is synthesized again).
 * --method=direct creates the stack without a change set: the same resources, about half the time on LocalStack.
 */
export function deployArgs(assemblyDir: string, stackName: string): string[] {
  return ['deploy', '--app', assemblyDir, '--require-approval', 'never', '--no-notices', '--method=direct', stackName];
}

/** The command as a user would type it (cdklocal from node_modules/.bin, with the endpoint variables). */
export function formatCdklocal(args: string[], endpoint: string): string {
  return [
    `AWS_ENDPOINT_URL=${endpoint}`,
    `AWS_ENDPOINT_URL_S3=${endpoint}`,
    'AWS_ACCESS_KEY_ID=test',
    'AWS_SECRET_ACCESS_KEY=test',
    `AWS_REGION=${REGION}`,
    'npx',
    'cdklocal',
    ...args.map(shellQuote),
  ].join(' ');
}

export interface CdklocalResult {
  command: string;
  exitCode: number;
  lines: string[];
  logFile: string;
  durationMs: number;
}

export class DeployError extends Error {}

/** Runs cdklocal, streaming each output line to `onLine` and to `logFile`. */
export async function runCdklocal(
  args: string[],
  options: { endpoint: string; cwd: string; logFile: string; onLine?: (line: string) => void },
): Promise<CdklocalResult> {
  await mkdir(dirname(options.logFile), { recursive: true });
  await mkdir(options.cwd, { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'w' });
  const command = formatCdklocal(args, options.endpoint);
  log.write(`$ ${command}\n`);
  const started = performance.now();
  const lines: string[] = [];
  const child = execa(process.execPath, [cdklocalPath(), ...args], {
    cwd: options.cwd,
    env: cdklocalEnvironment(options.endpoint),
    extendEnv: false,
    reject: false,
    all: true,
    stdin: 'ignore',
    buffer: false,
    timeout: 300_000,
  });
  let pending = '';
  child.all?.setEncoding('utf8');
  child.all?.on('data', (chunk: string) => {
    log.write(chunk);
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      const line = stripAnsi(part).trimEnd();
      lines.push(line);
      if (line.trim()) options.onLine?.(line);
    }
  });
  const result = await child;
  if (pending) {
    lines.push(stripAnsi(pending));
    options.onLine?.(stripAnsi(pending));
  }
  await new Promise((resolve) => log.end(resolve));
  return {
    command,
    exitCode: result.exitCode ?? -1,
    lines,
    logFile: options.logFile,
    durationMs: Math.round(performance.now() - started),
  };
}

export function lastLines(lines: string[], count = 12): string {
  return lines
    .filter((line) => line.trim())
    .slice(-count)
    .join('\n    ');
}

export interface StackEvent {
  status: string;
  type: string;
  /** Construct path (or the stack name for the stack itself). */
  path: string;
  logicalId: string | null;
  reason: string | null;
}

/**
 * One CloudFormation event line of the CDK CLI's progress output, e.g.
 * `Stack |   3 | 11:10:37 AM | CREATE_COMPLETE | AWS::SSM::Parameter | SslServerKey (SslServerKeyE800F23C) reason`.
 * Pure.
 */
export function parseStackEvent(line: string): StackEvent | null {
  const match = /^\S+ \|\s*[\d/]+\s*\|\s*[^|]+\|\s*([A-Z_]+)\s*\|\s*(\S+)\s*\|\s*(.*)$/.exec(line.trim());
  if (!match) return null;
  const rest = match[3]!.trim();
  const named = /^(\S+) \(([A-Za-z0-9]+)\)\s*(.*)$/.exec(rest);
  return {
    status: match[1]!,
    type: match[2]!,
    path: named ? named[1]! : (rest.split(' ')[0] ?? rest),
    logicalId: named ? named[2]! : null,
    reason: named ? named[3]!.trim() || null : rest.split(' ').slice(1).join(' ').trim() || null,
  };
}

function stripAnsi(text: string): string {
  const esc = String.fromCharCode(27);
  return text.replace(new RegExp(`${esc}\\[[0-9;]*[A-Za-z]`, 'g'), '').replace(/\r/g, '');
}
