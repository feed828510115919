// The ALB's side of the shared TLS front (sandbox/tls/tls-front.ts): an HTTPS listener offers h2 and http/1.1 in ALPN
// (an ALB with HTTP/2 on, its default), refuses a client certificate with a reset (seed 004), and hands each admitted
// connection to its HTTP front with what the mutual TLS mode tells the target:
//   off          nothing (and client-sent X-Amzn-Mtls-* headers pass);
//   passthrough  the chain exactly as presented, in X-Amzn-Mtls-Clientcert;
//   verify       the verified leaf, in the five X-Amzn-Mtls-Clientcert-* headers.
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { handleTlsConnection, type TlsFrontContext } from '../tls/tls-front.js';
import { CONNECTION_INFO, type ConnectionInfo } from './connection-info.js';
import { passthroughHeaders, verifyModeHeaders } from './mtls-headers.js';

export { HANDSHAKE_TIMEOUT_MS, handshakeFailureCode, logConnectionFault, tlsCaOption } from '../tls/tls-front.js';

/** What the ALB's listener gives its TLS front: the shared context without what is the same on every ALB. */
export type AlbTlsContext = Omit<TlsFrontContext, 'refusal' | 'alpn' | 'onSecure'> & {
  /** Receives the established connection (ALPN decides HTTP/1.1 or HTTP/2). */
  onSecure: (socket: TLSSocket) => void;
};

/** Computes once, on first use: the mTLS headers only matter when a request is forwarded. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

const NO_HEADERS = (): [string, string][] => [];

export function handleAlbTlsConnection(raw: Socket, ctx: AlbTlsContext): void {
  handleTlsConnection(raw, {
    ...ctx,
    refusal: 'reset',
    alpn: ['h2', 'http/1.1'],
    onSecure: (socket, accepted) => {
      const { chain, leaf } = accepted;
      const info: ConnectionInfo = {
        clientIp: accepted.clientIp,
        clientPort: accepted.clientPort,
        protocol: 'https',
        mode: ctx.mode,
        mtlsHeaders:
          ctx.mode === 'passthrough'
            ? once(() => passthroughHeaders(chain))
            : ctx.mode === 'verify' && leaf
              ? once(() => verifyModeHeaders(leaf))
              : NO_HEADERS,
        stripClientMtls: ctx.mode !== 'off',
        connTraceId: accepted.connTraceId,
        tlsProtocol: accepted.tlsProtocol,
        tlsCipher: accepted.tlsCipher,
        tlsKeyExchange: accepted.tlsKeyExchange,
      };
      socket[CONNECTION_INFO] = info;
      ctx.onSecure(socket);
      // Logged after the hand-over: the client's handshake should not wait for our bookkeeping.
      accepted.logSuccess();
    },
  });
}
