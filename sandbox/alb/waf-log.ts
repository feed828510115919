// The emulator's AWS WAF log: one JSON line per request the web ACL inspected (AWS WAF log field names, see waf.ts),
// written before the response leaves, so a probe finds its entry as soon as curl returns.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BoundedLog } from '../tls/bounded-log.js';

export class WafLog {
  private readonly list = new BoundedLog<Record<string, unknown>>();

  constructor(readonly file: string | null) {
    if (file) mkdirSync(dirname(file), { recursive: true });
  }

  append(entry: Record<string, unknown>): void {
    this.list.push(entry);
    if (!this.file) return;
    try {
      appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    } catch {
      // A full disk must not take the listener down; the in-memory log stays complete.
    }
  }

  entries(): Record<string, unknown>[] {
    return this.list.all();
  }
}
