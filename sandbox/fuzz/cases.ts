// The hostile inputs, by category. Each case is made from a seeded random source and sent to one front door; what the
// door answers is not judged here (refusing, resetting, 400 are all fine) — the runner then checks that a normal
// request still succeeds, that nothing crashed, and, for the identity case, that no forged value reached the target.
import {
  type Endpoint,
  h2Request,
  normalH1,
  normalH2,
  type Random,
  rawExchange,
  realClientHello,
  tlsConnect,
  tlsExchange,
  tlsThenRaw,
} from './clients.js';
import type { OpenDoor } from './doors.js';

export type Category =
  | 'client-hello-random'
  | 'client-hello-mutated'
  | 'tls-truncated'
  | 'http1-header-bomb'
  | 'http2-header-bomb'
  | 'smuggling'
  | 'spoofed-identity';

export const CATEGORIES: Category[] = [
  'client-hello-random',
  'client-hello-mutated',
  'tls-truncated',
  'http1-header-bomb',
  'http2-header-bomb',
  'smuggling',
  'spoofed-identity',
];

export interface CaseOutcome {
  /** A short name of what was sent, for the report of a failure. */
  name: string;
  /** The protocol the normal request after it uses. */
  follow: 'h1' | 'h2';
  /** Forged identity values that reached the target (spoofed-identity only): a failure. */
  leaked?: string[];
}

/** Whether a category can be tried against a door (HTTP/2 bombs need HTTP/2; forgery needs identity headers). */
export function applies(category: Category, door: OpenDoor): boolean {
  if (category === 'http2-header-bomb') return door.door.http2;
  if (category === 'spoofed-identity') return door.door.identityHeaders.length > 0;
  return true;
}

/** Sends one case of `category` to the door. */
export async function runCase(category: Category, door: OpenDoor, random: Random): Promise<CaseOutcome> {
  switch (category) {
    case 'client-hello-random':
      return randomHello(door.endpoint, random);
    case 'client-hello-mutated':
      return mutatedHello(door.endpoint, random);
    case 'tls-truncated':
      return truncated(door, random);
    case 'http1-header-bomb':
      return http1Bomb(door, random);
    case 'http2-header-bomb':
      return http2Bomb(door, random);
    case 'smuggling':
      return smuggling(door, random);
    case 'spoofed-identity':
      return spoof(door, random);
  }
}

/** Random bytes, or a TLS handshake record whose body is random. */
async function randomHello(endpoint: Endpoint, random: Random): Promise<CaseOutcome> {
  const body = random.bytes(random.int(1, 2048));
  if (random.next() < 0.3) {
    await rawExchange(endpoint, [body], { waitMs: 500 });
    return { name: `${body.length} random bytes`, follow: 'h1' };
  }
  const handshake = Buffer.concat([Buffer.from([0x01]), uint24(body.length), body]);
  const record = Buffer.concat([
    Buffer.from([0x16, 0x03, random.pick([0x00, 0x01, 0x03, 0x04])]),
    uint16(handshake.length),
    handshake,
  ]);
  await rawExchange(endpoint, [record], { waitMs: 800 });
  return { name: `ClientHello record with a random ${body.length}-byte body`, follow: 'h1' };
}

/** A real ClientHello with bytes flipped, lengths broken, or a piece cut out. */
async function mutatedHello(endpoint: Endpoint, random: Random): Promise<CaseOutcome> {
  const hello = Buffer.from(await realClientHello());
  const how = random.pick(['flip', 'length', 'splice', 'repeat'] as const);
  let mutated: Buffer = hello;
  if (how === 'flip') {
    const flips = random.int(1, 8);
    for (let i = 0; i < flips; i++) {
      const at = random.int(5, mutated.length - 1);
      mutated[at] = mutated[at]! ^ (1 << random.int(0, 7));
    }
  } else if (how === 'length') {
    // The record, handshake, session id, cipher suites or extensions length: too big, too small, zero.
    const at = random.pick([3, 6, 43, 44, 76]);
    const value = random.pick([0, 0xffff, 1, hello.length * 4]);
    mutated.writeUInt16BE(Math.min(value, 0xffff), Math.min(at, mutated.length - 2));
  } else if (how === 'splice') {
    const from = random.int(5, hello.length - 2);
    mutated = Buffer.concat([
      hello.subarray(0, from),
      random.bytes(random.int(0, 64)),
      hello.subarray(from + random.int(1, 32)),
    ]);
  } else {
    mutated = Buffer.concat([hello, hello, random.bytes(random.int(0, 16))]);
  }
  await rawExchange(endpoint, [mutated], { waitMs: 800 });
  return { name: `real ClientHello, mutated (${how})`, follow: 'h1' };
}

