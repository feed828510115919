// A user's own scenarios, end to end through the real CLI: `new` writes a folder outside the project, `run
// --scenarios` realizes it with the real ALB emulator and curl, and a broken one is listed with its file and line
// while the rest of the catalogue still loads. Its verdicts are the user's, its copied evidence is marked, and its
// code — hostile or broken — cannot take the sandbox or the other scenarios down (issues 22 and 23).
// More in own-scenarios-*.it.test.ts: one lab each, so the files run side by side.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';
import { ownLab } from './testing/own-lab.js';

const { cli, lab, made } = ownLab();

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

  it('lists a scenario that does not compile as broken, with its file and line, and the rest still load', async () => {
    await made(['my-broken', 'my-bad-stack'], 'broken');
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
});
