// A minimal DER reader: enough to read names, validity and serials out of certificates and the revoked serials
// out of CRLs. Every read is bounds-checked and failures throw DerError, so hostile input cannot crash a caller
// that catches it.

export class DerError extends Error {
  constructor(message: string) {
    super(`malformed DER: ${message}`);
    this.name = 'DerError';
  }
}

export interface DerNode {
  /** The identifier octet (class, constructed bit and tag number for low tags). */
  tag: number;
  constructed: boolean;
  /** Offset of the identifier octet in `buf`. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
  buf: Buffer;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8String: 0x0c,
  NumericString: 0x12,
  PrintableString: 0x13,
  TeletexString: 0x14,
  IA5String: 0x16,
  UTCTime: 0x17,
  GeneralizedTime: 0x18,
  VisibleString: 0x1a,
  UniversalString: 0x1c,
  BMPString: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export function readNode(buf: Buffer, offset: number, limit = buf.length): DerNode {
  if (offset >= limit) throw new DerError(`unexpected end at ${offset}`);
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  let pos = offset + 1;
  if (pos >= limit) throw new DerError('missing length');
  let length = buf[pos++]!;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError('indefinite length is not DER');
    if (count > 4) throw new DerError('length too large');
    length = 0;
    for (let i = 0; i < count; i++) {
      if (pos >= limit) throw new DerError('truncated length');
      length = length * 256 + buf[pos++]!;
    }
  }
  const end = pos + length;
  if (end > limit) throw new DerError(`content runs past its container (${end} > ${limit})`);
  return { tag, constructed: (tag & 0x20) !== 0, start: offset, contentStart: pos, end, buf };
}

/** Reads exactly one node spanning the whole buffer. */
export function readRoot(buf: Buffer): DerNode {
  const node = readNode(buf, 0);
  if (node.end !== buf.length) throw new DerError('trailing bytes after the top-level element');
  return node;
}

export function children(node: DerNode): DerNode[] {
  if (!node.constructed) throw new DerError(`tag 0x${node.tag.toString(16)} is not constructed`);
  const out: DerNode[] = [];
  let pos = node.contentStart;
  while (pos < node.end) {
    const child = readNode(node.buf, pos, node.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what} is missing`);
  if (node.tag !== tag)
    throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, got 0x${node.tag.toString(16)}`);
  return node;
}

export function content(node: DerNode): Buffer {
  return node.buf.subarray(node.contentStart, node.end);
}

/** The whole TLV encoding of a node. */
export function encoded(node: DerNode): Buffer {
  return node.buf.subarray(node.start, node.end);
}

export function decodeOid(node: DerNode): string {
  const bytes = content(expectTag(node, TAG.OID, 'object identifier'));
  if (bytes.length === 0) throw new DerError('empty object identifier');
  const parts: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER) throw new DerError('object identifier arc too large');
    if (!(b & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

/** INTEGER content as uppercase hex of its magnitude, even length ("02", "03A5B1"); negative values keep their
 * two's-complement bytes and are flagged. */
export function decodeIntegerHex(node: DerNode): { hex: string; negative: boolean } {
  const bytes = content(expectTag(node, TAG.INTEGER, 'integer'));
  if (bytes.length === 0) throw new DerError('empty integer');
  const negative = (bytes[0]! & 0x80) !== 0;
  let start = 0;
  while (!negative && start < bytes.length - 1 && bytes[start] === 0) start++;
  return { hex: bytes.subarray(start).toString('hex').toUpperCase(), negative };
}

export function decodeTime(node: DerNode): Date {
  const text = content(node).toString('latin1');
  let m: RegExpMatchArray | null;
  if (node.tag === TAG.UTCTime) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!m) throw new DerError(`bad UTCTime ${JSON.stringify(text)}`);
    const yy = Number(m[1]);
    // RFC 5280 4.1.2.5.1: YY >= 50 is 19YY, otherwise 20YY.
    const year = yy >= 50 ? 1900 + yy : 2000 + yy;
    return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  }
  if (node.tag === TAG.GeneralizedTime) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
    if (!m) throw new DerError(`bad GeneralizedTime ${JSON.stringify(text)}`);
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  }
  throw new DerError(`tag 0x${node.tag.toString(16)} is not a time`);
}

export function decodeBitString(node: DerNode): Buffer {
  const bytes = content(expectTag(node, TAG.BIT_STRING, 'bit string'));
  if (bytes.length === 0) throw new DerError('empty bit string');
  return bytes.subarray(1);
}

/** Strips PEM armour (any label) and returns the DER of the first block, or the input if it already is DER. */
export function pemToDer(input: string | Buffer, label?: string): Buffer {
  const text = typeof input === 'string' ? input : input.toString('latin1');
  const re = label
    ? new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`)
    : /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
  const m = re.exec(text);
  if (!m) {
    if (typeof input !== 'string') return input;
    throw new DerError(`no PEM block${label ? ` labelled ${label}` : ''} found`);
  }
  const body = (label ? m[1] : m[2])!.replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

/** Every PEM block with the given label, in order. */
export function pemBlocks(text: string, label: string): Buffer[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}
