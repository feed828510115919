// The bundle the bin runs (scripts/bundle.mjs): cli/ and the UI's packages in a few files, the engine and the
// scenarios left to dist/, so no module of ours is loaded twice (once inlined, once from dist/).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, bundleCli, mayBeEmoji } from '../scripts/bundle.mjs';
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

  it("inlines React's production build; Yoga decodes its WebAssembly without fetch; string-width 8 asks first", () => {
    const launch = outputs().find(([, output]) => Object.keys(output.inputs).includes('cli/tui/launch.tsx'))!;
    const code = text(launch[0]);
    expect(code).not.toMatch(/react[-a-z]*\.development\.js/);
    expect(code).toMatch(/react-reconciler\.production\.js/);
    expect(code).not.toContain('typeof fetch');
    // Every copy of string-width 8 (Ink's, widest-line's, cli-truncate's) builds its RGI emoji expression lazily.
    const copies = code.match(/\bvar rgiEmojiRegex\d* = /g) ?? [];
    expect(copies.length).toBeGreaterThan(0);
    expect(code.match(/\(rgiEmoji\d* \?\?= new RegExp\("\^\\\\p\{RGI_Emoji\}\$", "v"\)\)/g)?.length).toBe(
      copies.length,
    );
    expect(code.match(/mayBeEmoji\d*\(segment\) && rgiEmojiRegex\d*\.test\(segment\)/g)?.length).toBe(copies.length);
  });
});

describe('mayBeEmoji, asked before the RGI emoji expression', () => {
  // biome-ignore lint/complexity/useRegexLiterals: a /v literal needs an ES2024 target, the tsconfig's is ES2022
  const rgi = new RegExp('^\\p{RGI_Emoji}$', 'v');

  it('lets every RGI emoji of one code point through, and no ASCII character', () => {
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (rgi.test(char)) expect(mayBeEmoji(char), char).toBe(true);
    }
    for (let code = 0x20; code < 0x7f; code++) expect(mayBeEmoji(String.fromCharCode(code))).toBe(false);
  });

  it('lets keycaps, flags, skin tones, tag and ZWJ sequences through', () => {
    const regional = (letter: string) => String.fromCodePoint(0x1f1e6 + letter.charCodeAt(0) - 65);
    const sequences = [
      '#\ufe0f\u20e3',
      '1\ufe0f\u20e3',
      regional('J') + regional('P'),
      '\u{1f44d}\u{1f3fd}',
      '\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}',
      '\u{1f469}\u200d\u{1f4bb}',
      '\u2764\ufe0f',
    ];
    for (const sequence of sequences) {
      expect(rgi.test(sequence), sequence).toBe(true);
      expect(mayBeEmoji(sequence), sequence).toBe(true);
    }
  });

  it('keeps the plain text a first frame shows away from the expression', () => {
    for (const text of ['→', '·', '│', '›', '─', 'ロ', '✓', 'a']) expect(mayBeEmoji(text), text).toBe(false);
  });

  it('writes its files into the bundle folder only', () => {
    for (const [path] of outputs()) expect(resolve(ROOT, path).startsWith(`${outdir}/`), path).toBe(true);
  });
});
