import { describe, expect, it } from 'vitest';
import { InOrder, type Job, jobsToStart } from './schedule.js';
import { runSideBySide } from './run-side-by-side.js';

const job = (cost: number, ...resources: string[]): Job => ({ cost, resources });
const none = { running: new Set<number>(), started: new Set<number>() };

describe('jobsToStart', () => {
  it('fills the free slots, costliest first, ties in catalogue order', () => {
    expect(jobsToStart([job(1), job(5), job(1), job(5)], none, 3)).toEqual([1, 3, 0]);
  });

  it('starts one at a time with a limit of 1, in catalogue order when costs are equal', () => {
    expect(jobsToStart([job(1), job(1)], none, 1)).toEqual([0]);
    expect(jobsToStart([job(1), job(1)], { running: new Set([0]), started: new Set([0]) }, 1)).toEqual([]);
    expect(jobsToStart([job(1), job(1)], { running: new Set(), started: new Set([0]) }, 1)).toEqual([1]);
  });

  it('never starts two jobs that share a resource, nor one whose resource a running job holds', () => {
    const jobs = [job(3, 'localstack'), job(2, 'localstack'), job(1)];
    expect(jobsToStart(jobs, none, 3)).toEqual([0, 2]);
    expect(jobsToStart(jobs, { running: new Set([0]), started: new Set([0, 2]) }, 3)).toEqual([]);
    expect(jobsToStart(jobs, { running: new Set([2]), started: new Set([0, 2]) }, 3)).toEqual([1]);
  });

  it('treats a limit below 1 as 1', () => {
    expect(jobsToStart([job(1), job(1)], none, 0)).toEqual([0]);
  });
});

describe('InOrder', () => {
  it('passes the first job on live and holds the later ones until those before them finish', () => {
    const out: string[] = [];
    const order = new InOrder<string>(3, (event) => out.push(event));
    order.emitterFor(2)('c1');
    order.emitterFor(0)('a1');
    order.emitterFor(1)('b1');
    expect(out).toEqual(['a1']);
    order.finish(2);
    expect(out).toEqual(['a1']);
    order.emitterFor(0)('a2');
    order.finish(0);
    expect(out).toEqual(['a1', 'a2', 'b1']);
    order.emitterFor(1)('b2');
    order.finish(1);
    expect(out).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
  });

  it('at an end, passes on the jobs up to the last and drops the rest', () => {
    const out: string[] = [];
    const order = new InOrder<string>(3, (event) => out.push(event));
    order.emitterFor(1)('b');
    order.emitterFor(2)('c');
    order.emitterFor(0)('a');
    order.finish(0);
    order.endAt(1);
    expect(out).toEqual(['a', 'b']);
  });
});

/** A job the test finishes by hand: it records its start and waits. */
function manual() {
  const started: number[] = [];
  const gates = new Map<number, { resolve: (value: string) => void; reject: (error: Error) => void }>();
  const run = (index: number, emit: (event: string) => void) => {
    started.push(index);
    emit(`start ${index}`);
    return new Promise<string>((resolve, reject) => gates.set(index, { resolve, reject })).then((value) => {
      emit(`end ${index}`);
      return value;
    });
  };
  /** Waits until job `index` has started (a bounded number of turns of the event loop). */
  const whenStarted = async (index: number) => {
    for (let turn = 0; turn < 1000 && !gates.has(index); turn++) await new Promise((resolve) => setImmediate(resolve));
    if (!gates.has(index)) throw new Error(`job ${index} never started (started: ${started.join(', ')})`);
    return gates.get(index)!;
  };
  return { started, run, whenStarted };
}

describe('runSideBySide', () => {
  it('runs up to the limit at once and gives results and events in catalogue order', async () => {
    const jobs = manual();
    const out: string[] = [];
    const all = runSideBySide([job(1), job(9), job(1)], 2, (event: string) => out.push(event), jobs.run);
    (await jobs.whenStarted(0)).resolve('r0');
    (await jobs.whenStarted(1)).resolve('r1'); // the costly one started first, with job 0
    (await jobs.whenStarted(2)).resolve('r2');
    expect(await all).toEqual(['r0', 'r1', 'r2']);
    expect(jobs.started).toEqual([1, 0, 2]);
    expect(out).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('with a limit of 1 runs one after another in catalogue order', async () => {
    const out: string[] = [];
    const results = await runSideBySide(
      [job(1), job(5), job(1)],
      1,
      (event: string) => out.push(event),
      async (i, emit) => {
        emit(`ran ${i}`);
        return i;
      },
    );
    expect(results).toEqual([0, 1, 2]);
    expect(out).toEqual(['ran 0', 'ran 1', 'ran 2']);
  });

  it('lets the other jobs finish when one fails, starts none after it, and throws its error', async () => {
    const jobs = manual();
    const out: string[] = [];
    const all = runSideBySide([job(1), job(1), job(1), job(1)], 2, (event: string) => out.push(event), jobs.run);
    const settled = all.then(
      () => null,
      (error: Error) => error,
    );
    const second = await jobs.whenStarted(1);
    (await jobs.whenStarted(0)).reject(new Error('job 0 broke'));
    // Jobs 2 and 3 come after the failure: neither starts in job 0's free slot.
    second.resolve('r1');
    const error = await settled;
    expect(error?.message).toBe('job 0 broke');
    expect(jobs.started).toEqual([0, 1]);
    // A serial run would have stopped at job 0: only its events are passed on.
    expect(out).toEqual(['start 0']);
  });

  it('still runs the jobs before a failed one, and passes on their events', async () => {
    const jobs = manual();
    const out: string[] = [];
    // Job 2 is the costliest, so it starts first, with job 0; it fails while job 0 runs.
    const all = runSideBySide([job(1), job(1), job(9)], 2, (event: string) => out.push(event), jobs.run);
    const settled = all.then(
      () => null,
      (error: Error) => error,
    );
    (await jobs.whenStarted(2)).reject(new Error('job 2 broke'));
    (await jobs.whenStarted(0)).resolve('r0');
    (await jobs.whenStarted(1)).resolve('r1');
    expect((await settled)?.message).toBe('job 2 broke');
    expect(out).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2']);
  });

  it('takes a job that throws synchronously as that job failing', async () => {
    const run = (index: number) => {
      if (index === 1) throw new Error('sync');
      return Promise.resolve(index);
    };
    await expect(runSideBySide([job(1), job(1)], 2, () => {}, run)).rejects.toThrow('sync');
  });

  it('resolves at once with no jobs', async () => {
    expect(
      await runSideBySide(
        [],
        2,
        () => {},
        async () => 1,
      ),
    ).toEqual([]);
  });
});
