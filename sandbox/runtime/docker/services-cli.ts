// Prints docker-compose.yml from the driver's templates: node bin/run-ts.js sandbox/runtime/docker/services-cli.ts > docker-compose.yml
import { renderCompose } from './services.js';

process.stdout.write(renderCompose());
