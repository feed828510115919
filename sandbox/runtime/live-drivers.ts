// The drivers of this process that still run something: what Ctrl-C, SIGTERM, the exit hook and the test suite's
// clean-up after each file stop. Apart from driver.ts so that a caller that only stops them (the suite's file set-up)
// does not load every emulator with it.

export interface LiveDriver {
  stopAll(): Promise<void>;
}

/** Filled and emptied by DriverBase (driver.ts): a driver is here from its first component until stopAll. */
export const liveDrivers = new Set<LiveDriver>();

/** Stops every driver of this process: what Ctrl-C and SIGTERM handlers call before exiting. */
export async function stopEveryDriver(): Promise<void> {
  for (const driver of [...liveDrivers]) await driver.stopAll();
}
