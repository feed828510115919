import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConnectionLog,
  type ConnectionLogEntry,
  formatConnectionLogLine,
  formatLatency,
  isoMicros,
} from './connection-log.js';

const entry: ConnectionLogEntry = {
  timestamp: '2023-10-04T17:05:15.514108Z',
  client_ip: '203.0.113.1',
  client_port: 36280,
  listener_port: 443,
  tls_protocol: 'TLSv1.2',
  tls_cipher: 'ECDHE-RSA-AES128-GCM-SHA256',
  tls_handshake_latency: '4.036',
  leaf_client_cert_subject: 'CN=amazondomains.com,O=endEntity,L=Seattle,ST=Washington,C=US',
  leaf_client_cert_validity: 'NotBefore=2023-09-21T22:43:21Z;NotAfter=2026-06-17T22:43:21Z',
  leaf_client_cert_serial_number: 'FEF257372D5C14D4',
  tls_verify_status: 'Success',
  conn_trace_id: 'TID_3180a73013c8ca4bac2f731159d4b0fe',
  tls_keyexchange: '-',
  elb: 'app/alb',
  ip_address: '127.0.0.1',
  listener: 'Alb HTTPS:443',
  notes: '',
};

describe('connection log', () => {
  it('formats entries like the documented example', () => {
    expect(formatConnectionLogLine(entry)).toBe(
      '2023-10-04T17:05:15.514108Z 203.0.113.1 36280 443 TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 4.036 ' +
        '"CN=amazondomains.com,O=endEntity,L=Seattle,ST=Washington,C=US" NotBefore=2023-09-21T22:43:21Z;NotAfter=2026-06-17T22:43:21Z ' +
        'FEF257372D5C14D4 Success TID_3180a73013c8ca4bac2f731159d4b0fe - app/alb 127.0.0.1',
    );
  });
  it('writes microsecond timestamps and millisecond latencies', () => {
    expect(isoMicros(Date.parse('2023-10-04T17:05:15.514Z') + 0.108)).toBe('2023-10-04T17:05:15.514108Z');
    expect(formatLatency(4036.4)).toBe('4.036');
  });
  it('appends JSON lines, creating directories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alb-connlog-'));
    const log = new ConnectionLog(join(dir, 'a', 'b', 'conn.jsonl'));
    log.append(entry);
    log.append({ ...entry, tls_verify_status: 'Failed:ClientCertUntrusted' });
    await log.close();
    const lines = readFileSync(join(dir, 'a', 'b', 'conn.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.tls_verify_status)).toEqual(['Success', 'Failed:ClientCertUntrusted']);
    expect(log.entries()).toHaveLength(2);
    rmSync(dir, { recursive: true, force: true });
  });
  it('writes the first entry of a burst at once and the rest together shortly after, without a close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alb-connlog-'));
    const file = join(dir, 'conn.jsonl');
    const log = new ConnectionLog(file);
    for (const status of ['Success', 'Failed:ClientCertUntrusted', 'Failed:ClientCertRevoked']) {
      log.append({ ...entry, tls_verify_status: status });
    }
    const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
    // Bounded poll: the batch goes out on a timer.
    for (const deadline = Date.now() + 10_000; lines().length < 3 && Date.now() < deadline; )
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lines().map((line) => JSON.parse(line).tls_verify_status)).toEqual([
      'Success',
      'Failed:ClientCertUntrusted',
      'Failed:ClientCertRevoked',
    ]);
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
