// `mtls-sandbox compose` end to end under a real Docker Compose v2 and the Docker engine the Docker tests use: the
// project is written, `docker compose up -d --wait` starts it — with the commands docs/guide.md and docs/docker.md give,
// from the repository with -f and from the project's folder — the scenario's probes run from the host with curl and
// are judged as a run judges them, `docker compose down` removes it, and nothing of ours is left: no container, no
// network, no volume. Without an engine or Compose v2 it fails and says how to fix it; MTLS_SANDBOX_SKIP_DOCKER_TESTS=1
// leaves the Docker part out explicitly, as for the other Docker tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../scenarios/catalogue.js';
import { openSandbox, type Sandbox } from '../sandbox/door.js';
import type { ComposeProject } from '../sandbox/compose/project.js';
import { LABEL_COMPOSE } from '../sandbox/compose/render.js';
import type { ScenarioReport } from '../sandbox/report.js';
import { engineClient, imagesPresent } from '../sandbox/runtime/docker/engine.js';
import { SETUP_DOCKER_COMMAND } from '../sandbox/runtime/docker/images.js';
import { projectRoot } from '../sandbox/runtime/state-dir.js';
import { composeCommands, writeCompose } from './compose.js';
import { dockerEngine, freshState } from '../sandbox/testing/suite.js';

const skip = process.env.MTLS_SANDBOX_SKIP_DOCKER_TESTS === '1';
const state = freshState('mtls-sandbox-compose');
const projects = ['mtls-sandbox-nlb-tcp-passthrough', 'mtls-sandbox-alb-mtls-verify-headers', 'mtls-sandbox'];
const timings: Record<string, number> = {};

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/mtls-sandbox.js', ...args], {
    cwd: projectRoot(),
    env: { ...process.env, MTLS_SANDBOX_STATE: state },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A docker compose command line as the docs give it, run where they say (the repository or the project's folder). */
function compose(args: string[], cwd: string): string {
  const [program, ...rest] = args;
  expect(program).toBe('docker');
  const result = spawnSync(program!, rest, { cwd, encoding: 'utf8', timeout: 180_000 });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status, `${args.join(' ')} (in ${cwd}):\n${output}`).toBe(0);
  return output;
}

function failures(report: ScenarioReport): string {
  return report.probes
    .filter((probe) => !probe.pass)
    .map((probe) => `${probe.name}: ${JSON.stringify(probe.mismatches)}`)
    .join('\n');
}

/** Containers, networks and volumes of our compose projects that exist now. */
async function leftovers(): Promise<string[]> {
  const docker = engineClient();
  const filters = { label: [`com.docker.compose.project`] };
  const ours = (labels: Record<string, string> | null | undefined) =>
    projects.includes(labels?.['com.docker.compose.project'] ?? '') || Boolean(labels?.[LABEL_COMPOSE]);
  const containers = (await docker.listContainers({ all: true, filters })).filter((info) => ours(info.Labels));
  const networks = (await docker.listNetworks({ filters })).filter((info) => ours(info.Labels));
  const volumes = ((await docker.listVolumes({ filters })).Volumes ?? []).filter((info) => ours(info.Labels));
  return [
    ...containers.map((info) => `container ${info.Names[0]}`),
    ...networks.map((info) => `network ${info.Name}`),
    ...volumes.map((info) => `volume ${info.Name}`),
  ];
}

