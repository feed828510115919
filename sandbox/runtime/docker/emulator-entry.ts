// What a container entry of an emulator with a JSON configuration does (the docker driver's `alb` and `nlb-tls`
// services): reads the configuration, starts the emulator from the table (sandbox/runtime/emulator-table.ts) on 127.0.0.1
// (host networking), and writes `<config>.ready` once it is ready (every target has had its first health check) —
// the moment the host driver, running it in process, would call it ready.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { type EmulatorConfig, type EmulatorKind, startEmulator } from '../emulator-table.js';

export async function serveFromConfigFile(kind: EmulatorKind, entry: string): Promise<void> {
  const configFile = process.argv[2];
  if (!configFile) {
    console.error(`usage: node bin/run-ts.js ${entry} LISTENER.json`);
    process.exit(2);
  }
  // A marker from an earlier start (a compose project brought up again) must not say ready before this one is.
  await rm(`${configFile}.ready`, { force: true });
  const config = JSON.parse(await readFile(configFile, 'utf8')) as EmulatorConfig<typeof kind>;
  const running = await startEmulator(kind, config);
  const [address] = running.addresses;
  console.log(`${config.name} listening on ${address!.host}:${address!.port}`);
  stopOnSignals(() => running.close());
  await running.ready();
  await writeFile(`${configFile}.ready`, `${new Date().toISOString()}\n`);
  console.log(`${config.name}: first health checks done`);
}

/** As PID 1 in the container, node has no default signal handling: stop cleanly on docker stop. */
export function stopOnSignals(close: () => Promise<void>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      void close().finally(() => process.exit(0));
    });
  }
}
