// `mtls-sandbox doctor`: what is installed and running, which runtime and LocalStack modes work now, and the one
// command that fixes each missing piece. Collecting does I/O; formatting is pure.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { findTool, toolVersion, type Tool } from '../runtime/binaries.js';
import { engineClient, imagesPresent } from '../runtime/docker/engine.js';
import { LOCALSTACK_IMAGE, SETUP_DOCKER_COMMAND } from '../runtime/docker/images.js';
import { projectRoot } from '../runtime/state-dir.js';
import { LocalStackClient, endpointFromEnv } from './client.js';
import { localStackImageKind } from './docker.js';
import { LOCALSTACK_SPEC, SETUP_COMMAND, findPython, venvDir, venvInstalled } from './install.js';

export interface Check {
  name: string;
  ok: boolean;
  /** Version or state, e.g. "nginx/1.22.1", "not running". */
  detail: string;
  /** Where it is (path or address), when found. */
  where: string | null;
  /** The one command that fixes it; null when nothing needs fixing. */
  fix: string | null;
  /** Needed for the default mode (`--runtime host`), or optional. */
  required: boolean;
}

export interface Mode {
  flag: string;
  available: boolean;
  detail: string;
}

export interface DoctorReport {
  checks: Check[];
  modes: Mode[];
}

const APT: Record<Tool, string> = { nginx: 'nginx-light', haproxy: 'haproxy', curl: 'curl', openssl: 'openssl' };

