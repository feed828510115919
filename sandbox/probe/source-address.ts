// Whether a probe can come from a given loopback source address on this machine (curl --interface ADDR).
// On Linux the loopback route covers all of 127.0.0.0/8, so every 127.x.y.z address is local and can be bound
// without configuring anything; macOS puts only 127.0.0.1 on lo0, so there the other addresses must be added first.
import net from 'node:net';

const checked = new Map<string, Promise<string | null>>();

/** null when a socket can be bound to `address`; else why not, in words a reader can act on. Checked once per address. */
export function sourceAddressProblem(address: string): Promise<string | null> {
  let pending = checked.get(address);
  if (!pending) {
    pending = probeBind(address);
    checked.set(address, pending);
  }
  return pending;
}

/** The first problem among `addresses` (distinct ones checked once), or null when every one can be bound. */
export async function sourceAddressesProblem(addresses: readonly string[]): Promise<string | null> {
  for (const address of new Set(addresses)) {
    const problem = await sourceAddressProblem(address);
    if (problem) return problem;
  }
  return null;
}

function probeBind(address: string): Promise<string | null> {
  if (net.isIP(address) === 0)
    return Promise.resolve(
      `${address} is not an IP address; a probe's source must be a loopback address such as 127.0.0.23.`,
    );
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(
        `${address} is not a local address on this machine (${error.code ?? error.message}), so curl --interface ${address} cannot use it. ` +
          `On Linux every 127.0.0.0/8 address is local; macOS has only 127.0.0.1 on lo0 — add this one with \`sudo ifconfig lo0 alias ${address} up\` and run again.`,
      );
    });
    server.listen({ host: address, port: 0, exclusive: true }, () => server.close(() => resolve(null)));
  });
}
