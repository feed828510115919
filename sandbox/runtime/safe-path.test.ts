import { describe, expect, it } from 'vitest';
import { fileSlug, inside } from './safe-path.js';

describe('fileSlug and inside: names from a template never leave the run folder', () => {
  it('reduces any text to one lowercase segment, as component names were', () => {
    expect(fileSlug('PublicAlb')).toBe('publicalb');
    expect(fileSlug('Nlb/Tls')).toBe('nlb-tls');
    expect(fileSlug('T/../../../../../../tmp/escaped/x')).toBe('t-tmp-escaped-x');
    expect(fileSlug('../..')).toBe('unnamed');
    expect(fileSlug('x'.repeat(300))).toHaveLength(80);
  });

  it('joins inside the folder and refuses a path that would leave it', () => {
    expect(inside('/state/run', 'alb-x', 'requests-443.json')).toBe('/state/run/alb-x/requests-443.json');
    expect(() => inside('/state/run', '../../tmp/escaped')).toThrow(/would leave/);
    expect(() => inside('/state/run', 'a/../../b')).toThrow(/would leave/);
    // An absolute name is joined under the folder, not taken as it is.
    expect(inside('/state/run', '/etc/passwd')).toBe('/state/run/etc/passwd');
  });
});
