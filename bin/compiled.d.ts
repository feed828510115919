// Types of compiled.js (plain JavaScript: it runs before any TypeScript loader).
export declare const ROOT: string;
export declare const DIST: string;
export declare const STAMP: string;
export declare const BUNDLED_MAIN: string;
export declare const INSTALLED: string;
export declare const BUILD_SCRIPTS: string[];
export declare const SOURCE_DIRS: string[];
export declare function isTest(name: string): boolean;
export declare function newestSource(root?: string): number;
export declare function compiledMain(root?: string): string | null;
