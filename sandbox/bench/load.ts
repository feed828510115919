// The load client and the checks before it: real curl and `openssl s_time`, TLS capped at 1.2 on the client.
import { join } from 'node:path';
import { execa } from 'execa';
import type { Pki } from '../../certs/types.js';
import { findTool } from '../runtime/binaries.js';
import { groupCpuSeconds, machineBusy, spawnGroup } from './procs.js';

export interface CurlOutcome {
  exitCode: number;
  status: number;
  body: string;
  /** curl's own error line, e.g. "curl: (56) OpenSSL SSL_read: Connection reset by peer". */
  error: string;
}

/** One GET with curl, with clientA's certificate or without one. Bounded by --max-time. */
export async function curlOnce(port: number, pki: Pki, withCert: boolean): Promise<CurlOutcome> {
  const cert = withCert ? ['--cert', pki.clients.clientA.cert, '--key', pki.clients.clientA.key] : [];
  const args = [
    '-sS',
    '-k',
    '--tls-max',
    '1.2',
    '--max-time',
    '10',
    ...cert,
    '-w',
    '\n%{http_code}',
    `https://127.0.0.1:${port}/`,
  ];
  const result = await execa(findTool('curl'), args, { reject: false, timeout: 15_000 });
  const lines = result.stdout.split('\n');
  const status = Number(lines.pop() ?? 0);
  return { exitCode: result.exitCode ?? -1, status, body: lines.join('\n'), error: result.stderr.trim() };
}

export interface Handshake {
  protocol: string;
  cipher: string;
  tempKey: string;
  /** How the server signed its key exchange, e.g. "RSA-PSS". */
  signature: string;
}

/** Protocol, cipher and key exchange as `openssl s_client -brief` reports them with clientA's certificate. */
export async function handshakeOf(port: number, pki: Pki): Promise<Handshake> {
  const { clientA } = pki.clients;
  const result = await execa(
    findTool('openssl'),
    ['s_client', '-brief', '-tls1_2', '-connect', `127.0.0.1:${port}`, '-cert', clientA.cert, '-key', clientA.key],
    { input: 'GET / HTTP/1.0\r\n\r\n', reject: false, timeout: 10_000, all: true },
  );
  const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(result.all ?? '')?.[1]?.trim() ?? '?';
  return {
    protocol: field('Protocol version'),
    cipher: field('Ciphersuite'),
    tempKey: field('(?:Server|Peer) Temp Key'),
    signature: field('Signature type'),
  };
}

export interface Measurement {
  concurrency: number;
  connections: number;
  /** Wall seconds from starting the first client process to the last one exiting. */
  seconds: number;
  perSecond: number;
  bytesPerConnection: number;
  /** User CPU seconds the client processes report (s_time's own figure), summed. */
  clientUserSeconds: number;
  /** CPU (user+system) the server's process group used during the interval; null off Linux. */
  serverCpuSeconds: number | null;
  /** Share of the whole machine's CPU time that was busy during the interval (0..1); null off Linux. */
  machineBusy: number | null;
}

interface STimeResult {
  connections: number;
  userSeconds: number;
  bytesPerConnection: number;
}

/**
 * `concurrency` parallel `openssl s_time -new -www /` processes for `seconds` each: every connection is a full
 * TLS 1.2 handshake with clientA's certificate, one GET, then close. s_time's loop ends at a whole-second clock
 * boundary and its "connections/user sec" divides by client CPU time, so the rate here is connections / wall time.
 */
export async function measure(
  port: number,
  pki: Pki,
  concurrency: number,
  seconds: number,
  serverGroup: number,
  logDir: string,
): Promise<Measurement> {
  const { clientA } = pki.clients;
  const args = [
    's_time',
    '-connect',
    `127.0.0.1:${port}`,
    '-new',
    '-www',
    '/',
    '-cert',
    clientA.cert,
    '-key',
    clientA.key,
    '-tls1_2',
    '-time',
    String(seconds),
  ];
  const cpuBefore = groupCpuSeconds(serverGroup);
  const machineBefore = machineBusy();
  const started = process.hrtime.bigint();
  const logs = Array.from({ length: concurrency }, (_, i) => join(logDir, `s_time-${port}-c${concurrency}-${i}.log`));
  const clients = logs.map((logFile) => spawnGroup(findTool('openssl'), args, { logFile, pipeStdout: true }));
  // Bounded: s_time stops itself after `seconds` (+1 for its clock boundary); kill anything still running later.
  const deadline = setTimeout(() => clients.forEach((c) => void c.stop()), (seconds + 15) * 1000);
  const results = await Promise.all(clients.map((c) => c.child));
  clearTimeout(deadline);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = groupCpuSeconds(serverGroup);
  const machineAfter = machineBusy();
  const parsed = results.map((r, i) => parseSTime(String(r.stdout ?? ''), r.exitCode ?? null, logs[i] ?? ''));
  const connections = parsed.reduce((sum, p) => sum + p.connections, 0);
  return {
    concurrency,
    connections,
    seconds: wall,
    perSecond: connections / wall,
    bytesPerConnection: Math.round(parsed.reduce((sum, p) => sum + p.bytesPerConnection, 0) / parsed.length),
    clientUserSeconds: parsed.reduce((sum, p) => sum + p.userSeconds, 0),
    serverCpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    machineBusy:
      machineBefore && machineAfter
        ? (machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total)
        : null,
  };
}

function parseSTime(stdout: string, exitCode: number | null, log: string): STimeResult {
  // "123 connections in 0.80s; 153.75 connections/user sec, bytes read 18450"
  // "123 connections in 6 real seconds, 150 bytes read per connection"
  const user = /(\d+) connections in ([\d.]+)s; [\d.]+ connections\/user sec/.exec(stdout);
  const real = /(\d+) connections in \d+ real seconds, (\d+) bytes read per connection/.exec(stdout);
  if (exitCode !== 0 || !user || !real) {
    const tail = stdout.replace(/[*]+/g, '').trim().split('\n').slice(-4).join(' | ');
    throw new Error(`openssl s_time failed (exit ${exitCode}): ${tail || 'no output'}; its stderr is in ${log}`);
  }
  const bytesPerConnection = Number(real[2]);
  if (Number(user[1]) > 0 && bytesPerConnection === 0)
    throw new Error(`openssl s_time (${log}): connections completed but no response bytes were read`);
  return { connections: Number(user[1]), userSeconds: Number(user[2]), bytesPerConnection };
}
