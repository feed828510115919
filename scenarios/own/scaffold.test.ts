import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyScenarioFiles, editorTsconfig, starterFiles, toPublicImports } from './scaffold.js';

const SCENARIOS = fileURLToPath(new URL('..', import.meta.url));
const folderFiles = (id: string) =>
  Object.fromEntries(
    readdirSync(join(SCENARIOS, id)).map((name) => [name, readFileSync(join(SCENARIOS, id, name), 'utf8')]),
  );
const builtIn = readdirSync(SCENARIOS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(join(SCENARIOS, entry.name)).includes('scenario.ts'))
  .map((entry) => entry.name);

describe('toPublicImports', () => {
  it("turns the project's module paths into the public API's", () => {
    const text = [
      "import { cite } from '../../sandbox/evidence.js';",
      "import type { ClientCertName } from '../../certs/types.js';",
      "import { ALB_MTLS } from '../common/stories.js';",
      "import { albBase } from '../common/alb-stack.js';",
      "import { helper } from './names.js';",
      "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
    ].join('\n');
    expect(toPublicImports(text).split('\n')).toEqual([
      "import { cite } from 'mtls-sandbox/scenario';",
      "import type { ClientCertName } from 'mtls-sandbox/scenario';",
      "import { ALB_MTLS } from 'mtls-sandbox/scenario';",
      "import { albBase } from 'mtls-sandbox/stack';",
      "import { helper } from './names.js';",
      "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
    ]);
  });
});

describe('copyScenarioFiles', () => {
  it.each(builtIn)('copies %s with no import reaching into the project, under the new id', (id) => {
    const files = copyScenarioFiles(id, 'my-copy', folderFiles(id), { template: 'abc', probes: { first: 'def' } });
    expect(Object.keys(files).some((name) => name.endsWith('.test.ts'))).toBe(false);
    expect(files['scenario.ts']).toContain("id: 'my-copy'");
    expect(files['scenario.ts']).not.toContain(`id: '${id}'`);
    // Its own title in both languages, and what it was copied from, right after its id.
    expect(files['scenario.ts']).toMatch(/title: \{\s*en: (['"`])my-copy: [^\n]*\n?\s*ja: (['"`])my-copy: /);
    expect(files['scenario.ts']).toMatch(
      new RegExp(
        `id: 'my-copy',\\n(\\s*//.*\\n)+\\s*copiedFrom: \\{\\n\\s*scenario: '${id}',\\n\\s*template: 'abc',\\n\\s*probes: \\{\\n\\s*'first': 'def',`,
      ),
    );
    for (const [name, text] of Object.entries(files))
      if (name.endsWith('.ts')) expect(text, name).not.toMatch(/from '\.\.\//);
    expect(files['README.md']).toContain('mtls-sandbox run my-copy --scenarios');
  });

  it('gives a copy of a copy its own title, not both', () => {
    const copy = copyScenarioFiles('who-tells-the-target', 'first-copy', folderFiles('who-tells-the-target'));
    const again = copyScenarioFiles('first-copy', 'second-copy', copy);
    expect(again['scenario.ts']).toMatch(/en: 'second-copy: Who tells/);
    expect(again['scenario.ts']).not.toContain('first-copy:');
    expect(again['scenario.ts']!.match(/copiedFrom: \{/g)).toHaveLength(1);
    expect(again['scenario.ts']).toContain("scenario: 'first-copy'");
  });

  it('refuses a scenario.ts that does not name its id', () => {
    expect(() => copyScenarioFiles('a', 'b', { 'scenario.ts': "id: 'c'" })).toThrow(/does not say id: 'a'/);
  });
});

describe('starterFiles', () => {
  it('writes a stack, a scenario with probes and evidence, and a README, under the id', () => {
    const files = starterFiles('my-test');
    expect(Object.keys(files).sort()).toEqual(['README.md', 'scenario.ts', 'stack.ts']);
    expect(files['scenario.ts']).toContain("id: 'my-test'");
    expect(files['scenario.ts']).toMatch(/evidence: (documented|observed)\(/);
    expect(files['stack.ts']).toContain("from 'mtls-sandbox/stack'");
  });

  it('gives the editor paths to this machine’s sandbox', () => {
    const config = JSON.parse(editorTsconfig('/opt/sandbox/')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    expect(config.compilerOptions.paths['mtls-sandbox/scenario']).toEqual([
      '/opt/sandbox/scenarios/own/api-scenario.ts',
    ]);
    // The declaration files, not the folders: an ES module folder's NodeNext resolution does not look into those.
    expect(config.compilerOptions.paths['aws-cdk-lib']).toEqual(['/opt/sandbox/node_modules/aws-cdk-lib/index.d.ts']);
    expect(config.compilerOptions.paths['aws-cdk-lib/*']![0]).toBe(
      '/opt/sandbox/node_modules/aws-cdk-lib/*/index.d.ts',
    );
  });
});
