// Runs `openssl s_client` against a server to show what its CertificateRequest carries (the acceptable client CA
// names), which curl -v does not print.

import { isIP } from 'node:net';
import { execa } from 'execa';
import { formatCommand } from './curl-command.js';
import { splitLines } from './transcript.js';

export interface OpensslClientRequest {
  host: string;
  port: number;
  /** PEM client certificate and key to present. */
  cert?: string;
  key?: string;
  /** SNI; defaults to `host` when it is a name (SNI cannot carry an IP address). */
  servername?: string;
  /** Added before stdin closes, e.g. ['-tls1_3']. */
  extraArgs?: string[];
  /** Kill openssl after this long; default 10 s. */
  timeoutMs?: number;
}

export interface OpensslClientParse {
  /** The DNs under "Acceptable client certificate CA names"; null when the server sent none (or asked nothing). */
  acceptableClientCaNames: string[] | null;
  /** e.g. "TLSv1.3"; null when no session was established. */
  protocol: string | null;
  cipher: string | null;
  /** "Verify return code: 21 (unable to verify the first certificate)" → 21; 0 means the server chain verified. */
  verifyReturnCode: number | null;
  verifyReturnMessage: string | null;
  /** "subject=CN = localhost" → "CN = localhost". */
  peerCertificateSubject: string | null;
  /** OpenSSL error reasons printed to stderr, e.g. "tlsv13 alert certificate required". */
  errors: string[];
}

export interface OpensslClientResult {
  /** The command line, runnable by hand (stdin from /dev/null, as we run it). */
  command: string;
  args: string[];
  exitCode: number;
  /** stdout and stderr interleaved as printed. */
  transcript: string[];
  stdout: string;
  stderr: string;
  parsed: OpensslClientParse;
  durationMs: number;
}

export function buildOpensslClientArgs(req: OpensslClientRequest): string[] {
  if (!Number.isInteger(req.port) || req.port < 1 || req.port > 65535) {
    throw new Error(`openssl s_client port ${req.port} is not a TCP port (1-65535)`);
  }
  if ((req.cert === undefined) !== (req.key === undefined)) {
    throw new Error('openssl s_client needs both cert and key to present a client certificate, or neither');
  }
  const hostPort = isIP(req.host) === 6 ? `[${req.host}]:${req.port}` : `${req.host}:${req.port}`;
  const args = ['s_client', '-connect', hostPort];
  const servername = req.servername ?? (isIP(req.host) === 0 ? req.host : undefined);
  if (servername !== undefined) args.push('-servername', servername);
  if (req.cert !== undefined && req.key !== undefined) args.push('-cert', req.cert, '-key', req.key);
  args.push(...(req.extraArgs ?? []));
  return args;
}

export async function runOpensslClient(req: OpensslClientRequest): Promise<OpensslClientResult> {
  const args = buildOpensslClientArgs(req);
  const started = performance.now();
  // Empty stdin: s_client sends nothing, sees EOF and closes once the handshake is done.
  const result = await execa('openssl', args, {
    all: true,
    reject: false,
    input: '',
    stripFinalNewline: false,
    timeout: req.timeoutMs ?? 10_000,
  });
  const durationMs = Math.round(performance.now() - started);
  if (result.code === 'ENOENT') {
    throw new Error('openssl is not installed (could not run "openssl"); install it, e.g. `apt-get install openssl`');
  }
  const stdout = result.stdout ?? '';
  const stderr = result.stderr ?? '';
  return {
    command: `${formatCommand(args, 'openssl')} </dev/null`,
    args,
    exitCode: result.exitCode ?? -1,
    transcript: splitLines(result.all ?? ''),
    stdout,
    stderr,
    parsed: parseOpensslClientOutput(stdout, stderr),
    durationMs,
  };
}

/** Lines s_client prints right after the CA names; the list ends at the first of them. */
const AFTER_CA_NAMES =
  /^(---|Client Certificate Types:|Requested Signature Algorithms:|Shared Requested Signature Algorithms:|Peer signing digest:|Peer signature type:|Server Temp Key:|SSL handshake has read)/;

/** Reads s_client's stdout (and its stderr for errors). Pure. */
export function parseOpensslClientOutput(stdout: string, stderr = ''): OpensslClientParse {
  const lines = splitLines(stdout);
  const parsed: OpensslClientParse = {
    acceptableClientCaNames: null,
    protocol: null,
    cipher: null,
    verifyReturnCode: null,
    verifyReturnMessage: null,
    peerCertificateSubject: null,
    errors: [],
  };

  const start = lines.findIndex((l) => l.trim() === 'Acceptable client certificate CA names');
  if (start >= 0) {
    const names: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line.trim() === '' || AFTER_CA_NAMES.test(line.trim())) break;
      names.push(line.trim());
    }
    parsed.acceptableClientCaNames = names;
  }

  for (const raw of lines) {
    const line = raw.trim();
    // "New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384"; "New, (NONE), Cipher is (NONE)" when the handshake failed.
    const session = /^(?:New|Reused), (\S+), Cipher is (\S+)$/.exec(line);
    if (session) {
      parsed.protocol ??= session[1] === '(NONE)' ? null : session[1]!;
      parsed.cipher ??= session[2] === '(NONE)' ? null : session[2]!;
      continue;
    }
    const protocol = /^Protocol\s*: (\S+)$/.exec(line);
    if (protocol) parsed.protocol ??= protocol[1]!;
    const cipher = /^Cipher\s*: (\S+)$/.exec(line);
    if (cipher && cipher[1] !== '0000') parsed.cipher ??= cipher[1]!;
    const verify = /^Verify return code: (\d+) \((.*)\)$/.exec(line);
    if (verify) {
      parsed.verifyReturnCode = Number(verify[1]);
      parsed.verifyReturnMessage = verify[2]!;
    }
    const subject = /^subject=(.*)$/.exec(line);
    if (subject) parsed.peerCertificateSubject ??= subject[1]!.trim();
  }

  for (const line of splitLines(stderr)) {
    const reason = /error:[0-9A-Fa-f]+:SSL routines:[^:]*:([^:]+?)(?::|$)/.exec(line);
    if (reason && !parsed.errors.includes(reason[1]!.trim())) parsed.errors.push(reason[1]!.trim());
  }
  return parsed;
}
