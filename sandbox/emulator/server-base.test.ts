// The server under every emulator: a taken port is a ListenError with its code (and what was registered is released),
// a connection handler that throws ends that connection only, and close() runs once however often it is called.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ListenError, ServerBase } from './server-base.js';

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

function connect(port: number): Promise<{ socket: net.Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      resolve({ socket, closed: new Promise((done) => socket.once('close', () => done())) }),
    );
    socket.on('error', reject);
  });
}

describe('ServerBase', () => {
  it('turns a taken port into a ListenError with the errno code, after releasing what was registered', async () => {
    const holder = new ServerBase({ what: 'holder', connection: () => {} });
    open.push(() => holder.close());
    const { port } = await holder.listen('127.0.0.1', 0);
    const released: string[] = [];
    const second = new ServerBase({ what: 'ALB listener X', connection: () => {} });
    second.whenClosed(() => {
      released.push('log');
    });
    const error = await second.listen('127.0.0.1', port).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ListenError);
    expect(error).toMatchObject({ code: 'EADDRINUSE', host: '127.0.0.1', port });
    expect((error as Error).message).toMatch(new RegExp(`^ALB listener X: cannot listen on 127\\.0\\.0\\.1:${port}: `));
    expect(released).toEqual(['log']);
  });

  it('ends only the connection whose handler threw, tells onFault, and keeps accepting', async () => {
    const faults: unknown[] = [];
    let calls = 0;
    const base = new ServerBase({
      what: 'test',
      connection: (socket) => {
        calls++;
        if (calls === 1) throw new TypeError('boom');
        socket.end('hello');
      },
      onFault: (error) => faults.push(error),
    });
    open.push(() => base.close());
    const { port } = await base.listen('127.0.0.1', 0);
    const first = await connect(port);
    await first.closed;
    expect(faults).toEqual([new TypeError('boom')]);
    const second = await connect(port);
    const data = await new Promise<string>((resolve) => second.socket.once('data', (chunk) => resolve(String(chunk))));
    expect(data).toBe('hello');
  });

  it('closes once, in order: stops, then every tracked socket, then releases; every call shares it', async () => {
    const order: string[] = [];
    const base = new ServerBase({ what: 'test', connection: () => {} });
    base.whenClosing(() => order.push('stop'));
    base.whenClosed(async () => {
      order.push('release');
    });
    const { port } = await base.listen('127.0.0.1', 0);
    const client = await connect(port);
    client.closed.then(() => order.push('socket closed'));
    const [a, b] = [base.close(), base.close()];
    expect(a).toBe(b);
    await a;
    await base.close();
    await client.closed;
    expect(order.filter((step) => step === 'stop')).toHaveLength(1);
    expect(order.filter((step) => step === 'release')).toHaveLength(1);
    expect(order.indexOf('stop')).toBeLessThan(order.indexOf('release'));
    await expect(connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
