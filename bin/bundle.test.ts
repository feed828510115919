// The bundle the bin runs (scripts/bundle.mjs): cli/ and the UI's packages in a few files, the engine and the
// scenarios left to dist/, so no module of ours is loaded twice (once inlined, once from dist/).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, bundleCli } from '../scripts/bundle.mjs';
import { ROOT } from './compiled.js';

const dist = mkdtempSync(join(tmpdir(), 'mtls-sandbox-bundle-'));
const outdir = join(dist, BUNDLE_DIR);
let metafile: Metafile;

/** The output files (relative to the project, as esbuild names them) and what each imports. */
const outputs = () => Object.entries(metafile.outputs);
const text = (output: string) => readFileSync(resolve(ROOT, output), 'utf8');

describe('the command line bundle', () => {
  beforeAll(async () => {
    ({ metafile } = await bundleCli({ esbuild, root: ROOT, dist }));
  }, 60_000);

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('inlines cli/ and packages only, never the engine or the scenarios', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((input) => /^(sandbox|scenarios|certs|nginx)\//.test(input))).toEqual([]);
    expect(inputs).toContain('cli/main.ts');
    expect(inputs).toContain('cli/tui/launch.tsx');
    expect(inputs.some((input) => input.includes('node_modules/ink/'))).toBe(true);
  });

  it('imports the engine and the scenarios from dist/, where tsc compiles each of them', () => {
    const fromDist = outputs().flatMap(([, output]) =>
      output.imports.filter((entry) => entry.external && entry.path.startsWith('../')).map((entry) => entry.path),
    );
    expect(fromDist).toContain('../sandbox/door.js');
    expect(fromDist).toContain('../scenarios/catalogue.js');
    for (const path of new Set(fromDist)) {
      const source = join(ROOT, path.slice('../'.length)).replace(/\.js$/, '');
      expect(existsSync(`${source}.ts`) || existsSync(`${source}.tsx`), path).toBe(true);
    }
  });

  it('loads no package twice: Ink, React and string-width are inlined, the others stay in node_modules', () => {
    const bare = outputs().flatMap(([, output]) =>
      output.imports.filter((entry) => entry.external && !/^(\.|node:)/.test(entry.path)).map((entry) => entry.path),
    );
    expect(bare.filter((path) => /^(ink|react|string-width)(\/|$)/.test(path))).toEqual([]);
    expect(bare).toContain('execa');
  });

  it('keeps Ink out of `list`: the main module reaches the UI only through a dynamic import', () => {
    const main = outputs().find(([path]) => path.endsWith(`${BUNDLE_DIR}/main.js`))!;
    const staticallyLoaded = new Set<string>();
    const visit = (path: string) => {
      if (staticallyLoaded.has(path)) return;
      staticallyLoaded.add(path);
      for (const entry of metafile.outputs[path]?.imports ?? [])
        if (entry.kind === 'import-statement') visit(entry.path);
    };
    visit(main[0]);
    const inlined = [...staticallyLoaded].flatMap((path) => Object.keys(metafile.outputs[path]?.inputs ?? {}));
    expect(inlined.filter((input) => /node_modules\/(ink|react|react-reconciler|yoga-layout)\//.test(input))).toEqual(
      [],
    );
    expect(inlined).not.toContain('cli/tui/launch.tsx');
  });

  it('points import.meta.url of a bundled module at its compiled file in dist/', () => {
    const all = outputs().map(([path]) => text(path));
    expect(all.some((code) => code.includes('new URL("../cli/args.js", import.meta.url)'))).toBe(true);
    expect(all.some((code) => code.includes('new URL("../cli/tui/engine.js", import.meta.url)'))).toBe(true);
  });

  it("inlines React's production build, and Yoga decodes its WebAssembly without fetch", () => {
    const launch = outputs().find(([, output]) => Object.keys(output.inputs).includes('cli/tui/launch.tsx'))!;
    const code = text(launch[0]);
    expect(code).not.toMatch(/react[-a-z]*\.development\.js/);
    expect(code).toMatch(/react-reconciler\.production\.js/);
    expect(code).not.toContain('typeof fetch');
  });

  it('writes its files into the bundle folder only', () => {
    for (const [path] of outputs()) expect(resolve(ROOT, path).startsWith(`${outdir}/`), path).toBe(true);
  });
});
