import { describe, expect, it } from 'vitest';
import {
  buildForwardHeaders,
  forwardedAddress,
  forwardedForCount,
  forwardedHost,
  type ForwardInput,
} from './forward-headers.js';

const base = (over: Partial<ForwardInput> = {}): ForwardInput => ({
  rawHeaders: ['Host', '127.0.0.1:40123', 'User-Agent', 'curl/7.88.1', 'Accept', '*/*'],
  host: '127.0.0.1:40123',
  clientIp: '::ffff:127.0.0.1',
  listenerProtocol: 'https',
  advertisedPort: 443,
  stripClientMtls: true,
  mtlsHeaders: [],
  nowMs: Date.parse('2024-11-03T04:09:55Z'),
  ...over,
});

const pairs = (flat: string[]) => Array.from({ length: flat.length / 2 }, (_, i) => [flat[i * 2]!, flat[i * 2 + 1]!]);
const get = (flat: string[], name: string) =>
  pairs(flat)
    .filter(([n]) => n!.toLowerCase() === name.toLowerCase())
    .map(([, v]) => v);

describe('forwarded request headers', () => {
  it('adds X-Forwarded-* and a trace id, keeps the client headers', () => {
    const out = buildForwardHeaders(base());
    expect(get(out, 'host')).toEqual(['127.0.0.1']);
    expect(get(out, 'x-forwarded-for')).toEqual(['127.0.0.1']);
    expect(get(out, 'x-forwarded-proto')).toEqual(['https']);
    expect(get(out, 'x-forwarded-port')).toEqual(['443']);
    expect(get(out, 'x-amzn-trace-id')[0]).toMatch(/^Root=1-6726f793-[0-9a-f]{24}$/);
    expect(get(out, 'user-agent')).toEqual(['curl/7.88.1']);
  });
  it('appends the client address to an existing X-Forwarded-For', () => {
    const out = buildForwardHeaders(
      base({ rawHeaders: ['X-Forwarded-For', '127.0.0.4, 127.0.0.8', 'x-forwarded-for', '10.0.0.1'] }),
    );
    expect(get(out, 'x-forwarded-for')).toEqual(['127.0.0.4, 127.0.0.8, 10.0.0.1, 127.0.0.1']);
  });
  it('overwrites client-sent X-Forwarded-Proto/Port and drops hop-by-hop headers', () => {
    const out = buildForwardHeaders(
      base({
        rawHeaders: [
          'X-Forwarded-Proto',
          'http',
          'X-Forwarded-Port',
          '1',
          'Connection',
          'keep-alive, X-Secret',
          'X-Secret',
          's',
          'Keep-Alive',
          't=5',
          'TE',
          'trailers',
          'Transfer-Encoding',
          'chunked',
          'Upgrade',
          'h2c',
          ':path',
          '/',
        ],
      }),
    );
    expect(get(out, 'x-forwarded-proto')).toEqual(['https']);
    expect(get(out, 'x-forwarded-port')).toEqual(['443']);
    for (const h of ['connection', 'x-secret', 'keep-alive', 'te', 'transfer-encoding', 'upgrade', ':path'])
      expect(get(out, h)).toEqual([]);
  });
  it('replaces client-sent X-Amzn-Mtls-* in verify/passthrough, keeps them with mTLS off', () => {
    const spoof = ['X-Amzn-Mtls-Clientcert-Subject', 'CN=clientA', 'x-amzn-mtls-clientcert', 'forged'];
    const verify = buildForwardHeaders(
      base({ rawHeaders: spoof, mtlsHeaders: [['X-Amzn-Mtls-Clientcert-Subject', 'CN=clientB']] }),
    );
    expect(get(verify, 'x-amzn-mtls-clientcert-subject')).toEqual(['CN=clientB']);
    expect(get(verify, 'x-amzn-mtls-clientcert')).toEqual([]);
    const off = buildForwardHeaders(base({ rawHeaders: spoof, stripClientMtls: false }));
    expect(get(off, 'x-amzn-mtls-clientcert-subject')).toEqual(['CN=clientA']);
  });
  it('keeps duplicates and order of other headers', () => {
    const out = buildForwardHeaders(base({ rawHeaders: ['X-A', '1', 'X-B', '2', 'x-a', '3'] }));
    expect(pairs(out).filter(([n]) => /^x-[ab]$/i.test(n!))).toEqual([
      ['X-A', '1'],
      ['X-B', '2'],
      ['x-a', '3'],
    ]);
  });
  it('rewrites Host for the advertised port', () => {
    expect(forwardedHost('example.com:41234', 443)).toBe('example.com');
    expect(forwardedHost('example.com', 8443)).toBe('example.com:8443');
    expect(forwardedHost('[::1]:41234', 80)).toBe('[::1]');
    expect(forwardedAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(forwardedAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(forwardedForCount(['X-Forwarded-For', '1.1.1.1, 2.2.2.2', 'x-forwarded-for', '3.3.3.3'])).toBe(3);
  });
});