export async function collectDoctor(env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const checks: Check[] = [];
  for (const tool of ['nginx', 'haproxy', 'curl', 'openssl'] as Tool[]) {
    try {
      const path = findTool(tool);
      checks.push({ name: tool, ok: true, detail: await toolVersion(tool), where: path, fix: null, required: true });
    } catch {
      checks.push({
        name: tool,
        ok: false,
        detail: 'not installed',
        where: null,
        fix: `sudo apt-get install ${APT[tool]}   (macOS: brew install ${tool}; as root on Debian/Ubuntu \`npm run setup\` does it)`,
        required: true,
      });
    }
  }
  const cdklocal =
    existsSync(join(projectRoot(), 'node_modules', 'aws-cdk-local', 'bin', 'cdklocal')) &&
    existsSync(join(projectRoot(), 'node_modules', 'aws-cdk', 'package.json'));
  checks.push({
    name: 'cdklocal',
    ok: cdklocal,
    detail: cdklocal ? 'aws-cdk-local 3.0.4 + aws-cdk CLI (node_modules)' : 'not installed',
    where: cdklocal ? 'node_modules/.bin/cdklocal' : null,
    fix: cdklocal ? null : 'npm ci',
    required: false,
  });

  const python = await findPython();
  checks.push({
    name: 'python ≥ 3.12',
    ok: python.found !== null,
    detail: python.found
      ? `Python ${python.found.version} (via ${python.found.via})`
      : `none found (tried ${python.tried.join('; ')})`,
    where: python.found?.path ?? null,
    fix: python.found
      ? null
      : 'uv python install 3.13   (or pyenv install 3.13, or your package manager’s python3.12+)',
    required: false,
  });
  const venv = venvDir(env);
  const installed = venvInstalled(venv);
  checks.push({
    name: 'localstack venv',
    ok: installed,
    detail: installed ? `${LOCALSTACK_SPEC} installed` : 'not installed (about 330 MB)',
    where: installed ? venv : null,
    fix: installed ? null : SETUP_COMMAND,
    required: false,
  });

  const endpoint = endpointFromEnv(env);
  const health = await new LocalStackClient(endpoint).health(1500);
  checks.push({
    name: 'running localstack',
    ok: health !== null,
    detail: health ? `LocalStack ${health.version} (${health.edition} edition)` : 'none running',
    where: endpoint,
    fix: health
      ? null
      : installed
        ? 'nothing to do: runs start one from the venv (--localstack host, or auto)'
        : SETUP_COMMAND,
    required: false,
  });

  const docker = await dockerState();
  checks.push({
    name: 'docker engine',
    ok: docker.engine !== null,
    detail: docker.engine
      ? `engine ${docker.engine}`
      : docker.client
        ? `client ${docker.client}, no engine running`
        : 'not installed',
    where: null,
    fix: docker.engine
      ? null
      : docker.client
        ? `${SETUP_DOCKER_COMMAND}   (starts dockerd --iptables=false --bridge=none; or: sudo systemctl start docker)`
        : `${SETUP_DOCKER_COMMAND}   (installs docker.io)`,
    required: false,
  });
  // The images of --runtime docker (sandbox/runtime/docker/images.ts); only an engine can say whether they exist.
  const images = docker.engine ? await imagesPresent().catch(() => null) : null;
  const missingImages = images?.filter((image) => !image.present).map((image) => image.image) ?? [];
  checks.push({
    name: 'docker images',
    ok: images !== null && missingImages.length === 0,
    detail:
      images === null
        ? 'unknown (no engine running)'
        : missingImages.length === 0
          ? `present: ${images.map((image) => image.image).join(', ')}`
          : `missing: ${missingImages.join(', ')}`,
    where: null,
    fix:
      images !== null && missingImages.length === 0
        ? null
        : `${SETUP_DOCKER_COMMAND}   (pulls them, or builds local stand-ins from Debian packages where no registry is reachable)`,
    required: false,
  });
  // Docker Compose v2 runs the projects `mtls-sandbox compose` writes.
  const compose = docker.client
    ? await execa('docker', ['compose', 'version', '--short'], { reject: false, timeout: 5000 })
    : null;
  const composeVersion = compose?.exitCode === 0 ? compose.stdout.trim() || null : null;
  const composeV2 = composeVersion !== null && /^v?2\./.test(composeVersion);
  checks.push({
    name: 'docker compose',
    ok: composeV2,
    detail: composeVersion ? `Docker Compose ${composeVersion}${composeV2 ? '' : ' (v2 needed)'}` : 'not installed',
    where: null,
    fix: composeV2
      ? null
      : `${SETUP_DOCKER_COMMAND}   (installs Compose v2, built from its Go module where no package has it)`,
    required: false,
  });
  const dockerRuntime = docker.engine !== null && images !== null && missingImages.length === 0;
  // --localstack docker: the official image, or the local stand-in (which runs the venv, so needs it too).
  const lsImage = docker.engine ? await localStackImageKind(engineClient()).catch(() => null) : null;
  checks.push({
    name: 'localstack image',
    ok: lsImage !== null,
    detail: !docker.engine
      ? 'unknown (no engine running)'
      : lsImage === 'official'
        ? 'present (official image)'
        : lsImage === 'stand-in'
          ? `present (local stand-in; runs the venv${installed ? '' : ', which is not installed'})`
          : 'missing',
    where: lsImage ? LOCALSTACK_IMAGE : null,
    fix: lsImage
      ? null
      : `${SETUP_DOCKER_COMMAND}   (pulls ${LOCALSTACK_IMAGE}, or tags a local stand-in that runs the venv where no registry is reachable)`,
    required: false,
  });
  const dockerLocalStack = lsImage === 'official' || (lsImage === 'stand-in' && installed);

  const hostRuntime = checks.filter((check) => check.required).every((check) => check.ok);
  const auto = health
    ? `uses the LocalStack running at ${endpoint}`
    : installed
      ? 'starts LocalStack from the venv when a scenario needs it'
      : 'off: no LocalStack running and none installed';
  const modes: Mode[] = [
    {
      flag: '--runtime host',
      available: hostRuntime,
      detail: hostRuntime
        ? 'nginx, HAProxy, curl and openssl from this system (the default)'
        : `missing: ${checks
            .filter((c) => c.required && !c.ok)
            .map((c) => c.name)
            .join(', ')}`,
    },
    {
      flag: '--runtime docker',
      available: dockerRuntime,
      detail: dockerRuntime
        ? `nginx, HAProxy, the ALB emulator and echo target as containers (engine ${docker.engine})`
        : `needs a running engine and the images: ${SETUP_DOCKER_COMMAND}`,
    },
    { flag: '--localstack auto', available: true, detail: auto },
    {
      flag: '--localstack host',
      available: health !== null || installed,
      detail: health
        ? `uses the one running at ${endpoint}`
        : installed
          ? 'starts LocalStack from the venv on 127.0.0.1:4566'
          : `needs the venv: ${SETUP_COMMAND}`,
    },
    {
      flag: '--localstack docker',
      available: dockerLocalStack,
      detail: dockerLocalStack
        ? `starts ${LOCALSTACK_IMAGE}${lsImage === 'stand-in' ? ' (local stand-in running the venv)' : ''} as a container on 127.0.0.1:4566`
        : lsImage === 'stand-in'
          ? `the local stand-in needs the venv: ${SETUP_COMMAND}`
          : `needs a running engine and ${LOCALSTACK_IMAGE}: ${SETUP_DOCKER_COMMAND}`,
    },
    { flag: '--localstack off', available: true, detail: 'scenarios that need LocalStack are reported as skipped' },
  ];
  return { checks, modes };
}

async function dockerState(): Promise<{ client: string | null; engine: string | null }> {
  const client = await execa('docker', ['version', '--format', '{{.Client.Version}}'], {
    reject: false,
    timeout: 5000,
  });
  if (client.code === 'ENOENT' || (client.failed && !client.stdout)) return { client: null, engine: null };
  const server = await execa('docker', ['version', '--format', '{{.Server.Version}}'], {
    reject: false,
    timeout: 5000,
  });
  return {
    client: client.stdout.split('\n')[0]?.trim() || null,
    engine: server.exitCode === 0 && server.stdout.trim() ? server.stdout.trim() : null,
  };
}

/** The doctor's answer as text. Pure. */
export function formatDoctor(report: DoctorReport): string {
  const lines = ['What the sandbox needs and finds:'];
  for (const check of report.checks) {
    const mark = check.ok ? '✓' : check.required ? '✗' : '·';
    lines.push(`  ${mark} ${check.name.padEnd(19)} ${check.detail}${check.where ? `  (${check.where})` : ''}`);
    if (check.fix) lines.push(`      fix: ${check.fix}`);
  }
  lines.push('', 'Modes available now:');
  for (const mode of report.modes) lines.push(`  ${mode.available ? '✓' : '✗'} ${mode.flag.padEnd(20)} ${mode.detail}`);
  return lines.join('\n');
}
