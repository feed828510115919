// Who the sandbox's ELBv2 API lets in: the user's own tools (the AWS CLI, the SDKs, curl with --aws-sigv4), never a web
// page. The API listens on loopback, but a browser is on loopback too: any page can make it send a GET or a "simple"
// POST to 127.0.0.1, and a page whose host name its owner re-points at 127.0.0.1 (DNS rebinding) is same-origin with
// the API and may send anything. Each check below closes one of those doors; docs/elbv2-api.md#admission says which.
// Pure: a request's method, URL and headers in, a decision out.
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './query.js';

export interface ArrivingRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
}

export type Admission =
  /** A Query API call: read the body, parse, answer. */
  | { kind: 'query' }
  /** GetTrustStoreCaCertificatesBundle's Location: a trust store's bundle by the last part of its ARN. */
  | { kind: 'bundle'; id: string }
  /** Answered with the error at once; `allow` is the Allow header of a 405. */
  | { kind: 'refused'; error: ApiError; allow?: string };

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * The checks in order, the first that fails answers: loopback peer, Host, Origin and Sec-Fetch-Site, then (for the
 * Query API) method, content type and a SigV4 Authorization header. `port` is the port the API listens on.
 */
export function admit(request: ArrivingRequest, port: number): Admission {
  const refusal =
    refuseForeignPeer(request.remoteAddress) ?? refuseForeignHost(request.headers.host, port) ?? refuseWebPage(request);
  if (refusal) return { kind: 'refused', error: refusal };
  const bundle = request.method === 'GET' ? BUNDLE_PATH.exec(request.url ?? '') : null;
  if (bundle) return { kind: 'bundle', id: bundle[1]! };
  if (request.method !== 'POST')
    return {
      kind: 'refused',
      allow: 'POST',
      error: new ApiError(
        'MethodNotAllowed',
        `mtls-sandbox's ELBv2 API takes POST only, as the AWS CLI and the SDKs send it; ${shown(request.method ?? '')} is refused because any web page can make a browser send a GET`,
        405,
      ),
    };
  const problem =
    refuseContentType(request.headers['content-type']) ?? refuseAuthorization(request.headers.authorization);
  return problem ? { kind: 'refused', error: problem } : { kind: 'query' };
}

const BUNDLE_PATH = /^\/trust-store-bundles\/([0-9a-f]{16})\.pem$/;

function refuseForeignPeer(address: string | undefined): ApiError | null {
  return isLoopback(address)
    ? null
    : new ApiError('AccessDenied', 'mtls-sandbox answers requests from loopback only', 403);
}

/**
 * The Host a client addressed: 127.0.0.1:PORT, as `up` prints the endpoint, or localhost:PORT, the name a user may
 * type. No web page can be served under either name by anyone but this machine, so neither opens the door to DNS
 * rebinding; any other name can be an attacker's, re-pointed at 127.0.0.1.
 */
function refuseForeignHost(host: string | undefined, port: number): ApiError | null {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (host !== undefined && allowed.includes(host.toLowerCase())) return null;
  return new ApiError(
    'AccessDenied',
    `mtls-sandbox's ELBv2 API answers requests addressed to 127.0.0.1:${port} (or localhost:${port}) only; this one was addressed to ${host === undefined ? 'no Host' : `"${shown(host)}"`}. A web page whose own name was re-pointed at 127.0.0.1 (DNS rebinding) would send its name here.`,
    403,
  );
}

/** Browsers say where a request comes from; the AWS CLI and SDKs send neither header. */
function refuseWebPage(request: ArrivingRequest): ApiError | null {
  const origin = request.headers.origin;
  if (origin !== undefined)
    return new ApiError(
      'AccessDenied',
      `mtls-sandbox's ELBv2 API refuses requests made by web pages (Origin: ${shown(origin)}): only your own tools (the AWS CLI, the SDKs, curl --aws-sigv4) may change the running sandbox`,
      403,
    );
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'none')
    return new ApiError(
      'AccessDenied',
      `mtls-sandbox's ELBv2 API refuses requests made by web pages (Sec-Fetch-Site: ${shown(String(site))}): only your own tools (the AWS CLI, the SDKs, curl --aws-sigv4) may change the running sandbox`,
      403,
    );
  return null;
}

/** application/x-www-form-urlencoded, with at most a UTF-8 charset: what the AWS CLI and the SDKs send. */
function refuseContentType(header: string | undefined): ApiError | null {
  const [type = '', ...parameters] = (header ?? '').split(';').map((part) => part.trim().toLowerCase());
  const utf8 = parameters.every((parameter) => /^charset="?utf-8"?$/.test(parameter));
  if (type === 'application/x-www-form-urlencoded' && utf8 && parameters.length <= 1) return null;
  return new ApiError(
    'UnsupportedMediaType',
    `mtls-sandbox's ELBv2 API takes a form body, Content-Type: application/x-www-form-urlencoded (charset utf-8 at most), as the AWS CLI and the SDKs send it; ${header === undefined ? 'this request has no Content-Type' : `"${shown(header)}" is refused`}`,
    415,
  );
}

/**
 * A SigV4 Authorization header for the ELBv2 service, well formed; the signature itself is not checked (any access key
 * and secret do, as LocalStack takes them). A web page cannot add this header to a cross-site request without a CORS
 * preflight, which this API never approves.
 */
const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=[^/\s,]+\/\d{8}\/[a-z0-9-]+\/elasticloadbalancing\/aws4_request, ?SignedHeaders=[a-z0-9-]+(?:;[a-z0-9-]+)*, ?Signature=[0-9a-f]{64}$/;

function refuseAuthorization(header: string | undefined): ApiError | null {
  if (header === undefined || header === '')
    return new ApiError(
      'MissingAuthenticationToken',
      "mtls-sandbox's ELBv2 API needs a SigV4 Authorization header, as the AWS CLI and the SDKs sign every call: any access key and secret do (up prints AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test); with curl, add --aws-sigv4 aws:amz:us-east-1:elasticloadbalancing --user test:test",
      403,
    );
  if (SIGV4.test(header) && /(?:^|[=;])host(?:;|,)/.test(header)) return null;
  return new ApiError(
    'IncompleteSignature',
    `mtls-sandbox's ELBv2 API needs a SigV4 Authorization header of the form "AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/elasticloadbalancing/aws4_request, SignedHeaders=host;…, Signature=…" (any key; the signature is not checked); this one is not: "${shown(header)}"`,
    400,
  );
}

function shown(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
