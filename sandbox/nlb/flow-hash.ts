// Which target an NLB TLS listener sends a new connection to, as HAProxy does for the TCP listeners
// (sandbox/nlb/haproxy.ts, balanceFor): a hash of the client's address and port per flow, or, with source_ip
// stickiness, the IPv4 address as a number modulo the number of targets, so one client address always lands on
// one target. AWS does not publish its hash; the scenarios never expect a particular target. Pure.
import { isIPv4 } from 'node:net';

/** FNV-1a over the text: a stable, even spread of "address:port" flows. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** The index of the target among `count` eligible ones for this client. */
export function flowTarget(count: number, clientIp: string, clientPort: number, sourceIpStickiness: boolean): number {
  if (count <= 1) return 0;
  if (sourceIpStickiness) return isIPv4(clientIp) ? ipv4Number(clientIp) % count : fnv1a(clientIp) % count;
  return fnv1a(`${clientIp}:${clientPort}`) % count;
}
