// A user's copy of a built-in scenario (`new --from`), end to end through the real CLI (issue 22, item 5); the
// rest of the own-scenario tests are in own-scenarios*.it.test.ts.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';
import { ownLab } from './testing/own-lab.js';

const { cli, edit, lineOf, lab } = ownLab();

describe('mtls-sandbox new --from, then run', () => {
  it('judges a copy as yours, marks copied evidence until it is changed, and type-checks (issue 22, item 5)', async () => {
    expect((await cli(['new', 'my-copy', '--from', 'alb-rule-on-mtls-header', '--dir', 'copies'])).exitCode).toBe(0);
    const scenarioFile = join('copies', 'my-copy', 'scenario.ts');
    // An untouched copy type-checks as its README says (tsc writes nothing: noEmit), while it runs.
    const [tsc, first] = await Promise.all([
      execa('npx', ['tsc', '-p', join(lab, 'copies', 'my-copy')], {
        cwd: new URL('..', import.meta.url).pathname,
        reject: false,
      }),
      cli(['run', 'my-copy', '--scenarios', 'copies', '--localstack', 'off', '--json']),
    ]);
    expect(tsc.exitCode, tsc.stdout).toBe(0);

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
});
