// A user's own scenarios, end to end through the real CLI: `new` writes a folder outside the project, `run
// --scenarios` realizes it with the real ALB emulator and curl, and a broken one is listed with its file and line
// while the rest of the catalogue still loads. Its verdicts are the user's, its copied evidence is marked, and its
// code — hostile or broken — cannot take the sandbox or the other scenarios down (issues 22 and 23).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { identify } from '../sandbox/os/process-identity.js';
import type { RunAllReport, ScenarioReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';
import { freshState } from '../sandbox/testing/suite.js';

const BIN = new URL('../bin/mtls-sandbox.js', import.meta.url).pathname;
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

/** Whether a process still runs (a zombie has ended), polled until it has not or the bound passes. */
async function gone(pid: number, withinMs = 10_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (identify(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe('mtls-sandbox new, then --scenarios', () => {
  it('writes a scenario folder and runs it, judged, with the real emulator', async () => {
    const made = await cli(['new', 'my-first']);
    expect(made.exitCode).toBe(0);
    expect(made.stdout).toContain(join(lab, 'my-first'));
    // A whole command to copy: npx (the bare name is not on PATH) and the folder as an absolute path (issue 24).
    expect(made.stdout).toContain(`  npx mtls-sandbox run my-first --scenarios ${lab}\n`);
    for (const file of ['stack.ts', 'scenario.ts', 'README.md', 'package.json'])
      expect(readFileSync(join(lab, 'my-first', file), 'utf8').length).toBeGreaterThan(10);
    // No path into the project: the files name the public API only.
    expect(readFileSync(join(lab, 'my-first', 'scenario.ts'), 'utf8')).toContain("from 'mtls-sandbox/scenario'");
    expect(readFileSync(join(lab, 'my-first', 'stack.ts'), 'utf8')).not.toContain('../');

    const result = await cli(['run', 'my-first', '--scenarios', '.', '--localstack', 'off', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const report = validReport(JSON.parse(result.stdout) as ScenarioReport);
    expect(report.scenario).toBe('my-first');
    expect(report.pass).toBe(true);
    const refused = report.probes.find((probe) => probe.name === 'no-certificate')!;
    expect(refused.connectionError).toBe('Connection reset by peer');
    expect(refused.target).toBeNull();
    const admitted = report.probes.find((probe) => probe.name === 'clientA')!;
    expect(admitted.response?.status).toBe(200);
    expect(admitted.target?.receivedHeaders['x-amzn-mtls-clientcert-subject']).toMatch(/^CN=clientA,/);
  }, 120_000);

  it('refuses to write into a folder that is not empty', async () => {
    const again = await cli(['new', 'my-first']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('already exists and is not empty');
  });

  it('copies a scenario of the project with --from, and MTLS_SANDBOX_SCENARIOS finds it', async () => {
    const made = await cli(['new', 'my-rule', '--from', 'alb-rule-on-mtls-header', '--dir', 'more']);
    expect(made.exitCode).toBe(0);
    const scenario = readFileSync(join(lab, 'more', 'my-rule', 'scenario.ts'), 'utf8');
    expect(scenario).toContain("id: 'my-rule'");
    expect(scenario).not.toMatch(/from '\.\.\//);
    const listed = await cli(['list', '--json'], { MTLS_SANDBOX_SCENARIOS: join(lab, 'more') });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; origin: { kind: string; folder?: string } }[];
    expect(rows.find((row) => row.id === 'my-rule')?.origin).toEqual({
      kind: 'user',
      folder: join(lab, 'more', 'my-rule'),
    });
    expect(rows.find((row) => row.id === 'alb-rule-on-mtls-header')?.origin).toEqual({ kind: 'built-in' });
  }, 120_000);

  it('lists a scenario that does not compile as broken, with its file and line, and the rest still load', async () => {
    expect((await cli(['new', 'my-broken', '--dir', 'broken'])).exitCode).toBe(0);
    expect((await cli(['new', 'my-bad-stack', '--dir', 'broken'])).exitCode).toBe(0);
    const scenarioFile = join(lab, 'broken', 'my-broken', 'scenario.ts');
    const lines = readFileSync(scenarioFile, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.includes('seeds: [],'));
    lines[at] = '  seeds: [] ],';
    writeFileSync(scenarioFile, lines.join('\n'));
    const stackFile = join(lab, 'broken', 'my-bad-stack', 'stack.ts');
    const stack = readFileSync(stackFile, 'utf8').split('\n');
    const before = stack.findIndex((line) => line.includes('const targets ='));
    stack.splice(before, 0, "  throw new Error('a mistake of mine');");
    writeFileSync(stackFile, stack.join('\n'));

    const listed = await cli(['list', '--scenarios', 'broken', '--scenarios', '.']);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('alb-mtls-verify-headers');
    expect(listed.stdout).toMatch(/my-first .*\[yours\]/);
    expect(listed.stdout).toContain('do not load');
    expect(listed.stdout).toContain(`${scenarioFile}:${at + 1}:`);
    expect(listed.stdout).toContain(`${stackFile}:${before + 1}:`);
    expect(listed.stdout).toContain('a mistake of mine');

    const run = await cli(['run', 'my-broken', '--scenarios', 'broken', '--localstack', 'off']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${scenarioFile}:${at + 1}:`);
    const synth = await cli(['run', 'my-bad-stack', '--scenarios', 'broken', '--localstack', 'off']);
    expect(synth.exitCode).toBe(2);
    expect(synth.stderr).toContain(`${stackFile}:${before + 1}:`);
  }, 120_000);

  it('says which --scenarios folder is missing', async () => {
    const result = await cli(['list', '--scenarios', 'no-such-folder']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(join(lab, 'no-such-folder'));
  });

  it('judges a copy as yours, marks copied evidence until it is changed, and type-checks (issue 22, item 5)', async () => {
    expect((await cli(['new', 'my-copy', '--from', 'alb-rule-on-mtls-header', '--dir', 'copies'])).exitCode).toBe(0);
    const scenarioFile = join('copies', 'my-copy', 'scenario.ts');
    // An untouched copy type-checks as its README says.
    const tsc = await execa('npx', ['tsc', '-p', join(lab, 'copies', 'my-copy')], {
      cwd: new URL('..', import.meta.url).pathname,
      reject: false,
    });
    expect(tsc.exitCode, tsc.stdout).toBe(0);

    const first = await cli(['run', 'my-copy', '--scenarios', 'copies', '--localstack', 'off', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const copied = validReport(JSON.parse(first.stdout) as ScenarioReport);
    expect(copied.title).toMatch(/^my-copy: /);
    expect(copied.result).toBe('pass');
    expect(copied.tally.byBasis.yours).toEqual({ judged: 6, asExpected: 6 });
    for (const probe of copied.probes) {
      expect(probe.verdict.basis).toBe('yours');
      expect(probe.verdict.copied).toEqual({ from: 'alb-rule-on-mtls-header', stackChanged: false });
    }

    // The author changes one expectation (now wrong) and the stack (a tag: nothing a probe sees).
    const expectLine = lineOf(scenarioFile, 'expect: {', "name: 'clientA-gets-default-action'");
    edit(scenarioFile, ['        status: 200,', '        status: 418,']);
    edit(
      join('copies', 'my-copy', 'stack.ts'),
      ["import type { Stack } from 'aws-cdk-lib';", "import { type Stack, Tags } from 'aws-cdk-lib';"],
      [
        '  const { vpc, bucket, alb } = albBase(scope);',
        "  Tags.of(scope).add('Owner', 'me');\n  const { vpc, bucket, alb } = albBase(scope);",
      ],
    );
    const text = await cli(['run', 'my-copy', '--scenarios', 'copies', '--localstack', 'off']);
    expect(text.exitCode).toBe(1);
    const changed = text.stdout.split('\n').find((line) => line.includes('clientA-gets-default-action  '))!;
    expect(changed).toContain(`✗ DIFFERS from your expectation (scenario.ts:${expectLine})`);
    expect(changed).not.toMatch(/AWS|copied/);
    const other = text.stdout.split('\n').find((line) => line.includes('header-did-arrive-at-target  '))!;
    expect(other).toContain('copied from alb-rule-on-mtls-header, and the stack has changed since — re-check');
    expect(text.stdout).not.toMatch(/does not match AWS's behaviour|DIFFERS from AWS/);
  }, 300_000);

  it('checks certificate names and listener ports when the scenario loads, at their line (issue 22, item 5)', async () => {
    expect((await cli(['new', 'my-typo', '--dir', 'typos'])).exitCode).toBe(0);
    expect((await cli(['new', 'my-port', '--dir', 'typos'])).exitCode).toBe(0);
    const typo = join('typos', 'my-typo', 'scenario.ts');
    edit(typo, ["client: { certificate: 'clientA' },", "client: { certificate: 'clientC' },"]);
    const port = join('typos', 'my-port', 'scenario.ts');
    const portLine = lineOf(port, 'port: 443', "name: 'untrusted'");
    const lines = readFileSync(join(lab, port), 'utf8').split('\n');
    lines[portLine - 1] = lines[portLine - 1]!.replace('port: 443', 'port: 444');
    writeFileSync(join(lab, port), lines.join('\n'));

    const listed = await cli(['list', '--scenarios', 'typos']);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${join(lab, typo)}:${lineOf(typo, "certificate: 'clientC'")}`);
    expect(listed.stdout).toMatch(
      /presents certificate "clientC", which the sandbox does not have\. Did you mean "client[AB]"\?/,
    );
    expect(listed.stdout).toContain(`${join(lab, port)}:${portLine}`);
    expect(listed.stdout).toContain('calls Alb on port 444, where it has no listener. Did you mean 443?');
    const run = await cli(['run', 'my-port', '--scenarios', 'typos', '--localstack', 'off']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toContain(`BROKEN: ${join(lab, port)}:${portLine}: probe "untrusted" calls Alb on port 444`);
  }, 180_000);

  it('reports broken scenarios with the others, in the summary and --json (issue 23, item 9)', async () => {
    for (const id of ['my-good', 'my-throwing', 'my-unloadable'])
      expect((await cli(['new', id, '--dir', 'mixed'])).exitCode).toBe(0);
    edit(join('mixed', 'my-throwing', 'stack.ts'), [
      '  const targets =',
      "  throw new Error('a mistake of mine');\n  const targets =",
    ]);
    edit(join('mixed', 'my-unloadable', 'scenario.ts'), ['  seeds: [],', '  seeds: [] ],']);
    const ids = ['alb-tls-termination', 'my-good', 'my-throwing', 'my-unloadable'];
    const result = await cli(['run', ...ids, '--scenarios', 'mixed', '--localstack', 'off', '--json']);
    expect(result.exitCode, result.stderr).toBe(2);
    const all = validReport(JSON.parse(result.stdout) as RunAllReport);
    expect(all.scenarios.map((report) => [report.scenario, report.result])).toEqual([
      ['alb-tls-termination', 'pass'],
      ['my-good', 'pass'],
      ['my-throwing', 'broken'],
      ['my-unloadable', 'broken'],
    ]);
    const throwing = all.scenarios.find((report) => report.scenario === 'my-throwing')!;
    expect(throwing.broken).toMatchObject({
      file: join(lab, 'mixed', 'my-throwing', 'stack.ts'),
      line: lineOf(join('mixed', 'my-throwing', 'stack.ts'), 'a mistake of mine'),
      error: 'a mistake of mine',
    });
    expect(all.scenarios.find((report) => report.scenario === 'my-unloadable')!.broken?.file).toBe(
      join(lab, 'mixed', 'my-unloadable', 'scenario.ts'),
    );
    expect(all.results).toEqual({ pass: 2, fail: 0, 'nothing-judged': 0, skipped: 0, broken: 2 });
    expect(all.pass).toBe(false);
    expect(result.stderr).toContain('broken: your scenario my-throwing');

    const text = await cli(['run', ...ids, '--scenarios', 'mixed', '--localstack', 'off']);
    expect(text.exitCode).toBe(2);
    expect(text.stdout).toMatch(/✓ alb-tls-termination +[\d.]+ s {2}2 probes · 2 as AWS · 0 differ/);
    expect(text.stdout).toMatch(/✗ my-throwing +BROKEN: .*stack\.ts:\d+:\d+: a mistake of mine/);
    expect(text.stdout).toMatch(/Total, 4 scenarios: ✗ .*2 of your scenarios broken \(my-throwing, my-unloadable\)/);
  }, 300_000);

  it("keeps hostile code in its folder: list and others' runs go on, no process is left (issue 23, item 10)", async () => {
    const ids = ['exits-at-import', 'loops-at-import', 'spawns-at-import', 'rejects-late', 'exits-in-stack'];
    for (const id of ids) expect((await cli(['new', id, '--dir', 'hostile'])).exitCode).toBe(0);
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
    for (const id of ['my-hooks', 'my-bad-hook']) expect((await cli(['new', id, '--dir', 'hooks'])).exitCode).toBe(0);
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
