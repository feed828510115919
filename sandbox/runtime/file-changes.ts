// Waiting for log files to grow: woken by the kernel (inotify, through fs.watch) as soon as any of them is written,
// instead of looking again every few milliseconds. A record that lands a moment after curl exits (nginx's access
// log line, the ALB emulator's connection log) is read when it lands; a file that cannot be watched (not there yet,
// no watches left) is looked at again on a short timer, as before.
import { type FSWatcher, watch } from 'node:fs';

/** How often to look again when a file cannot be watched. */
const POLL_MS = 10;
/** With every file watched, a look now and then all the same: a missed event costs at most this. */
const WATCHED_POLL_MS = 100;

export class FileChanges {
  private readonly watchers: FSWatcher[] = [];
  private readonly pollMs: number;
  private changes = 0;
  private readonly waiting = new Set<() => void>();

  constructor(files: readonly string[]) {
    let unwatched = 0;
    for (const file of files) {
      try {
        const watcher = watch(file, { persistent: false }, () => this.onChange());
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        unwatched += 1;
      }
    }
    this.pollMs = unwatched > 0 || files.length === 0 ? POLL_MS : WATCHED_POLL_MS;
  }

  /** How many changes have come so far: take it before reading, and wait with it after (none is then missed). */
  get seen(): number {
    return this.changes;
  }

  /** Resolves once a change after `seen` has come, after the poll interval, or at `deadline` (Date.now()). */
  async after(seen: number, deadline: number): Promise<void> {
    if (this.changes !== seen) return;
    const ms = Math.max(0, Math.min(this.pollMs, deadline - Date.now()));
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
    });
  }

  close(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers.length = 0;
    for (const done of [...this.waiting]) done();
  }

  private onChange(): void {
    this.changes += 1;
    for (const done of [...this.waiting]) done();
  }
}
