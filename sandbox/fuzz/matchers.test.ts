// The listener-rule matchers' properties (sandbox/fuzz/matchers.ts) with a fixed seed and a bounded number of cases;
// `npm run fuzz` runs them with many more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matcherProperties, referenceMatch, runMatcherProperties } from './matchers.js';

const SEED = 20261202;
const RUNS = 300;

describe('listener-rule matchers, property-based (fixed seed)', () => {
  for (const { name, property } of matcherProperties())
    it(name, () => fc.assert(property, { seed: SEED, numRuns: RUNS }));
});

describe('the reference implementation itself', () => {
  it('follows the documented rule on hand-picked cases', () => {
    expect(referenceMatch('/old-path/*', '/old-path/x', false)).toBe(true);
    expect(referenceMatch('a?c', 'a😀c', false)).toBe(true);
    expect(referenceMatch('*', '', false)).toBe(true);
    expect(referenceMatch('?', '', false)).toBe(false);
    expect(referenceMatch('K', '\u212a', true)).toBe(false);
    expect(referenceMatch('A\\*', 'a*', true, true)).toBe(true);
    expect(referenceMatch('A\\*', 'ab', true, true)).toBe(false);
  });

  it('counts what it ran', () => {
    const counts = runMatcherProperties({ seed: SEED, runsPerProperty: 20 });
    expect(counts.failures).toEqual([]);
    expect(counts.cases).toBe(counts.properties * 20);
  });
});
