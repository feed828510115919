// Where LocalStack's virtual environment is, whether it is installed, and which Python ≥ 3.12 could make it.
// scripts/setup-localstack.sh does the installing; this module only looks (for `doctor` and `--localstack auto`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { projectRoot } from '../runtime/state-dir.js';

export const LOCALSTACK_SPEC = 'localstack-core[runtime]==2026.3.0';
export const EXCLUDE_NEWER = '2026-03-24';
export const SETUP_COMMAND = 'bash scripts/setup-localstack.sh';

/** The venv lives in the project's .sandbox (not in a test's own state dir): one ~330 MB install per checkout. */
export function venvDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MTLS_SANDBOX_LOCALSTACK_VENV
    ? env.MTLS_SANDBOX_LOCALSTACK_VENV
    : join(projectRoot(), '.sandbox', 'localstack-venv');
}

export const venvPython = (venv = venvDir()): string => join(venv, 'bin', 'python');

/** Installed means the setup script finished: it writes this marker last, after LocalStack imported cleanly. */
export function venvInstalled(venv = venvDir()): boolean {
  try {
    return (
      readFileSync(join(venv, '.mtls-sandbox-installed'), 'utf8') ===
        `${LOCALSTACK_SPEC} --exclude-newer ${EXCLUDE_NEWER}` && existsSync(venvPython(venv))
    );
  } catch {
    return false;
  }
}

export interface PythonFound {
  path: string;
  version: string;
  /** How it was found: "PATH", "pyenv", "uv". */
  via: string;
}

/** "Python 3.13.0" → [3, 13, 0]. Pure. */
export function parsePythonVersion(text: string): [number, number, number] | null {
  const match = /Python (\d+)\.(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

export const newEnough = (version: [number, number, number] | null): boolean =>
  version !== null && (version[0] > 3 || (version[0] === 3 && version[1] >= 12));

/**
 * The candidates, in the order the setup script tries them: python3.14/3.13/3.12 on PATH (pyenv's shims are on
 * PATH but fail unless that version is selected, so each is run), pyenv's builds, then `uv python find`.
 */
export async function findPython(): Promise<{ found: PythonFound | null; tried: string[] }> {
  const tried: string[] = [];
  const check = async (path: string, via: string): Promise<PythonFound | null> => {
    const result = await execa(path, ['--version'], { reject: false, all: true, timeout: 5000 });
    const version = parsePythonVersion(String(result.all ?? ''));
    tried.push(`${path} (${result.exitCode === 0 && version ? version.join('.') : 'does not run'})`);
    return result.exitCode === 0 && newEnough(version) ? { path, version: version!.join('.'), via } : null;
  };
  for (const name of ['python3.14', 'python3.13', 'python3.12']) {
    const found = await check(name, 'PATH');
    if (found) return { found, tried };
  }
  const pyenv = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const versions = existsSync(pyenv)
    ? readdirSync(pyenv)
        .filter((name) => /^3\.1[2-9]/.test(name))
        .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))
    : [];
  for (const version of versions) {
    const found = await check(join(pyenv, version, 'bin', 'python3'), 'pyenv');
    if (found) return { found, tried };
  }
  const uv = await execa('uv', ['python', 'find', '>=3.12'], { reject: false, timeout: 10_000 });
  if (uv.exitCode === 0 && uv.stdout) {
    const found = await check(uv.stdout.trim(), 'uv');
    if (found) return { found, tried };
  } else {
    tried.push(`uv python find (${uv.code === 'ENOENT' ? 'no uv' : 'found none'})`);
  }
  return { found: null, tried };
}