/** A record cut short: a ClientHello ended early, a byte at a time, or garbage after a finished handshake. */
async function truncated(door: OpenDoor, random: Random): Promise<CaseOutcome> {
  const hello = await realClientHello();
  const how = random.pick(['cut', 'dribble', 'after-handshake'] as const);
  if (how === 'cut') {
    const at = random.int(1, hello.length - 1);
    await rawExchange(door.endpoint, [hello.subarray(0, at)], { waitMs: 300, end: true });
    return { name: `ClientHello cut at byte ${at} of ${hello.length}`, follow: 'h1' };
  }
  if (how === 'dribble') {
    const pieces = Array.from({ length: random.int(3, 12) }, (_, i) => hello.subarray(i, i + 1));
    await rawExchange(door.endpoint, pieces, { waitMs: 300, pauseMs: 20, end: true });
    return { name: `the first ${pieces.length} bytes of a ClientHello, one at a time, then a close`, follow: 'h1' };
  }
  // After the handshake: an application-data record header promising more than comes, or plain garbage.
  const garbage =
    random.next() < 0.5 ? Buffer.from([0x17, 0x03, 0x03, 0x40, 0x00, 0x01, 0x02]) : random.bytes(random.int(1, 300));
  await tlsThenRaw(door.endpoint, door.credentials, garbage);
  return { name: `${garbage.length} bytes of broken records after the handshake`, follow: 'h1' };
}

/** HTTP/1.1 over TLS: many headers, one huge header, a huge request line, or headers never finished. */
async function http1Bomb(door: OpenDoor, random: Random): Promise<CaseOutcome> {
  const how = random.pick(['many', 'huge', 'request-line', 'unfinished'] as const);
  let head: string;
  if (how === 'many') {
    const count = random.int(100, 6000);
    head = `GET / HTTP/1.1\r\nHost: localhost\r\n${Array.from({ length: count }, (_, i) => `X-H${i}: ${random.letters(random.int(1, 12))}\r\n`).join('')}\r\n`;
  } else if (how === 'huge') {
    head = `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(random.int(8_000, 200_000))}\r\n\r\n`;
  } else if (how === 'request-line') {
    head = `GET /${'p'.repeat(random.int(8_000, 100_000))} HTTP/1.1\r\nHost: localhost\r\n\r\n`;
  } else {
    head = `GET / HTTP/1.1\r\nHost: localhost\r\nX-Partial: ${random.letters(random.int(10, 5000))}`;
  }
  await tlsExchange(door.endpoint, door.credentials, [head], how === 'unfinished' ? 300 : 3000);
  return { name: `HTTP/1.1 header bomb (${how}, ${head.length} bytes)`, follow: 'h1' };
}

/** HTTP/2: many headers, a huge one, an HPACK bomb (one big header repeated), a flood of tiny CONTINUATION frames. */
async function http2Bomb(door: OpenDoor, random: Random): Promise<CaseOutcome> {
  const how = random.pick(['many', 'huge', 'hpack-bomb', 'continuation-flood'] as const);
  if (how === 'continuation-flood') {
    const frames = random.int(100, 3000);
    await continuationFlood(door, frames);
    return { name: `HTTP/2 HEADERS then ${frames} one-byte CONTINUATION frames`, follow: 'h2' };
  }
  const headers: Record<string, string | string[]> = { ':path': '/' };
  if (how === 'many') {
    const count = random.int(100, 4000);
    for (let i = 0; i < count; i++) headers[`x-h${i}`] = random.letters(random.int(1, 12));
  } else if (how === 'huge') {
    headers['x-big'] = random.letters(random.int(8_000, 200_000));
  } else {
    // The same field again and again: after the first, each copy is one indexed byte that decodes to 4,000.
    headers['x-bomb'] = Array.from({ length: random.int(20, 400) }, () => 'b'.repeat(4000));
  }
  await h2Request(door.endpoint, door.credentials, headers);
  return { name: `HTTP/2 header bomb (${how})`, follow: 'h2' };
}

/** Raw HTTP/2 frames over TLS: the preface, SETTINGS, a HEADERS frame without END_HEADERS, then CONTINUATIONs. */
async function continuationFlood(door: OpenDoor, count: number): Promise<void> {
  const frame = (type: number, flags: number, stream: number, payload: Buffer) =>
    Buffer.concat([uint24(payload.length), Buffer.from([type, flags]), uint32(stream), payload]);
  const start = Buffer.from([0x82, 0x87, 0x84, 0x41, 0x09, ...Buffer.from('localhost')]); // GET https / :authority
  const pieces = [
    Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
    frame(0x4, 0, 0, Buffer.alloc(0)),
    frame(0x1, 0, 1, start),
    ...Array.from({ length: count }, () => frame(0x9, 0, 1, Buffer.from([0x40]))),
  ];
  const socket = await tlsConnect(door.endpoint, door.credentials, ['h2']);
  if (!socket) return;
  await new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(finish, 1500);
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('data', () => {});
    socket.write(Buffer.concat(pieces));
  });
}

