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

/**
 * Changes to inlined packages that only make them load faster. Yoga (Ink's layout engine) carries its WebAssembly
 * as a base64 data: URL, which its loader, built for browsers, reads with fetch() wherever there is one: in Node
 * that first use of fetch loads the whole HTTP client (undici), some 50 ms before the first frame. Without fetch it
 * decodes the same bytes itself.
 */
const PATCHES = [
  {
    file: join('yoga-layout', 'dist', 'binaries', 'yoga-wasm-base64-esm.js'),
    find: '"function"!=typeof fetch',
    replace: '!0',
  },
];

/** The source with the patch applied; a package whose code has changed is left as it is (and said). */
function patched(source, { file, find, replace }) {
  if (source.includes(find)) return source.replaceAll(find, replace);
  console.warn(`bundle.mjs: ${file} no longer has ${find}; left as it is (it loads slower, it works the same)`);
  return source;
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
        if (patch) source = patched(source, patch);
        else if (!source.includes('process.env.NODE_ENV')) return undefined;
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
  return { main: join(outdir, 'main.js'), metafile };
}
