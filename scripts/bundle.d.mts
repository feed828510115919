// Types of bundle.mjs (plain JavaScript: the build runs it before anything is compiled).
import type { Metafile } from 'esbuild';

export declare const BUNDLED_PACKAGES: string[];
export declare const BUNDLE_DIR: string;
export declare function mayBeEmoji(segment: string): boolean;
export declare function bundleCli(options: {
  esbuild: typeof import('esbuild');
  root: string;
  dist: string;
}): Promise<{ main: string; metafile: Metafile }>;
