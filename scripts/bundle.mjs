// Bundles the command line (cli/, from its TypeScript sources) with esbuild into dist/bundle/, beside the tsc output
// in dist/: Node loads a few files instead of hundreds. Ink 6 alone is some 500 small modules (415 of them
// es-toolkit/compat), and loading them one by one was most of the terminal UI's time to interactive.
//
// The boundary: every module of cli/ and the packages the UI needs before its first key (ink, react, string-width)
// are in the bundle, split in chunks at the CLI's dynamic imports (the UI, each command's own modules), so `list`
// never loads Ink. The engine and the scenarios (sandbox/, scenarios/, certs/, nginx/) stay the tsc-compiled
// modules in dist/, imported from the bundle by relative paths; other packages stay in node_modules. So each module
// of ours has one instance in a process: none is both in the bundle and loaded from dist/.
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readFile } from 'node:fs/promises';
import { SOURCE_DIRS } from '../bin/compiled.js';

/** Packages inlined into the bundle (with everything they import); any other package is loaded from node_modules. */
export const BUNDLED_PACKAGES = ['ink', 'react', 'string-width'];
/** Where the bundle goes (dist/bundle/main.js and its chunks). */
export const BUNDLE_DIR = 'bundle';

const ANY_EMOJI = /\p{Emoji}/u;
/**
 * A segment that could be an RGI emoji: every RGI emoji (UTS #51: basic emoji, keycaps, flags, modifier, tag and ZWJ
 * sequences) holds a code point with the Emoji property, and none is a lone ASCII character (a keycap is three code
 * points). Put in front of string-width's /^\p{RGI_Emoji}$/v, which V8 takes 15 to 30 ms to build (a set of some
 * 3,700 sequences), and which is then built on first use: a frame of plain text, arrows and box lines never needs it.
 */
export function mayBeEmoji(segment) {
  return (segment.length > 1 || segment.charCodeAt(0) > 0x7f) && ANY_EMOJI.test(segment);
}

/**
 * Changes to inlined packages that only make them load or draw their first frame faster, each with the same result.
 * Yoga (Ink's layout engine) carries its WebAssembly as a base64 data: URL, which its loader, built for browsers,
 * reads with fetch() wherever there is one: in Node that first use of fetch loads the whole HTTP client (undici),
 * some 40 ms of CPU before the first frame. Without fetch it decodes the same bytes itself. string-width 8 builds
 * its RGI emoji expression when it first needs it, and asks mayBeEmoji (above) first.
 */
export const PATCHES = [
  {
    file: join('yoga-layout', 'dist', 'binaries', 'yoga-wasm-base64-esm.js'),
    replacements: [['"function"!=typeof fetch', '!0']],
  },
  {
    file: join('string-width', 'index.js'), // version 8, which Ink, widest-line and cli-truncate each have
    replacements: [
      [
        'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
        `let rgiEmoji;\nconst rgiEmojiRegex = { test: (segment) => (rgiEmoji ??= /^\\p{RGI_Emoji}$/v).test(segment) };\nconst ANY_EMOJI = ${ANY_EMOJI};\n${mayBeEmoji}`,
      ],
      ['rgiEmojiRegex.test(segment)', '(mayBeEmoji(segment) && rgiEmojiRegex.test(segment))'],
    ],
  },
];

/** The source with the patch applied, or null when the package's code has changed (it then stays as it is). */
function patched(source, { replacements }) {
  if (!replacements.every(([find]) => source.includes(find))) return null;
  return replacements.reduce((text, [find, replace]) => text.replaceAll(find, replace), source);
}

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const posix = (path) => path.split(sep).join('/');
/** A relative import specifier from a file in `fromDir` to `to`. */
const specifierFrom = (fromDir, to) => {
  const path = posix(relative(fromDir, to));
  return path.startsWith('.') ? path : `./${path}`;
};

/**
 * Builds dist/bundle/ from cli/main.ts. `esbuild` is the esbuild module. Resolves with the main module's path and
 * esbuild's metafile (what went in, what each output imports); throws (esbuild has printed why) when it cannot.
 */
export async function bundleCli({ esbuild, root, dist }) {
  const outdir = join(dist, BUNDLE_DIR);
  const cliDir = join(root, 'cli') + sep;
  // Ours: the source folders (wherever the project itself is installed); anything else is a package's.
  const ownDirs = SOURCE_DIRS.map((dir) => join(root, dir) + sep);
  const isOwn = (path) => ownDirs.some((dir) => path.startsWith(dir));
  /** The tsc output of a source file: dist/<same path>.js. */
  const compiledPathOf = (source) => join(dist, relative(root, source)).replace(/\.tsx?$/, '.js');

  const applied = new Set();
  const boundary = {
    name: 'dist-boundary',
    setup(build) {
      // Our own modules outside cli/: imported from dist/, where tsc compiled them.
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!isOwn(args.importer)) return undefined;
        const target = resolve(args.resolveDir, args.path);
        if (target.startsWith(cliDir)) return undefined;
        return { path: specifierFrom(outdir, compiledPathOf(target)), external: true };
      });
      // Packages: the UI's are inlined; others are left to node_modules. Inside an inlined package everything is
      // inlined but React's developer tools, which Ink imports only when DEV=true and which are not installed.
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:') || args.kind === 'entry-point') return undefined;
        const name = packageName(args.path);
        if (name === 'react-devtools-core') return { path: args.path, external: true };
        if (!isOwn(args.importer) || BUNDLED_PACKAGES.includes(name)) return undefined;
        return { path: args.path, external: true };
      });
      // import.meta.url in a bundled module means the file it was compiled to in dist/ (where it finds
      // package.json, the compile worker...), not the bundle's chunk.
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (!args.path.startsWith(cliDir)) return undefined;
        const source = await readFile(args.path, 'utf8');
        const url = `new URL(${JSON.stringify(specifierFrom(outdir, compiledPathOf(args.path)))}, import.meta.url).href`;
        return {
          contents: source.replaceAll('import.meta.url', url),
          loader: args.path.endsWith('x') ? 'tsx' : 'ts',
          resolveDir: dirname(args.path),
        };
      });
      // The inlined packages are built for production: React's development build (its checks and warnings) is
      // twice the code to load, for a command line that has no use for it.
      build.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
        if (isOwn(args.path)) return undefined;
        let source = await readFile(args.path, 'utf8');
        const patch = PATCHES.find((candidate) => args.path.endsWith(candidate.file));
        const changed = patch && patched(source, patch);
        if (changed) {
          source = changed;
          applied.add(patch);
        } else if (!source.includes('process.env.NODE_ENV')) return undefined;
        return { contents: source.replaceAll('process.env.NODE_ENV', '"production"'), loader: 'js' };
      });
    },
  };

  const { metafile } = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: join(root, 'cli', 'main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [boundary],
    logLevel: 'warning',
    legalComments: 'none',
    metafile: true,
    // Some inlined CommonJS packages require Node's own modules (events, assert): ESM has no require of its own.
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);",
    },
  });
  // A package whose code has changed keeps it: it loads or draws slower, it works the same.
  for (const patch of PATCHES.filter((each) => !applied.has(each)))
    console.warn(`bundle.mjs: ${patch.file} has changed; inlined as it is (without the patch that only saves time)`);
  return { main: join(outdir, 'main.js'), metafile };
}
