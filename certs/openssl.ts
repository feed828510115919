// Runs openssl and records what ran: each step's command line exactly as a user would paste it into a shell
// (run from the PKI directory), so every file the PKI holds can be shown and re-made by hand.
import { execa } from 'execa';
import { shellQuote } from './shell-quote.js';
import type { RecordedCommand } from './types.js';

export interface Step {
  purpose: string;
  args: string[];
  /** The command is a check that must fail with this openssl message (e.g. "certificate revoked"). */
  expectFailure?: string;
  /** A failure whose output matches this is harmless (e.g. revoking an already revoked serial). */
  tolerate?: RegExp;
  /** A check that must pass prints this (e.g. "clientA.crt: OK"). */
  expectOutput?: string;
}

function missingOpensslError(): Error {
  return new Error(
    'openssl was not found on PATH. The sandbox PKI is made with the real openssl CLI (OpenSSL 3). ' +
      'Install it (Debian/Ubuntu: sudo apt-get install openssl; macOS: brew install openssl and put it first on PATH) and retry.',
  );
}

/** Runs one openssl command in `dir`, checks its outcome, and returns it as a RecordedCommand. */
async function runOpenssl(dir: string, step: Step): Promise<RecordedCommand & { stdout: string }> {
  const purpose = step.expectFailure ? `${step.purpose} (expected to fail: ${step.expectFailure})` : step.purpose;
  const command = ['openssl', ...step.args].map(shellQuote).join(' ');
  const result = await execa('openssl', step.args, { cwd: dir, reject: false, all: true, stdin: 'ignore' });
  if (result.code === 'ENOENT') throw missingOpensslError();
  const output = result.all ?? '';
  const failedAsExpected =
    step.expectFailure !== undefined && result.exitCode !== 0 && output.includes(step.expectFailure);
  const succeeded =
    step.expectFailure === undefined && (result.exitCode === 0 || (step.tolerate?.test(output) ?? false));
  const printedExpected = step.expectOutput === undefined || output.includes(step.expectOutput);
  if (!(failedAsExpected || (succeeded && printedExpected))) {
    const wanted = step.expectFailure
      ? `expected it to fail with "${step.expectFailure}"`
      : `exit code ${result.exitCode ?? 'none'}${step.expectOutput ? `, expected output "${step.expectOutput}"` : ''}`;
    throw new Error(
      `openssl step "${purpose}" did not go as planned (${wanted}).\n` +
        `  command: ${command}\n  cwd: ${dir}\n  output:\n${indent(output || result.message || '(none)', '    ')}\n` +
        'The sandbox needs OpenSSL 3 (check `openssl version`). Deleting the directory makes it start over.',
    );
  }
  return { purpose, command, cwd: dir, stdout: result.stdout ?? '' };
}

/**
 * `openssl ca` of one directory, one at a time: it rewrites its database (index.txt) by renaming files, so two at
 * once would lose an entry. Artifacts are made side by side (pki.ts); everything else they run is their own.
 */
const caDatabases = new Map<string, Promise<unknown>>();

function oneCaAtATime<T>(dir: string, step: Step, run: () => Promise<T>): Promise<T> {
  if (step.args[0] !== 'ca') return run();
  const result = (caDatabases.get(dir) ?? Promise.resolve()).then(run, run);
  const settled = result.catch(() => undefined);
  caDatabases.set(dir, settled);
  void settled.then(() => {
    if (caDatabases.get(dir) === settled) caDatabases.delete(dir);
  });
  return result;
}

/** Collects the commands one artifact's recipe runs. */
export function recorder(dir: string) {
  const commands: RecordedCommand[] = [];
  return {
    commands,
    async run(step: Step): Promise<string> {
      const { stdout, ...recorded } = await oneCaAtATime(dir, step, () => runOpenssl(dir, step));
      commands.push(recorded);
      return stdout;
    },
  };
}
export type Recorder = ReturnType<typeof recorder>;

const indent = (text: string, prefix: string): string =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
