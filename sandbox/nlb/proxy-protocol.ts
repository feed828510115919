// The Proxy Protocol version 2 header an NLB puts before the stream to a target when the target group has
// proxy_protocol_v2.enabled (ELB "Edit target group attributes for your Network Load Balancer", Proxy protocol):
// the client's address and port and the load balancer's, as HAProxy's send-proxy-v2 writes them for the TCP
// listeners. Addresses only: no TLV carries anything of the client's certificate (docs/aws-facts.md#nlb-mtls-target).
// Pure. Format: the PROXY protocol specification, section 2.2 (haproxy.org).
import { isIPv4, isIPv6 } from 'node:net';

const SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
const VERSION_2_PROXY = 0x21;
const TCP_OVER_IPV4 = 0x11;
const TCP_OVER_IPV6 = 0x21;

export interface Endpoint {
  address: string;
  port: number;
}

function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::');
  const parts = (text: string) => (text ? text.split(':') : []);
  const left = parts(head);
  const right = parts(tail);
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  const out = Buffer.alloc(16);
  for (const [i, group] of groups.entries()) out.writeUInt16BE(Number.parseInt(group, 16), i * 2);
  return out;
}

/** The PPv2 header for a TCP connection from `source` to `destination` (both IPv4 or both IPv6). */
export function proxyProtocolV2Header(source: Endpoint, destination: Endpoint): Buffer {
  const v4 = isIPv4(source.address) && isIPv4(destination.address);
  if (!v4 && !(isIPv6(source.address) && isIPv6(destination.address)))
    throw new Error(`Proxy Protocol v2: ${source.address} and ${destination.address} are not of one address family`);
  const addresses = v4
    ? Buffer.concat([ipv4Bytes(source.address), ipv4Bytes(destination.address)])
    : Buffer.concat([ipv6Bytes(source.address), ipv6Bytes(destination.address)]);
  const ports = Buffer.alloc(4);
  ports.writeUInt16BE(source.port, 0);
  ports.writeUInt16BE(destination.port, 2);
  const body = Buffer.concat([addresses, ports]);
  const head = Buffer.from([VERSION_2_PROXY, v4 ? TCP_OVER_IPV4 : TCP_OVER_IPV6, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([SIGNATURE, head, body]);
}
