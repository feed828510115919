// A user's lab for the own-scenario tests (cli/own-scenarios*.it.test.ts): a folder outside the project where `new`
// writes, its own state dir (a copy of the suite's PKI and templates), the real CLI run in it, and small helpers to
// edit its files as an author would. Each test file makes its own, so the files run side by side.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { expect } from 'vitest';
import { identify } from '../../sandbox/os/process-identity.js';
import { freshState } from '../../sandbox/testing/suite.js';

const BIN = new URL('../../bin/mtls-sandbox.js', import.meta.url).pathname;

export function ownLab() {
  const state = freshState('mtls-sandbox-own-state');
  const lab = mkdtempSync(join(tmpdir(), 'mtls-sandbox-lab-'));
  const cli = (args: string[], env: Record<string, string> = {}) =>
    execa('node', [BIN, ...args], {
      cwd: lab,
      env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1', MTLS_SANDBOX_SCENARIOS: '', ...env },
      reject: false,
    });

  /** Edits a file of the lab: each [from, to] replaced once, and it must be there. */
  function edit(file: string, ...changes: [string, string][]): void {
    let text = readFileSync(resolve(lab, file), 'utf8');
    for (const [from, to] of changes) {
      expect(text, `${file} holds ${from}`).toContain(from);
      text = text.replace(from, to);
    }
    writeFileSync(resolve(lab, file), text);
  }

  /** The 1-based line of the first line holding `text`, after `after` when given. */
  function lineOf(file: string, text: string, after?: string): number {
    const lines = readFileSync(resolve(lab, file), 'utf8').split('\n');
    const from = after === undefined ? 0 : lines.findIndex((line) => line.includes(after));
    return lines.findIndex((line, index) => index >= from && line.includes(text)) + 1;
  }

  /** `new` for each id (into `dir` when given), side by side: each writes its own folder. */
  async function made(ids: string[], dir?: string): Promise<void> {
    const results = await Promise.all(ids.map((id) => cli(['new', id, ...(dir ? ['--dir', dir] : [])])));
    for (const [index, result] of results.entries())
      expect(result.exitCode, `new ${ids[index]}: ${result.stderr}`).toBe(0);
  }

  return { state, lab, cli, edit, lineOf, made };
}

/** Whether a process still runs (a zombie has ended), polled until it has not or the bound passes. */
export async function gone(pid: number, withinMs = 10_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (identify(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}
