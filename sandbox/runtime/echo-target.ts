// The echo target (the sandbox's stand-in for seed 004's Lambda) on 127.0.0.1, run by the driver (in this process or
// in a container).
import type { Message } from '../messages.js';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { ComponentReport, TargetObservation } from '../report.js';
import type { Driver } from './driver.js';
import type { TargetHandle } from './target-log.js';

export interface RunningEcho {
  handle: TargetHandle;
  component: ComponentReport;
  host: string;
  port: number;
}

export async function startEcho(driver: Driver, name: string, dir: string, role: Message): Promise<RunningEcho> {
  await mkdir(join(dir, name), { recursive: true });
  const logFile = join(dir, name, 'requests.json');
  const options = { name, host: '127.0.0.1', port: 0, logFile };
  // The driver stops it with the rest of the run.
  const echo = await driver.emulator('echo', options);
  const address = echo.addresses[0]!;
  return {
    host: address.host,
    port: address.port,
    handle: { name, kind: 'echo', logFile, parse: (line) => parseEchoLine(name, line) },
    component: {
      name,
      kind: 'echo',
      address: `${address.host}:${address.port}`,
      version: `node ${process.version}`,
      role,
    },
  };
}

/** One echo record as the report's observation; repeated headers are joined with ", " so duplicates show. */
export function parseEchoLine(name: string, line: string): TargetObservation {
  const record = JSON.parse(line) as {
    remoteAddress: string;
    remotePort?: number;
    method: string;
    url: string;
    rawHeaders: string[];
  };
  const receivedHeaders: Record<string, string> = {};
  const counts: Record<string, number> = {};
  for (let i = 0; i + 1 < record.rawHeaders.length; i += 2) {
    const key = record.rawHeaders[i]!.toLowerCase();
    const value = record.rawHeaders[i + 1]!;
    receivedHeaders[key] = key in receivedHeaders ? `${receivedHeaders[key]}, ${value}` : value;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const details: Record<string, string> = { remote_addr: record.remoteAddress, method: record.method, url: record.url };
  if (record.remotePort !== undefined) details.remote_port = String(record.remotePort);
  for (const [key, count] of Object.entries(counts)) if (count > 1) details[`repeated:${key}`] = String(count);
  return { name, remoteAddress: record.remoteAddress, receivedHeaders, details };
}
