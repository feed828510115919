// What a target saw: every target appends one JSON line per request; a probe reads the lines that appeared
// while it ran. Probes run one at a time, so those lines are the probe's own; requests sent side by side (a
// distribution's clients) are told apart by a request id they carry (observationOf).
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { HEALTH_CHECK_AGENT } from '../alb/health.js';
import type { TargetObservation } from '../report.js';
import { FileChanges } from './file-changes.js';

export interface TargetHandle {
  name: string;
  kind: 'nginx' | 'echo' | 'static';
  logFile: string;
  /** Turns one log line into what the report shows. */
  parse(line: string): TargetObservation;
  /**
   * nginx: its error log, where it says why it refused a request ("client sent no required SSL certificate while
   * reading client request headers"); `note` turns one line into that message, or null for routine chatter and for
   * a line about another connection than `connection` (a health check's, say), which `connectionOf` reads from the
   * request's access-log line (null: the line does not say, and every line counts).
   */
  errorLog?: {
    file: string;
    note(line: string, connection: string | null): string | null;
    connectionOf(accessLine: string): string | null;
  };
}

export type LogOffsets = Map<string, number>;

export function logOffsets(targets: readonly TargetHandle[]): LogOffsets {
  return fileOffsets(targets.flatMap((target) => [target.logFile, ...(target.errorLog ? [target.errorLog.file] : [])]));
}

export function fileOffsets(files: readonly string[]): LogOffsets {
  return new Map(files.map((file) => [file, statSync(file, { throwIfNoEntry: false })?.size ?? 0]));
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
    line,
  });
  // The load balancer's health checks land in the same logs at any moment: they are not the probe's request, and
  // one logged after it must not stand in for what the target saw of the probe.
  const probes = (one: ReturnType<typeof read>) => !isHealthCheck(one.observation);
  const lines = await linesSince([...byFile.keys()], offsets, graceMs, (line) => probes(read(line)));
  const seen = lines.map(read).filter(probes);
  // nginx writes its reason to the error log before it answers, so it is there once the access log line is. Only
  // the lines about the request's own connection: a health check's connection may have closed meanwhile.
  for (const target of new Set(seen.map((one) => one.target))) {
    const errorLog = target.errorLog;
    if (!errorLog) continue;
    const last = seen.filter((one) => one.target === target).at(-1)!;
    const connection = errorLog.connectionOf(last.line);
    const notes = (await linesSince([errorLog.file], offsets, 0)).flatMap(({ line }) => {
      const note = errorLog.note(line, connection);
      return note === null ? [] : [note];
    });
    if (notes.length > 0) last.observation.details.error_log = [...new Set(notes)].join('; ');
  }
  return seen.map((one) => one.observation);
}

/**
 * The targets' logs while requests sent side by side come in: each line read once, as the logs grow from `offsets`,
 * and kept by the request id it carries (REQUEST_ID_HEADER), so finding one request's line does not read again what
 * the others' lookups already read.
 */
export class RequestIdTail {
  private readonly byFile: Map<string, TargetHandle>;
  private readonly offsets: LogOffsets;
  private readonly seen = new Map<string, TargetObservation>();
  private reading: Promise<void> | null = null;
  private readonly changes: FileChanges;

  constructor(targets: readonly TargetHandle[], offsets: LogOffsets) {
    this.byFile = new Map(targets.map((target) => [target.logFile, target]));
    this.offsets = new Map(offsets);
    this.changes = new FileChanges([...this.byFile.keys()]);
  }

  /** What a target saw of the request carrying `requestId`: waits up to `graceMs` for it; null if it never came. */
  async find(requestId: string, graceMs: number): Promise<TargetObservation | null> {
    const deadline = Date.now() + graceMs;
    for (;;) {
      const changes = this.changes.seen;
      await this.readNew();
      const found = this.seen.get(requestId);
      if (found) return found;
      if (Date.now() >= deadline) return null;
      await this.changes.after(changes, deadline);
    }
  }

  /** Stops watching the logs (the probe is over). */
  close(): void {
    this.changes.close();
  }

  /** One read at a time, shared by every lookup waiting meanwhile. */
  private readNew(): Promise<void> {
    this.reading ??= this.readAll().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readAll(): Promise<void> {
    for (const [file, target] of this.byFile) {
      const { lines, end } = await readLinesFrom(file, this.offsets.get(file) ?? 0);
      this.offsets.set(file, end);
      for (const line of lines) {
        // A cheap look first: most lines of a log carry no id (health checks, other probes' requests).
        if (!line.includes(REQUEST_ID_HEADER)) continue;
        const observation = target.parse(line);
        const id = observation.receivedHeaders[REQUEST_ID_HEADER];
        if (id && !this.seen.has(id)) this.seen.set(id, observation);
      }
    }
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
  const readAll = async () => {
    const found: { file: string; line: string }[] = [];
    for (const file of files) {
      for (const line of await readFrom(file, offsets.get(file) ?? 0)) found.push({ file, line });
    }
    return found;
  };
  // Most records are there at the first look: the logs are watched only when one is not, and read once more after
  // the watch begins, so a line written between that look and the watch is not missed.
  const first = await readAll();
  if (graceMs <= 0 || files.length === 0 || first.some(wanted)) return first;
  const changes = new FileChanges(files);
  try {
    for (;;) {
      const seen = changes.seen;
      const found = await readAll();
      if (found.some(wanted) || Date.now() >= deadline) return found;
      await changes.after(seen, deadline);
    }
  } finally {
    changes.close();
  }
}

async function readFrom(file: string, offset: number): Promise<string[]> {
  return (await readLinesFrom(file, offset)).lines;
}

/** The complete lines from `offset` on, and where the next read starts (after the last complete line). */
async function readLinesFrom(file: string, offset: number): Promise<{ lines: string[]; end: number }> {
  // One stat first: most logs have not grown since the last look, and opening each one is what a look costs.
  const grown = statSync(file, { throwIfNoEntry: false });
  if (!grown || grown.size <= offset) return { lines: [], end: offset };
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= offset) return { lines: [], end: offset };
    const buffer = Buffer.alloc(size - offset);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    // Only complete lines: a line still being written is read on the next look.
    const complete = buffer.subarray(0, buffer.subarray(0, bytesRead).lastIndexOf(10) + 1);
    return { lines: complete.toString('utf8').split('\n').filter(Boolean), end: offset + complete.length };
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
