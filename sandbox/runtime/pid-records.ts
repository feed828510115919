// The pid files of the host driver's child processes (<state>/run/<name>.<pid>.json): what `mtls-sandbox down`
// reads to stop what a killed run left behind, and what says which run a process belongs to.
import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedIdentity } from '../os/process-identity.js';
import { pidDir } from './state-dir.js';

export interface PidRecord extends RecordedIdentity {
  name: string;
  executable: string;
  args: string[];
  /** The run that started it (run-registry.ts), and that run's process. */
  runId?: string;
  ownerPid: number;
  owner?: RecordedIdentity;
  startedAt: string;
}

export function pidRecordFile(state: string, name: string, pid: number): string {
  return join(pidDir(state), `${name}.${pid}.json`);
}

/** Written whole or not at all (write, then rename), so a reader never sees half a record. */
export function writeJsonAtomically(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 1), { mode: 0o600 });
  renameSync(tmp, file);
}

export function writePidRecord(state: string, record: PidRecord): string {
  mkdirSync(pidDir(state), { recursive: true });
  const file = pidRecordFile(state, record.name, record.pid);
  writeJsonAtomically(file, record);
  return file;
}

/** Every pid file in the state dir. Unreadable ones are removed. */
export function readPidRecords(state: string): { file: string; record: PidRecord }[] {
  return scanPidRecords(state).records;
}

/** Every pid file in the state dir; unreadable or malformed ones are removed and listed in `invalid`. */
export function scanPidRecords(state: string): { records: { file: string; record: PidRecord }[]; invalid: string[] } {
  const dir = pidDir(state);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return { records: [], invalid: [] };
  }
  const records: { file: string; record: PidRecord }[] = [];
  const invalid: string[] = [];
  for (const name of names.filter((file) => file.endsWith('.json'))) {
    const file = join(dir, name);
    try {
      const record = JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
      if (typeof record?.name !== 'string' || !Number.isInteger(record.pid)) throw new Error('not a pid record');
      records.push({ file, record });
    } catch {
      rmSync(file, { force: true });
      invalid.push(file);
    }
  }
  return { records, invalid };
}
