// --pcap: a probe's loopback traffic written by dumpcap (pcapng) or tcpdump (pcap), limited to this run's ports,
// with the TLS secrets that decrypt it — curl's SSLKEYLOGFILE and the ALB emulator's key log — in one key log file.
// The capture process is ours: started before curl, stopped (SIGTERM, then SIGKILL) when the probe is done.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { appendFile, mkdir, open, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { formatCommand } from './curl-command.js';
import type { CaptureReport } from '../report.js';

export interface CapturePlan {
  /** The folder the capture files go to. */
  dir: string;
  /** The probe's name: the files are <name>.pcapng and <name>.keys. */
  name: string;
  /** Loopback ports to keep, each with what it speaks (for tshark's "decode as"). */
  ports: { port: number; protocol: 'tls' | 'http' }[];
  /** Key logs other processes write (the ALB emulator's), whose new lines belong to this probe. */
  keyLogFiles: readonly string[];
}

export interface RunningCapture {
  /** Where curl writes its TLS secrets (its SSLKEYLOGFILE). */
  curlKeyLog: string;
  stop(): Promise<CaptureReport>;
}

/** A capture tool on PATH or in sbin (Debian puts dumpcap in /usr/bin, tcpdump in /usr/bin or /usr/sbin). */
function findOptionalTool(tool: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/bin', '/sbin'].filter(Boolean);
  for (const dir of dirs) {
    try {
      accessSync(join(dir, tool), constants.X_OK);
      return join(dir, tool);
    } catch {
      // not here
    }
  }
  return null;
}

/** How long the capture gets before and after the probe's traffic (see startCapture). */
const SETTLE_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a capture tool may take to say it is listening. */
const READY_TIMEOUT_MS = 10_000;

/** The capture tools in the order they are preferred: dumpcap writes pcapng, tcpdump pcap. */
export async function captureTool(): Promise<{ tool: 'dumpcap' | 'tcpdump'; path: string } | null> {
  for (const tool of ['dumpcap', 'tcpdump'] as const) {
    const path = findOptionalTool(tool);
    if (path) return { tool, path };
  }
  return null;
}

export async function startCapture(plan: CapturePlan): Promise<RunningCapture> {
  const found = await captureTool();
  if (!found)
    throw new Error(
      '--pcap needs dumpcap or tcpdump: install them with `apt-get install tshark tcpdump` (or run `bash scripts/setup.sh --pcap`).',
    );
  await mkdir(plan.dir, { recursive: true });
  const file = join(plan.dir, `${plan.name}.${found.tool === 'dumpcap' ? 'pcapng' : 'pcap'}`);
  const keyLog = join(plan.dir, `${plan.name}.keys`);
  const curlKeyLog = join(plan.dir, `${plan.name}.curl.keys`);
  await Promise.all([rm(file, { force: true }), writeFile(keyLog, ''), writeFile(curlKeyLog, '')]);
  const ports = [...new Set(plan.ports.map((entry) => entry.port))];
  const filter = `tcp and (${ports.map((port) => `port ${port}`).join(' or ')})`;
  const offsets = new Map(plan.keyLogFiles.map((log) => [log, existsSync(log) ? statSync(log).size : 0]));
  const args =
    found.tool === 'dumpcap'
      ? ['-i', 'lo', '-f', filter, '-w', file]
      : ['-i', 'lo', '-U', '-n', '-s', '0', '-w', file, filter];
  const child = execa(found.path, args, { reject: false, stdin: 'ignore', buffer: false, cleanup: true });
  const stderr: string[] = [];
  await listening(child, stderr, found.tool);
  // The tool says so as it opens the interface, a moment before its loop reads packets; and packets of the last
  // moment may still be in the kernel's buffer when curl exits. A short wait on each side keeps them.
  await sleep(SETTLE_MS);
  return {
    curlKeyLog,
    async stop() {
      await sleep(SETTLE_MS);
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await child;
      clearTimeout(killer);
      await appendFile(keyLog, await readSince(curlKeyLog, 0));
      for (const [log, offset] of offsets) await appendFile(keyLog, await readSince(log, offset));
      await rm(curlKeyLog, { force: true });
      const decodeAs = plan.ports.flatMap((entry) => ['-d', `tcp.port==${entry.port},${entry.protocol}`]);
      return {
        file,
        tool: found.tool,
        filter,
        keyLog,
        packets: packetCount(stderr.join('')),
        tshark: formatCommand(['-r', file, '-o', `tls.keylog_file:${keyLog}`, ...decodeAs], 'tshark'),
      };
    },
  };
}

/** Resolves once the tool says it captures; rejects with its words when it stops first or says nothing in time. */
function listening(child: ResultPromise, stderr: string[], tool: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${tool} did not start capturing within ${READY_TIMEOUT_MS} ms: ${stderr.join('').trim()}`));
    }, READY_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (/Capturing on|listening on/.test(stderr.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    });
    void child.then((result) => {
      clearTimeout(timer);
      reject(new Error(`${tool} stopped before capturing (exit ${result.exitCode}): ${stderr.join('').trim()}`));
    });
  });
}

/** "Packets captured: 23" (dumpcap), "23 packets captured" (tcpdump). */
function packetCount(text: string): number | null {
  const found = /Packets captured: (\d+)/.exec(text) ?? /(\d+) packets? captured/.exec(text);
  return found ? Number(found[1]) : null;
}

async function readSince(file: string, offset: number): Promise<string> {
  if (!existsSync(file)) return '';
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= offset) return '';
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
