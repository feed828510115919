import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngFacts } from './png-check.js';

/** A PNG from raw (filtered) scanlines; CRCs are left zero, the reader does not check them. */
function png(width: number, height: number, colourType: number, scanlines: number[]): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(scanlines))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('pngFacts', () => {
  it('reads the dimensions and counts colours through the scanline filters', () => {
    // 2×2 RGB: row 0 unfiltered (red, green); row 1 "Up" with zero deltas repeats row 0.
    const facts = pngFacts(png(2, 2, 2, [0, 255, 0, 0, 0, 255, 0, 2, 0, 0, 0, 0, 0, 0]));
    expect(facts).toEqual({ width: 2, height: 2, colours: 2, dominantShare: 0.5 });
  });

  it('sees a single-colour image as such', () => {
    // 3×1 grey with the "Sub" filter: 7, then +0, +0.
    expect(pngFacts(png(3, 1, 0, [1, 7, 0, 0]))).toEqual({ width: 3, height: 1, colours: 1, dominantShare: 1 });
  });

  it('refuses what is not a PNG', () => {
    expect(() => pngFacts(Buffer.from('GIF89a'))).toThrow(/not a PNG/);
  });
});
