#!/usr/bin/env node
// Compiles the TypeScript into dist/ (tsc -p tsconfig.build.json), copies the scenarios' other files (the sorry
// page's HTML…) and bundles the command line into dist/bundle/ (scripts/bundle.mjs), so bin/mtls-sandbox.js starts
// as plain JavaScript from a few files. Run by `npm install` (prepare) and setup.sh.
//   node scripts/build.mjs             build
//   node scripts/build.mjs --if-stale  build only when a source is newer than the last build
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DIST, ROOT, STAMP, compiledMain, isTest } from '../bin/compiled.js';
import { BUNDLE_DIR, bundleCli } from './bundle.mjs';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--if-stale');
if (unknown.length > 0) {
  console.error(`build.mjs: unknown option ${unknown.join(' ')} (use --if-stale or nothing)`);
  process.exit(2);
}
if (args.includes('--if-stale') && compiledMain()) process.exit(0);

const started = new Date();
// Until this build is whole, starts run the sources (a half-written dist/ or bundle is never taken for a fresh one).
rmSync(STAMP, { force: true });
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const failed = (what) => {
  console.error(`build.mjs: ${what} failed (see above); the bin keeps running the TypeScript sources through tsx.`);
  rmSync(STAMP, { force: true });
  process.exit(1);
};
const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (result.status !== 0) failed('tsc');
// Files the code reads next to itself (new URL('./x.html', import.meta.url)).
const copyAssets = (dir) => {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (isTest(entry.name)) continue;
    if (entry.isDirectory()) copyAssets(path);
    else if (!/\.tsx?$/.test(entry.name)) {
      mkdirSync(dirname(join(DIST, path)), { recursive: true });
      cpSync(join(ROOT, path), join(DIST, path));
    }
  }
};
copyAssets('scenarios');
// Chunks are named by their content: the last build's would pile up.
rmSync(join(DIST, BUNDLE_DIR), { recursive: true, force: true });
try {
  await bundleCli({ esbuild: await import('esbuild'), root: ROOT, dist: DIST });
} catch (error) {
  if (!error?.errors) console.error(error); // esbuild has printed its own
  failed('bundling the command line (esbuild)');
}
// The stamp carries the build's start time: a source saved during the build makes it stale at once.
writeFileSync(STAMP, `${started.toISOString()}\n`);
utimesSync(STAMP, started, started);
