// The ALB emulator alone in its own Node process, so the load client never shares its event loop.
// `node bin/run-ts.js sandbox/bench/alb-server.ts <config.json>` prints "listening <port>" when ready and
// exits on SIGTERM/SIGINT (cleanly, so `node --cpu-prof` can write its profile) or when its parent goes away.
import { readFile } from 'node:fs/promises';
import type { AlbListenerConfig } from '../alb/config.js';
import { startAlbListener } from '../alb/listener.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bin/run-ts.js sandbox/bench/alb-server.ts <config.json>');
  process.exit(2);
}
const config = JSON.parse(await readFile(file, 'utf8')) as AlbListenerConfig;
const running = await startAlbListener(config);
process.stdout.write(`listening ${running.addresses[0]!.port}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.race([running.close(), new Promise((r) => setTimeout(r, 1500))]);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop();
}, 1000).unref();
