// For the ELBv2 API's tests: a real `mtls-sandbox up` of a scenario in its own state dir, held until stopped, with
// what it printed (the export lines of the API's environment, the ARNs, the listener's address); and curl as a user
// (or a web page) would point it at the API.
import { execa, type ResultPromise } from 'execa';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freshState } from '../testing/suite.js';

export const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/mtls-sandbox.js');
const VENV = process.env.MTLS_SANDBOX_LOCALSTACK_VENV ?? join(ROOT, '.sandbox/localstack-venv');
/** The AWS CLI of the project's Python environment (scripts/setup.sh installs it). */
export const AWS = join(VENV, 'bin/aws');

export interface AwsResult {
  exitCode: number;
  /** Without the final newline, as execa gives it. */
  stdout: string;
  stderr: string;
}

/**
 * The real AWS CLI for a test file's many commands, in one Python process (sandbox/testing/aws-cli-session.py): each
 * command is parsed, signed and sent by awscli as `aws` does, without paying Python's start and imports every time
 * (~1.3 s of CPU each). Commands run one after another, in the order asked. `close` ends the process.
 */
export function awsCli(): {
  run(args: string[], env?: Record<string, string>): Promise<AwsResult>;
  close(): Promise<void>;
} {
  let python: ReturnType<typeof spawn> | null = null;
  let exited: Promise<void> = Promise.resolve();
  let errors = '';
  const answers: ((line: string | null) => void)[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const start = () => {
    if (!existsSync(AWS))
      throw new Error(`The AWS CLI is not at ${AWS}: run scripts/setup.sh (it installs awscli into the venv).`);
    const child = spawn(join(VENV, 'bin/python'), [join(ROOT, 'sandbox/testing/aws-cli-session.py')], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => answers.shift()?.(line));
    exited = new Promise((resolve) =>
      child.once('close', () => {
        for (const answer of answers.splice(0)) answer(null);
        resolve();
      }),
    );
    return child;
  };
  const ask = async (args: string[], env: Record<string, string>): Promise<AwsResult> => {
    python ??= start();
    const line = await new Promise<string | null>((resolve) => {
      answers.push(resolve);
      python!.stdin!.write(`${JSON.stringify({ args, env })}\n`);
    });
    if (line === null)
      throw new Error(`The AWS CLI session ended before it answered aws ${args.join(' ')}:\n${errors}`);
    const answer = JSON.parse(line) as AwsResult;
    return { ...answer, stdout: answer.stdout.replace(/\n$/, ''), stderr: answer.stderr.replace(/\n$/, '') };
  };
  return {
    run(args, env = {}) {
      const result = queue.then(() => ask(args, env));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      python?.stdin?.end();
      await exited;
    },
  };
}

export interface RunningUp {
  state: string;
  certs: string;
  /** Everything `up` has printed so far (it goes on printing each change the API makes). */
  output(): string;
  /** The environment `up` printed (its `export NAME=value` lines). */
  env: Record<string, string>;
  /** The first match of `pattern`'s group 1 in what `up` printed before it was ready. */
  printed(pattern: RegExp): string;
  stop(): Promise<void>;
}

export async function startUp(scenario: string, localstack: 'off' | 'host'): Promise<RunningUp> {
  if (!existsSync(AWS))
    throw new Error(`The AWS CLI is not at ${AWS}: run scripts/setup.sh (it installs awscli into the venv).`);
  const state = freshState('mtls-elbv2');
  const up: ResultPromise = execa('node', [BIN, 'up', scenario, '--localstack', localstack], {
    cwd: ROOT,
    env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' },
    reject: false,
    all: true,
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    up.all?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('stops everything.')) resolve();
    });
    void up.then(() => reject(new Error(`up exited before it was ready:\n${output}`)));
  });
  const ready = output;
  const env: Record<string, string> = {};
  for (const match of ready.matchAll(/^ {2}export (\w+)=(\S+)$/gm)) env[match[1]!] = match[2]!;
  return {
    state,
    certs: join(state, 'certs'),
    output: () => output,
    env,
    printed: (pattern) => {
      const found = pattern.exec(ready)?.[1];
      if (found === undefined) throw new Error(`up did not print ${pattern}:\n${ready}`);
      return found;
    },
    stop: async () => {
      up.kill('SIGINT');
      await up;
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/**
 * curl with `args` (-s, a 20 s bound): `signed` adds --aws-sigv4 with the dummy credentials `up` prints, as a user
 * calls the API by hand. The status and the body (with the headers first when args has -i).
 */
export async function curlApi(args: string[], signed = true): Promise<{ status: number; body: string }> {
  const sign = signed ? ['--aws-sigv4', 'aws:amz:us-east-1:elasticloadbalancing', '--user', 'test:test'] : [];
  const result = await execa('curl', ['-s', '--max-time', '20', '-w', '\n%{http_code}', ...sign, ...args], {
    reject: false,
  });
  const at = result.stdout.lastIndexOf('\n');
  return { status: Number(result.stdout.slice(at + 1)), body: result.stdout.slice(0, at) };
}
