// One ALB emulator listener in a container (the docker driver's `alb` service): reads the listener's JSON
// configuration, listens on 127.0.0.1 (host networking), and writes `<config>.ready` once every target has had its
// first health check — the moment the host driver, running the listener in process, would call it ready.
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { AlbListenerConfig } from '../../alb/config.js';
import { startAlbListener } from '../../alb/listener.js';

const configFile = process.argv[2];
if (!configFile) {
  console.error('usage: node bin/run-ts.js sandbox/runtime/docker/alb-entry.ts LISTENER.json');
  process.exit(2);
}
const config = JSON.parse(await readFile(configFile, 'utf8')) as AlbListenerConfig;
// A marker from an earlier start (a compose project brought up again) must not say ready before this one is.
await rm(`${configFile}.ready`, { force: true });
const running = await startAlbListener(config);
console.log(`${config.name} listening on ${running.address.host}:${running.address.port}`);
// As PID 1 in the container, node has no default signal handling: stop cleanly on docker stop.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void running.close().finally(() => process.exit(0));
  });
}
await running.healthChecked();
await writeFile(`${configFile}.ready`, `${new Date().toISOString()}\n`);
console.log(`${config.name}: first health checks done`);
