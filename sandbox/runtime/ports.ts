// Ports on 127.0.0.1: free ones handed out once per process, retried when someone takes one before our component
// binds it, and readiness by connecting (never by sleeping) — and, for processes, by checking that the listener
// that answers is ours (port-owner.ts), not another that happens to sit on the port.
import { createServer, connect } from 'node:net';
import { msg } from '../messages.js';
import { PortInUseError } from './errors.js';
import { checkListener } from './port-owner.js';

/** Ports handed out by this process lately: never handed out twice while a run may still be binding them. */
const handedOut = new Set<number>();
const REMEMBERED = 2048;

function bindZero(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A port the kernel says is free now, and that this process has not handed out lately. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = await bindZero(host);
    if (handedOut.has(port) && attempt < 50) continue;
    handedOut.add(port);
    if (handedOut.size > REMEMBERED) handedOut.delete(handedOut.values().next().value!);
    return port;
  }
}

/** How many times a component is started on fresh ports when someone else takes the ones it was given. */
export const PORT_ATTEMPTS = 4;

/**
 * Starts something on `count` fresh ports; when it fails because someone else took a port first (PortInUseError),
 * starts it again on new ones, up to PORT_ATTEMPTS times. Another run allocating at the same moment cannot make
 * both fail: one binds, the other moves on.
 */
export async function withFreshPorts<T>(
  count: number,
  start: (ports: number[]) => Promise<T>,
  host = '127.0.0.1',
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) ports.push(await freePort(host));
    try {
      return await start(ports);
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= PORT_ATTEMPTS) {
        if (error instanceof PortInUseError && attempt > 1) {
          error.message = `${error.message} (${attempt} ports tried, each taken before it could be used)`;
          if (error.said) error.said = msg('start.ports-tried', { attempts: attempt }, error.said);
        }
        throw error;
      }
    }
  }
}

/** The longest pause between two looks at a port that is not ready yet: a component ready just after a look is
 * found this much later at most (a look is one connect, refused at once while nothing listens). */
const READY_POLL_MAX_MS = 25;

export function canConnect(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Waits until host:port accepts connections, the process died (`gone()` true) or the deadline passes. */
export async function waitForPort(
  host: string,
  port: number,
  options: { timeoutMs: number; gone: () => boolean },
): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + options.timeoutMs;
  let pause = 5;
  while (Date.now() < deadline) {
    if (options.gone()) return 'exited';
    if (await canConnect(host, port)) return 'ready';
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, READY_POLL_MAX_MS);
  }
  return 'timeout';
}

/**
 * Waits until host:port accepts connections *from our process* (`ours()`: its pids; `more()`: further pids of
 * ours, asked for only when those do not hold the listener): another listener there ends the wait at once with the
 * pids holding it (`taken`). Without /proc, accepting connections is all it can check.
 */
export async function waitForOwnListener(
  host: string,
  port: number,
  options: { timeoutMs: number; gone: () => boolean; ours: () => number[]; more?: () => number[] },
): Promise<'ready' | 'exited' | 'timeout' | { taken: number[] }> {
  const deadline = Date.now() + options.timeoutMs;
  let pause = 5;
  while (Date.now() < deadline) {
    if (options.gone()) return 'exited';
    if (await canConnect(host, port)) {
      const check = checkListener(host, port, options.ours(), options.more);
      if (check.state === 'ours' || check.state === 'unknown') return 'ready';
      if (check.state === 'foreign') return { taken: check.holders };
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, READY_POLL_MAX_MS);
  }
  return 'timeout';
}
