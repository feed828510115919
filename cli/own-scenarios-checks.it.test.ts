// Where the CLI finds a user's scenarios and what it checks when one loads (issue 22), through the real CLI; the
// rest of the own-scenario tests are in own-scenarios*.it.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownLab } from './testing/own-lab.js';

const { cli, edit, lineOf, lab, made } = ownLab();

describe('mtls-sandbox list, with your scenarios', () => {
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

  it('checks certificate names and listener ports when the scenario loads, at their line (issue 22, item 5)', async () => {
    await made(['my-typo', 'my-port'], 'typos');
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
});
