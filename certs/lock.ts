// Lock: one process at a time makes files in a directory (the PKI, the synth cache). Two processes (or two calls in
// one) may share a directory; the second waits, then finds the files made and reuses them. A lock whose owner died
// is taken over: the lock file names its owner by pid and start time, so a reused pid does not keep it forever.
import { open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { identify } from '../sandbox/os/process-identity.js';

const LOCK_FILE = '.lock';
const LOCK_TIMEOUT_MS = 120_000;
const LOCK_STALE_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The owner in a lock file ("<pid> <start time>", or an older "<pid>") is still the process that took it. */
function ownerAlive(content: string): boolean {
  const [pidText, startTime] = content.trim().split(/\s+/);
  const pid = Number.parseInt(pidText ?? '', 10);
  if (!processAlive(pid)) return false;
  if (!startTime) return true;
  const now = identify(pid);
  return now === null ? true : now.startTime === startTime; // no way to tell: trust the pid
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by someone else
  }
}

/** Removes the lock if its owner is gone (or it is ancient); true when removed. */
async function removeIfStale(lockFile: string): Promise<boolean> {
  let content: string;
  let ageMs: number;
  try {
    content = await readFile(lockFile, 'utf8');
    ageMs = Date.now() - (await stat(lockFile)).mtimeMs;
  } catch {
    return true; // vanished meanwhile: just try again
  }
  const pid = Number.parseInt(content, 10);
  // An empty file is a lock whose owner has not written its pid yet, unless it stays empty.
  const stale = Number.isNaN(pid) ? ageMs > 10_000 : !ownerAlive(content) || ageMs > LOCK_STALE_MS;
  if (!stale) return false;
  // Re-read right before removing, so we do not remove a lock someone has just taken over.
  const again = await readFile(lockFile, 'utf8').catch(() => undefined);
  if (again === content) await unlink(lockFile).catch(() => undefined);
  return true;
}

async function acquireLock(lockFile: string): Promise<void> {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid} ${identify(process.pid)?.startTime ?? ''}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await removeIfStale(lockFile)) continue;
    if (Date.now() > deadline) {
      const holder = (await readFile(lockFile, 'utf8').catch(() => '?')).trim().split(/\s+/)[0];
      throw new Error(
        `Timed out after ${LOCK_TIMEOUT_MS / 1000}s waiting for ${lockFile} (held by pid ${holder}). ` +
          'If no mtls-sandbox process is making files there, delete that file and retry.',
      );
    }
    await sleep(50 + Math.random() * 100);
  }
}

export async function withLock<T>(dir: string, fn: () => Promise<T>, name = LOCK_FILE): Promise<T> {
  const lockFile = path.join(dir, name);
  await acquireLock(lockFile);
  try {
    return await fn();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}
