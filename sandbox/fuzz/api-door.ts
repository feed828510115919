// The ELBv2 API's door for `npm run fuzz`: the API an `up` serves, over the ALB listener it changes, started as `up`
// starts them (prepare, then startElbv2Api on the live listeners), with a folder standing in for S3 that holds only
// traps (a FIFO, links to /dev/zero and out of the folder). In this process, so that the suite can look at
// Object.prototype after each batch.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pki } from '../../certs/types.js';
import { findScenario } from '../../scenarios/catalogue.js';
import { folderObjects, localObjectsDir } from '../elbv2-api/objects.js';
import { startElbv2Api } from '../elbv2-api/server.js';
import { prepare } from '../run.js';
import type { ClientCredentials, Endpoint } from './clients.js';

export const API_DOOR_ID = 'elbv2-api';
export const API_DOOR_DESCRIPTION =
  'ELBv2 Query API of `up alb-rule-on-mtls-header`, with the ALB listener it changes (the emulator, echo target behind)';
const SCENARIO = 'alb-rule-on-mtls-header';

export interface OpenApiDoor {
  /** http://127.0.0.1:PORT of the API. */
  endpoint: string;
  /** The ALB listener the API changes, and the client certificate a normal request presents. */
  listener: Endpoint;
  credentials: ClientCredentials;
  /** Resolves with the name of a component that stopped by itself (a crash). */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export async function openApiDoor(options: { stateDir: string; pki: Pki }): Promise<OpenApiDoor> {
  const prepared = await prepare(await findScenario(SCENARIO), {
    stateDir: options.stateDir,
    pki: options.pki,
    lang: 'en',
    emit: () => {},
  });
  try {
    const objects = localObjectsDir(options.stateDir);
    plantTraps(objects, options.stateDir);
    const api = await startElbv2Api({
      topology: prepared.topology,
      listeners: prepared.realized.live.albListeners,
      trustStores: prepared.realized.live.trustStores,
      objects: folderObjects(objects),
    });
    const client = options.pki.clients.clientA;
    return {
      endpoint: api.endpoint,
      listener: prepared.realized.endpoint('Alb', 443),
      credentials: { cert: await readFile(client.cert, 'utf8'), key: await readFile(client.key, 'utf8') },
      exited: prepared.ended.then((end) => end.component),
      stop: async () => {
        await api.close();
        await prepared.stop();
      },
    };
  } catch (error) {
    await prepared.stop();
    throw error;
  }
}

/** The names the cases use as S3 keys under s3://local/: none is a file the API may read. */
export const TRAP_KEYS = ['fifo', 'zero', 'out-link', 'a-directory', 'missing', '../outside', '/dev/zero'];

function plantTraps(objects: string, stateDir: string): void {
  const local = join(objects, 'local');
  mkdirSync(join(local, 'a-directory'), { recursive: true });
  const outside = join(stateDir, 'fuzz-outside.pem');
  writeFileSync(outside, 'not for the API\n');
  for (const [target, name] of [
    ['/dev/zero', 'zero'],
    [outside, 'out-link'],
  ] as const) {
    try {
      symlinkSync(target, join(local, name));
    } catch {
      // there from an earlier run
    }
  }
  try {
    execFileSync('mkfifo', [join(local, 'fifo')], { stdio: 'ignore' });
  } catch {
    // there from an earlier run
  }
}
