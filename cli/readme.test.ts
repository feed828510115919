// The README is the front door: short, the two commands .ci/run and a new reader rely on, then-and-now first, and
// the command list between the markers it is generated into.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('is a front door: under 10 KB, the two commands exactly, then-and-now first in Start here', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(10_000);
    expect(readme).toContain('```sh\nnpm install && npm start\n```');
    expect(readme).toContain('```sh\nnpm install && npm test\n```');
    const start = readme.slice(readme.indexOf('## Start here'));
    expect(start.indexOf('`then-and-now`')).toBeGreaterThan(0);
    expect(start.indexOf('`then-and-now`')).toBeLessThan(start.indexOf('`nlb-tcp-passthrough`'));
  });

  it('keeps the command list between the markers it is generated into', () => {
    const begin = readme.indexOf('<!-- commands:start -->');
    const end = readme.indexOf('<!-- commands:end -->');
    expect(begin).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(begin);
    expect(readme.slice(begin, end)).toContain('mtls-sandbox report <id>...');
  });
});
