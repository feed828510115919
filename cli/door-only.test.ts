// The command line reaches the engine through one door (sandbox/door.ts): a new need of cli/main.ts is exported
// there, so the engine's layout can change without the CLI following it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const importsOf = (file: string): string[] => {
  const source = readFileSync(new URL(file, import.meta.url), 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)[^'"]*?from '([^']+)'/gm)].map((m) => m[1]!);
};

describe('cli/main.ts', () => {
  it('imports the engine (sandbox/, certs/) only through sandbox/door.ts', () => {
    const imports = importsOf('./main.ts');
    expect(imports).toContain('../sandbox/door.js');
    const engine = imports.filter((specifier) => /^\.\.\/(sandbox|certs)\//.test(specifier));
    expect(engine).toEqual(['../sandbox/door.js']);
  });
});
