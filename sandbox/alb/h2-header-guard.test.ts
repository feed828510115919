// Reading HPACK header blocks for the length of each string as sent (RFC 7541 §5 and §6), without decoding them.
import { describe, expect, it } from 'vitest';
import { H2_MAX_COMPRESSED_FIELD, longestHpackString } from './h2-header-guard.js';

/** A literal field without indexing, with a new name, raw (not Huffman) strings (RFC 7541 §6.2.2). */
function literal(name: string, valueLength: number): Buffer {
  return Buffer.concat([Buffer.from([0x00]), string(Buffer.from(name)), string(Buffer.alloc(valueLength, 0x61))]);
}

/** A string with its 7-bit-prefix length (RFC 7541 §5.1, §5.2). */
function string(bytes: Buffer): Buffer {
  const length: number[] = [];
  if (bytes.length < 127) length.push(bytes.length);
  else {
    length.push(127);
    let rest = bytes.length - 127;
    while (rest >= 128) {
      length.push((rest & 0x7f) | 0x80);
      rest >>= 7;
    }
    length.push(rest);
  }
  return Buffer.concat([Buffer.from(length), bytes]);
}

describe('longestHpackString', () => {
  it('finds the longest name or value string, whatever the representation', () => {
    const block = Buffer.concat([
      Buffer.from([0x82, 0x87]), // indexed :method GET, :scheme https
      Buffer.from([0x3f, 0xe1, 0x1f]), // dynamic table size update to 4096
      Buffer.from([0x41]), // literal with incremental indexing, indexed name :authority
      string(Buffer.from('example.com')),
      literal('x-big', 9000),
      literal('x-small', 3),
    ]);
    expect(longestHpackString(block)).toBe(9000);
    expect(9000).toBeGreaterThan(H2_MAX_COMPRESSED_FIELD);
    expect(longestHpackString(literal('x-ok', 8192))).toBe(8192);
    expect(longestHpackString(Buffer.from([0x82]))).toBe(0);
  });

  it('says a block is malformed (null) when a string runs past its end', () => {
    expect(longestHpackString(literal('x-big', 9000).subarray(0, 100))).toBeNull();
    expect(longestHpackString(Buffer.from([0x00, 0x7f]))).toBeNull();
  });
});
