import { english } from '../../cli/testing/english.js';
// `--localstack docker` end to end: the LocalStack container (the official image, or here the local stand-in that
// runs the host's venv) through the Docker engine, health, an SSM parameter written and read back, stopped, nothing
// left. The suite starts Debian's dockerd when none runs (as root) and stops it at the end
// (sandbox/testing/suite-setup.ts); MTLS_SANDBOX_SKIP_DOCKER_TESTS=1 leaves it out, like the other Docker tests.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ourContainers } from '../runtime/docker/down.js';
import { engineClient, hasImage } from '../runtime/docker/engine.js';
import { LOCALSTACK_IMAGE, SETUP_DOCKER_COMMAND } from '../runtime/docker/images.js';
import { freePort } from '../runtime/ports.js';
import { openLocalStack } from './session.js';
import { dockerEngine, freshState } from '../testing/suite.js';

const skip = process.env.MTLS_SANDBOX_SKIP_DOCKER_TESTS === '1';
const state = freshState('mtls-sandbox-localstack-docker');

describe.skipIf(skip)('--localstack docker', () => {
  beforeAll(async () => {
    dockerEngine();
    if (!(await hasImage(engineClient(), LOCALSTACK_IMAGE)))
      throw new Error(
        `The LocalStack docker test needs ${LOCALSTACK_IMAGE}, which is not on this machine. Make it with \`${SETUP_DOCKER_COMMAND} --for-tests\` (after scripts/setup-localstack.sh where it must be a local stand-in).`,
      );
  }, 40_000);

  afterAll(async () => {
    const left = await ourContainers(state).catch(() => []);
    rmSync(state, { recursive: true, force: true });
    expect(left, 'containers left behind').toEqual([]);
  }, 30_000);

  it('starts LocalStack as a container, serves SSM, and removes the container on stop', async () => {
    // A LocalStack already on 4566 would be used as "external"; this test wants its own, on a port of its own.
    const port = await freePort();
    const session = await openLocalStack({
      request: 'docker',
      needed: true,
      stateDir: state,
      port,
      env: { ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
    });
    try {
      expect(session.mode).toBe('docker');
      expect(english(session.component?.role)).toMatch(/docker mode/);
      expect(session.startMs).toBeGreaterThan(0);
      console.log(`LocalStack container ready in ${session.startMs} ms (${english(session.reason)})`);
      const client = session.client!;
      expect((await client.health(2000))?.services.ssm).toMatch(/available|running/);
      await client.putParameter('/mtls-sandbox/docker-test', 'hello from the container');
      expect((await client.getParameter('/mtls-sandbox/docker-test'))?.value).toBe('hello from the container');
      expect((await ourContainers(state)).some((name) => name.endsWith('-localstack'))).toBe(true);
    } finally {
      const stopping = performance.now();
      await session.stop();
      console.log(`LocalStack container stopped and removed in ${Math.round(performance.now() - stopping)} ms`);
    }
    expect(await ourContainers(state)).toEqual([]);
    expect(await session.client!.health(500)).toBeNull();
    // Longer than the product's own readiness bound (60 s): a slow start on a busy machine must end in the product's
    // error and its cleanup, not in the test runner abandoning a start that then leaves its container behind.
  }, 150_000);
});
