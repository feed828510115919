// How a load balancer's component writes where each listener runs here: ":443 → 127.0.0.1:40443". The record keeps
// it as one string that reads the same in every language (no words), and the topology finds a listener's local
// address in it again. Pure.

/** ":443 → 127.0.0.1:40443, :80 → 127.0.0.1:40080" for listener port → local port. */
export function listenerAddresses(ports: ReadonlyMap<number, number>): string {
  return [...ports.entries()].map(([listenerPort, local]) => `:${listenerPort} → 127.0.0.1:${local}`).join(', ');
}

/** The local address of the listener on `port` in such a string, or null. */
export function localAddressOf(address: string, port: number): string | null {
  return address.match(new RegExp(`(?:^|, ):${port} → (127\\.0\\.0\\.1:\\d+)`))?.[1] ?? null;
}