describe('mtls-sandbox compose (the command)', () => {
  it('writes a project and its README, and refuses what a compose project cannot hold', () => {
    const out = join(state, 'by-cli');
    const wrote = cli(['compose', 'nlb-tcp-passthrough', '--out', out]);
    expect(wrote.stderr).toBe('');
    expect(wrote.status).toBe(0);
    const { up, down } = composeCommands(join(out, 'compose.yaml'));
    expect(wrote.stdout).toContain(up.join(' '));
    expect(wrote.stdout).toContain(down.join(' '));
    expect(wrote.stdout).toContain('3 services: web-1, web-2, haproxy-nlb');
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain(`\n${composeCommands(null).up.join(' ')}\n`);
    expect(readme).toContain('--cacert certs/sandboxServerCA.crt');
    expect(readme).not.toMatch(/ -k /);
    expect(existsSync(join(out, 'certs', 'sandboxServerCA.crt'))).toBe(true);
    // Written again over itself: it is ours to rewrite.
    expect(cli(['compose', 'nlb-tcp-passthrough', '--out', out, '--lang', 'ja']).status).toBe(0);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('このフォルダーで起動します');

    const foreign = join(state, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'mine');
    const refused = cli(['compose', 'nlb-tcp-passthrough', '--out', foreign]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('is not empty and holds no compose project of mtls-sandbox');
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('mine');

    const dns = cli(['compose', 'sorry-page-failover', '--out', join(state, 'dns')]);
    expect(dns.status).toBe(2);
    expect(dns.stderr).toMatch(/needs LocalStack|Route 53/);
    expect(dns.stderr).toContain('mtls-sandbox up sorry-page-failover --runtime docker');
  }, 240_000);
});

describe.skipIf(skip)('mtls-sandbox compose under Docker Compose v2', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    dockerEngine();
    const missing = (await imagesPresent()).filter((image) => !image.present).map((image) => image.image);
    if (missing.length > 0)
      throw new Error(
        `The compose tests need the images ${missing.join(', ')}. Make them with \`${SETUP_DOCKER_COMMAND} --for-tests\` (npm test's pretest does it as root).`,
      );
    const version = spawnSync('docker', ['compose', 'version', '--short'], { encoding: 'utf8' });
    if (version.status !== 0 || !/^v?2\./.test(version.stdout.trim()))
      throw new Error(
        `The compose tests need Docker Compose v2 (\`docker compose version\` says: ${(version.stdout + version.stderr).trim() || 'nothing'}). \`${SETUP_DOCKER_COMMAND} --for-tests\` installs it (built from its Go module when no package has it; needs Go 1.21+).`,
      );
    sandbox = openSandbox({ stateDir: state, lang: 'en', localstack: 'off' });
  }, 120_000);

  afterAll(async () => {
    // Whatever happened, bring the projects down before looking for leftovers.
    for (const name of projects)
      spawnSync('docker', ['compose', '-p', name, 'down', '--remove-orphans'], { stdio: 'ignore', timeout: 60_000 });
    const left = await leftovers().catch((error: Error) => [error.message]);
    await sandbox?.stop();
    rmSync(state, { recursive: true, force: true });
    console.log(`compose timings (ms): ${JSON.stringify(timings)}`);
    expect(left, 'left behind').toEqual([]);
  }, 120_000);

  /** Writes the project, brings it up as the docs say (from `cwd`), probes and judges it, brings it down. */
  async function upProbeDown(
    id: string,
    where: 'repository' | 'folder',
  ): Promise<{ project: ComposeProject; report: ScenarioReport }> {
    const out = join(state, 'projects', id);
    const project = await writeCompose(sandbox, await findScenario(id), out, 'en');
    const { up, down } = composeCommands(where === 'repository' ? project.composeFile : null);
    const cwd = where === 'repository' ? projectRoot() : project.dir;
    let started = performance.now();
    compose(up, cwd);
    timings[`${id} up`] = Math.round(performance.now() - started);
    let report: ScenarioReport;
    try {
      const running = execFileSync('docker', ['compose', '-f', project.composeFile, 'ps', '--format', '{{.Name}}'], {
        encoding: 'utf8',
      });
      expect(running.trim().split('\n').sort()).toEqual(project.services.map((service) => service.container).sort());
      started = performance.now();
      report = await project.probe();
      timings[`${id} probes`] = Math.round(performance.now() - started);
      // The README's first command with clientA, pasted as is in the project's folder, gets through.
      const readme = readFileSync(join(project.dir, 'README.md'), 'utf8');
      const pasted = readme.split('\n').find((line) => line.startsWith('curl ') && line.includes('certs/clientA.crt'));
      expect(pasted, 'a README probe with clientA').toBeDefined();
      const curl = spawnSync('sh', ['-c', `${pasted!} -s -o /dev/null -w '%{http_code}'`], {
        cwd: project.dir,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(curl.stdout).toBe('200');
      // Each probe's README command is the one the judged probe ran, certificate paths relative to the folder.
      // (Under a test runner curl's progress meter is turned off; a terminal needs no such flag.)
      for (const probe of report.probes)
        expect(readme, probe.name).toContain(
          probe.command.replace(' --no-progress-meter', '').replaceAll(`${project.dir}/`, ''),
        );
    } finally {
      started = performance.now();
      compose(down, cwd);
      timings[`${id} down`] = Math.round(performance.now() - started);
    }
    expect(await leftovers()).toEqual([]);
    return { project, report };
  }

  it('nlb-tcp-passthrough: two nginx targets and HAProxy as the NLB come up with -f from the repository, every probe as on AWS', async () => {
    const { report } = await upProbeDown('nlb-tcp-passthrough', 'repository');
    expect(failures(report)).toBe('');
    expect(report.pass).toBe(true);
    expect(report.probes.length).toBeGreaterThan(0);
    expect(report.components.map((component) => component.kind).sort()).toEqual(['haproxy', 'nginx', 'nginx']);
    for (const component of report.components) {
      expect(component.runtime, component.name).toBe('docker');
      expect(component.container, component.name).toBe(`mtls-sandbox-nlb-tcp-passthrough-${component.name}`);
    }
    // Every request that got through reached one of the two targets, through HAProxy.
    for (const probe of report.probes.filter((each) => each.response?.status === 200))
      expect(['web-1', 'web-2'], probe.name).toContain(probe.target?.name);
  }, 240_000);

  it('alb-mtls-verify-headers: the ALB emulator and the echo target in the Node image come up from the folder, every probe as on AWS', async () => {
    const { report } = await upProbeDown('alb-mtls-verify-headers', 'folder');
    expect(failures(report)).toBe('');
    expect(report.pass).toBe(true);
    expect(report.components.map((component) => component.kind).sort()).toEqual(['alb', 'echo']);
    expect(report.components.find((component) => component.kind === 'alb')?.image).toBe('node:20');
  }, 240_000);

  it("the repository's docker-compose.yml: `docker compose up` says where the projects are, `down` removes it", () => {
    const said = compose(['docker', 'compose', 'up'], projectRoot());
    expect(said).toContain('mtls-sandbox compose nlb-tcp-passthrough');
    compose(['docker', 'compose', 'down'], projectRoot());
  }, 120_000);
});
