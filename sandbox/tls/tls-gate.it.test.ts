// The TLS gate on its own, with node's TLS engine on both sides: what the client sees when the server accepts or
// rejects after the handshake, including a TLS 1.3 HelloRetryRequest.
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import tls, { type SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { Pki } from '../../certs/types.js';
import { TlsGate } from './tls-gate.js';
import { freshState } from '../testing/suite.js';

let dir: string;
let pki: Pki;
const read = (f: string) => readFileSync(f, 'utf8');

beforeAll(async () => {
  dir = freshState('alb-gate');
  pki = await ensurePki(join(dir, 'certs'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  client: { secure: boolean; data: string; error: string | null; alert: boolean };
  gate: TlsGate;
}

/** One connection through a gated server that accepts or rejects at 'secure'. */
async function connect(opts: {
  decision: 'accept' | 'reject';
  maxVersion: SecureVersion;
  serverCurve?: string;
  clientCurve?: string;
  garbage?: boolean;
}): Promise<Outcome> {
  const ctx = tls.createSecureContext({
    key: read(pki.server.key),
    cert: read(pki.server.cert),
    maxVersion: opts.maxVersion,
    ca: [],
    ecdhCurve: opts.serverCurve,
  });
  let gate!: TlsGate;
  const server = net.createServer((raw) => {
    gate = new TlsGate(raw);
    const socket = new tls.TLSSocket(gate, {
      isServer: true,
      secureContext: ctx,
      requestCert: true,
      rejectUnauthorized: false,
    });
    gate.whenAlert(() => gate.reject());
    socket.on('error', () => gate.reject());
    socket.once('secure', () => {
      if (opts.decision === 'reject') {
        gate.reject();
        socket.destroy();
        return;
      }
      gate.accept();
      socket.end('hello from behind the gate');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const client = await new Promise<Outcome['client']>((resolve) => {
    const result = { secure: false, data: '', error: null as string | null, alert: false };
    if (opts.garbage) {
      const s = net.connect(port, '127.0.0.1', () => s.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
      s.on('data', (d) => (result.data += d.toString('latin1')));
      s.on('error', (e: Error & { code?: string }) => (result.error = e.code ?? e.message));
      s.on('close', () => resolve(result));
      return;
    }
    const s = tls.connect({
      port,
      host: '127.0.0.1',
      rejectUnauthorized: false,
      cert: read(pki.clients.clientA.cert),
      key: read(pki.clients.clientA.key),
      maxVersion: opts.maxVersion,
      ecdhCurve: opts.clientCurve,
    });
    s.on('secureConnect', () => (result.secure = true));
    s.on('data', (d) => (result.data += d.toString()));
    s.on('error', (e: Error & { code?: string }) => {
      result.error = e.code ?? e.message;
      result.alert = /alert/i.test(e.message);
    });
    s.on('close', () => resolve(result));
  });
  await new Promise<void>((r) => server.close(() => r()));
  return { client, gate };
}

describe('TlsGate', () => {
  it('TLS 1.2 reject: the client never completes its handshake and sees a reset, no alert', async () => {
    const { client, gate } = await connect({ decision: 'reject', maxVersion: 'TLSv1.2' });
    expect(client.secure).toBe(false);
    expect(client.error).toBe('ECONNRESET');
    expect(client.alert).toBe(false);
    expect(gate.state).toBe('closed');
  });

  it('TLS 1.2 accept: the held Finished is released and data flows', async () => {
    const { client, gate } = await connect({ decision: 'accept', maxVersion: 'TLSv1.2' });
    expect(client.secure).toBe(true);
    expect(client.data).toBe('hello from behind the gate');
    expect(gate.state).toBe('open');
  });

  it('TLS 1.3 with a HelloRetryRequest: the gate waits for the real ServerHello', async () => {
    const { client, gate } = await connect({
      decision: 'accept',
      maxVersion: 'TLSv1.3',
      serverCurve: 'X25519',
      clientCurve: 'P-256:X25519',
    });
    expect(gate.helloRetries).toBe(1);
    expect(client.secure).toBe(true);
    expect(client.data).toBe('hello from behind the gate');
  });

  it('TLS 1.3 reject: the reset reaches the client after its handshake, without an alert', async () => {
    const { client } = await connect({ decision: 'reject', maxVersion: 'TLSv1.3' });
    expect(client.data).toBe('');
    expect(client.error).toBe('ECONNRESET');
    expect(client.alert).toBe(false);
  });

  it('bytes that are not TLS: no alert goes out, the connection is reset', async () => {
    const { client, gate } = await connect({ decision: 'accept', maxVersion: 'TLSv1.2', garbage: true });
    expect(client.data).toBe(''); // not even the alert record OpenSSL wanted to send
    expect(gate.state).toBe('closed');
    expect(client.error).toBe('ECONNRESET');
  });
});
