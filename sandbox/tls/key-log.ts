// TLS secrets in the NSS key log format (what SSLKEYLOGFILE holds), so Wireshark or tshark can decrypt a capture of
// the emulator's connections. Node hands each line over in a `keylog` event; they are appended as they come.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export class KeyLog {
  private closed = false;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  append(line: Buffer): void {
    if (this.closed) return;
    try {
      // Synchronous: the line must be in the file before the packets it decrypts are looked at.
      appendFileSync(this.file, line);
    } catch {
      // A full disk must not take the listener down.
    }
  }

  close(): void {
    this.closed = true;
  }
}
