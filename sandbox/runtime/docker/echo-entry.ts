// The echo target in a container (the docker driver's `echo-target` service): NAME PORT LOGFILE.
import { startEchoTarget } from '../../echo/echo-server.js';

const [name, port, logFile] = process.argv.slice(2);
if (!name || !port || !logFile) {
  console.error('usage: node bin/run-ts.js sandbox/runtime/docker/echo-entry.ts NAME PORT LOGFILE');
  process.exit(2);
}
const echo = await startEchoTarget({ name, host: '127.0.0.1', port: Number(port), logFile });
console.log(`${name} listening on ${echo.address.host}:${echo.address.port}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    void echo.close().finally(() => process.exit(0));
  });
}
