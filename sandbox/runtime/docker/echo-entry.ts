// The echo target in a container (the docker driver's `echo-target` service): NAME PORT LOGFILE.
import { startEmulator } from '../emulator-table.js';
import { stopOnSignals } from './emulator-entry.js';

const [name, port, logFile] = process.argv.slice(2);
if (!name || !port || !logFile) {
  console.error('usage: node bin/run-ts.js sandbox/runtime/docker/echo-entry.ts NAME PORT LOGFILE');
  process.exit(2);
}
const echo = await startEmulator('echo', { name, host: '127.0.0.1', port: Number(port), logFile });
const [address] = echo.addresses;
console.log(`${name} listening on ${address!.host}:${address!.port}`);
stopOnSignals(() => echo.close());
