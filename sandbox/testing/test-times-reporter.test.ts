// The test-times reporter in a real vitest run: a small suite of two projects, run whole, then one file, then one
// project; the record follows what was measured and nothing else. (A unit file: it starts vitest, nothing else.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { testTimesFile } from './test-times-reporter.js';
import { parseTestTimes, type TestTimes } from './test-times.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Under the project's .sandbox/ (which the project's own config excludes) so `vitest` resolves from node_modules.
mkdirSync(join(ROOT, '.sandbox'), { recursive: true });
const suite = mkdtempSync(join(ROOT, '.sandbox', 'test-times-'));
afterAll(() => rmSync(suite, { recursive: true, force: true }));

const test = (name: string) => `import { it } from 'vitest';\nit('${name}', () => {});\n`;
writeFileSync(join(suite, 'one.test.mjs'), `${test('first')}${test('second')}`);
writeFileSync(join(suite, 'two.more.mjs'), test('third'));
writeFileSync(join(suite, 'three.more.mjs'), test('fourth'));
writeFileSync(
  join(suite, 'vitest.config.mjs'),
  `export default {
  test: {
    reporters: ['default', ${JSON.stringify(join(ROOT, 'sandbox/testing/test-times-reporter.ts'))}],
    projects: [
      { extends: true, test: { name: 'unit', include: ['*.test.mjs'] } },
      { extends: true, test: { name: 'integration', include: ['*.more.mjs'] } },
    ],
  },
};
`,
);

const vitest = async (...args: string[]): Promise<void> => {
  const result = await execa(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
    cwd: suite,
    reject: false,
    env: { CI: '1' },
    all: true,
  });
  expect(result.exitCode, result.all).toBe(0);
};
const record = (): TestTimes => parseTestTimes(readFileSync(testTimesFile(suite), 'utf8'))!;

describe('the test-times reporter', () => {
  it('records each project and the suite from a whole run; a filtered run changes nothing', async () => {
    await vitest();
    const whole = record();
    expect(whole.projects.unit).toMatchObject({ files: 1, tests: 2, failedTests: 0, reason: 'passed' });
    expect(whole.projects.integration).toMatchObject({ files: 2, tests: 2, failedTests: 0 });
    expect(whole.suite).toMatchObject({ files: 3, tests: 4 });
    expect(whole.suite!.wallMs).toBeGreaterThanOrEqual(whole.projects.integration!.wallMs);

    await vitest('two.more.mjs');
    expect(record()).toEqual(whole);

    // One project alone: its figure is new, the other's and the suite's are kept.
    await vitest('--project', 'unit');
    const unitOnly = record();
    expect(unitOnly.projects.unit!.measuredAt >= whole.projects.unit!.measuredAt).toBe(true);
    expect(unitOnly.projects.unit).not.toEqual(whole.projects.unit);
    expect(unitOnly.projects.integration).toEqual(whole.projects.integration);
    expect(unitOnly.suite).toEqual(whole.suite);
  });
});
