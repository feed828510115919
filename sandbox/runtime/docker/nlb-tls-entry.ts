// One NLB TLS listener emulator in a container (the docker driver's `nlb-tls` service): LISTENER.json in,
// `<config>.ready` out once every target has had its first health check (emulator-entry.ts).
import { serveFromConfigFile } from './emulator-entry.js';

await serveFromConfigFile('nlb-tls', 'sandbox/runtime/docker/nlb-tls-entry.ts');
