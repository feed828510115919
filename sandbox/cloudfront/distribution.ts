// Our CloudFront distribution with viewer mutual TLS: one TCP port on 127.0.0.1 that behaves like the distribution's
// edge for one viewer. TLS ends here on the shared TLS front (sandbox/tls/tls-front.ts) in the distribution's mode:
//   required     the trust store verifies the certificate; none or an invalid one ends the connection;
//   optional     no certificate is admitted; one that is presented must verify;
//   passthrough  any certificate is admitted without a trust store (the handshake's CertificateVerify still proves
//                possession of its key), and forwarded as Client-Cert / Client-Cert-Chain.
// Then the connection function, when one is associated, decides (connection-function.ts). An admitted viewer speaks
// HTTP/1.1 or HTTP/2 (ALPN; viewer mTLS has no HTTP/3), and each request goes to the custom origin with the headers
// its origin request policy forwards and CloudFront's certificate headers (viewer-headers.ts). No caching. Owns every
// socket and server, so close() leaves nothing running.
import { createHash, constants } from 'node:crypto';
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net, { type Socket } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import type { OriginRequestPolicy, ViewerMtlsMode } from '../model/cloudfront.js';
import { type CertFields, isoSeconds } from '../tls/cert-fields.js';
import { KeyLog } from '../tls/key-log.js';
import { type AcceptedConnection, type Admission, handleTlsConnection, tlsCaOption } from '../tls/tls-front.js';
import { loadTrustStore, type TrustStoreObjects } from '../tls/trust-store.js';
import { VerifyCache } from '../tls/verifier.js';
import { CompiledConnectionFunction, type ConnectionEvent } from './connection-function.js';
import {
  type CloudFrontLogEntry,
  CloudFrontConnectionLog,
  cloudFrontLeafLogFields,
  connectionId,
  logStyleDn,
} from './connection-log.js';
import { cloudFrontSerial, originRequestHeaders, viewerCertHeaders } from './viewer-headers.js';

export interface ViewerMtlsDistributionConfig {
  /** The distribution's construct path, for logs. */
  name: string;
  /** A distribution id and domain name in CloudFront's shapes (E…, d….cloudfront.net), made up by the sandbox. */
  distributionId: string;
  domainName: string;
  host: string; // always 127.0.0.1 in this sandbox
  port: number;
  certificatePem: string;
  privateKeyPem: string;
  mode: ViewerMtlsMode;
  /** required and optional: the trust store's CA bundle; passthrough: null. */
  trustStore: TrustStoreObjects | null;
  advertiseTrustStoreCaNames: boolean;
  ignoreCertificateExpiry: boolean;
  /** keyValues: the associated KeyValueStore's pairs (its import file), or null. */
  connectionFunction: { name: string; code: string; keyValues?: Record<string, string> | null } | null;
  httpVersion: 'http2' | 'http1.1';
  origin: {
    domainName: string;
    protocol: 'http' | 'https';
    host: string;
    port: number;
    /** Origin mTLS: the certificate and key CloudFront presents in its handshake with the origin. */
    clientCertificate?: { certPem: string; keyPem: string } | null;
  };
  originRequestPolicy: OriginRequestPolicy | null;
  connectionLogFile: string;
  keyLogFile?: string | null;
}

export interface RunningDistribution {
  address: { host: string; port: number };
  connectionLog(): CloudFrontLogEntry[];
  close(): Promise<void>;
}

