// The server under every emulator: one TCP server on 127.0.0.1 that listens (a port it cannot have is a ListenError
// carrying the errno code, which the drivers turn into a PortInUseError naming the holder), tracks every socket and
// stream the emulator opens (each with an 'error' handler, so none can become an unhandled error), contains a
// connection handler that throws (that one connection ends; the others go on), and closes once — whatever calls
// close() and however often — in a fixed order: stop accepting, stop timers and sessions, destroy every tracked
// socket, wait for the server, then release log files.
import net, { type Socket } from 'node:net';
import type { Address } from './shape.js';

/** The emulator could not listen where it was told; `code` is the errno code (EADDRINUSE for a taken port). */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly host: string,
    readonly port: number,
  ) {
    super(message);
  }
}

/** Anything the base can track and destroy: sockets, TLS sockets, HTTP/2 sessions, streams. */
interface Destroyable {
  destroyed?: boolean;
  destroy(): void;
  on(event: 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

const ignore = (): void => {};

export interface ServerBaseOptions {
  /** The emulator in words, for errors: "ALB listener Alb HTTPS:443". */
  what: string;
  /** Handles one accepted connection. A throw ends that connection and goes to onFault. */
  connection: (socket: Socket) => void;
  /** Told when the connection handler threw (the emulator logs it); the socket is destroyed either way. */
  onFault?: (error: unknown, socket: Socket) => void;
}

export class ServerBase {
  private readonly server: net.Server;
  private readonly tracked = new Set<Destroyable>();
  /** Run first when closing (synchronous): timers, health checks, sessions, agents. */
  private readonly stops: (() => void)[] = [];
  /** Run last, once the server has closed: log files. */
  private readonly releases: (() => void | Promise<void>)[] = [];
  private closing: Promise<void> | null = null;
  private listening = false;

  constructor(private readonly options: ServerBaseOptions) {
    this.server = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
    // After listen, an error on the server (none is expected) must not become an unhandled 'error' event.
    this.server.on('error', ignore);
  }

  private accept(socket: Socket): void {
    this.track(socket);
    if (this.closing) {
      socket.destroy();
      return;
    }
    try {
      this.options.connection(socket);
    } catch (error) {
      socket.destroy();
      try {
        this.options.onFault?.(error, socket);
      } catch {
        // the fault could not be logged; the connection is already gone
      }
    }
  }

  /** Holds `item` until it closes: destroyed by close(), and given an 'error' handler of its own. */
  track<T extends Destroyable>(item: T): T {
    this.tracked.add(item);
    item.on('close', () => this.tracked.delete(item));
    item.on('error', ignore);
    return item;
  }

  /** Something close() stops first, synchronously (a timer, a health checker, an agent's sockets). */
  whenClosing(stop: () => void): void {
    this.stops.push(stop);
  }

  /** Something close() releases last, once the server has closed (a log file). */
  whenClosed(release: () => void | Promise<void>): void {
    this.releases.push(release);
  }

  /** Listens on host:port (port 0: a free one). A failure releases what was registered, then rejects. */
  async listen(host: string, port: number): Promise<Address> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(port, host, () => {
          this.server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      await this.close();
      const err = error as NodeJS.ErrnoException;
      throw new ListenError(
        `${this.options.what}: cannot listen on ${host}:${port}: ${err.message}`,
        err.code,
        host,
        port,
      );
    }
    this.listening = true;
    return { host, port: (this.server.address() as net.AddressInfo).port };
  }

  /** Stops accepting, stops what was registered, destroys every tracked socket, then releases log files. Once. */
  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    const closed = this.listening
      ? new Promise<void>((resolve) => this.server.close(() => resolve()))
      : Promise.resolve();
    for (const stop of this.stops) {
      try {
        stop();
      } catch {
        // the next one still has to stop
      }
    }
    for (const item of this.tracked) item.destroy();
    await closed;
    for (const release of this.releases) await Promise.resolve(release()).catch(ignore);
  }
}
