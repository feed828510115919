import { english } from '../../cli/testing/english.js';
// Real LocalStack in host mode (from .sandbox/localstack-venv): start, health, SSM and S3 round trips, `doctor`,
// stop, and `down` after a crashed run. One LocalStack is shared by the tests of the file (it takes ~4–8 s).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down } from '../runtime/down.js';
import { canConnect, freePort } from '../runtime/ports.js';
import { projectRoot } from '../runtime/state-dir.js';
import { readPidRecords } from '../runtime/host-process.js';
import { identify } from '../os/process-identity.js';
import { collectDoctor } from './doctor.js';
import { openLocalStack, type LocalStackSession } from './session.js';
import { freshState } from '../testing/suite.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// No skip when the venv is missing: `npm test` installs it (scripts/setup.sh --for-tests), and a missing one
// should fail here with the install command in the message.
describe('LocalStack in host mode', () => {
  const state = freshState('mtls-localstack');
  let port: number;
  let session: LocalStackSession;
  let pid: number;

  beforeAll(async () => {
    port = await freePort();
    // AWS_ENDPOINT_URL names the free port, where nothing runs yet: "host" then starts one there.
    session = await openLocalStack({
      request: 'host',
      needed: true,
      stateDir: state,
      port,
      env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
    });
    pid = readPidRecords(state).find((entry) => entry.record.name === 'localstack')!.record.pid;
  });
  afterAll(async () => {
    await session?.stop();
  });

  it('starts on 127.0.0.1 from the venv and reports SSM, S3 and CloudFormation healthy', async () => {
    expect(session.mode).toBe('host');
    expect(english(session.reason)).toMatch(/^host: started one from .*localstack-venv \(ready in \d+\.\d s/);
    expect(session.component).toMatchObject({
      name: 'localstack',
      kind: 'localstack',
      address: `127.0.0.1:${port}`,
      version: 'LocalStack 2026.3.0',
    });
    const health = await session.client!.health();
    for (const service of ['ssm', 's3', 'cloudformation', 'sts', 'iam', 'acm', 'route53'])
      expect(health?.services[service]).toMatch(/available|running/);
    expect(health?.services.lambda ?? 'disabled').not.toBe('running');
    expect(alive(pid)).toBe(true);
  });

  it('puts and gets an SSM parameter (overwrite bumps the version)', async () => {
    const client = session.client!;
    expect(await client.putParameter('/mtls-sandbox/test', 'one')).toBe(1);
    expect(await client.putParameter('/mtls-sandbox/test', 'two')).toBe(2);
    expect(await client.getParameter('/mtls-sandbox/test')).toEqual({
      name: '/mtls-sandbox/test',
      value: 'two',
      type: 'String',
      version: 2,
    });
    expect(await client.getParameter('/mtls-sandbox/absent')).toBeNull();
  });

  it('stores and reads back an S3 object', async () => {
    const client = session.client!;
    await client.createBucket('mtls-sandbox-test');
    await client.createBucket('mtls-sandbox-test');
    await client.putObject(
      'mtls-sandbox-test',
      'dir/bundle.pem',
      '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n',
    );
    expect(await client.getObject('mtls-sandbox-test', 'dir/bundle.pem')).toBe(
      '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n',
    );
  });

  it('doctor sees it running, and the venv and Python', async () => {
    const report = await collectDoctor({ ...process.env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` });
    const check = (name: string) => report.checks.find((c) => c.name === name)!;
    expect(check('running localstack')).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^LocalStack 2026\.3\.0/),
    });
    expect(check('localstack venv').ok).toBe(true);
    expect(check('python ≥ 3.12').detail).toMatch(/^Python 3\.1[2-9]/);
    expect(report.modes.find((m) => m.flag === '--localstack auto')?.detail).toBe(
      `uses the LocalStack running at http://127.0.0.1:${port}`,
    );
  });

  it('`mtls-sandbox doctor` prints each piece and the modes', async () => {
    const result = await execa(process.execPath, [join(projectRoot(), 'bin', 'mtls-sandbox.js'), 'doctor'], {
      env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
      reject: false,
    });
    expect(result.exitCode).toBe(0);
    for (const piece of [
      'nginx',
      'haproxy',
      'curl',
      'openssl',
      'python ≥ 3.12',
      'localstack venv',
      'running localstack',
      'docker engine',
    ])
      expect(result.stdout).toContain(piece);
    expect(result.stdout).toMatch(/✓ running localstack\s+LocalStack 2026\.3\.0/);
    expect(result.stdout).toMatch(/--localstack docker\s+(needs a running engine|starts |the local stand-in needs)/);
  });

  it('deploys a stack once: a second run against the same LocalStack reuses it (same template)', async () => {
    const { ensurePki } = await import('../../certs/pki.js');
    const { runScenario } = await import('../run.js');
    const scenario = (await import('../../scenarios/nlb-ssm-certificates/scenario.js')).default;
    const pki = await ensurePki(join(state, 'certs'));
    const run = () => runScenario(scenario, { stateDir: state, pki, lang: 'en', emit: () => {}, localstack: session });
    const first = await run();
    expect(first.pass).toBe(true);
    expect(first.deployment?.reused).toBe(false);
    const second = await run();
    expect(second.pass).toBe(true);
    expect(second.deployment?.reused).toBe(true);
    expect(second.deployment?.resources.map((r) => r.logicalId)).toEqual(
      first.deployment?.resources.map((r) => r.logicalId),
    );
    const deploy = second.steps.find((step) => step.name === 'deploy');
    expect(english(deploy?.detail)).toMatch(/^NlbSsmCertificates is already in this LocalStack with the same template/);
  }, 240_000);

  it('stops with the run: no process, no pid file, port closed', async () => {
    await session.stop();
    expect(alive(pid)).toBe(false);
    expect(readPidRecords(state).filter((entry) => entry.record.name === 'localstack')).toEqual([]);
    expect(await canConnect('127.0.0.1', port)).toBe(false);
  });

  it('`down` removes one a killed run left behind', async () => {
    const again = await openLocalStack({
      request: 'host',
      needed: true,
      stateDir: state,
      port,
      env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
    });
    const record = readPidRecords(state).find((entry) => entry.record.name === 'localstack')!;
    const result = await down(state);
    expect(result.stopped.map((r) => r.name)).toContain('localstack');
    expect(result.stillRunning).toEqual([]);
    // Exited when `down` returns: no process runs under that pid any more, and its port is closed. (This test
    // started it, so until this process reaps it the pid is a zombie, which `kill -0` still finds: the kernel's
    // state says whether it runs.)
    expect(identify(record.record.pid)).toBeNull();
    expect(await canConnect('127.0.0.1', port)).toBe(false);
    expect(existsSync(record.file)).toBe(false);
    await again.stop();
  });
});
