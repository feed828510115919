// Finding the system tools the sandbox drives, reading their versions, and saying how to install a missing one.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { type Message, msg } from '../messages.js';

export type Tool = 'nginx' | 'haproxy' | 'curl' | 'openssl';

const INSTALL_HINT: Record<Tool, string> = {
  nginx: 'apt-get install nginx-light (Debian/Ubuntu) or brew install nginx (macOS)',
  haproxy: 'apt-get install haproxy (Debian/Ubuntu) or brew install haproxy (macOS)',
  curl: 'apt-get install curl (Debian/Ubuntu) or brew install curl (macOS)',
  openssl: 'apt-get install openssl (Debian/Ubuntu) or brew install openssl (macOS)',
};

// nginx and haproxy live in sbin on Debian, which is not on a normal user's PATH.
const EXTRA_DIRS = [
  '/usr/sbin',
  '/usr/local/sbin',
  '/sbin',
  '/opt/homebrew/bin',
  '/opt/homebrew/sbin',
  '/usr/local/bin',
];

export class MissingToolError extends Error {
  /** The same in the catalogue's words, for the command line in the user's language. */
  readonly said: Message;
  constructor(readonly tool: Tool) {
    super(
      `${tool} was not found on PATH or in ${EXTRA_DIRS.join(', ')}. Install it: ${INSTALL_HINT[tool]} — or run \`npm run setup\`, which installs what is missing.`,
    );
    this.said = msg('setup.tool-missing', { tool, dirs: EXTRA_DIRS.join(', '), hint: INSTALL_HINT[tool] });
  }
}

const found = new Map<Tool, string>();

export function findTool(tool: Tool): string {
  const cached = found.get(tool);
  if (cached) return cached;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...EXTRA_DIRS].filter(Boolean);
  for (const dir of dirs) {
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      found.set(tool, candidate);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  throw new MissingToolError(tool);
}

const VERSION_ARGS: Record<Tool, string[]> = {
  nginx: ['-v'],
  haproxy: ['-v'],
  curl: ['--version'],
  openssl: ['version'],
};
const VERSION_PATTERN: Record<Tool, RegExp> = {
  nginx: /nginx version: (nginx\/\S+)/,
  haproxy: /(HAProxy version \S+)/,
  curl: /^(curl \S+)/,
  openssl: /^(OpenSSL \S+)/,
};

const versions = new Map<Tool, Promise<string>>();

/** The version as the binary reports it, e.g. "nginx/1.22.1". Read once per process. */
export function toolVersion(tool: Tool): Promise<string> {
  let pending = versions.get(tool);
  if (!pending) {
    pending = execa(findTool(tool), VERSION_ARGS[tool], { reject: false, all: true }).then((result) => {
      const match = VERSION_PATTERN[tool].exec(String(result.all ?? ''));
      return match?.[1] ?? String(result.all ?? '').split('\n')[0] ?? 'unknown';
    });
    versions.set(tool, pending);
  }
  return pending;
}
