import { describe, expect, it } from 'vitest';
import type { RuleTransform } from '../model/topology.js';
import { applyTransforms } from './transforms.js';

const host = (regex: string, replace: string): RuleTransform => ({
  type: 'host-header-rewrite',
  rewrites: [{ regex, replace }],
});
const url = (regex: string, replace: string): RuleTransform => ({
  type: 'url-rewrite',
  rewrites: [{ regex, replace }],
});

describe('rule transforms', () => {
  it("rewrites the Host header with capture groups (AWS's example)", () => {
    expect(
      applyTransforms([host('^mywebsite-(.+).com$', 'internal.dev.$1.myweb.com')], {
        host: 'mywebsite-blue.com',
        url: '/',
      }),
    ).toEqual({
      ok: true,
      host: 'internal.dev.blue.myweb.com',
      url: '/',
      notes: ['host-header-rewrite: Host "mywebsite-blue.com" → "internal.dev.blue.myweb.com"'],
    });
  });

  it('rewrites path and query together, and leaves a request that does not match as it is', () => {
    const t = [url('^/api/v1/(.*)$', '/v1/$1')];
    expect(applyTransforms(t, { host: 'x', url: '/api/v1/users?id=7' })).toMatchObject({
      ok: true,
      url: '/v1/users?id=7',
    });
    expect(applyTransforms(t, { host: 'x', url: '/other' })).toEqual({ ok: true, host: 'x', url: '/other', notes: [] });
    expect(applyTransforms(undefined, { host: 'x', url: '/' })).toEqual({ ok: true, host: 'x', url: '/', notes: [] });
  });

  it('a match whose result is not a URL path or a host fails the request with 500 (documented)', () => {
    expect(applyTransforms([url('^/(.*)$', '$1')], { host: 'x', url: '/a' })).toMatchObject({ ok: false, status: 500 });
    expect(applyTransforms([host('^.*$', 'a b')], { host: 'x', url: '/' })).toMatchObject({ ok: false, status: 500 });
  });

  it('tries the rewrites of one transform in order; the first that matches wins', () => {
    const t: RuleTransform = {
      type: 'url-rewrite',
      rewrites: [
        { regex: '^/old/', replace: '/new/' },
        { regex: '^/', replace: '/fallback/' },
      ],
    };
    expect(applyTransforms([t], { host: 'x', url: '/old/a' })).toMatchObject({ url: '/new/a' });
    expect(applyTransforms([t], { host: 'x', url: '/b' })).toMatchObject({ url: '/fallback/b' });
  });

  it('fails (500) when the result holds what a Host header or request line cannot carry, never passing it on', () => {
    expect(applyTransforms([host('^.*$', 'a\u0001b')], { host: 'x', url: '/' })).toMatchObject({ ok: false });
    expect(applyTransforms([host('^.*$', 'é.example.com')], { host: 'x', url: '/' })).toMatchObject({ ok: false });
    expect(applyTransforms([url('^/(.*)$', '/$1\r\n')], { host: 'x', url: '/a' })).toMatchObject({ ok: false });
    expect(applyTransforms([url('^/(.*)$', '/é/$1')], { host: 'x', url: '/a' })).toMatchObject({ ok: false });
  });

  it('runs on RE2: a pattern that backtracks elsewhere answers at once', () => {
    const input = { host: 'x', url: `/${'a'.repeat(5000)}!` };
    expect(applyTransforms([url('^/(a+)+$', '/b')], input)).toMatchObject({ ok: true, url: input.url });
  });
});
