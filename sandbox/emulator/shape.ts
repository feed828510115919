// The one shape every emulator has (the ALB listener, the NLB TLS listener, the CloudFront distribution, the echo
// target, and whatever front door comes next): a configuration in, start(config) → a running emulator out. The
// drivers start every kind through one table (table.ts), so a new kind is a folder and a row, never a new driver
// method.
//
//   config ──► start(config) ──► { addresses, logs, ready(), apply(update), close() }
//
// Each is built on one server base (server-base.ts) that owns listening (a taken port is a ListenError with the
// errno code, which the drivers turn into a PortInUseError), the sockets it holds and a close that runs once.

export interface Address {
  host: string;
  port: number;
}

/** A running emulator. `Update` is what apply() takes; `Logs` what it recorded so far (in memory). */
export interface RunningEmulator<Update, Logs> {
  /** Where it accepts connections (127.0.0.1 and the port it was given or got). */
  readonly addresses: readonly Address[];
  /** What it has recorded so far, one reader per log (the files it was given hold everything). */
  readonly logs: Logs;
  /** Resolves once it is ready to be probed: every target it forwards to has had its first health check. */
  ready(): Promise<void>;
  /**
   * Changes the running emulator at once (the sandbox's ELBv2 API). Throws, changing nothing, when the result would
   * not be valid, or when this kind takes no changes.
   */
  apply(update: Update): void;
  /** Stops it and everything it holds (servers, sockets, timers, log files); every call shares one close. */
  close(): Promise<void>;
}

/** The apply() of a kind that takes no live changes. */
export function takesNoUpdates(what: string): (update: never) => void {
  return () => {
    throw new Error(`${what} takes no live changes`);
  };
}
