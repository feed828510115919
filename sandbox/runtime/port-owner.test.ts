// Reading /proc/net/tcp: who listens on a port (pure parsing), and a real listener found as ours or as someone else's.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkListener, decodeProcAddress, parseListeningHead, parseProcNetTcp, portHolders } from './port-owner.js';

describe('port owner', () => {
  it('decodes the kernel’s little-endian addresses', () => {
    expect(decodeProcAddress('0100007F:1F90')).toEqual({ address: '127.0.0.1', port: 8080 });
    expect(decodeProcAddress('00000000:0050')).toEqual({ address: '0.0.0.0', port: 80 });
    expect(decodeProcAddress('00000000000000000000000000000000:01BB')).toEqual({ address: '::', port: 443 });
    expect(decodeProcAddress('0000000000000000FFFF00000100007F:01BB')).toEqual({
      address: '::ffff:127.0.0.1',
      port: 443,
    });
  });

  it('parses listening and connected sockets with their inodes', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0',
      '   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0 20 4 30 10 -1',
    ].join('\n');
    expect(parseProcNetTcp(text)).toEqual([
      { address: '127.0.0.1', port: 8080, listening: true, inode: 4242 },
      { address: '127.0.0.1', port: 8080, listening: false, inode: 4343 },
    ]);
  });

  it('reads the listening sockets at the head of the file, up to the first one that is not listening', () => {
    const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
    const listening =
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0 100 0 0 10 0';
    const timeWait = '   1: 0100007F:1F90 0100007F:D431 06 00000000:00000000 03:00000F3C 00000000     0        0 0 3 0';
    const later =
      '   2: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4444 1 0 100 0 0 10 0';
    const whole = [header, listening, timeWait, later, ''].join('\n');
    expect(parseListeningHead(whole)).toEqual({
      listening: [{ address: '127.0.0.1', port: 8080, listening: true, inode: 4242 }],
      complete: true,
    });
    // Cut before the first socket that is not listening (or mid-line): read on.
    expect(parseListeningHead([header, listening, ''].join('\n')).complete).toBe(false);
    expect(parseListeningHead(`${[header, listening].join('\n')}\n   1: 0100007F:1F90 0100`)).toEqual({
      listening: [{ address: '127.0.0.1', port: 8080, listening: true, inode: 4242 }],
      complete: false,
    });
  });

  it('finds a listener of this process as ours, and as someone else’s for anyone else', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(checkListener('127.0.0.1', port, [process.pid])).toEqual({ state: 'ours' });
      expect(checkListener('127.0.0.1', port, [1])).toEqual({ state: 'foreign', holders: [process.pid] });
      // Further pids of ours are asked for only when the first do not hold the listener.
      let asked = 0;
      const more = () => {
        asked += 1;
        return [process.pid];
      };
      expect(checkListener('127.0.0.1', port, [process.pid], more)).toEqual({ state: 'ours' });
      expect(asked).toBe(0);
      expect(checkListener('127.0.0.1', port, [1], more)).toEqual({ state: 'ours' });
      expect(asked).toBe(1);
      expect(portHolders('127.0.0.1', port)).toEqual([process.pid]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(checkListener('127.0.0.1', port, [process.pid])).toEqual({ state: 'none' });
  });

  it('finds an IPv6 listener for an IPv6 address at once', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(checkListener('::', port, [process.pid])).toEqual({ state: 'ours' });
      expect(checkListener('::', port, [1])).toEqual({ state: 'foreign', holders: [process.pid] });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(checkListener('::', port, [process.pid])).toEqual({ state: 'none' });
  });
});
