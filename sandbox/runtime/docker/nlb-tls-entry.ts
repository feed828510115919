// One NLB TLS listener emulator in a container (the docker driver's `nlb-tls` service): reads the listener's JSON
// configuration, listens on 127.0.0.1 (host networking), and writes `<config>.ready` once every target has had its
// first health check — the moment the host driver, running the listener in process, would call it ready.
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { NlbTlsListenerConfig } from '../../nlb/tls-config.js';
import { startNlbTlsListener } from '../../nlb/tls-listener.js';

const configFile = process.argv[2];
if (!configFile) {
  console.error('usage: node bin/run-ts.js sandbox/runtime/docker/nlb-tls-entry.ts LISTENER.json');
  process.exit(2);
}
// A marker from an earlier start (a compose project brought up again) must not say ready before this one is.
await rm(`${configFile}.ready`, { force: true });
const config = JSON.parse(await readFile(configFile, 'utf8')) as NlbTlsListenerConfig;
const running = await startNlbTlsListener(config);
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
