// The handshake readers on hand-built messages (RFC 8446 / RFC 5246 layouts), and TLS 1.3 record opening on a
// record sealed here with the same key schedule.
import { createCipheriv, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HandshakeObserver } from './handshake-observer.js';
import { clientHandshakePlaintext } from './tls13-decrypt.js';
import {
  HandshakeReader,
  parseCertificateMessage,
  parseServerHello,
  parseServerKeyExchangeGroup,
  RecordSplitter,
} from './tls-handshake.js';

const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
const vec = (lengthBytes: 1 | 2 | 3, body: Buffer) =>
  Buffer.concat([
    lengthBytes === 1 ? Buffer.from([body.length]) : lengthBytes === 2 ? u16(body.length) : u24(body.length),
    body,
  ]);
const message = (type: number, body: Buffer) => Buffer.concat([Buffer.from([type]), u24(body.length), body]);
const record = (type: number, body: Buffer) => Buffer.concat([Buffer.from([type, 3, 3]), u16(body.length), body]);
const extension = (type: number, data: Buffer) => Buffer.concat([u16(type), vec(2, data)]);

function serverHello(opts: { random?: Buffer; extensions?: Buffer[] }): Buffer {
  return Buffer.concat([
    u16(0x0303),
    opts.random ?? Buffer.alloc(32, 1),
    vec(1, Buffer.alloc(32, 2)),
    u16(0x1301),
    Buffer.from([0]),
    vec(2, Buffer.concat(opts.extensions ?? [])),
  ]);
}

describe('TLS handshake readers', () => {
  it('splits records and joins a handshake message that spans two of them', () => {
    const cert = Buffer.alloc(3000, 7);
    const certificate = message(11, vec(3, vec(3, cert)));
    const stream = Buffer.concat([record(22, certificate.subarray(0, 1000)), record(22, certificate.subarray(1000))]);
    const splitter = new RecordSplitter();
    const reader = new HandshakeReader();
    const messages = [];
    for (let i = 0; i < stream.length; i += 333)
      for (const r of splitter.push(stream.subarray(i, i + 333))) messages.push(...reader.push(r.body));
    expect(messages.map((m) => m.type)).toEqual([11]);
    expect(parseCertificateMessage(messages[0]!.body, false)).toEqual([cert]);
  });

  it('reads the TLS 1.3 version and key share group of a ServerHello, and tells a HelloRetryRequest', () => {
    const sh = serverHello({
      extensions: [
        extension(0x002b, u16(0x0304)),
        extension(0x0033, Buffer.concat([u16(0x001d), vec(2, Buffer.alloc(32))])),
      ],
    });
    expect(parseServerHello(sh)).toEqual({
      helloRetryRequest: false,
      version: 0x0304,
      cipherSuite: 0x1301,
      keyShareGroup: 0x001d,
    });
    const hrrRandom = Buffer.from('CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C', 'hex');
    const hrr = serverHello({ random: hrrRandom, extensions: [extension(0x0033, u16(0x0017))] });
    expect(parseServerHello(hrr)).toMatchObject({ helloRetryRequest: true, keyShareGroup: 0x0017 });
    expect(parseServerHello(Buffer.alloc(10))).toBeNull();
  });

  it('reads the named curve of a TLS 1.2 ECDHE ServerKeyExchange', () => {
    expect(parseServerKeyExchangeGroup(Buffer.concat([Buffer.from([3]), u16(0x0017), vec(1, Buffer.alloc(65))]))).toBe(
      0x0017,
    );
    expect(parseServerKeyExchangeGroup(Buffer.from([1, 2, 3]))).toBeNull();
  });

  it('reads TLS 1.3 certificate entries in the order sent, with their extensions and context', () => {
    const a = Buffer.from('leaf');
    const b = Buffer.from('ca-1');
    const entries = Buffer.concat([vec(3, a), vec(2, Buffer.alloc(0)), vec(3, b), vec(2, Buffer.from([0, 5, 0, 0]))]);
    expect(parseCertificateMessage(Buffer.concat([vec(1, Buffer.alloc(0)), vec(3, entries)]), true)).toEqual([a, b]);
    expect(parseCertificateMessage(Buffer.concat([vec(1, Buffer.alloc(0)), vec(3, Buffer.alloc(0))]), true)).toEqual(
      [],
    );
    expect(parseCertificateMessage(Buffer.from([0, 0, 9, 1]), false)).toBeNull();
  });
});

describe('TLS 1.3 client handshake records', () => {
  function expandLabel(secret: Buffer, label: string, length: number): Buffer {
    const full = Buffer.from(`tls13 ${label}`);
    const info = Buffer.concat([u16(length), Buffer.from([full.length]), full, Buffer.from([0])]);
    return createHmac('sha256', secret)
      .update(Buffer.concat([info, Buffer.from([1])]))
      .digest()
      .subarray(0, length);
  }

  function seal(secret: Buffer, seq: number, inner: Buffer): Buffer {
    const key = expandLabel(secret, 'key', 16);
    const iv = expandLabel(secret, 'iv', 12);
    const nonce = Buffer.from(iv);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const length = inner.length + 16;
    const cipher = createCipheriv('aes-128-gcm', key, nonce);
    cipher.setAAD(Buffer.from([23, 3, 3, length >> 8, length & 0xff]));
    return Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
  }

  it('opens the records in sequence and stops at one the handshake keys do not open', () => {
    const secret = Buffer.alloc(32, 9);
    const certificate = message(11, Buffer.from([0, 0, 0, 0]));
    const finished = message(20, Buffer.alloc(32, 3));
    const records = [
      seal(secret, 0, Buffer.concat([certificate, Buffer.from([22]), Buffer.alloc(5)])), // padded
      seal(secret, 1, Buffer.concat([finished, Buffer.from([22])])),
      seal(Buffer.alloc(32, 1), 0, Buffer.from('application data\x17')), // the next keys: not ours
    ];
    expect(clientHandshakePlaintext(0x1301, secret, records)).toEqual(Buffer.concat([certificate, finished]));
    expect(clientHandshakePlaintext(0x9999, secret, records)).toBeNull();
  });
});

describe('HandshakeObserver: the key exchange group', () => {
  const hrrRandom = Buffer.from('CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C', 'hex');
  const tls13 = extension(0x002b, u16(0x0304));

  it('reads the group of the real ServerHello after a HelloRetryRequest and its compatibility ChangeCipherSpec', () => {
    // A server that offers only P-384 to a client whose first key share is X25519 (an RFC 9151 strict policy).
    const hrr = serverHello({ random: hrrRandom, extensions: [tls13, extension(0x0033, u16(0x0018))] });
    const real = serverHello({
      extensions: [tls13, extension(0x0033, Buffer.concat([u16(0x0018), vec(2, Buffer.alloc(97, 4))]))],
    });
    const observer = new HandshakeObserver();
    observer.server(record(22, message(2, hrr)));
    observer.server(record(20, Buffer.from([1])));
    observer.server(record(22, message(2, real)));
    expect(observer.keyExchange()).toBe('secp384r1');
  });
});
