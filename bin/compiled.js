// Whether dist/ (the TypeScript compiled ahead of time by scripts/build.mjs, and the command line bundled from it) is
// as new as the sources, so the bin can run plain JavaScript instead of compiling through tsx at every start. Plain
// JS, no dependencies: it runs first.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** Written by the build when it starts; its mtime says which sources the build saw. */
export const STAMP = join(DIST, '.built');
/** The command line bundled by scripts/bundle.mjs (cli/ and the UI's packages; the engine stays in dist/). */
export const BUNDLED_MAIN = join('bundle', 'main.js');
/** What the build compiles or copies (tests and test support stay TypeScript: vitest runs them through its own loader). */
export const SOURCE_DIRS = ['sandbox', 'cli', 'scenarios', 'certs', 'nginx'];

export const isTest = (name) => /\.test\.tsx?$/.test(name) || name === 'testing';
/**
 * npm rewrites this whenever it changes node_modules: the bundle inlines some packages (Ink, React), so a build
 * older than the installed packages is stale too.
 */
export const INSTALLED = join('node_modules', '.package-lock.json');
/** The build's own scripts: a change to how dist/ is made makes the dist/ made before it stale. */
export const BUILD_SCRIPTS = [join('scripts', 'build.mjs'), join('scripts', 'bundle.mjs')];

/** The newest modification time (ms) of any source file or folder the build reads. */
export function newestSource(root = ROOT) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (isTest(entry.name)) continue;
      const path = join(dir, entry.name);
      // A folder's mtime changes when a file in it is added, removed or renamed.
      const mtime = statSync(path).mtimeMs;
      if (mtime > newest) newest = mtime;
      if (entry.isDirectory()) walk(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(root, dir));
  for (const file of [INSTALLED, ...BUILD_SCRIPTS]) {
    try {
      newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
    } catch {
      // not there (the tests' projects have no node_modules of npm's)
    }
  }
  return newest;
}

/** dist/bundle/main.js when dist/ was built from the sources as they are now, else null. */
export function compiledMain(root = ROOT) {
  try {
    if (statSync(join(root, 'dist', '.built')).mtimeMs < newestSource(root)) return null;
    const main = join(root, 'dist', BUNDLED_MAIN);
    statSync(main);
    return main;
  } catch {
    return null;
  }
}
