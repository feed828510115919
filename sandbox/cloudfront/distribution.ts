// Our CloudFront distribution with viewer mutual TLS: one TCP port on 127.0.0.1 that behaves like the distribution's
// edge for one viewer. TLS ends here on the shared TLS front (sandbox/tls/tls-front.ts) in the distribution's mode:
//   required     the trust store verifies the certificate; none or an invalid one ends the connection;
//   optional     no certificate is admitted; one that is presented must verify;
//   passthrough  any certificate is admitted without a trust store (the handshake's CertificateVerify still proves
//                possession of its key), and forwarded as Client-Cert / Client-Cert-Chain.
// Then the connection function, when one is associated, decides (connection-function.ts). An admitted viewer speaks
// HTTP/1.1 or HTTP/2 (ALPN; viewer mTLS has no HTTP/3), and each request goes to the custom origin with the headers
// its origin request policy forwards and CloudFront's certificate headers (viewer-headers.ts). No caching. Built on the
// emulators' server base (sandbox/emulator/), so close() leaves nothing running.
import { createHash, constants } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import tls, { type TLSSocket } from 'node:tls';
import { ServerBase } from '../emulator/server-base.js';
import { type RunningEmulator, takesNoUpdates } from '../emulator/shape.js';
import { type CertFields, isoSeconds } from '../tls/cert-fields.js';
import { KeyLog } from '../tls/key-log.js';
import {
  type AcceptedConnection,
  type Admission,
  handleTlsConnection,
  logConnectionFault,
  tlsCaOption,
  type TlsFrontContext,
} from '../tls/tls-front.js';
import { loadTrustStore } from '../tls/trust-store.js';
import { VerifyCache } from '../tls/verifier.js';
import type { ViewerMtlsDistributionConfig } from './config.js';
import { CompiledConnectionFunction, type ConnectionEvent } from './connection-function.js';
import {
  type CloudFrontLogEntry,
  CloudFrontConnectionLog,
  cloudFrontLeafLogFields,
  connectionId,
  logStyleDn,
} from './connection-log.js';
import { forwardToOrigin } from './origin-request.js';
import { cloudFrontSerial } from './viewer-headers.js';

export type { ViewerMtlsDistributionConfig } from './config.js';

export interface DistributionLogs {
  /** The connection log so far, in CloudFront's field names (also appended to config.connectionLogFile). */
  connections(): CloudFrontLogEntry[];
}

/** A running distribution: the emulator shape (sandbox/emulator/shape.ts); it takes no live changes. */
export type RunningDistribution = RunningEmulator<never, DistributionLogs>;

