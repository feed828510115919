// Which scenarios of a run may start now (pure): at most `limit` at a time, never two that share a resource, the
// costliest first so that the longest one does not start last and hold up the end of the run.

/** One scenario as the scheduler sees it. */
export interface Job {
  /** What it uses that another scenario must not use at the same time (sandbox/run-all/resources.ts). */
  resources: readonly string[];
  /** A guess at how long it runs, in any unit (requests it sends): only the order of starting follows it. */
  cost: number;
}

export interface Progress {
  /** Indices of the jobs running now. */
  running: ReadonlySet<number>;
  /** Indices of the jobs started, running or finished. */
  started: ReadonlySet<number>;
}

/**
 * The jobs to start now, in the order to start them: the costliest waiting ones first (ties in catalogue order), as
 * many as the free slots allow, skipping any that shares a resource with a running job or one picked before it.
 */
export function jobsToStart(jobs: readonly Job[], progress: Progress, limit: number): number[] {
  const slots = Math.max(1, Math.floor(limit)) - progress.running.size;
  if (slots <= 0) return [];
  const held = new Set([...progress.running].flatMap((index) => jobs[index]!.resources));
  const waiting = jobs
    .map((job, index) => ({ job, index }))
    .filter(({ index }) => !progress.started.has(index))
    .sort((a, b) => b.job.cost - a.job.cost || a.index - b.index);
  const picked: number[] = [];
  for (const { job, index } of waiting) {
    if (picked.length >= slots) break;
    if (job.resources.some((resource) => held.has(resource))) continue;
    for (const resource of job.resources) held.add(resource);
    picked.push(index);
  }
  return picked;
}

/**
 * The events of jobs that run side by side, passed on as a serial run would have: the first unfinished job's events
 * as they come, every later job's held until all before it have finished. Consumers (the plain output, --json, the
 * TUI) see one scenario after another, in catalogue order.
 */
export class InOrder<E> {
  private head = 0;
  private readonly held: E[][];
  private readonly finished: boolean[];

  constructor(
    count: number,
    private readonly out: (event: E) => void,
  ) {
    this.held = Array.from({ length: count }, () => []);
    this.finished = Array.from({ length: count }, () => false);
  }

  /** The emitter of job `index`. */
  emitterFor(index: number): (event: E) => void {
    return (event) => {
      if (index === this.head) this.out(event);
      else this.held[index]!.push(event);
    };
  }

  /** Job `index` has finished: pass on what the jobs after it held, up to the next one still running. */
  finish(index: number): void {
    this.finished[index] = true;
    while (this.head < this.finished.length && this.finished[this.head]) {
      this.head += 1;
      if (this.head < this.held.length) this.flush(this.head);
    }
  }

  /** Passes on everything jobs up to `last` have emitted and drops the rest (a run that ends at job `last`). */
  endAt(last: number): void {
    for (let index = this.head + 1; index <= last && index < this.held.length; index++) this.flush(index);
    this.head = this.held.length;
  }

  private flush(index: number): void {
    const events = this.held[index]!;
    this.held[index] = [];
    for (const event of events) this.out(event);
  }
}
