// Broken scenarios of a user's, through the real CLI: reported with the others, in the summary and --json (issue
// 23, item 9). The rest of the own-scenario tests are in own-scenarios*.it.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunAllReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';
import { ownLab } from './testing/own-lab.js';

const { cli, edit, lineOf, lab, made } = ownLab();

describe('broken scenarios of yours', () => {
  it('reports broken scenarios with the others, in the summary and --json (issue 23, item 9)', async () => {
    await made(['my-good', 'my-throwing', 'my-unloadable'], 'mixed');
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
});
