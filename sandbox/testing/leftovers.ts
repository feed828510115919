// The end of the integration suite: a process whose command line names the suite's folder was started by a test and
// outlived it, which is a teardown bug. Each is named (the run fails) and stopped, so that none outlives the run.
import { setTimeout as sleep } from 'node:timers/promises';
import { allPids, identify, isStillRunning, type ProcessIdentity, signalGroup } from '../os/process-identity.js';

/** Processes other than this one whose command line names `dir`. */
export function processesNaming(dir: string): ProcessIdentity[] {
  return allPids().flatMap((pid) => {
    if (pid === process.pid) return [];
    const found = identify(pid);
    return found?.cmdline.includes(dir) ? [found] : [];
  });
}

/**
 * Waits up to `graceMs` for the processes naming `dir` to end by themselves (a stop may still be under way), then
 * stops each one left with its process group (nginx's workers name no folder); returns the ones it stopped.
 */
export async function stopLeftovers(dir: string, graceMs = 5_000): Promise<ProcessIdentity[]> {
  const deadline = Date.now() + graceMs;
  let left = processesNaming(dir);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = processesNaming(dir);
  }
  // Checked again just before: a pid is signalled only while it is still the process found.
  for (const one of left) if (isStillRunning(one)) signalGroup(one.pid, 'SIGKILL');
  return left;
}
