// `--runtime docker` end to end: real containers (nginx, HAProxy, the ALB emulator and echo target in the Node image)
// through the Docker engine, probed with the host's curl. The suite starts Debian's dockerd when none runs (as root)
// and stops it at the end (sandbox/testing/suite-setup.ts); fails — never skips silently — when no engine can run
// here, saying how to make it runnable.
// MTLS_SANDBOX_SKIP_DOCKER_TESTS=1 leaves these tests out explicitly (for machines that cannot run an engine; CI does
// not set it).
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../../certs/pki.js';
import { findScenario } from '../../../scenarios/catalogue.js';
import type { ScenarioReport } from '../../report.js';
import { runScenario } from '../../run.js';
import { projectRoot } from '../state-dir.js';
import { engineClient, imagesPresent, LABEL_STATE } from './engine.js';
import { ourContainers } from './down.js';
import { SETUP_DOCKER_COMMAND } from './images.js';
import { dockerEngine, freshState } from '../../testing/suite.js';

const skip = process.env.MTLS_SANDBOX_SKIP_DOCKER_TESTS === '1';
const state = freshState('mtls-sandbox-docker');
const timings: Record<string, number> = {};

async function containersOf(stateDir: string): Promise<string[]> {
  const found = await engineClient().listContainers({ all: true, filters: { label: [`${LABEL_STATE}=${stateDir}`] } });
  return found.map((info) => info.Names[0] ?? info.Id);
}

async function runDocker(id: string): Promise<ScenarioReport> {
  const pki = await ensurePki(join(state, 'certs'));
  const started = performance.now();
  const report = await runScenario(await findScenario(id), {
    stateDir: state,
    pki,
    lang: 'en',
    emit: () => {},
    runtime: 'docker',
  });
  timings[id] = Math.round(performance.now() - started);
  return report;
}

function failures(report: ScenarioReport): string {
  return report.probes
    .filter((probe) => !probe.pass)
    .map((probe) => `${probe.name}: ${JSON.stringify(probe.mismatches)}`)
    .join('\n');
}

describe.skipIf(skip)('--runtime docker', () => {
  beforeAll(async () => {
    dockerEngine();
    const missing = (await imagesPresent()).filter((image) => !image.present).map((image) => image.image);
    if (missing.length > 0)
      throw new Error(
        `The Docker tests need the images ${missing.join(', ')}, which are not on this machine. Make them with \`${SETUP_DOCKER_COMMAND} --for-tests\` (npm test's pretest does it as root).`,
      );
  }, 120_000);

  afterAll(async () => {
    // Nothing of ours may outlive the tests, whatever happened.
    const left = await ourContainers(state).catch(() => []);
    rmSync(state, { recursive: true, force: true });
    console.log(`docker runtime timings (ms): ${JSON.stringify(timings)}`);
    expect(left, 'containers left behind').toEqual([]);
  }, 60_000);

  it('runs nlb-tcp-passthrough as containers: nginx targets and HAProxy as the NLB, every probe as on AWS', async () => {
    const report = await runDocker('nlb-tcp-passthrough');
    expect(failures(report)).toBe('');
    expect(report.pass).toBe(true);
    expect(report.runtime).toBe('docker');
    expect(report.probes.length).toBeGreaterThan(0);
    for (const component of report.components) {
      expect(component.runtime, component.name).toBe('docker');
      expect(component.image, component.name).toMatch(/^(nginx|haproxy):/);
      expect(component.container, component.name).toMatch(/^mtls-sandbox-\d+-/);
    }
    expect(report.components.map((component) => component.kind).sort()).toEqual(['haproxy', 'nginx', 'nginx']);
    expect(await containersOf(state)).toEqual([]);
  }, 120_000);

  it('runs alb-mtls-verify-headers with the ALB emulator and the echo target in the Node image', async () => {
    const report = await runDocker('alb-mtls-verify-headers');
    expect(failures(report)).toBe('');
    expect(report.pass).toBe(true);
    const alb = report.components.find((component) => component.kind === 'alb');
    expect(alb?.runtime).toBe('docker');
    expect(alb?.image).toBe('node:20');
    expect(alb?.version).toMatch(/ALB emulator \(node 20\./);
    expect(await containersOf(state)).toEqual([]);
  }, 120_000);

  it('removes its containers on SIGTERM, and `down` removes what a killed run left behind', async () => {
    const up = (): ChildProcess =>
      spawn(
        process.execPath,
        ['bin/mtls-sandbox.js', 'up', 'nlb-tcp-passthrough', '--runtime', 'docker', '--localstack', 'off'],
        { cwd: projectRoot(), env: { ...process.env, MTLS_SANDBOX_STATE: state }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    const running = async (child: ChildProcess) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 60_000;
      while (!output.includes('Running. Try it by hand') && Date.now() < deadline && child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toContain('Running. Try it by hand');
      return () => output;
    };
    const exited = (child: ChildProcess) =>
      new Promise<number | null>((resolve) =>
        child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
      );

    const first = up();
    await running(first);
    expect((await containersOf(state)).length).toBe(3);
    first.kill('SIGTERM');
    await exited(first);
    expect(await containersOf(state)).toEqual([]);

    const second = up();
    await running(second);
    second.kill('SIGKILL');
    await exited(second);
    expect((await containersOf(state)).length).toBe(3);
    const down = spawn(process.execPath, ['bin/mtls-sandbox.js', 'down'], {
      cwd: projectRoot(),
      env: { ...process.env, MTLS_SANDBOX_STATE: state },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let said = '';
    down.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
    expect(await exited(down)).toBe(0);
    expect(said).toMatch(/removed container mtls-sandbox-\d+-/);
    expect(await containersOf(state)).toEqual([]);
  }, 180_000);
});
