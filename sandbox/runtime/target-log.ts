// What a target saw: every target appends one JSON line per request; a probe reads the lines that appeared
// while it ran. Probes run one at a time, so those lines are the probe's own; requests sent side by side (a
// distribution's clients) are told apart by a request id they carry (observationOf).
import { existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { HEALTH_CHECK_AGENT } from '../alb/health.js';
import type { TargetObservation } from '../report.js';

export interface TargetHandle {
  name: string;
  kind: 'nginx' | 'echo' | 'static';
  logFile: string;
  /** Turns one log line into what the report shows. */
  parse(line: string): TargetObservation;
  /**
   * nginx: its error log, where it says why it refused a request ("client sent no required SSL certificate while
   * reading client request headers"); `note` turns one line into that message, or null for routine chatter.
   */
  errorLog?: { file: string; note(line: string): string | null };
}

export type LogOffsets = Map<string, number>;

export function logOffsets(targets: readonly TargetHandle[]): LogOffsets {
  return fileOffsets(targets.flatMap((target) => [target.logFile, ...(target.errorLog ? [target.errorLog.file] : [])]));
}

export function fileOffsets(files: readonly string[]): LogOffsets {
  return new Map(files.map((file) => [file, existsSync(file) ? statSync(file).size : 0]));
}

/**
 * The observations targets wrote since `offsets`. nginx writes its access log line after sending the response,
 * so a line can land a moment after curl exits: wait up to `graceMs` for one when a response was received.
 */
export async function observationsSince(
  targets: readonly TargetHandle[],
  offsets: LogOffsets,
  graceMs: number,
): Promise<TargetObservation[]> {
  const byFile = new Map(targets.map((target) => [target.logFile, target]));
  const read = ({ file, line }: { file: string; line: string }) => ({
    target: byFile.get(file)!,
    observation: byFile.get(file)!.parse(line),
  });
  // The load balancer's health checks land in the same logs at any moment: they are not the probe's request, and
  // one logged after it must not stand in for what the target saw of the probe.
  const probes = (one: ReturnType<typeof read>) => !isHealthCheck(one.observation);
  const lines = await linesSince([...byFile.keys()], offsets, graceMs, (line) => probes(read(line)));
  const seen = lines.map(read).filter(probes);
  // nginx writes its reason to the error log before it answers, so it is there once the access log line is.
  for (const target of new Set(seen.map((one) => one.target))) {
    if (!target.errorLog) continue;
    const notes = (await linesSince([target.errorLog.file], offsets, 0)).flatMap(({ line }) => {
      const note = target.errorLog!.note(line);
      return note === null ? [] : [note];
    });
    const last = seen.filter((one) => one.target === target).at(-1)!;
    if (notes.length > 0) last.observation.details.error_log = [...new Set(notes)].join('; ');
  }
  return seen.map((one) => one.observation);
}

/**
 * The one observation since `offsets` that carries `requestId` in its request-id header (REQUEST_ID_HEADER): what a
 * target saw of one request among many sent side by side. Waits up to `graceMs` for it; null if it never came.
 */
export async function observationOf(
  targets: readonly TargetHandle[],
  offsets: LogOffsets,
  requestId: string,
  graceMs: number,
): Promise<TargetObservation | null> {
  const byFile = new Map(targets.map((target) => [target.logFile, target]));
  const deadline = Date.now() + graceMs;
  for (;;) {
    for (const { file, line } of await linesSince([...byFile.keys()], offsets, 0)) {
      // A cheap look first: most lines are other requests'.
      if (!line.includes(requestId)) continue;
      const observation = byFile.get(file)!.parse(line);
      if (observation.receivedHeaders[REQUEST_ID_HEADER] === requestId) return observation;
    }
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The header a probe's request carries when it shares the targets with others in flight (lower case, as logged). */
export const REQUEST_ID_HEADER = 'x-sandbox-request-id';

/** JSON-lines records appended since `offsets` (the ALB emulator's connection log, written as a connection closes). */
export async function jsonLinesSince<T = Record<string, string | number>>(
  files: readonly string[],
  offsets: LogOffsets,
  graceMs = 0,
): Promise<T[]> {
  return (await linesSince(files, offsets, graceMs)).map(({ line }) => JSON.parse(line) as T);
}

/**
 * Complete lines appended to `files` since `offsets`, polling up to `graceMs` until at least one appears (one that
 * `wanted` accepts, when given).
 */
async function linesSince(
  files: readonly string[],
  offsets: LogOffsets,
  graceMs: number,
  wanted: (found: { file: string; line: string }) => boolean = () => true,
): Promise<{ file: string; line: string }[]> {
  const deadline = Date.now() + graceMs;
  for (;;) {
    const found: { file: string; line: string }[] = [];
    for (const file of files) {
      for (const line of await readFrom(file, offsets.get(file) ?? 0)) found.push({ file, line });
    }
    if (found.some(wanted) || files.length === 0 || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function readFrom(file: string, offset: number): Promise<string[]> {
  if (!existsSync(file)) return [];
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= offset) return [];
    const buffer = Buffer.alloc(size - offset);
    await handle.read(buffer, 0, buffer.length, offset);
    const text = buffer.toString('utf8');
    // Only complete lines: a line still being written is read on the next look.
    return text
      .slice(0, text.lastIndexOf('\n') + 1)
      .split('\n')
      .filter(Boolean);
  } finally {
    await handle.close();
  }
}

/**
 * A request of the load balancer's own health checks: their User-Agent, and no X-Forwarded-For (which the ALB adds to
 * every client's request, one that forges the agent included).
 */
function isHealthCheck(observation: TargetObservation): boolean {
  const headers = new Map(
    Object.entries(observation.receivedHeaders ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return headers.get('user-agent') === HEALTH_CHECK_AGENT && !headers.has('x-forwarded-for');
}
