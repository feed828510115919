import { describe, expect, it } from 'vitest';
import { flowTarget } from './flow-hash.js';
import { proxyProtocolV2Header } from './proxy-protocol.js';

describe('proxyProtocolV2Header', () => {
  it('writes the v2 signature, PROXY over TCP/IPv4, and the addresses and ports in network order', () => {
    const header = proxyProtocolV2Header({ address: '127.0.0.23', port: 50000 }, { address: '127.0.0.1', port: 443 });
    expect(header.toString('hex')).toBe(`0d0a0d0a000d0a515549540a2111000c7f0000177f000001${(50000).toString(16)}01bb`);
  });

  it('writes IPv6 addresses in full, and refuses mixed families', () => {
    const header = proxyProtocolV2Header({ address: '::1', port: 1 }, { address: '2001:db8::2', port: 2 });
    expect(header.subarray(12, 16).toString('hex')).toBe('21210024');
    expect(header.subarray(16, 32).toString('hex')).toBe('00000000000000000000000000000001');
    expect(header.subarray(32, 48).toString('hex')).toBe('20010db8000000000000000000000002');
    expect(() => proxyProtocolV2Header({ address: '::1', port: 1 }, { address: '127.0.0.1', port: 2 })).toThrow(
      /not of one address family/,
    );
  });
});

describe('flowTarget', () => {
  it('source-IP stickiness: the IPv4 address as a number modulo the targets, whatever the port', () => {
    expect(flowTarget(2, '127.0.0.1', 1000, true)).toBe(1);
    expect(flowTarget(2, '127.0.0.2', 2000, true)).toBe(0);
    expect(flowTarget(2, '127.0.0.2', 3000, true)).toBe(0);
  });

  it('without stickiness, flows from one address spread over the targets', () => {
    const seen = new Set(Array.from({ length: 40 }, (_, port) => flowTarget(3, '127.0.0.1', 40000 + port, false)));
    expect(seen).toEqual(new Set([0, 1, 2]));
    expect(flowTarget(1, '127.0.0.1', 1, false)).toBe(0);
  });
});
