// Who holds a TCP port on this machine (Linux): the sockets bound to it, from /proc/net/tcp and /proc/net/tcp6, and
// the processes whose file descriptors point at those sockets (/proc/<pid>/fd). Readiness uses it to tell our
// component's listener from someone else's that happens to answer on the same port; a start that fails names who
// holds the port.
import { closeSync, openSync, readFileSync, readSync, readdirSync, readlinkSync } from 'node:fs';
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

/**
 * The listening sockets at the head of /proc/net/tcp or tcp6 text (pure), and whether the text went past them: the
 * kernel lists every listening socket before any other (Documentation/networking/proc_net_tcp.rst), so the first
 * socket that is not listening ends the list. Only complete lines count; a text cut mid-line is read on.
 */
export function parseListeningHead(text: string): { listening: SocketEntry[]; complete: boolean } {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  const listening: SocketEntry[] = [];
  for (const entry of parseProcNetTcp(complete)) {
    if (!entry.listening) return { listening, complete: true };
    listening.push(entry);
  }
  return { listening, complete: false };
}

/** Bytes read at a time (a line is 150): the kernel makes only as many lines as a read asks for, and the first line
 * past the listeners costs it a walk of its connection table up to the first socket there, the more lines the longer. */
const HEAD_CHUNK = 512;

/**
 * The listening sockets of one /proc/net file, read only as far as they go. On a busy machine the file holds
 * thousands of TIME_WAIT sockets after them, which cost the kernel ~25 times the listeners' lines to print.
 */
function listeningSockets(file: string): SocketEntry[] {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_CHUNK);
    let text = '';
    for (;;) {
      const read = readSync(fd, buffer, 0, HEAD_CHUNK, null);
      if (read > 0) text += buffer.toString('latin1', 0, read);
      const head = parseListeningHead(read > 0 ? text : `${text}\n`);
      if (head.complete || read === 0) return head.listening;
    }
  } finally {
    closeSync(fd);
  }
}

/** Would a socket bound to `address` take connections meant for `host` (127.0.0.1)? */
function covers(address: string, host: string): boolean {
  return [host, '0.0.0.0', '::', `::ffff:${host}`, '::ffff:0.0.0.0'].includes(address);
}

const PROC_NET_TCP = ['/proc/net/tcp', '/proc/net/tcp6'];

/** The sockets bound to host:port, listening or not (the whole files: only when a start failed). */
function socketsOn(host: string, port: number): SocketEntry[] {
  const all: SocketEntry[] = [];
  for (const file of PROC_NET_TCP) {
    try {
      all.push(...parseProcNetTcp(readFileSync(file, 'utf8')));
    } catch {
      // no IPv6, say
    }
  }
  return all.filter((entry) => entry.port === port && covers(entry.address, host));
}

/**
 * IPv6 listeners, read at most this often for an IPv4 address. Listing them makes the kernel walk its whole
 * connection table (262,144 buckets here) for IPv6 sockets there are none of, 3 ms a read; they matter to 127.0.0.1
 * only as a dual-stack wildcard ([::]) that someone else holds, which a snapshot this old shows as well as a new one.
 */
const IPV6_LISTENERS_TTL_MS = 250;
let ipv6Listeners: { at: number; sockets: SocketEntry[] } | null = null;

function listeningSocketsOf(file: string): SocketEntry[] {
  try {
    return listeningSockets(file);
  } catch {
    return []; // no IPv6, say
  }
}

/** The listening sockets that would take connections to host:port. */
function listenersOn(host: string, port: number): SocketEntry[] {
  const now = Date.now();
  if (host.includes(':') || !ipv6Listeners || now - ipv6Listeners.at > IPV6_LISTENERS_TTL_MS)
    ipv6Listeners = { at: now, sockets: listeningSocketsOf('/proc/net/tcp6') };
  const all = [...listeningSocketsOf('/proc/net/tcp'), ...ipv6Listeners.sockets];
  return all.filter((entry) => entry.port === port && covers(entry.address, host) && entry.inode > 0);
}

/** The inodes among `inodes` that each of `pids` holds an fd of. */
function inodesHeldBy(pids: readonly number[], inodes: Set<number>): Map<number, number[]> {
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

/**
 * Who listens on host:port: our processes (`ours`: their pids), someone else, nobody — or unknown without /proc.
 * `more`, when given, names further pids of ours, asked for only when `ours` do not hold every listener (listing a
 * process group reads every process's /proc/<pid>/stat; its leader usually holds the listener itself).
 */
export function checkListener(
  host: string,
  port: number,
  ours: readonly number[],
  more?: () => readonly number[],
): ListenerCheck {
  if (!procAvailable()) return { state: 'unknown' };
  const listening = listenersOn(host, port);
  if (listening.length === 0) return { state: 'none' };
  const inodes = new Set(listening.map((entry) => entry.inode));
  let mine = inodesHeldBy(ours, inodes);
  if (more && mine.size < inodes.size) mine = inodesHeldBy([...new Set([...ours, ...more()])], inodes);
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
