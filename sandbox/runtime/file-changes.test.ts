// Waiting for logs to grow: a write wakes the wait (the kernel tells), a file that is not there is looked at again
// on a timer, and closing ends every wait.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileChanges } from './file-changes.js';

const dir = mkdtempSync(join(tmpdir(), 'mtls-file-changes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FileChanges', () => {
  it('counts a write to a watched file, and a wait taken before it returns at once', async () => {
    const file = join(dir, 'access.json');
    writeFileSync(file, '');
    const changes = new FileChanges([file]);
    try {
      const seen = changes.seen;
      appendFileSync(file, '{"a":1}\n');
      // Bounded: the event arrives through the event loop; each wait ends at a change or at the poll interval.
      for (const deadline = Date.now() + 10_000; changes.seen === seen && Date.now() < deadline; )
        await changes.after(changes.seen, deadline);
      expect(changes.seen).toBeGreaterThan(seen);
      // A change since `seen` came: no wait at all (settled before the event loop's next turn).
      const next = new Promise((resolve) => setImmediate(() => resolve('waited')));
      expect(await Promise.race([changes.after(seen, Date.now() + 60_000).then(() => 'at once'), next])).toBe(
        'at once',
      );
    } finally {
      changes.close();
    }
  });

  it('looks again on a timer for a file that is not there yet, and ends its waits when closed', async () => {
    const changes = new FileChanges([join(dir, 'not-yet.json')]);
    await changes.after(changes.seen, Date.now() + 60_000); // resolves by its poll, not the far deadline
    const waiting = changes.after(changes.seen, Date.now() + 60_000);
    changes.close();
    await waiting;
    expect(changes.seen).toBe(0);
  });
});
