#!/usr/bin/env node
// Runs dist/ (the TypeScript compiled ahead of time by scripts/build.mjs) when it is as new as the sources, else
// the TypeScript sources directly through tsx, so a clone that was never built still works, only slower to start.
// The Ink UI reports its first paint from process start; this marks where the bin itself began.
globalThis.__mtlsStart = performance.now();

const { compiledMain } = await import('./compiled.js');
const args = process.argv.slice(2);
const compiled = compiledMain();
const opensUi =
  process.stdin.isTTY &&
  process.stdout.isTTY &&
  args.every((arg, i) => arg.startsWith('-') || args[i - 1] === '--lang');
if (opensUi) process.env.NODE_ENV ??= 'production'; // React's production build: half the load time, no dev warnings

let main;
if (compiled) {
  ({ main } = await import(compiled));
} else {
  // No command, on a terminal, opens the Ink UI. Its heaviest packages are loaded before tsx's loader hooks are in
  // place: through the hooks their hundreds of small modules load several times slower, and the first frame waits.
  if (opensUi) await Promise.all([import('ink'), import('execa')]);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(args);
