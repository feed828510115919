// ALB connection logs: one entry per connection attempt (ELB "Connection logs for your Application Load Balancer").
// Entries keep AWS's field names; `listener` and `notes` are ours (what the sandbox could not know or inferred).
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { BoundedLog } from './bounded-log.js';

export interface ConnectionLogEntry {
  [field: string]: string | number;
  /** ISO 8601 with microseconds, when the connection was established or failed. */
  timestamp: string;
  client_ip: string;
  client_port: number;
  listener_port: number;
  /** "-" for non-TLS connections. */
  tls_protocol: string;
  tls_cipher: string;
  /** Seconds with millisecond precision; "-" when the handshake did not succeed. */
  tls_handshake_latency: string;
  /** RFC 2253 subject of the leaf, "-" without mTLS or without a readable leaf. */
  leaf_client_cert_subject: string;
  leaf_client_cert_validity: string;
  leaf_client_cert_serial_number: string;
  /** "Success" or "Failed:<reason code>". */
  tls_verify_status: string;
  conn_trace_id: string;
  tls_keyexchange: string;
  elb: string;
  ip_address: string;
  listener: string;
  notes: string;
}

/** ISO 8601 with six fractional digits, like 2023-10-04T17:05:15.514108Z, from epoch milliseconds. */
export function isoMicros(epochMs: number): string {
  let whole = Math.floor(epochMs);
  let micros = Math.round((epochMs - whole) * 1000);
  if (micros === 1000) {
    whole += 1;
    micros = 0;
  }
  return new Date(whole).toISOString().replace(/Z$/, `${String(micros).padStart(3, '0')}Z`);
}

/** "4.036": seconds with millisecond precision. */
export function formatLatency(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The entry as AWS writes it: fields in documented order, space-delimited, the subject in double quotes. */
export function formatConnectionLogLine(e: ConnectionLogEntry): string {
  const quoted = e.leaf_client_cert_subject === '-' ? '-' : `"${e.leaf_client_cert_subject.replace(/"/g, '\\"')}"`;
  return [
    e.timestamp,
    e.client_ip,
    e.client_port,
    e.listener_port,
    e.tls_protocol,
    e.tls_cipher,
    e.tls_handshake_latency,
    quoted,
    e.leaf_client_cert_validity,
    e.leaf_client_cert_serial_number,
    e.tls_verify_status,
    e.conn_trace_id,
    e.tls_keyexchange,
    e.elb,
    e.ip_address,
  ].join(' ');
}

/** How long entries may wait before they are written: lines are batched so that a busy listener does not make
 * one file write per connection. Readers of the file see entries within this delay; the first entry after a quiet
 * spell at once (a probe's one connection, which the probe waits for). */
export const FLUSH_DELAY_MS = 20;

/** Keeps entries in memory and appends them as JSON lines to a file (parent directories are created). */
export class ConnectionLog {
  private readonly list = new BoundedLog<ConnectionLogEntry>();
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.stream = createWriteStream(file, { flags: 'a' });
    // A full disk must not take the listener down; the in-memory log stays complete.
    this.stream.on('error', () => {});
  }

  append(entry: ConnectionLogEntry): void {
    this.list.push(entry);
    this.pending.push(JSON.stringify(entry));
    // Written at once unless a write went out within FLUSH_DELAY_MS: then with the next batch.
    if (!this.timer) this.writeAndWait();
  }

  /** Writes what is pending, then holds further entries for FLUSH_DELAY_MS. */
  private writeAndWait(): void {
    this.write();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.pending.length > 0) this.writeAndWait();
    }, FLUSH_DELAY_MS);
    this.timer.unref();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.write();
  }

  private write(): void {
    if (this.pending.length === 0 || this.stream.destroyed) return;
    this.stream.write(`${this.pending.join('\n')}\n`);
    this.pending = [];
  }

  entries(): ConnectionLogEntry[] {
    return this.list.all();
  }

  close(): Promise<void> {
    this.flush();
    return new Promise((resolve) => {
      if (this.stream.destroyed || this.stream.closed) return resolve();
      this.stream.end(() => resolve());
    });
  }
}
