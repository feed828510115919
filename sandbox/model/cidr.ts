// CIDR matching for the `source-ip` rule condition (IPv4 and IPv6; ELB "Listener rules" documentation).
import { isIPv4, isIPv6 } from 'node:net';

export interface ParsedIp {
  family: 4 | 6;
  bytes: Uint8Array;
}

function parseIpv4(text: string): Uint8Array | null {
  if (!isIPv4(text)) return null;
  return Uint8Array.from(text.split('.').map((part) => Number(part)));
}

function parseIpv6(text: string): Uint8Array | null {
  const zoneless = text.split('%')[0]!;
  if (!isIPv6(zoneless)) return null;
  let head = zoneless;
  let tailV4: Uint8Array | null = null;
  const lastColon = zoneless.lastIndexOf(':');
  const maybeV4 = zoneless.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    tailV4 = parseIpv4(maybeV4);
    if (!tailV4) return null;
    head = `${zoneless.slice(0, lastColon + 1)}0:0`;
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, null];
  const leftParts = left ? left.split(':').filter((p) => p !== '') : [];
  const rightParts = right ? right.split(':').filter((p) => p !== '') : [];
  const missing = 8 - leftParts.length - rightParts.length;
  const groups = [...leftParts, ...(right === null ? [] : new Array<string>(missing).fill('0')), ...rightParts];
  if (groups.length !== 8) return null;
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    bytes[i * 2] = v >> 8;
    bytes[i * 2 + 1] = v & 0xff;
  });
  if (tailV4) bytes.set(tailV4, 12);
  return bytes;
}

/** Parses an address; an IPv4-mapped IPv6 address (::ffff:a.b.c.d, as node reports dual-stack peers) becomes IPv4. */
export function parseIp(text: string): ParsedIp | null {
  const v4 = parseIpv4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseIpv6(text);
  if (!v6) return null;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  if (mapped) return { family: 4, bytes: v6.slice(12) };
  return { family: 6, bytes: v6 };
}

export interface ParsedCidr {
  network: ParsedIp;
  prefix: number;
}

export function parseCidr(cidr: string): ParsedCidr | null {
  const slash = cidr.indexOf('/');
  const addr = slash === -1 ? cidr : cidr.slice(0, slash);
  const network = parseIp(addr.trim());
  if (!network) return null;
  const max = network.family === 4 ? 32 : 128;
  let prefix = slash === -1 ? max : Number(cidr.slice(slash + 1));
  // "::ffff:10.0.0.0/104" style mapped networks: shift the prefix into IPv4 terms.
  if (network.family === 4 && !isIPv4(addr.trim()) && slash !== -1) prefix -= 96;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { network, prefix };
}

export function cidrContains(cidr: string | ParsedCidr, ip: string | ParsedIp): boolean {
  const range = typeof cidr === 'string' ? parseCidr(cidr) : cidr;
  const addr = typeof ip === 'string' ? parseIp(ip) : ip;
  if (!range || !addr || range.network.family !== addr.family) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((range.network.bytes[i]! & mask) !== (addr.bytes[i]! & mask)) return false;
  }
  return true;
}
