import { validateHeaderValue } from 'node:http';
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

  // Issue 23: a stack or an API call could put what HTTP cannot carry into an action, and writing the answer threw
  // (ERR_HTTP_INVALID_STATUS_CODE, ERR_HTTP2_STATUS_INVALID, ERR_INVALID_CHAR): the checks refuse those now
  // (model/validate/), and the answers are writable whatever the action holds.
  describe('never an answer node cannot write', () => {
    const writable = (headers: [string, string][]) =>
      headers.every(([name, value]) => {
        validateHeaderValue(name, value);
        return true;
      });

    it("a status outside 200-599 becomes the ALB's 500 (099 over HTTP/1.1, 600 over HTTP/2)", () => {
      for (const statusCode of [99, 600, 1000, -1, 1.5]) {
        const response = fixedResponse({ type: 'fixed-response', statusCode, contentType: null, messageBody: 'x' });
        expect(response.status, String(statusCode)).toBe(500);
        expect(writable(response.headers)).toBe(true);
      }
    });

    it('a content type with CR/LF, or anything but type/subtype, becomes text/plain', () => {
      for (const contentType of ['text/plain\r\nX-Evil: 1', 'text/html\u0000', 'téxt/plain', 'nonsense']) {
        const response = fixedResponse({ type: 'fixed-response', statusCode: 200, contentType, messageBody: null });
        expect(response.headers).toEqual([['content-type', 'text/plain; charset=utf-8']]);
      }
    });

    it('percent-encodes what a Location cannot carry: CR, LF, DEL, spaces, non-ASCII', () => {
      const location = redirectLocation(
        { ...keep, host: 'a\rb.example.com', path: '/x\u007f y/é😀', query: 'q=\n' },
        { ...src, path: '/p' },
      );
      expect(location).toBe('http://a%0Db.example.com:80/x%7F%20y/%C3%A9%F0%9F%98%80?q=%0A');
      expect(writable(redirectResponse({ ...keep, host: '\r\n' }, src).headers)).toBe(true);
    });
  });
});
