// What the ALB's TLS layer (or, on an HTTP listener, the listener itself) learnt about a connection, carried on the
// socket for every request on it. Typed onto node's sockets by module augmentation, so reading it needs no cast.
import type { MutualAuthentication } from '../model/topology.js';

export interface ConnectionInfo {
  clientIp: string;
  clientPort: number;
  protocol: 'http' | 'https';
  mode: MutualAuthentication['mode'];
  /** X-Amzn-Mtls-* headers the ALB adds for this connection (computed on first use, then reused). */
  mtlsHeaders: () => [string, string][];
  stripClientMtls: boolean;
  connTraceId: string;
  tlsProtocol: string;
  tlsCipher: string;
  /** The negotiated key exchange group, IANA name (HTTPS only). */
  tlsKeyExchange?: string;
}

/** Where a socket keeps its ConnectionInfo: a symbol, so it cannot meet a property of node's own. */
export const CONNECTION_INFO: unique symbol = Symbol('albConnectionInfo');

declare module 'node:net' {
  interface Socket {
    /** Set by the listener when the connection is admitted; absent on a socket no listener admitted. */
    [CONNECTION_INFO]?: ConnectionInfo;
  }
}
