#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so a clone needs no build step.
// The Ink UI reports its first paint from process start; this marks where the bin itself began.
globalThis.__mtlsStart = performance.now();

// No command, on a terminal, opens the Ink UI. Its heaviest packages are loaded before tsx's loader hooks are in
// place: through the hooks their hundreds of small modules load several times slower, and the first frame waits.
const args = process.argv.slice(2);
const opensUi =
  process.stdin.isTTY &&
  process.stdout.isTTY &&
  args.every((arg, i) => arg.startsWith('-') || ['--lang', '--runtime', '--localstack'].includes(args[i - 1]));
if (opensUi) {
  process.env.NODE_ENV ??= 'production'; // React's production build: half the load time, no dev warnings
  await Promise.all([import('ink'), import('execa')]);
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(args);