/** sha256Fingerprint in the connection object: base64url with padding, as the write-code page's example (assumed). */
function fingerprint(der: Buffer): string {
  const b64 = createHash('sha256').update(der).digest('base64');
  return b64.replace(/\+/g, '-').replace(/\//g, '_');
}

function connectionEvent(
  config: ViewerMtlsDistributionConfig,
  id: string,
  clientIp: string,
  leaf: CertFields | null,
): ConnectionEvent {
  return {
    connectionId: id,
    clientIp,
    endpoint: config.domainName,
    distributionId: config.distributionId,
    clientCertificate: leaf
      ? {
          certificates: {
            leaf: {
              serialNumber: cloudFrontSerial(leaf),
              issuer: logStyleDn(leaf.issuer),
              subject: logStyleDn(leaf.subject),
              validity: { notBefore: isoSeconds(leaf.notBefore), notAfter: isoSeconds(leaf.notAfter) },
              sha256Fingerprint: fingerprint(leaf.der),
            },
          },
        }
      : null,
  };
}

function validate(config: ViewerMtlsDistributionConfig): void {
  const where = `CloudFront distribution ${config.name}`;
  if (config.mode !== 'passthrough' && !config.trustStore)
    throw new Error(`${where}: ${config.mode} mode needs a trust store`);
  if (config.mode === 'passthrough' && config.trustStore)
    throw new Error(`${where}: passthrough mode must have zero trust store associations`);
}

/** The connection function's verdict on one connection, as the TLS front's admission step. */
function admission(
  config: ViewerMtlsDistributionConfig,
  fn: CompiledConnectionFunction,
): NonNullable<TlsFrontContext['admit']> {
  return (accepted, client): Admission => {
    const id = connectionId();
    const result = fn.run(connectionEvent(config, id, client.ip, accepted.leaf));
    const logFields = {
      cf_connection_id: id,
      ...(result.customData ? { connectionLogCustomData: result.customData } : {}),
    };
    const logs = result.logs.map((line) => `console.log: ${line}`);
    if (result.decision === 'allow')
      return { ok: true, notes: [`connection function ${fn.name}: allow()`, ...logs], logFields };
    if (result.decision === 'deny')
      return {
        ok: false,
        code: 'ConnectionFunctionDenied',
        notes: [
          result.implicit
            ? `connection function ${fn.name} called neither allow() nor deny(): denied by default`
            : `connection function ${fn.name}: deny()`,
          ...logs,
        ],
        logFields,
      };
    return {
      ok: false,
      code: 'ConnectionFunctionError',
      notes: [`connection function ${fn.name} failed: ${result.error}`],
      logFields,
    };
  };
}

/** What every viewer connection's TLS front shares: the certificate, the mode, the trust store, the function. */
function tlsFrontOf(config: ViewerMtlsDistributionConfig): Omit<TlsFrontContext, 'onSecure' | 'log' | 'keyLog'> {
  const trustStore = config.trustStore ? loadTrustStore(config.trustStore) : null;
  const fn = config.connectionFunction
    ? new CompiledConnectionFunction(
        config.connectionFunction.name,
        config.connectionFunction.code,
        config.connectionFunction.keyValues ?? null,
      )
    : null;
  const frontMode = config.mode === 'passthrough' ? 'passthrough' : 'verify';
  const secureContext = tls.createSecureContext({
    key: config.privateKeyPem,
    cert: config.certificatePem,
    minVersion: 'TLSv1.2',
    ca: tlsCaOption(frontMode, config.advertiseTrustStoreCaNames, trustStore),
    // Documented: no TLS session resumption with viewer mTLS, so every connection is validated.
    secureOptions: constants.SSL_OP_NO_TICKET,
  });
  return {
    secureContext,
    mode: frontMode,
    ignoreClientCertificateExpiry: config.ignoreCertificateExpiry,
    certificateOptional: config.mode === 'optional',
    trustStore,
    verifier: trustStore ? new VerifyCache(trustStore) : null,
    refusal: 'alert',
    alpn: config.httpVersion === 'http2' ? ['h2', 'http/1.1'] : ['http/1.1'],
    leafLogFields: cloudFrontLeafLogFields,
    ...(fn ? { admit: admission(config, fn) } : {}),
    listenerName: config.name,
    listenerPort: 443,
    elb: config.distributionId,
    ipAddress: config.host,
  };
}

/** An admitted viewer: logged, then its requests (HTTP/2 or HTTP/1.1, as ALPN chose) go to the origin. */
function serveViewer(config: ViewerMtlsDistributionConfig, socket: TLSSocket, accepted: AcceptedConnection): void {
  accepted.logSuccess({
    tls_sni: socket.servername || '-',
    origin: `${config.origin.domainName} (${config.origin.host}:${config.origin.port})`,
  });
  const serve = (
    req: http.IncomingMessage | http2.Http2ServerRequest,
    res: http.ServerResponse | http2.Http2ServerResponse,
  ) => forwardToOrigin(config, accepted, req, res);
  if (socket.alpnProtocol === 'h2') {
    const server = http2.createServer(serve);
    server.on('sessionError', () => {});
    server.emit('connection', socket);
  } else {
    const server = http.createServer(serve);
    server.on('clientError', (_err, s) => s.destroy());
    server.emit('connection', socket);
  }
}

export async function startViewerMtlsDistribution(config: ViewerMtlsDistributionConfig): Promise<RunningDistribution> {
  validate(config);
  const front = tlsFrontOf(config);
  const log = new CloudFrontConnectionLog(config.connectionLogFile, config.distributionId);
  const keyLog = config.keyLogFile ? new KeyLog(config.keyLogFile) : null;
  const base: ServerBase = new ServerBase({
    what: `CloudFront distribution ${config.name}`,
    connection: (raw) =>
      handleTlsConnection(raw, {
        ...front,
        log,
        keyLog,
        onSecure: (socket, accepted) => serveViewer(config, base.track(socket), accepted),
      }),
    onFault: (error, raw) => logConnectionFault(raw, { ...front, log }, error),
  });
  base.whenClosed(() => log.close());
  base.whenClosed(() => keyLog?.close());
  const address = await base.listen(config.host, config.port);
  return {
    addresses: [address],
    logs: { connections: () => log.entries() },
    ready: () => Promise.resolve(),
    apply: takesNoUpdates(`CloudFront distribution ${config.name}`),
    close: () => base.close(),
  };
}
