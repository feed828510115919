// Runs jobs side by side as schedule.ts allows, with their events passed on in catalogue order (InOrder) and their
// results returned in catalogue order: a caller sees what a serial run gives, only sooner.
import { InOrder, type Job, jobsToStart } from './schedule.js';

/**
 * Runs `run(index, emit)` for every job, at most `limit` at a time. A job that throws does not stop those already
 * running (each finishes and stops its own components); after it only the jobs before it in catalogue order still
 * start, and once nothing runs the error of the first failed job is thrown, with the events of the jobs before it
 * passed on: what a serial run would have printed before it stopped there.
 */
export async function runSideBySide<E, R>(
  jobs: readonly Job[],
  limit: number,
  out: (event: E) => void,
  run: (index: number, emit: (event: E) => void) => Promise<R>,
): Promise<R[]> {
  const order = new InOrder<E>(jobs.length, out);
  const results: R[] = [];
  const running = new Set<number>();
  const started = new Set<number>();
  const failures = new Map<number, unknown>();
  const firstFailure = () => (failures.size > 0 ? Math.min(...failures.keys()) : jobs.length);
  return new Promise<R[]>((resolve, reject) => {
    const startMore = () => {
      const stopAt = firstFailure();
      // Jobs at or after a failure count as started: they never will be.
      const notWaiting = new Set([...started, ...jobs.map((_, index) => index).filter((index) => index >= stopAt)]);
      for (const index of jobsToStart(jobs, { running, started: notWaiting }, limit)) {
        running.add(index);
        started.add(index);
        // Each job in its own promise chain: a throw, even a synchronous one, is that job's failure only.
        void Promise.resolve()
          .then(() => run(index, order.emitterFor(index)))
          .then(
            (result) => {
              results[index] = result;
              order.finish(index);
            },
            (error: unknown) => {
              failures.set(index, error);
            },
          )
          .finally(() => {
            running.delete(index);
            startMore();
          });
      }
      if (running.size > 0) return;
      if (failures.size > 0) {
        order.endAt(firstFailure());
        reject(failures.get(firstFailure()));
      } else resolve(results);
    };
    startMore();
  });
}
