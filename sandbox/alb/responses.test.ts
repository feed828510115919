import { describe, expect, it } from 'vitest';
import type { RuleAction } from '../model/topology.js';
import { errorPage, errorResponse, fixedResponse, redirectLocation, redirectResponse } from './responses.js';

type Redirect = Extract<RuleAction, { type: 'redirect' }>;
const keep: Redirect = {
  type: 'redirect',
  protocol: '#{protocol}',
  port: '#{port}',
  host: '#{host}',
  path: '/#{path}',
  query: '#{query}',
  statusCode: 'HTTP_301',
};
const src = { protocol: 'http' as const, host: 'example.com', port: 80, path: '/a/b', query: 'x=1' };

describe('ALB-generated responses', () => {
  it('fixed-response adds charset like seed 004', () => {
    const r = fixedResponse({
      type: 'fixed-response',
      statusCode: 200,
      contentType: 'text/plain',
      messageBody: 'Default Action',
    });
    expect(r).toEqual({
      status: 200,
      headers: [['content-type', 'text/plain; charset=utf-8']],
      body: 'Default Action',
    });
    expect(fixedResponse({ type: 'fixed-response', statusCode: 503, contentType: null, messageBody: null }).body).toBe(
      '',
    );
  });
  it("error pages look like the ALB's", () => {
    expect(errorPage(502)).toBe(
      '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
    );
    expect(errorResponse(503).body).toContain('503 Service Temporarily Unavailable');
    expect(errorResponse(503).headers).toEqual([['content-type', 'text/html']]);
  });
  it('redirects keep every component not overridden', () => {
    expect(redirectLocation(keep, src)).toBe('http://example.com:80/a/b?x=1');
    expect(redirectLocation({ ...keep, protocol: 'HTTPS', port: '443' }, src)).toBe('https://example.com:443/a/b?x=1');
    expect(redirectLocation({ ...keep, path: '/new/#{path}', query: '' }, src)).toBe('http://example.com:80/new/a/b');
    expect(
      redirectLocation({ ...keep, host: 'www.#{host}', query: 'from=#{host}&#{query}' }, { ...src, query: '' }),
    ).toBe('http://www.example.com:80/a/b?from=example.com&');
  });
  it('uses 301 or 302 with a Location header', () => {
    const r = redirectResponse({ ...keep, statusCode: 'HTTP_302' }, src);
    expect(r.status).toBe(302);
    expect(r.headers).toContainEqual(['location', 'http://example.com:80/a/b?x=1']);
    expect(redirectResponse(keep, src).status).toBe(301);
  });
});
