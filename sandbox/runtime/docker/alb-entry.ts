// One ALB emulator listener in a container (the docker driver's `alb` service): LISTENER.json in, `<config>.ready`
// out once every target has had its first health check (emulator-entry.ts).
import { serveFromConfigFile } from './emulator-entry.js';

await serveFromConfigFile('alb', 'sandbox/runtime/docker/alb-entry.ts');
