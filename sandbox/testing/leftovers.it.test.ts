// The suite's last check: processes naming its folder are found and stopped, with their group; one that ends within
// the grace is not counted; nothing else is touched.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identify } from '../os/process-identity.js';
import { processesNaming, stopLeftovers } from './leftovers.js';
import { freshState } from './suite.js';

/** A detached shell naming `dir`, with a child of its own in its group (as nginx's worker is). */
function sleeperNaming(dir: string, seconds: number): number {
  const child = spawn('sh', ['-c', `sleep ${seconds} & sleep ${seconds}; wait`, dir], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child.pid!;
}

describe('stopLeftovers', () => {
  it('stops a process left under the folder, with its group, and names it', async () => {
    const dir = join(freshState('leftovers'), 'run');
    const pid = sleeperNaming(dir, 300);
    expect(processesNaming(dir).map((one) => one.pid)).toEqual([pid]);
    const left = await stopLeftovers(dir, 200);
    expect(left.map((one) => one.pid)).toEqual([pid]);
    await expect.poll(() => identify(pid), { timeout: 10_000, interval: 20 }).toBeNull();
    expect(processesNaming(dir)).toEqual([]);
  });

  it('does not count a process that ends within the grace, and finds nothing under another folder', async () => {
    const dir = join(freshState('leftovers'), 'run');
    sleeperNaming(dir, 0.3);
    expect(await stopLeftovers(dir, 10_000)).toEqual([]);
    expect(processesNaming(join(dir, 'elsewhere'))).toEqual([]);
  });
});
