// Test support: the facts of a PNG file without an image library — dimensions from the IHDR header, and how varied
// its pixels are (8-bit, non-interlaced RGB/RGBA/grey, as browsers' screenshots are).
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per pixel by colour type: grey, RGB, grey+alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface PngFacts {
  width: number;
  height: number;
  /** Distinct colours seen (capped at 1000). */
  colours: number;
  /** Share of pixels with the most common colour, 0..1. */
  dominantShare: number;
}

export function pngFacts(file: Buffer): PngFacts {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (bad signature)');
  let offset = 8;
  let header: { width: number; height: number; depth: number; colourType: number; interlace: number } | null = null;
  const data: Buffer[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const body = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR')
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8]!,
        colourType: body[9]!,
        interlace: body[12]!,
      };
    if (type === 'IDAT') data.push(body);
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG without IHDR');
  const channels = CHANNELS[header.colourType];
  if (header.depth !== 8 || header.interlace !== 0 || channels === undefined)
    throw new Error(
      `unsupported PNG: depth ${header.depth}, colour type ${header.colourType}, interlace ${header.interlace}`,
    );
  const pixels = unfilter(inflateSync(Buffer.concat(data)), header.width, header.height, channels);
  const counts = new Map<string, number>();
  for (let i = 0; i < pixels.length; i += channels) {
    const key = pixels.subarray(i, i + channels).toString('hex');
    if (counts.size < 1000 || counts.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const dominant = Math.max(...counts.values());
  return {
    width: header.width,
    height: header.height,
    colours: counts.size,
    dominantShare: dominant / (header.width * header.height),
  };
}

/** PNG scanline filters (None, Sub, Up, Average, Paeth) undone. */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp]! : 0;
      const predictor =
        filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      out[row + x] = (line[x]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
