// Who a process is: its pid, when it started (field 22 of /proc/<pid>/stat, clock ticks since boot) and its command
// line, plus the boot it belongs to. A pid alone is not an identity — pids are reused — so nothing is signalled
// unless all three still match what was recorded when the sandbox started it.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcessIdentity {
  pid: number;
  /** Start time as the kernel reports it (Linux: clock ticks since boot; elsewhere `ps -o lstart`). */
  startTime: string;
  /** The command line, arguments joined by spaces. */
  cmdline: string;
  /** /proc/sys/kernel/random/boot_id: a record from before a reboot never matches a process of this boot. */
  bootId: string | null;
}

/** What the sandbox writes down about a process it starts (or about itself), to recognise it later. */
export type RecordedIdentity = Pick<ProcessIdentity, 'pid' | 'startTime' | 'cmdline'> & { bootId?: string | null };

const hasProc = (() => {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
})();

let cachedBootId: string | null | undefined;
export function bootId(): string | null {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      cachedBootId = null;
    }
  }
  return cachedBootId;
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text
      .slice(text.lastIndexOf(')') + 2)
      .trim()
      .split(' ');
  } catch {
    return null;
  }
}

/** The process as it is now, or null when no process has that pid. */
export function identify(pid: number): ProcessIdentity | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  if (hasProc) {
    const fields = statFields(pid);
    // fields[0] is field 3 (state); a zombie has exited already and holds nothing.
    if (!fields || fields[0] === 'Z') return null;
    let cmdline = '';
    try {
      // nginx rewrites its title in place and pads it with NULs; a kernel thread has none.
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      return null;
    }
    return { pid, startTime: fields[19] ?? '', cmdline, bootId: bootId() };
  }
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-o', 'args=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    // lstart is a fixed 24-character date ("Mon Jan  1 12:00:00 2024").
    return out ? { pid, startTime: out.slice(0, 24), cmdline: out.slice(24).trim(), bootId: null } : null;
  } catch {
    return null;
  }
}

let self: ProcessIdentity | undefined;

/** This process, as others will check it (read once: its pid, start time and command line do not change). */
export function selfIdentity(): ProcessIdentity {
  self ??= identify(process.pid) ?? {
    pid: process.pid,
    startTime: '',
    cmdline: process.argv.join(' '),
    bootId: null,
  };
  return { ...self };
}

/**
 * Whether the recorded process still runs: same pid, same start time, same boot, and a command line that contains
 * the recorded one (nginx prefixes its original command line with "nginx: master process "). Anything that cannot be
 * checked counts as not the same process.
 */
export function isStillRunning(recorded: Partial<RecordedIdentity>): boolean {
  if (typeof recorded.pid !== 'number' || !recorded.startTime || !recorded.cmdline) return false;
  const now = identify(recorded.pid);
  if (!now) return false;
  if (recorded.bootId && now.bootId && recorded.bootId !== now.bootId) return false;
  // An exiting process has let go of its memory, so its cmdline reads empty, but it may still hold its sockets and
  // files until it is a zombie: the same start time says it is still the one recorded.
  return now.startTime === recorded.startTime && (now.cmdline === '' || now.cmdline.includes(recorded.cmdline));
}

/** The pids of a process group (nginx's master and workers), from /proc; just the leader without /proc. */
export function groupMembers(pgid: number): number[] {
  if (!hasProc) return [pgid];
  const members: number[] = [];
  for (const name of safeReaddir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name));
    // fields[2] is field 5, the process group id.
    if (fields && Number(fields[2]) === pgid) members.push(Number(name));
  }
  return members;
}

/**
 * Every process below `pid` (children, their children…), found by parent pid in /proc: also those that left its
 * process group (setsid, detached). Read before the tree is signalled: an orphan's parent becomes init. Empty
 * without /proc.
 */
export function descendantsOf(pid: number): ProcessIdentity[] {
  if (!hasProc) return [];
  const parentOf = new Map<number, number>();
  for (const name of safeReaddir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name));
    // fields[1] is field 4, the parent pid.
    if (fields) parentOf.set(Number(name), Number(fields[1]));
  }
  const below = new Set<number>([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [child, parent] of parentOf)
      if (below.has(parent) && !below.has(child)) {
        below.add(child);
        grew = true;
      }
  }
  below.delete(pid);
  return [...below].flatMap((child) => identify(child) ?? []);
}

/** Every pid on this machine (Linux), for finding who holds a socket. */
export function allPids(): number[] {
  return safeReaddir('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

export const procAvailable = (): boolean => hasProc;

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Sends a signal to a process group (or the process alone when it leads none); false when nothing got it. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}
