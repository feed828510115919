// Whether a probe can come from a given loopback source address on this machine (curl --interface ADDR).
// On Linux the loopback route covers all of 127.0.0.0/8, so every 127.x.y.z address is local and can be bound
// without configuring anything; macOS puts only 127.0.0.1 on lo0, so there the other addresses must be added first.
import net from 'node:net';
import { type Message, msg } from '../messages.js';

const checked = new Map<string, Promise<Message | null>>();

/** null when a socket can be bound to `address`; else why not, in words a reader can act on. Checked once per address. */
export function sourceAddressProblem(address: string): Promise<Message | null> {
  let pending = checked.get(address);
  if (!pending) {
    pending = probeBind(address);
    checked.set(address, pending);
  }
  return pending;
}

/** The first problem among `addresses` (distinct ones checked once), or null when every one can be bound. */
export async function sourceAddressesProblem(addresses: readonly string[]): Promise<Message | null> {
  for (const address of new Set(addresses)) {
    const problem = await sourceAddressProblem(address);
    if (problem) return problem;
  }
  return null;
}

function probeBind(address: string): Promise<Message | null> {
  if (net.isIP(address) === 0) return Promise.resolve(msg('skip.source-not-an-address', { address }));
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(msg('skip.source-not-local', { address, error: error.code ?? error.message }));
    });
    server.listen({ host: address, port: 0, exclusive: true }, () => server.close(() => resolve(null)));
  });
}
