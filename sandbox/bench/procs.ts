// Child processes of the bench: each leads its own process group, so stopping it also stops its workers.
// Every group is killed on the way out (normal end, error, SIGINT/SIGTERM, or a last-resort 'exit' hook).
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { execa, type ResultPromise } from 'execa';

const groups = new Set<number>();
const exitTasks: (() => void)[] = [];
let hooked = false;

/** A synchronous clean-up run on any exit (after the process groups are killed). */
export function atExit(task: () => void): void {
  installHooks();
  exitTasks.push(task);
}

export interface Group {
  pid: number;
  child: ResultPromise;
  exited: () => boolean;
  stop: () => Promise<void>;
}

export interface SpawnOptions {
  cwd?: string;
  /** stderr (and stdout unless `pipeStdout`) are appended here. */
  logFile: string;
  pipeStdout?: boolean;
}

/** Starts `file args` detached (own process group) and tracks it until it exits. */
export function spawnGroup(file: string, args: string[], options: SpawnOptions): Group {
  installHooks();
  // A file descriptor, not a pipe, so a chatty server never blocks on a full pipe (literal type for execa's typings).
  const log = openSync(options.logFile, 'a') as 3;
  const child = execa(file, args, {
    cwd: options.cwd,
    reject: false,
    stdin: 'ignore',
    stdout: options.pipeStdout ? 'pipe' : log,
    stderr: log,
    detached: true,
    cleanup: false,
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${file} could not be started`);
  groups.add(pid);
  let done = false;
  const finished = child.then(
    () => undefined,
    () => undefined,
  );
  void finished.then(() => {
    done = true;
    signal(pid, 'SIGKILL'); // nginx workers must not outlive their master
    groups.delete(pid);
  });
  return {
    pid,
    child,
    exited: () => done,
    stop: async () => {
      if (done) return;
      signal(pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const stopped = await Promise.race([
        finished.then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 3000))),
      ]);
      clearTimeout(timer);
      if (!stopped) {
        signal(pid, 'SIGKILL');
        await finished;
      }
      signal(pid, 'SIGKILL');
      groups.delete(pid);
    },
  };
}

/** User+system CPU seconds of every process in a group (Linux /proc); null elsewhere. */
export function groupCpuSeconds(pgid: number): number | null {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return null;
  }
  let ticks = 0;
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the ")" of the command name: state ppid pgrp ... utime(14) stime(15) counted from pid=1.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** Cumulative busy and total CPU ticks of the whole machine (Linux /proc/stat); null elsewhere. */
export function machineBusy(): { busy: number; total: number } | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export function killAllNow(): void {
  for (const pid of groups) signal(pid, 'SIGKILL');
  groups.clear();
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // the group is gone
  }
}

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    killAllNow();
    for (const task of exitTasks.splice(0)) task();
  });
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.once(name, () => {
      console.error(`\n${name}: stopping every bench process`);
      killAllNow();
      process.exit(130);
    });
  }
}
