// The command line reaches the engine through one door (sandbox/door.ts): a new need of cli/main.ts is exported
// there, so the engine's layout can change without the CLI following it. And it opens that door only when a command
// needs it (import()), so `--help`, `list` and the terminal UI's first frame start without loading the engine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const source = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
/** Static imports and re-exports: the specifier, and whether it brings types only. */
const staticImports = [...source.matchAll(/^\s*(import|export)(\s+type)?[^'"]*?from '([^']+)'/gm)].map((m) => ({
  specifier: m[3]!,
  typeOnly: m[2] !== undefined,
}));
const dynamicImports = [...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
const isEngine = (specifier: string) => /^\.\.\/(sandbox|certs)\//.test(specifier);

describe('cli/main.ts', () => {
  it('imports the engine (sandbox/, certs/) only through sandbox/door.ts', () => {
    const engine = [...staticImports.map((entry) => entry.specifier), ...dynamicImports].filter(isEngine);
    expect(engine.length).toBeGreaterThan(0);
    expect(new Set(engine)).toEqual(new Set(['../sandbox/door.js']));
  });

  it('loads the engine lazily: its static imports of the door bring types only', () => {
    const door = staticImports.filter((entry) => entry.specifier === '../sandbox/door.js');
    expect(door.length).toBeGreaterThan(0);
    expect(door.filter((entry) => !entry.typeOnly)).toEqual([]);
    expect(dynamicImports).toContain('../sandbox/door.js');
  });
});
