// `mtls-sandbox doctor`: what is installed and running, which runtime and LocalStack modes work now, and the one
// command that fixes each missing piece. Collecting does I/O; formatting is pure.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import stringWidth from 'string-width';
import { type Message, msg } from '../messages.js';
import { sourceAddressProblem } from '../probe/source-address.js';
import { findTool, toolVersion, type Tool } from '../runtime/binaries.js';
import { haproxyClientIpProblem } from '../runtime/haproxy-features.js';
import { opensslHasMlKem } from '../model/tls-groups.js';
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
  /** The detail and the fix as message codes, for the doctor's text in the user's language (not in --json). */
  said?: Said;
}

/** What a doctor line says, as message codes: the English fields say the same. */
export interface Said {
  detail: Message;
  fix?: Message | null;
  kind?: Message;
  realizedBy?: Message;
}

export interface Mode {
  flag: string;
  available: boolean;
  detail: string;
  said?: Said;
}

/** A kind of listener a stack may declare, and what realizes it here. */
export interface ListenerKind {
  kind: string;
  realizedBy: string;
  available: boolean;
  detail: string;
  said?: Said;
}

export interface DoctorReport {
  checks: Check[];
  modes: Mode[];
  /** What realizes each kind of load balancer listener on this machine (host runtime). */
  listeners?: ListenerKind[];
}

const APT: Record<Tool, string> = { nginx: 'nginx-light', haproxy: 'haproxy', curl: 'curl', openssl: 'openssl' };

/** A value that is data, not words (a version, a path), as a message that renders it as it is. */
const as = (text: string): Message => msg('doctor.value', { text });

