// The sandbox's stand-in for a CloudFront distribution with an S3 origin (CloudFront is not in LocalStack's free
// edition): an HTTPS server on 127.0.0.1 that answers each GET with the origin's object — read from LocalStack's S3
// at request time, as CloudFront fetches from its origin — and "/" with the DefaultRootObject. No caching, no edge
// behaviour, the sandbox's localhost certificate in place of the distribution's. Every request is logged as a JSON
// line so probes can show what the stand-in served.
import { appendFileSync, mkdirSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { TargetObservation } from '../report.js';

export interface OriginObject {
  body: Buffer;
  contentType: string;
}

export interface CloudFrontStandInOptions {
  name: string;
  /** The distribution's construct path, for headers and logs. */
  distribution: string;
  defaultRootObject: string | null;
  /** "s3://bucket" — where objects come from, for logs. */
  originLabel: string;
  fetchObject(key: string): Promise<OriginObject | null>;
  certificatePem: string;
  privateKeyPem: string;
  logFile: string;
}

export interface RunningStandIn {
  address: { host: string; port: number };
  close(): Promise<void>;
}

export async function startCloudFrontStandIn(options: CloudFrontStandInOptions): Promise<RunningStandIn> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const server = https.createServer({ cert: options.certificatePem, key: options.privateKeyPem }, (req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      const path = url.split('?')[0]!;
      const key = decodeURIComponent(path.replace(/^\//, '')) || options.defaultRootObject || '';
      let status = 200;
      let body: Buffer;
      let type = 'text/html';
      const object =
        key && (req.method === 'GET' || req.method === 'HEAD')
          ? await options.fetchObject(key).catch(() => null)
          : null;
      if (object) {
        body = object.body;
        type = object.contentType;
      } else {
        // With origin access control and no ListBucket permission, S3 answers a missing key with 403 AccessDenied,
        // which CloudFront passes on (inferred from S3's documented behaviour without s3:ListBucket).
        status = 403;
        type = 'application/xml';
        body = Buffer.from(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
        );
      }
      const record = {
        time: new Date().toISOString(),
        target: options.name,
        method: req.method,
        url,
        status,
        origin: key ? `${options.originLabel}/${key}` : '-',
        remoteAddress: req.socket.remoteAddress ?? '',
        rawHeaders: req.rawHeaders,
      };
      try {
        appendFileSync(options.logFile, `${JSON.stringify(record)}\n`);
      } catch {
        // the response matters more than the log line
      }
      res.writeHead(status, {
        'content-type': type,
        'content-length': body.length,
        server: 'AmazonS3',
        via: `1.1 ${options.name}.cloudfront.sandbox (CloudFront stand-in for ${options.distribution})`,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    address: { host: '127.0.0.1', port: address.port },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One stand-in log line as the report's target observation. */
export function parseStandInLine(name: string, line: string): TargetObservation {
  const record = JSON.parse(line) as {
    remoteAddress: string;
    method: string;
    url: string;
    status: number;
    origin: string;
    rawHeaders: string[];
  };
  const receivedHeaders: Record<string, string> = {};
  for (let i = 0; i + 1 < record.rawHeaders.length; i += 2)
    receivedHeaders[record.rawHeaders[i]!.toLowerCase()] = record.rawHeaders[i + 1]!;
  return {
    name,
    remoteAddress: record.remoteAddress,
    receivedHeaders,
    details: {
      status: String(record.status),
      request: `${record.method} ${record.url}`,
      origin: record.origin,
      remote_addr: record.remoteAddress,
    },
  };
}
