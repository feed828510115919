// `mtls-sandbox down`: stop every process an earlier (possibly killed) run left behind, using its pid files.
import { readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { readPidRecords, type PidRecord } from './host-process.js';

export interface DownResult {
  stopped: PidRecord[];
  alreadyGone: PidRecord[];
}

export async function down(state: string): Promise<DownResult> {
  const result: DownResult = { stopped: [], alreadyGone: [] };
  for (const { file, record } of readPidRecords(state)) {
    if (isSameProcess(record)) {
      await stopGroup(record.pid);
      result.stopped.push(record);
    } else {
      result.alreadyGone.push(record);
    }
    rmSync(file, { force: true });
  }
  return result;
}

/** Guards against pid reuse: the pid must still run the executable we started. */
function isSameProcess(record: PidRecord): boolean {
  try {
    process.kill(record.pid, 0);
  } catch {
    return false;
  }
  try {
    // nginx rewrites its title ("nginx: master process /usr/sbin/nginx ..."); the executable's name stays in it.
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return cmdline.includes(basename(record.executable));
  } catch {
    return true; // no /proc (macOS): the pid is alive and recorded by us; trust the record
  }
}

async function stopGroup(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      try {
        process.kill(pid, name);
      } catch {
        // gone
      }
    }
  };
  signal('SIGTERM');
  for (let waited = 0; waited < 3000; waited += 50) {
    if (!alive(pid)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  signal('SIGKILL');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