/** Response headers that belong to one hop (and HTTP/2 forbids). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

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

export async function startViewerMtlsDistribution(config: ViewerMtlsDistributionConfig): Promise<RunningDistribution> {
  validate(config);
  const trustStore = config.trustStore ? loadTrustStore(config.trustStore) : null;
  const verifier = trustStore ? new VerifyCache(trustStore) : null;
  const fn = config.connectionFunction
    ? new CompiledConnectionFunction(
        config.connectionFunction.name,
        config.connectionFunction.code,
        config.connectionFunction.keyValues ?? null,
      )
    : null;
  const log = new CloudFrontConnectionLog(config.connectionLogFile, config.distributionId);
  const keyLog = config.keyLogFile ? new KeyLog(config.keyLogFile) : null;
  const frontMode = config.mode === 'passthrough' ? 'passthrough' : 'verify';
  const secureContext = tls.createSecureContext({
    key: config.privateKeyPem,
    cert: config.certificatePem,
    minVersion: 'TLSv1.2',
    ca: tlsCaOption(frontMode, config.advertiseTrustStoreCaNames, trustStore),
    // Documented: no TLS session resumption with viewer mTLS, so every connection is validated.
    secureOptions: constants.SSL_OP_NO_TICKET,
  });
  const alpn = config.httpVersion === 'http2' ? ['h2', 'http/1.1'] : ['http/1.1'];

  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const admit = fn
    ? (accepted: { leaf: CertFields | null }, client: { ip: string }): Admission => {
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
      }
    : undefined;

  /** One viewer request to the origin and its answer back. */
  const serve = (
    accepted: AcceptedConnection,
    req: http.IncomingMessage | http2.Http2ServerRequest,
    res: http.ServerResponse | http2.Http2ServerResponse,
  ) => {
    const certHeaders = viewerCertHeaders(config.mode, accepted.chain, accepted.leaf);
    const forwarded = originRequestHeaders(
      req.headers as IncomingHttpHeaders,
      certHeaders,
      config.originRequestPolicy,
      config.origin.domainName,
    );
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: OutgoingHttpHeaders = { ...forwarded.headers };
      if (body.length > 0) headers['content-length'] = String(body.length);
      const options = {
        host: config.origin.host,
        port: config.origin.port,
        method: req.method,
        path: req.url,
        headers,
        ...(config.origin.protocol === 'https'
          ? { rejectUnauthorized: false, servername: config.origin.domainName, ...originClientCertificate(config) }
          : {}),
      };
      const request = (config.origin.protocol === 'https' ? https : http).request(options, (upstream) => {
        const out: OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(upstream.headers))
          if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
        res.writeHead(upstream.statusCode ?? 502, out);
        upstream.pipe(res as NodeJS.WritableStream);
      });
      request.on('error', () => {
        // CloudFront answers 502 when it cannot reach the origin.
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('502 Bad Gateway: the origin could not be reached\n');
      });
      request.end(body);
    });
  };

  const onSecure = (socket: TLSSocket, accepted: AcceptedConnection) => {
    track(socket);
    accepted.logSuccess({
      tls_sni: socket.servername || '-',
      origin: `${config.origin.domainName} (${config.origin.host}:${config.origin.port})`,
    });
    socket.on('error', () => {});
    if (socket.alpnProtocol === 'h2') {
      const server = http2.createServer((req, res) => serve(accepted, req, res));
      server.on('sessionError', () => {});
      server.emit('connection', socket);
    } else {
      const server = http.createServer((req, res) => serve(accepted, req, res));
      server.on('clientError', (_err, s) => s.destroy());
      server.emit('connection', socket);
    }
  };

  const server = net.createServer({ noDelay: true }, (raw) => {
    track(raw);
    raw.on('error', () => {});
    handleTlsConnection(raw, {
      secureContext,
      mode: frontMode,
      ignoreClientCertificateExpiry: config.ignoreCertificateExpiry,
      certificateOptional: config.mode === 'optional',
      trustStore,
      verifier,
      refusal: 'alert',
      alpn,
      log,
      leafLogFields: cloudFrontLeafLogFields,
      ...(admit ? { admit } : {}),
      listenerName: config.name,
      listenerPort: 443,
      elb: config.distributionId,
      ipAddress: config.host,
      onSecure,
      keyLog,
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(
        Object.assign(
          new Error(
            `CloudFront distribution ${config.name}: cannot listen on ${config.host}:${config.port}: ${err.message}`,
          ),
          { code: err.code },
        ),
      );
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve();
    });
  }).catch(async (err: unknown) => {
    await log.close();
    throw err;
  });
  server.on('error', () => {});
  const address = server.address() as net.AddressInfo;

  let closing: Promise<void> | null = null;
  return {
    address: { host: config.host, port: address.port },
    connectionLog: () => log.entries(),
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        await log.close();
        keyLog?.close();
      })();
      return closing;
    },
  };
}

/** Origin mTLS: CloudFront "acts as the client and presents its client certificate"; it validates nothing of it. */
function originClientCertificate(config: ViewerMtlsDistributionConfig): { cert?: string; key?: string } {
  const pair = config.origin.clientCertificate;
  return pair ? { cert: pair.certPem, key: pair.keyPem } : {};
}
