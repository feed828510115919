// Hop-by-hop headers (RFC 9110 §7.6.1) and the connection-specific ones HTTP/2 forbids (RFC 9113 §8.2.2): they
// belong to one connection, so no emulator forwards them to the next hop or passes them back to its client.
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);
