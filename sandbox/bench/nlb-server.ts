// The NLB TLS listener emulator in its own Node process, with the plain TCP target it forwards to (a minimal
// HTTP/1.x answer, "ok", then close: what `openssl s_time -www /` reads). `node bin/run-ts.js
// sandbox/bench/nlb-server.ts <config.json>` prints "listening <port>" when ready and exits on SIGTERM/SIGINT or when
// its parent goes away.
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import type { NlbTlsListenerConfig } from '../nlb/tls-config.js';
import { startNlbTlsListener } from '../nlb/tls-listener.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bin/run-ts.js sandbox/bench/nlb-server.ts <config.json>');
  process.exit(2);
}
const listener = JSON.parse(await readFile(file, 'utf8')) as Omit<NlbTlsListenerConfig, 'targetGroup'>;
const ANSWER = 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';
const target = net.createServer((socket) => {
  socket.on('error', () => {});
  let seen = '';
  socket.on('data', (chunk: Buffer) => {
    seen += chunk.toString('latin1');
    if (seen.includes('\r\n\r\n')) socket.end(ANSWER);
  });
});
await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
const targetPort = (target.address() as net.AddressInfo).port;
const running = await startNlbTlsListener({
  ...listener,
  targetGroup: {
    id: 'bench',
    protocol: 'TCP',
    targets: [{ name: 'bench-target', host: '127.0.0.1', port: targetPort }],
    healthCheck: {
      protocol: 'TCP',
      port: 'traffic-port',
      path: null,
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
      matcher: null,
    },
    sourceIpStickiness: false,
    proxyProtocolV2: false,
    preserveClientIp: false,
  },
});
await running.ready();
process.stdout.write(`listening ${running.addresses[0]!.port}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.race([
    Promise.all([running.close(), new Promise((r) => target.close(r))]),
    new Promise((r) => setTimeout(r, 1500)),
  ]);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop();
}, 1000).unref();