export async function collectDoctor(env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const checks: Check[] = [];
  for (const tool of ['nginx', 'haproxy', 'curl', 'openssl'] as Tool[]) {
    try {
      const path = findTool(tool);
      const version = await toolVersion(tool);
      checks.push({
        name: tool,
        ok: true,
        detail: version,
        where: path,
        fix: null,
        required: true,
        said: { detail: as(version) },
      });
    } catch {
      checks.push({
        name: tool,
        ok: false,
        detail: 'not installed',
        where: null,
        fix: `sudo apt-get install ${APT[tool]}   (macOS: brew install ${tool}; as root on Debian/Ubuntu \`npm run setup\` does it)`,
        required: true,
        said: { detail: msg('doctor.not-installed'), fix: msg('doctor.fix-tool', { apt: APT[tool], tool }) },
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
    said: {
      detail: cdklocal ? msg('doctor.cdklocal') : msg('doctor.not-installed'),
      fix: cdklocal ? null : as('npm ci'),
    },
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
    said: {
      detail: python.found
        ? msg('doctor.python', { version: python.found.version, via: python.found.via })
        : msg('doctor.python-none', { tried: python.tried.join('; ') }),
      fix: python.found ? null : msg('doctor.fix-python'),
    },
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
    said: {
      detail: installed ? msg('doctor.venv-installed', { spec: LOCALSTACK_SPEC }) : msg('doctor.venv-missing'),
      fix: installed ? null : as(SETUP_COMMAND),
    },
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
    said: {
      detail: health
        ? msg('doctor.localstack-running', { version: health.version, edition: health.edition })
        : msg('doctor.none-running'),
      fix: health ? null : installed ? msg('doctor.fix-nothing-venv') : as(SETUP_COMMAND),
    },
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
    said: {
      detail: docker.engine
        ? msg('doctor.engine', { version: docker.engine })
        : docker.client
          ? msg('doctor.engine-client-only', { client: docker.client })
          : msg('doctor.not-installed'),
      fix: docker.engine
        ? null
        : msg(docker.client ? 'doctor.fix-engine-start' : 'doctor.fix-engine-install', {
            command: SETUP_DOCKER_COMMAND,
          }),
    },
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
    said: {
      detail:
        images === null
          ? msg('doctor.unknown-no-engine')
          : missingImages.length === 0
            ? msg('doctor.images-present', { images: images.map((image) => image.image).join(', ') })
            : msg('doctor.missing', { names: missingImages.join(', ') }),
      fix:
        images !== null && missingImages.length === 0
          ? null
          : msg('doctor.fix-images', { command: SETUP_DOCKER_COMMAND }),
    },
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
    said: {
      detail: composeVersion
        ? msg('doctor.compose', { version: composeVersion, old: !composeV2 })
        : msg('doctor.not-installed'),
      fix: composeV2 ? null : msg('doctor.fix-compose', { command: SETUP_DOCKER_COMMAND }),
    },
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
    said: {
      detail: !docker.engine
        ? msg('doctor.unknown-no-engine')
        : lsImage === 'official'
          ? msg('doctor.ls-image-official')
          : lsImage === 'stand-in'
            ? msg('doctor.ls-image-standin', { venv: installed })
            : msg('doctor.missing-image'),
      fix: lsImage ? null : msg('doctor.fix-ls-image', { command: SETUP_DOCKER_COMMAND, image: LOCALSTACK_IMAGE }),
    },
  });
  const dockerLocalStack = lsImage === 'official' || (lsImage === 'stand-in' && installed);

  const hostRuntime = checks.filter((check) => check.required).every((check) => check.ok);
  const missingRequired = checks
    .filter((c) => c.required && !c.ok)
    .map((c) => c.name)
    .join(', ');
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
        ? 'nginx, HAProxy, curl and openssl from this system, the ALB and NLB TLS emulators in process (the default)'
        : `missing: ${missingRequired}`,
      said: { detail: hostRuntime ? msg('doctor.mode-host') : msg('doctor.missing', { names: missingRequired }) },
    },
    {
      flag: '--runtime docker',
      available: dockerRuntime,
      detail: dockerRuntime
        ? `nginx, HAProxy, the ALB and NLB TLS emulators and echo target as containers (engine ${docker.engine})`
        : `needs a running engine and the images: ${SETUP_DOCKER_COMMAND}`,
      said: {
        detail: dockerRuntime
          ? msg('doctor.mode-docker', { engine: docker.engine })
          : msg('doctor.mode-docker-needs', { command: SETUP_DOCKER_COMMAND }),
      },
    },
    {
      flag: '--localstack auto',
      available: true,
      detail: auto,
      said: {
        detail: health
          ? msg('doctor.uses-running', { endpoint })
          : msg(installed ? 'doctor.auto-venv' : 'doctor.auto-off'),
      },
    },
    {
      flag: '--localstack host',
      available: health !== null || installed,
      detail: health
        ? `uses the one running at ${endpoint}`
        : installed
          ? 'starts LocalStack from the venv on 127.0.0.1:4566'
          : `needs the venv: ${SETUP_COMMAND}`,
      said: {
        detail: health
          ? msg('doctor.uses-the-one', { endpoint })
          : installed
            ? msg('doctor.host-venv')
            : msg('doctor.needs-venv', { command: SETUP_COMMAND }),
      },
    },
    {
      flag: '--localstack docker',
      available: dockerLocalStack,
      detail: dockerLocalStack
        ? `starts ${LOCALSTACK_IMAGE}${lsImage === 'stand-in' ? ' (local stand-in running the venv)' : ''} as a container on 127.0.0.1:4566`
        : lsImage === 'stand-in'
          ? `the local stand-in needs the venv: ${SETUP_COMMAND}`
          : `needs a running engine and ${LOCALSTACK_IMAGE}: ${SETUP_DOCKER_COMMAND}`,
      said: {
        detail: dockerLocalStack
          ? msg('doctor.docker-ls', { image: LOCALSTACK_IMAGE, standIn: lsImage === 'stand-in' })
          : lsImage === 'stand-in'
            ? msg('doctor.standin-needs-venv', { command: SETUP_COMMAND })
            : msg('doctor.docker-ls-needs', { image: LOCALSTACK_IMAGE, command: SETUP_DOCKER_COMMAND }),
      },
    },
    {
      flag: '--localstack off',
      available: true,
      detail: 'scenarios that need LocalStack are reported as skipped',
      said: { detail: msg('doctor.ls-off') },
    },
  ];
  return {
    checks,
    modes,
    listeners: await listenerKinds(checks.find((check) => check.name === 'haproxy')?.ok ?? false),
  };
}

