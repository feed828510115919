// Who holds a TCP port on this machine (Linux): the sockets bound to it, from /proc/net/tcp and /proc/net/tcp6, and
// the processes whose file descriptors point at those sockets (/proc/<pid>/fd). Readiness uses it to tell our
// component's listener from someone else's that happens to answer on the same port; a start that fails names who
// holds the port.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { allPids, procAvailable } from '../os/process-identity.js';

interface SocketEntry {
  address: string;
  port: number;
  listening: boolean;
  inode: number;
}

/** "0100007F:1F90" (IPv4, little-endian words) or a 32-digit IPv6 form → "127.0.0.1" / "::ffff:127.0.0.1" / "::". */
export function decodeProcAddress(hex: string): { address: string; port: number } {
  const [addr = '', portHex = '0'] = hex.split(':');
  const port = Number.parseInt(portHex, 16);
  const bytes: number[] = [];
  for (let word = 0; word < addr.length; word += 8) {
    const chunk = addr.slice(word, word + 8);
    for (let i = 6; i >= 0; i -= 2) bytes.push(Number.parseInt(chunk.slice(i, i + 2), 16));
  }
  if (bytes.length === 4) return { address: bytes.join('.'), port };
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return { address: `::ffff:${bytes.slice(12).join('.')}`, port };
  if (bytes.every((b) => b === 0)) return { address: '::', port };
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return { address: groups.join(':'), port };
}

/** The socket lines of /proc/net/tcp and tcp6 (pure: the file contents in, the entries out). */
export function parseProcNetTcp(text: string): SocketEntry[] {
  const entries: SocketEntry[] = [];
  for (const line of text.split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/);
    if (columns.length < 10) continue;
    const { address, port } = decodeProcAddress(columns[1]!);
    entries.push({ address, port, listening: columns[3] === '0A', inode: Number(columns[9]) });
  }
  return entries;
}

/** Would a socket bound to `address` take connections meant for `host` (127.0.0.1)? */
function covers(address: string, host: string): boolean {
  return [host, '0.0.0.0', '::', `::ffff:${host}`, '::ffff:0.0.0.0'].includes(address);
}

function socketsOn(host: string, port: number): SocketEntry[] {
  const all: SocketEntry[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      all.push(...parseProcNetTcp(readFileSync(file, 'utf8')));
    } catch {
      // no IPv6, say
    }
  }
  return all.filter((entry) => entry.port === port && covers(entry.address, host));
}

/** The inodes among `inodes` that each of `pids` holds an fd of. */
function inodesHeldBy(pids: number[], inodes: Set<number>): Map<number, number[]> {
  const held = new Map<number, number[]>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (!match || !inodes.has(Number(match[1]))) continue;
      const inode = Number(match[1]);
      held.set(inode, [...(held.get(inode) ?? []), pid]);
    }
  }
  return held;
}

export type ListenerCheck =
  /** Every listener that would take a connection to host:port belongs to `ours`. */
  | { state: 'ours' }
  /** Nothing listens there (yet). */
  | { state: 'none' }
  /** Someone else listens there; `holders` are their pids when readable (another user's are not). */
  | { state: 'foreign'; holders: number[] }
  /** This system has no /proc: who listens cannot be told. */
  | { state: 'unknown' };

/** Who listens on host:port: our processes (`ours`: their pids), someone else, nobody — or unknown without /proc. */
export function checkListener(host: string, port: number, ours: number[]): ListenerCheck {
  if (!procAvailable()) return { state: 'unknown' };
  const listening = socketsOn(host, port).filter((entry) => entry.listening && entry.inode > 0);
  if (listening.length === 0) return { state: 'none' };
  const inodes = new Set(listening.map((entry) => entry.inode));
  const mine = inodesHeldBy(ours, inodes);
  const foreign = new Set([...inodes].filter((inode) => !mine.has(inode)));
  if (foreign.size === 0) return { state: 'ours' };
  return { state: 'foreign', holders: holdersOf(foreign) };
}

/** The pids that hold any socket bound to host:port (listening or not), for saying who took a port. */
export function portHolders(host: string, port: number): number[] {
  if (!procAvailable()) return [];
  const inodes = new Set(
    socketsOn(host, port)
      .map((entry) => entry.inode)
      .filter((inode) => inode > 0),
  );
  return inodes.size === 0 ? [] : holdersOf(inodes);
}

function holdersOf(inodes: Set<number>): number[] {
  const held = inodesHeldBy(allPids(), inodes);
  return [...new Set([...held.values()].flat())].sort((a, b) => a - b);
}
