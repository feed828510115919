import { describe, expect, it } from 'vitest';
import { firstLine, formatLocation, locateError } from './source-location.js';

const FOLDER = '/home/me/lab/my-test';

describe('locateError', () => {
  it("reads esbuild's file:line:column from a syntax error", () => {
    const error = new Error(
      `Transform failed with 1 error:\n${FOLDER}/scenario.ts:12:19: ERROR: Expected "]" but found "here"`,
    );
    expect(locateError(error, FOLDER, `${FOLDER}/scenario.ts`)).toEqual({
      file: `${FOLDER}/scenario.ts`,
      line: 12,
      column: 19,
    });
    expect(firstLine(error)).toBe('Expected "]" but found "here"');
  });

  it("takes the first stack frame inside the folder, skipping the sandbox's and aws-cdk-lib's", () => {
    const error = new Error('my own mistake');
    error.stack = [
      'Error: my own mistake',
      '    at Object.validate (/work/node_modules/aws-cdk-lib/core/lib/stack.js:1:2)',
      `    at stack (file://${FOLDER}/stack.ts?tsx-namespace=1:13:9)`,
      '    at synthesizeFresh (/work/sandbox/synth/synth.ts:170:5)',
    ].join('\n');
    expect(locateError(error, FOLDER, `${FOLDER}/stack.ts`)).toEqual({
      file: `${FOLDER}/stack.ts`,
      line: 13,
      column: 9,
    });
    expect(firstLine(error)).toBe('my own mistake');
  });

  it('does not take a file of a folder whose name only starts the same', () => {
    const error = new Error(`boom\n    at x (${FOLDER}-other/scenario.ts:3:1)`);
    expect(locateError(error, FOLDER, `${FOLDER}/scenario.ts`)).toEqual({
      file: `${FOLDER}/scenario.ts`,
      line: null,
      column: null,
    });
  });

  it('formats a location as editors open it', () => {
    expect(formatLocation({ file: '/a/b.ts', line: 3, column: 4 })).toBe('/a/b.ts:3:4');
    expect(formatLocation({ file: '/a/b.ts', line: 3, column: null })).toBe('/a/b.ts:3');
    expect(formatLocation({ file: '/a/b.ts', line: null, column: null })).toBe('/a/b.ts');
  });
});
