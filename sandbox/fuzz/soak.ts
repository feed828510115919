// `npm run soak [-- --minutes N --good K --bad K --seed S --door id,id]`: N minutes of good clients (normal requests
// with a client certificate, HTTP/1.1 and HTTP/2, each on a new connection) and bad clients (the fuzz cases) at the
// same time against every front door. Prints the failures, the component exits (a crash would need a restart), and
// resident memory of the runner (which holds the ALB emulator and the echo targets) and of the child processes (nginx,
// HAProxy) at the start and the end, after a garbage collection; exit 1 when a good request failed, a component
// exited or an identity leaked. The good and bad clients run in the runner too, so its figures include theirs.
import { readFileSync } from 'node:fs';
import { applies, CATEGORIES, runCase } from './cases.js';
import { normalH1, normalH2, Random } from './clients.js';
import type { OpenDoor } from './doors.js';
import { baseline, type Problem, watchCrashes } from './run.js';
import { intOption, listOption, openFrontDoors, stopOnSignals } from './setup.js';

const argv = process.argv.slice(2);
const minutes = intOption(argv, 'minutes', 2, 1, 24 * 60);
const goodClients = intOption(argv, 'good', 4, 1, 64);
const badClients = intOption(argv, 'bad', 2, 0, 64);
const seed = intOption(argv, 'seed', Date.now() % 1_000_000, 0, 2 ** 31);

/** Resident set size of a process in bytes (/proc/<pid>/status VmRSS), 0 when it is gone. */
function rssOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Resident memory now; after a full garbage collection when node runs with --expose-gc (npm run soak does). */
function memory(doors: OpenDoor[]): { runner: number; heap: number; children: number; processes: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const pids = [...new Set(doors.flatMap((door) => door.childPids()))];
  const usage = process.memoryUsage();
  return {
    runner: usage.rss,
    heap: usage.heapUsed,
    children: pids.reduce((sum, pid) => sum + rssOf(pid), 0),
    processes: pids.length,
  };
}

stopOnSignals();
console.log(
  `mtls-sandbox soak — ${minutes} min, ${goodClients} good and ${badClients} bad client(s) at once, seed ${seed}`,
);
const { doors, stop } = await openFrontDoors(listOption(argv, 'door'));
try {
  for (const door of doors) console.log(`  ${door.door.id}: ${door.door.description}`);
  const usual = new Map(await Promise.all(doors.map(async (door) => [door, await baseline(door)] as const)));
  const crashes: string[] = [];
  for (const door of doors) watchCrashes(door, crashes);
  // Warm up (connections, caches, JIT) before the first memory figure.
  for (let i = 0; i < 20; i++) for (const door of doors) await normalH1(door.endpoint, door.credentials);
  const start = memory(doors);
  const counts = { good: 0, goodFailed: 0, bad: 0 };
  const failures: Problem[] = [];
  const leaks: Problem[] = [];
  const deadline = Date.now() + minutes * 60_000;
  const startedAt = Date.now();
  let peak = start.runner + start.children;

  const goodLoop = async (client: number) => {
    for (let i = client; Date.now() < deadline; i++) {
      const door = doors[i % doors.length]!;
      const h2 = door.door.http2 && i % 2 === 1;
      const outcome = h2
        ? await normalH2(door.endpoint, door.credentials)
        : await normalH1(door.endpoint, door.credentials);
      const expected = h2 ? usual.get(door)!.h2 : usual.get(door)!.h1;
      counts.good++;
      if (outcome.status !== expected) {
        counts.goodFailed++;
        if (failures.length < 20)
          failures.push({
            door: door.door.id,
            case: h2 ? 'good HTTP/2 client' : 'good HTTP/1.1 client',
            detail: `${outcome.status ?? outcome.error} (usually ${expected})`,
          });
      }
    }
  };
  const badLoop = async (client: number) => {
    const random = new Random(seed + client);
    while (Date.now() < deadline) {
      const door = random.pick(doors);
      const category = random.pick(CATEGORIES.filter((candidate) => applies(candidate, door)));
      try {
        const outcome = await runCase(category, door, random);
        for (const leak of outcome.leaked ?? []) leaks.push({ door: door.door.id, case: outcome.name, detail: leak });
      } catch {
        // the client side of a hostile case may fail; what counts is the good clients and the doors
      }
      counts.bad++;
    }
  };
  const progress = setInterval(() => {
    const now = memory(doors);
    peak = Math.max(peak, now.runner + now.children);
    const elapsed = Math.round((Date.now() - startedAt) / 1000);
    console.log(
      `  [${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}] good ${counts.good - counts.goodFailed}/${counts.good}, bad cases ${counts.bad}, exits ${crashes.length}, RSS runner ${mb(now.runner)} (heap ${mb(now.heap)}), children ${mb(now.children)}`,
    );
  }, 60_000);
  await Promise.all([
    ...Array.from({ length: goodClients }, (_, client) => goodLoop(client)),
    ...Array.from({ length: badClients }, (_, client) => badLoop(client)),
  ]);
  clearInterval(progress);
  const end = memory(doors);
  peak = Math.max(peak, end.runner + end.children);
  console.log('');
  console.log(
    `good requests: ${counts.good}, failed: ${counts.goodFailed}; bad cases: ${counts.bad}; component exits (restarts needed): ${crashes.length}; identity leaks: ${leaks.length}`,
  );
  console.log(
    `resident memory: runner ${mb(start.runner)} → ${mb(end.runner)} (JS heap in use ${mb(start.heap)} → ${mb(end.heap)}); ${end.processes} child processes ${mb(start.children)} → ${mb(end.children)}; peak of both ${mb(peak)}`,
  );
  for (const problem of [...failures, ...leaks]) console.log(`  ${problem.door} — ${problem.case}: ${problem.detail}`);
  for (const crash of crashes) console.log(`  exited: ${crash}`);
  process.exitCode = counts.goodFailed + crashes.length + leaks.length > 0 ? 1 : 0;
} finally {
  await stop();
}
