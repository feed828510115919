import { describe, expect, it } from 'vitest';
import { COOKIE, parseCookies, StickyCookieCodec, stickyCookieHeaders } from './stickiness.js';

describe('stickiness cookies', () => {
  const codec = new StickyCookieCodec();
  it('round-trips an opaque value', () => {
    const value = codec.encode({ g: 'tg1', t: '127.0.0.1:8080', e: 2_000_000_000 });
    expect(value).not.toContain('127.0.0.1');
    expect(value).not.toMatch(/%/);
    expect(codec.decode(value, 0)).toEqual({ g: 'tg1', t: '127.0.0.1:8080', e: 2_000_000_000 });
  });
  it('rejects forged, altered, foreign and expired values', () => {
    const value = codec.encode({ g: 'tg1', t: 'a:1', e: 100 });
    expect(codec.decode(value, 101_000)).toBeNull();
    expect(codec.decode(value, 99_000)).not.toBeNull();
    const bytes = Buffer.from(value, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(codec.decode(bytes.toString('base64'), 0)).toBeNull();
    expect(new StickyCookieCodec().decode(value, 0)).toBeNull();
    expect(codec.decode(Buffer.from(JSON.stringify({ g: 'tg1', t: 'b:2', e: 1e10 })).toString('base64'))).toBeNull();
    expect(codec.decode('!!!')).toBeNull();
  });
  it('parses Cookie headers and writes Expires-based Set-Cookie pairs', () => {
    expect(parseCookies(['a=1; AWSALB=xy+/=', 'AWSALB=second; b=2'])).toEqual(
      new Map([
        ['a', '1'],
        ['AWSALB', 'xy+/='],
        ['b', '2'],
      ]),
    );
    expect(parseCookies(undefined).size).toBe(0);
    const [plain, cors] = stickyCookieHeaders(COOKIE.target, COOKIE.targetCors, 'v', 1_700_000_000);
    expect(plain).toBe('AWSALB=v; Expires=Tue, 14 Nov 2023 22:13:20 GMT; Path=/');
    expect(cors).toBe('AWSALBCORS=v; Expires=Tue, 14 Nov 2023 22:13:20 GMT; Path=/; SameSite=None; Secure');
  });
});
