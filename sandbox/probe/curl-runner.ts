// Runs the real curl for a probe and keeps everything it printed, in order.

import { runCollected } from '../os/run-collected.js';
import { buildCurlArgs, DEFAULT_MAX_TIME_SECONDS, formatCommand, type CurlRequest } from './curl-command.js';
import { parseCurlOutput, splitLines, type ParsedTranscript } from './transcript.js';

export interface CurlResult {
  /** The command line, runnable by hand. */
  command: string;
  args: string[];
  /** curl's exit status; -1 when curl had to be killed (it outlived its own --max-time). */
  exitCode: number;
  /** The curl -v lines as printed: stderr and stdout interleaved in order, split on \n, \r stripped. */
  transcript: string[];
  stdout: string;
  stderr: string;
  parsed: ParsedTranscript;
  durationMs: number;
}

export interface RunCurlOptions {
  /** The curl binary; default `curl` from PATH. */
  curlPath?: string;
}

/** Seconds past --max-time before we kill a curl that has not stopped by itself. */
const KILL_GRACE_SECONDS = 5;

/** Proxy variables would send loopback probes through a developer's proxy; probes must reach the sandbox directly. */
const PROXY_VARIABLES = /^(https?_proxy|all_proxy|ftp_proxy)$/i;

/** A request's curl command line, built once: what the run shows before it starts and then runs. */
export interface PreparedCurl {
  args: string[];
  command: string;
  maxTimeSeconds: number;
  /** Environment curl runs with besides the caller's, e.g. SSLKEYLOGFILE for a packet capture (not in `command`). */
  env?: Record<string, string>;
}

export function prepareCurl(req: CurlRequest, curl = 'curl'): PreparedCurl {
  // Under a runner stdout is a pipe, and curl would then draw its progress meter into the -v lines.
  const args = buildCurlArgs({ noProgressMeter: true, ...req });
  return { args, command: formatCommand(args, curl), maxTimeSeconds: req.maxTimeSeconds ?? DEFAULT_MAX_TIME_SECONDS };
}

export function runCurl(req: CurlRequest, options: RunCurlOptions = {}): Promise<CurlResult> {
  return runPreparedCurl(prepareCurl(req, options.curlPath ?? 'curl'), options);
}

export async function runPreparedCurl(prepared: PreparedCurl, options: RunCurlOptions = {}): Promise<CurlResult> {
  const curl = options.curlPath ?? 'curl';
  const { args } = prepared;
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !PROXY_VARIABLES.test(name))),
    ...prepared.env,
  };

  const started = performance.now();
  const result = await runCollected(curl, args, {
    env,
    timeoutMs: (prepared.maxTimeSeconds + KILL_GRACE_SECONDS) * 1000,
  });
  const durationMs = Math.round(performance.now() - started);

  if (result.startError === 'ENOENT') {
    throw new Error(`curl is not installed (could not run "${curl}"); install it, e.g. \`apt-get install curl\``);
  }

  const transcript = splitLines(result.all);
  const exitCode = result.exitCode ?? -1;
  const parsed = parseCurlOutput({ transcript, stdout: result.stdout, exitCode });
  if (result.timedOut) {
    parsed.curlError = { code: -1, message: `curl was killed after ${durationMs} ms: it did not honour --max-time` };
  }
  return {
    command: prepared.command,
    args,
    exitCode,
    transcript,
    stdout: result.stdout,
    stderr: result.stderr,
    parsed,
    durationMs,
  };
}
