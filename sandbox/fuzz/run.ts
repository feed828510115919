// Runs the hostile-input cases against open front doors: each case, then a normal request that must still get the
// answer it got before any case (a lost request otherwise), with a watch for components that stop (crashes) and
// forged identities that reach a target (leaks). Counts everything it tried.
import { normalH1, normalH2, Random } from './clients.js';
import { applies, CATEGORIES, type Category, runCase } from './cases.js';
import type { OpenDoor } from './doors.js';

export interface Problem {
  door: string;
  case: string;
  detail: string;
}

export interface FuzzResult {
  seed: number;
  /** Cases tried, by front door and category. */
  tried: Record<string, Partial<Record<Category, number>>>;
  total: number;
  normal: { sent: number; answered: number };
  /** Components that stopped by themselves, as "door: component". */
  crashes: string[];
  /** Normal requests that did not get the door's usual answer after a case. */
  lost: Problem[];
  /** Forged identity values a target received. */
  leaks: Problem[];
  durationMs: number;
}

export interface FuzzOptions {
  casesPerCategory: number;
  seed: number;
  categories?: Category[];
  /** A line per failure as it happens, and progress. */
  log?: (line: string) => void;
}

/** The door's usual answers to a normal request, HTTP/1.1 and (when it speaks it) HTTP/2. */
export async function baseline(door: OpenDoor): Promise<{ h1: number; h2: number | null }> {
  const h1 = await normalH1(door.endpoint, door.credentials);
  const h2 = door.door.http2 ? await normalH2(door.endpoint, door.credentials) : null;
  if (h1.status === null || (h2 && h2.status === null))
    throw new Error(`front door ${door.door.id} does not answer a normal request: ${h1.error ?? h2?.error}`);
  return { h1: h1.status, h2: h2?.status ?? null };
}

/** Watches a door for a component that stops by itself. */
export function watchCrashes(door: OpenDoor, crashes: string[]): void {
  void door.exited.then((component) => crashes.push(`${door.door.id}: ${component}`));
}

export async function runFuzz(doors: OpenDoor[], options: FuzzOptions): Promise<FuzzResult> {
  const started = performance.now();
  const random = new Random(options.seed);
  const result: FuzzResult = {
    seed: options.seed,
    tried: {},
    total: 0,
    normal: { sent: 0, answered: 0 },
    crashes: [],
    lost: [],
    leaks: [],
    durationMs: 0,
  };
  for (const door of doors) {
    watchCrashes(door, result.crashes);
    const usual = await baseline(door);
    const tried: Partial<Record<Category, number>> = {};
    result.tried[door.door.id] = tried;
    for (const category of options.categories ?? CATEGORIES) {
      if (!applies(category, door)) continue;
      for (let i = 0; i < options.casesPerCategory; i++) {
        const crashesBefore = result.crashes.length;
        let name: string = category;
        let follow: 'h1' | 'h2' = 'h1';
        try {
          const outcome = await withDeadline(runCase(category, door, random), 30_000);
          name = outcome.name;
          follow = outcome.follow;
          for (const leak of outcome.leaked ?? []) {
            result.leaks.push({ door: door.door.id, case: name, detail: leak });
            options.log?.(`LEAK ${door.door.id} — ${name}: ${leak}`);
          }
        } catch (error) {
          // A hostile case may fail on the client side; only what happens to the door counts.
          name = `${category} (${(error as Error).message})`;
        }
        tried[category] = (tried[category] ?? 0) + 1;
        result.total++;
        const expected = follow === 'h2' && usual.h2 !== null ? usual.h2 : usual.h1;
        const normal =
          follow === 'h2' && usual.h2 !== null
            ? await normalH2(door.endpoint, door.credentials)
            : await normalH1(door.endpoint, door.credentials);
        result.normal.sent++;
        if (normal.status === expected) result.normal.answered++;
        else {
          const detail = `normal ${follow === 'h2' ? 'HTTP/2' : 'HTTP/1.1'} request: ${normal.status ?? normal.error} (usually ${expected})`;
          result.lost.push({ door: door.door.id, case: name, detail });
          options.log?.(`LOST ${door.door.id} — after ${name}: ${detail}`);
        }
        if (result.crashes.length > crashesBefore) options.log?.(`CRASH after ${name}: ${result.crashes.at(-1)}`);
      }
    }
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms))),
  ]);
}

/** The counts as a table, then one line of totals. */
export function formatFuzz(result: FuzzResult): string {
  const categories = CATEGORIES.filter((category) =>
    Object.values(result.tried).some((tried) => (tried[category] ?? 0) > 0),
  );
  const width = Math.max(10, ...Object.keys(result.tried).map((id) => id.length));
  const header = ['front door'.padEnd(width), ...categories.map((category) => category.padStart(category.length))];
  const lines = [header.join('  ')];
  for (const [id, tried] of Object.entries(result.tried)) {
    lines.push(
      [
        id.padEnd(width),
        ...categories.map((category) => String(tried[category] ?? '-').padStart(category.length)),
      ].join('  '),
    );
  }
  lines.push(
    '',
    `cases tried: ${result.total}; crashes: ${result.crashes.length}; lost requests: ${result.lost.length}; identity leaks: ${result.leaks.length}; normal requests answered as usual: ${result.normal.answered}/${result.normal.sent}; seed ${result.seed}; ${(result.durationMs / 1000).toFixed(1)} s`,
  );
  for (const problem of [...result.lost, ...result.leaks])
    lines.push(`  ${problem.door} — ${problem.case}: ${problem.detail}`);
  for (const crash of result.crashes) lines.push(`  crashed: ${crash}`);
  return lines.join('\n');
}
