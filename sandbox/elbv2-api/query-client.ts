// A small Query API client for the sandbox's own tests and `npm run fuzz`: a form body signed with SigV4 as the AWS CLI
// signs it (dummy credentials), sent with node:http so that a test can also send what a browser or an attacker would
// (another Host, an Origin, a GET, no signature). Never throws: a failed exchange is a status of null.
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';

export const SERVICE = 'elasticloadbalancing';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export const DUMMY_CREDENTIALS: Credentials = { accessKeyId: 'test', secretAccessKey: 'test', region: 'us-east-1' };

/** Content-Type, X-Amz-Date and a SigV4 Authorization header for a POST of `body` to `host` ("127.0.0.1:PORT"). */
export function signedHeaders(
  host: string,
  body: string,
  credentials: Credentials = DUMMY_CREDENTIALS,
  now: Date = new Date(),
): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    host,
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    'POST',
    '/',
    '',
    ...names.map((name) => `${name}:${headers[name]!.trim()}`),
    '',
    names.join(';'),
    sha256(body),
  ].join('\n');
  const scope = `${day}/${credentials.region}/${SERVICE}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key: Buffer = Buffer.from(`AWS4${credentials.secretAccessKey}`);
  for (const part of [day, credentials.region, SERVICE, 'aws4_request']) key = hmac(key, part);
  const signature = hmac(key, toSign).toString('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return headers;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();

export interface QueryAnswer {
  status: number | null;
  body: string;
  headers: http.IncomingHttpHeaders;
  error: string | null;
  durationMs: number;
}

export interface SendOptions {
  method?: string;
  path?: string;
  /** Replace or add headers after signing (a foreign Host, an Origin…); null removes one. */
  headers?: Record<string, string | null>;
  /** Send the body unsigned (no Authorization, X-Amz-Date or Content-Type unless `headers` gives them). */
  unsigned?: boolean;
  timeoutMs?: number;
}

/** POSTs `body` (signed) to the API at `endpoint` ("http://127.0.0.1:PORT"), as the options say. */
export function sendQuery(endpoint: string, body: string, options: SendOptions = {}): Promise<QueryAnswer> {
  const url = new URL(endpoint);
  const base = options.unsigned ? { host: url.host } : signedHeaders(url.host, body);
  const headers: Record<string, string> = { ...base };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (answer: Omit<QueryAnswer, 'durationMs'>) =>
      resolve({ ...answer, durationMs: Math.round(performance.now() - started) });
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        timeout: options.timeoutMs ?? 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          done({
            status: response.statusCode ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: response.headers,
            error: null,
          }),
        );
        response.on('error', (error) => done({ status: null, body: '', headers: {}, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs ?? 30_000} ms`)));
    request.on('error', (error) => done({ status: null, body: '', headers: {}, error: error.message }));
    request.end(body);
  });
}

/** The form body of a call: Action, Version, then the parameters in order. */
export function queryBody(action: string, params: Record<string, string> | [string, string][] = {}): string {
  const entries = Array.isArray(params) ? params : Object.entries(params);
  return new URLSearchParams([['Action', action], ['Version', '2015-12-01'], ...entries]).toString();
}

/** The <Code> of an XML error answer, or null. */
export function errorCode(xml: string): string | null {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1] ?? null;
}