/** Request smuggling and framing tricks over HTTP/1.1 (and HTTP/2 where the door speaks it). */
const SMUGGLING: { name: string; bytes: string }[] = [
  {
    name: 'CL and TE',
    bytes:
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n',
  },
  {
    name: 'TE then CL',
    bytes:
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nX: y',
  },
  {
    name: 'TE with a space before the colon',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n',
  },
  {
    name: 'TE chunked, identity',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n',
  },
  { name: 'TE xchunked', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n' },
  { name: 'TE with a tab', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\tchunked\r\n\r\n0\r\n\r\n' },
  {
    name: 'TE folded onto the next line',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n',
  },
  {
    name: 'two TE headers',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n',
  },
  {
    name: 'two different CL',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc',
  },
  { name: 'negative CL', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n' },
  { name: 'CL with a plus sign', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc' },
  {
    name: 'huge chunk size',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n',
  },
  {
    name: 'chunk extension with a bare LF',
    bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext\nabc\r\n0\r\n\r\n',
  },
  { name: 'bare LF line endings', bytes: 'GET / HTTP/1.1\nHost: x\nX-Smuggle: 1\n\n' },
  { name: 'NUL in a header value', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n' },
  { name: 'CR alone in a header value', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nX-Cr: a\rGET /smuggled HTTP/1.1\r\n\r\n' },
  { name: 'absolute URI naming another host', bytes: 'GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n' },
  { name: 'HTTP/1.0 without Host', bytes: 'GET / HTTP/1.0\r\n\r\n' },
  { name: 'a method of spaces', bytes: '   / HTTP/1.1\r\nHost: x\r\n\r\n' },
  {
    name: 'pipelined requests with a CL body holding a request',
    bytes:
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 35\r\n\r\nGET /inside HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n',
  },
];

const H2_SMUGGLING: { name: string; headers: Record<string, string> }[] = [
  {
    name: 'HTTP/2 with Transfer-Encoding: chunked',
    headers: { ':method': 'POST', ':path': '/', 'transfer-encoding': 'chunked' },
  },
  { name: 'HTTP/2 with Connection: keep-alive', headers: { ':path': '/', connection: 'keep-alive' } },
  { name: 'HTTP/2 with a path holding a space', headers: { ':path': '/a b HTTP/1.1\r\nHost: evil' } },
  {
    name: 'HTTP/2 with :authority and a different Host',
    headers: { ':path': '/', ':authority': 'a.example', host: 'b.example' },
  },
  { name: 'HTTP/2 with a CRLF in a header value', headers: { ':path': '/', 'x-inject': 'a\r\nX-Forged: 1' } },
];

async function smuggling(door: OpenDoor, random: Random): Promise<CaseOutcome> {
  if (door.door.http2 && random.next() < 0.3) {
    const variant = random.pick(H2_SMUGGLING);
    await h2Request(door.endpoint, door.credentials, variant.headers);
    return { name: variant.name, follow: 'h2' };
  }
  const variant = random.pick(SMUGGLING);
  await tlsExchange(door.endpoint, door.credentials, [variant.bytes], 1500);
  return { name: variant.name, follow: 'h1' };
}

/** A normal request carrying forged identity headers; the target must get none of the forged values. */
async function spoof(door: OpenDoor, random: Random): Promise<CaseOutcome> {
  const marker = `forged-${random.letters(12)}`;
  const names = door.door.identityHeaders;
  const chosen = names.filter(() => random.next() < 0.6);
  const forged = Object.fromEntries((chosen.length > 0 ? chosen : names).map((name) => [name, `CN=${marker}`]));
  const h2 = door.door.http2 && random.next() < 0.5;
  const offsets = door.mark();
  const sent = h2
    ? await normalH2(door.endpoint, door.credentials, lowerCase(forged))
    : await normalH1(door.endpoint, door.credentials, forged);
  const seen = sent.status === null ? [] : await door.seenSince(offsets);
  const leaked = seen.flatMap((observation) =>
    Object.entries(observation.receivedHeaders)
      .filter(([, value]) => value.includes(marker))
      .map(([name]) => `${observation.name} got ${name}`),
  );
  return {
    name: `forged ${Object.keys(forged).join(', ')} over ${h2 ? 'HTTP/2' : 'HTTP/1.1'}`,
    follow: h2 ? 'h2' : 'h1',
    leaked,
  };
}

const lowerCase = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

function uint16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(Math.min(value, 0xffff));
  return out;
}

function uint24(value: number): Buffer {
  const out = Buffer.alloc(3);
  out.writeUIntBE(Math.min(value, 0xffffff), 0, 3);
  return out;
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}