/**
 * The three kinds of listener the sandbox realizes, and what client IP preservation needs for each: HAProxy with
 * transparent proxy support for TCP listeners, a client address of 127/8 that can be bound for the NLB TLS emulator.
 */
async function listenerKinds(haproxy: boolean): Promise<ListenerKind[]> {
  const tproxy = haproxy ? await haproxyClientIpProblem() : null;
  const loopback = await sourceAddressProblem('127.0.0.23');
  const node = `node ${process.version}, OpenSSL ${process.versions.openssl}`;
  const mlKem = opensslHasMlKem(process.versions.openssl);
  const pq = mlKem
    ? 'hybrid post-quantum groups offered'
    : 'no ML-KEM in this OpenSSL: PQ policies fall back to their classical groups';
  return [
    {
      kind: 'NLB/CLB TCP listener',
      realizedBy: 'HAProxy',
      available: haproxy,
      detail: haproxy
        ? `TLS passes through to the target; client IP preservation ${tproxy ? 'not available (this HAProxy has no transparent proxy support)' : 'realized (source 0.0.0.0 usesrc clientip)'}`
        : 'needs HAProxy (see above)',
      said: {
        kind: msg('doctor.kind-tcp'),
        realizedBy: as('HAProxy'),
        detail: haproxy ? msg('doctor.tcp-detail', { tproxy: tproxy === null }) : msg('doctor.needs-haproxy'),
      },
    },
    {
      kind: 'ALB HTTPS/HTTP listener',
      realizedBy: `the ALB emulator, in process (${node})`,
      available: true,
      detail: `TLS ends at the ALB; mutual TLS off, passthrough or verify; ${pq}`,
      said: {
        kind: msg('doctor.kind-alb'),
        realizedBy: msg('doctor.by-alb', { node }),
        detail: msg('doctor.alb-detail', { mlKem }),
      },
    },
    {
      kind: 'NLB TLS listener',
      realizedBy: `the NLB TLS listener emulator, in process (${node})`,
      available: true,
      detail: `TLS ends at the NLB; mutual TLS verify with identity filters; client IP preservation ${loopback ? 'not available: 127.0.0.23 cannot be bound here (add loopback aliases, e.g. on macOS)' : "realized (the target connection is bound to the client's 127/8 address)"}`,
      said: {
        kind: msg('doctor.kind-nlb-tls'),
        realizedBy: msg('doctor.by-nlb', { node }),
        detail: msg('doctor.nlb-detail', { loopback: loopback === null }),
      },
    },
  ];
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

/** The doctor's headings in English and Japanese (the details are the record's, in English). */
const DOCTOR_WORDS = {
  needs: { en: 'What the sandbox needs and finds:', ja: 'サンドボックスに必要なものと、見つかったもの:' },
  fix: { en: 'fix', ja: '対処' },
  modes: { en: 'Modes available now:', ja: '今使えるモード:' },
  listeners: { en: 'Listener kinds (--runtime host):', ja: 'リスナーの種類 (--runtime host):' },
} as const;

/** `text` padded to `width` columns (a Japanese character takes two). */
const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - stringWidth(text)));

/** The doctor's answer as text. Pure. */
export function formatDoctor(report: DoctorReport, lang: 'en' | 'ja' = 'en'): string {
  const lines: string[] = [DOCTOR_WORDS.needs[lang]];
  for (const check of report.checks) {
    const mark = check.ok ? '✓' : check.required ? '✗' : '·';
    lines.push(`  ${mark} ${pad(check.name, 19)} ${check.detail}${check.where ? `  (${check.where})` : ''}`);
    if (check.fix) lines.push(`      ${DOCTOR_WORDS.fix[lang]}: ${check.fix}`);
  }
  lines.push('', DOCTOR_WORDS.modes[lang]);
  for (const mode of report.modes) lines.push(`  ${mode.available ? '✓' : '✗'} ${mode.flag.padEnd(20)} ${mode.detail}`);
  if (report.listeners?.length) {
    lines.push('', DOCTOR_WORDS.listeners[lang]);
    for (const listener of report.listeners)
      lines.push(
        `  ${listener.available ? '✓' : '✗'} ${pad(listener.kind, 24)} ${listener.realizedBy}`,
        `      ${listener.detail}`,
      );
  }
  return lines.join('\n');
}
