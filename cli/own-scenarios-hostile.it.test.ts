// Hostile code in a user's scenario folder, and before hooks in the scenario's own process, through the real CLI
// (issue 23); the rest of the own-scenario tests are in own-scenarios*.it.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunAllReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';
import { ownLab, gone } from './testing/own-lab.js';

const { cli, edit, lineOf, lab, made } = ownLab();

describe('code of yours', () => {
  it("keeps hostile code in its folder: list and others' runs go on, no process is left (issue 23, item 10)", async () => {
    const ids = ['exits-at-import', 'loops-at-import', 'spawns-at-import', 'rejects-late', 'exits-in-stack'];
    await made(ids, 'hostile');
    const imports =
      "import { OWN_SCENARIOS, cite, defineScenario, documented, observed } from 'mtls-sandbox/scenario';";
    const atImport = (id: string, code: string) =>
      edit(join('hostile', id, 'scenario.ts'), [imports, `${imports}\n${code}`]);
    atImport('exits-at-import', 'process.exit(7);');
    atImport(
      'loops-at-import',
      "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./pid', import.meta.url), String(process.pid));\nprocess.on('SIGTERM', () => {});\nwhile (Date.now() > 0) {}",
    );
    atImport(
      'spawns-at-import',
      "import { spawn } from 'node:child_process';\nimport { writeFileSync } from 'node:fs';\nconst child = spawn('sleep', ['600'], { stdio: 'ignore', detached: true });\nwriteFileSync(new URL('./pid', import.meta.url), String(child.pid));",
    );
    atImport(
      'rejects-late',
      "import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./pid', import.meta.url), String(process.pid));\nsetTimeout(() => { Promise.reject(new Error('late and unhandled')); }, 20);",
    );
    edit(join('hostile', 'exits-in-stack', 'stack.ts'), ['  const targets =', '  process.exit(3);\n  const targets =']);
    const env = { MTLS_SANDBOX_SCENARIOS: join(lab, 'hostile'), MTLS_SANDBOX_USER_CODE_LIMIT_MS: '10000' };
    const pidOf = (id: string) => Number(readFileSync(join(lab, 'hostile', id, 'pid'), 'utf8'));

    const listed = await cli(['list'], env);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('alb-tls-termination');
    const file = (id: string, name = 'scenario.ts') => join(lab, 'hostile', id, name);
    expect(listed.stdout).toContain(
      `${file('exits-at-import')}:${lineOf(file('exits-at-import'), 'process.exit(7)')}:`,
    );
    expect(listed.stdout).toContain('process.exit(7) was called');
    expect(listed.stdout).toContain('loading scenario.ts took longer than 10 s');
    expect(listed.stdout).toMatch(/scenario\.ts started a process while it loaded \(pid \d+: sleep 600\)/);
    expect(listed.stdout).toContain(`${file('rejects-late')}:${lineOf(file('rejects-late'), 'late and unhandled')}:`);
    expect(listed.stdout).toContain(
      `${file('exits-in-stack', 'stack.ts')}:${lineOf(file('exits-in-stack', 'stack.ts'), 'process.exit(3)')}:`,
    );
    // The busy loop ignored SIGTERM; its process, the child spawned at import and every host are gone.
    for (const id of ['loops-at-import', 'spawns-at-import', 'rejects-late'])
      expect(await gone(pidOf(id)), `${id}'s process ${pidOf(id)}`).toBe(true);

    const other = await cli(['run', 'alb-tls-termination', '--localstack', 'off'], env);
    expect(other.exitCode, other.stderr).toBe(0);
    const own = await cli(['run', 'exits-in-stack', '--localstack', 'off'], env);
    expect(own.exitCode).toBe(2);
    expect(own.stderr).toContain('process.exit(3) was called');
  }, 300_000);

  it("runs probes' before hooks in the scenario's own process, their context carried out by the sandbox", async () => {
    await made(['my-hooks', 'my-bad-hook'], 'hooks');
    const imports =
      "import { OWN_SCENARIOS, cite, defineScenario, documented, observed } from 'mtls-sandbox/scenario';";
    const hook =
      "before: async (context) => {\n        calls += 1;\n        context.step('my-hook', `call ${calls} in ${process.pid}`);\n      },";
    edit(
      join('hooks', 'my-hooks', 'scenario.ts'),
      [imports, `${imports}\nlet calls = 0;`],
      ["      client: { certificate: 'clientA' },", `      client: { certificate: 'clientA' },\n      ${hook}`],
      ["      client: { certificate: 'untrusted' },", `      client: { certificate: 'untrusted' },\n      ${hook}`],
    );
    edit(join('hooks', 'my-bad-hook', 'scenario.ts'), [
      '      client: { certificate: null },',
      "      client: { certificate: null },\n      before: async () => {\n        throw new Error('my hook broke');\n      },",
    ]);
    const result = await cli([
      'run',
      'my-hooks',
      'my-bad-hook',
      '--scenarios',
      'hooks',
      '--localstack',
      'off',
      '--json',
    ]);
    expect(result.exitCode, result.stderr).toBe(2);
    const [hooks, bad] = validReport(JSON.parse(result.stdout) as RunAllReport).scenarios;
    expect(hooks!.result).toBe('pass');
    // One module instance for the run, in a process that is not the sandbox's.
    const said = hooks!.steps
      .filter((step) => step.name === 'my-hook')
      .map((step) => String(step.detail?.params?.text));
    expect(said).toHaveLength(2);
    const [first, second] = said.map((text) => /^call (\d+) in (\d+)$/.exec(text)!);
    expect([first![1], second![1]]).toEqual(['1', '2']);
    expect(first![2]).toBe(second![2]);
    expect(bad!.result).toBe('broken');
    expect(bad!.broken).toMatchObject({
      file: join(lab, 'hooks', 'my-bad-hook', 'scenario.ts'),
      line: lineOf(join('hooks', 'my-bad-hook', 'scenario.ts'), 'my hook broke'),
      error: 'my hook broke',
    });
  }, 180_000);
});
