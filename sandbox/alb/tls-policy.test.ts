import { describe, expect, it } from 'vitest';
import { resolveSslPolicy, secureContextOptions } from './tls-policy.js';
import { CONTENT_TYPE, RecordReader, serverHelloKind } from './tls-records.js';

describe('security policies', () => {
  it('defaults to ELBSecurityPolicy-2016-08: at most TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256 preferred for RSA', () => {
    const p = resolveSslPolicy(null);
    expect(p).toMatchObject({ name: 'ELBSecurityPolicy-2016-08', maxVersion: 'TLSv1.2', derived: false });
    const opts = secureContextOptions(p);
    expect(opts.honorCipherOrder).toBe(true);
    expect(opts.ciphers.split(':').filter((c) => c.includes('RSA'))[0]).toBe('ECDHE-RSA-AES128-GCM-SHA256');
  });
  it('allows TLS 1.3 for TLS13 policies, also unknown ones read from the name', () => {
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06')).toMatchObject({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
    });
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-3-2021-06')).toMatchObject({
      minVersion: 'TLSv1.3',
      ciphers: [],
    });
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09')).toMatchObject({
      maxVersion: 'TLSv1.3',
      minVersion: 'TLSv1.2',
      derived: true,
    });
    expect(resolveSslPolicy('ELBSecurityPolicy-FS-1-2-2019-08')).toMatchObject({
      maxVersion: 'TLSv1.2',
      derived: true,
    });
  });
});

describe('TLS record reader', () => {
  const record = (type: number, body: Buffer) =>
    Buffer.concat([Buffer.from([type, 3, 3, body.length >> 8, body.length & 0xff]), body]);
  const serverHello = (random: Buffer) => Buffer.concat([Buffer.from([2, 0, 0, 70, 3, 3]), random, Buffer.alloc(36)]);
  const hrr = Buffer.from('CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C', 'hex');

  it('finds records across chunk boundaries and classifies ServerHello vs HelloRetryRequest', () => {
    const stream = Buffer.concat([
      record(22, serverHello(Buffer.alloc(32, 7))),
      record(20, Buffer.from([1])),
      record(22, serverHello(hrr)),
    ]);
    const reader = new RecordReader();
    const seen = [];
    for (let i = 0; i < stream.length; i += 7) seen.push(...reader.push(stream.subarray(i, i + 7)));
    expect(seen.map((r) => r.type)).toEqual([22, CONTENT_TYPE.changeCipherSpec, 22]);
    expect(seen.map(serverHelloKind)).toEqual(['server-hello', 'other', 'hello-retry-request']);
  });
  it('flags garbage', () => {
    const reader = new RecordReader();
    expect(reader.push(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toEqual([]);
    expect(reader.malformed).toBe(true);
  });
});
