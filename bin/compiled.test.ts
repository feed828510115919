// The bin runs dist/ only when it was built from the sources as they are: a source saved after the build, a file
// added to a source folder, or packages installed since (the bundle inlines some), sends it back to the TypeScript.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_SCRIPTS, compiledMain, INSTALLED, SOURCE_DIRS } from './compiled.js';

function project(): { root: string; at: (path: string, seconds: number) => void } {
  const root = mkdtempSync(join(tmpdir(), 'mtls-sandbox-compiled-'));
  const at = (path: string, seconds: number) => {
    const full = join(root, path);
    const when = new Date(1_700_000_000_000 + seconds * 1000);
    utimesSync(full, when, when);
  };
  for (const dir of SOURCE_DIRS) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'a.ts'), '');
    at(join(dir, 'a.ts'), 0);
    at(dir, 0);
  }
  mkdirSync(join(root, 'dist', 'bundle'), { recursive: true });
  writeFileSync(join(root, 'dist', 'bundle', 'main.js'), '');
  writeFileSync(join(root, 'dist', '.built'), '');
  at(join('dist', '.built'), 10);
  return { root, at };
}

describe('compiledMain', () => {
  it('gives the bundle, dist/bundle/main.js, when the build is newer than every source', () => {
    const { root } = project();
    expect(compiledMain(root)).toBe(join(root, 'dist', 'bundle', 'main.js'));
  });

  it('gives null when npm installed packages, or a build script changed, after the build', () => {
    for (const file of [INSTALLED, ...BUILD_SCRIPTS]) {
      const { root, at } = project();
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), '{}');
      at(file, 5);
      expect(compiledMain(root), file).toBe(join(root, 'dist', 'bundle', 'main.js'));
      at(file, 20);
      expect(compiledMain(root), file).toBeNull();
    }
  });

  it('gives null when the build left no bundle', () => {
    const { root } = project();
    rmSync(join(root, 'dist', 'bundle'), { recursive: true });
    expect(compiledMain(root)).toBeNull();
  });

  it('gives null when a source was saved after the build', () => {
    const { root, at } = project();
    at(join('sandbox', 'a.ts'), 20);
    expect(compiledMain(root)).toBeNull();
  });

  it('gives null when a file appeared in a source folder after the build', () => {
    const { root, at } = project();
    mkdirSync(join(root, 'scenarios', 'new-one'));
    writeFileSync(join(root, 'scenarios', 'new-one', 'scenario.ts'), '');
    at(join('scenarios', 'new-one', 'scenario.ts'), 5);
    expect(compiledMain(root)).toBeNull(); // the new folder's own mtime is now
  });

  it('ignores tests: editing one does not make the build stale', () => {
    const { root, at } = project();
    writeFileSync(join(root, 'cli', 'a.test.ts'), '');
    at(join('cli', 'a.test.ts'), 30);
    at('cli', 5);
    expect(compiledMain(root)).toBe(join(root, 'dist', 'bundle', 'main.js'));
  });

  it('gives null when nothing was built', () => {
    const { root } = project();
    expect(compiledMain(join(root, 'nowhere'))).toBeNull();
  });
});
