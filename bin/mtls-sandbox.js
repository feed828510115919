#!/usr/bin/env node
import { readFileSync } from 'node:fs';
// Runs dist/ (the TypeScript compiled ahead of time by scripts/build.mjs, the command line bundled into
// dist/bundle/) when it is as new as the sources, else the TypeScript sources directly through tsx, so a clone that
// was never built still works, only slower to start.
// The Ink UI reports its first paint from process start; this marks where the bin itself began.
globalThis.__mtlsStart = performance.now();

const { compiledMain } = await import('./compiled.js');
const args = process.argv.slice(2);
const compiled = compiledMain();
const opensUi =
  process.stdin.isTTY &&
  process.stdout.isTTY &&
  args.every((arg, i) => arg.startsWith('-') || ['--lang', '--runtime', '--localstack'].includes(args[i - 1]));
if (opensUi) {
  drawCachedFrame();
  process.env.NODE_ENV ??= 'production'; // React's production build: half the load time, no dev warnings
}

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

/**
 * The UI's first frame from its last start (cli/tui/frame-cache.ts), drawn before anything heavy loads: the screen
 * shows the browser at once, and Ink's first render replaces it. Only for the same terminal size, language and
 * colour setting; anything amiss and nothing is drawn.
 */
function drawCachedFrame() {
  try {
    const langArg = args[args.indexOf('--lang') + 1];
    const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
    const lang = args.includes('--lang') ? langArg : locale.toLowerCase().startsWith('ja') ? 'ja' : 'en';
    const color = !process.env.NO_COLOR ? 'color' : 'plain';
    const state = process.env.MTLS_SANDBOX_STATE || new URL('../.sandbox', import.meta.url).pathname;
    const size = `${process.stdout.columns}x${process.stdout.rows}`;
    const frame = readFileSync(`${state}/tui-frames/${size}-${lang}-${color}.ansi`, 'utf8');
    process.stdout.write(`\x1b[?1049h\x1b[H${frame}`);
    globalThis.__mtlsCachedFrame = performance.now();
  } catch {
    // no frame kept for this terminal yet
  }
}
