// `mtls-sandbox down`, docker part: removes the containers a killed run left behind, found by label
// (mtls-sandbox.state=<this state dir>). Without an engine there is nothing to do, and nothing is said.
import { engineClient, engineVersion, LABEL_COMPONENT, LABEL_RUN, LABEL_STATE } from './engine.js';

export interface RemovedContainer {
  name: string;
  component: string;
  run: string;
}

export async function downContainers(state: string): Promise<RemovedContainer[] | null> {
  const docker = engineClient();
  if (!(await engineVersion(docker, 2000))) return null;
  const found = await docker.listContainers({ all: true, filters: { label: [`${LABEL_STATE}=${state}`] } });
  const removed: RemovedContainer[] = [];
  for (const info of found) {
    await docker
      .getContainer(info.Id)
      .remove({ force: true })
      .catch(() => undefined);
    removed.push({
      name: (info.Names[0] ?? info.Id).replace(/^\//, ''),
      component: info.Labels[LABEL_COMPONENT] ?? '',
      run: info.Labels[LABEL_RUN] ?? '',
    });
  }
  return removed;
}

/**
 * Containers of ours that exist now, of one state dir or of any: what the integration tests check is empty
 * afterwards (each of its own state dir: other test files may be running theirs on the same engine).
 */
export async function ourContainers(state?: string): Promise<string[]> {
  const docker = engineClient();
  const label = state === undefined ? LABEL_RUN : `${LABEL_STATE}=${state}`;
  const found = await docker.listContainers({ all: true, filters: { label: [label] } });
  return found.map((info) => (info.Names[0] ?? info.Id).replace(/^\//, ''));
}
