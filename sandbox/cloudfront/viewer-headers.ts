// What a CloudFront distribution with viewer mutual TLS tells its origin about the viewer's certificate, in the
// formats of CloudFront "Viewer mTLS headers for cache policies and forwarded to origin" and "Additional validation
// modes" (docs/aws-facts.md#cloudfront-viewer-cert-headers), and which of the viewer's own headers reach the origin
// (its origin request policy). Pure.
import { createHash } from 'node:crypto';
import type { OriginRequestPolicy, ViewerMtlsMode } from '../model/cloudfront.js';
import { type CertFields, derToPem, formatValidity } from '../tls/cert-fields.js';
import { HOP_BY_HOP_HEADERS } from '../emulator/hop-by-hop.js';

export const CERT_HEADER_PREFIX = 'cloudfront-viewer-cert-';

/** Headers only CloudFront may set: a viewer's copies never reach the origin (documented for Client-Cert*, assumed for
 * CloudFront-Viewer-Cert-*: docs/aws-facts.md#cloudfront-viewer-cert-headers). Lowercase. */
export function isCertificateHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith(CERT_HEADER_PREFIX) || lower === 'client-cert' || lower === 'client-cert-chain';
}

/** The serial as the header shows it: the DER INTEGER's bytes (a leading 00 kept), lowercase, colon-separated. */
export function cloudFrontSerial(fields: Pick<CertFields, 'serialHex' | 'serialNegative'>): string {
  let hex = fields.serialHex.toLowerCase();
  if (!fields.serialNegative && /^[89a-f]/.test(hex)) hex = `00${hex}`;
  return (hex.match(/../g) ?? []).join(':');
}

/** SHA-256 of the certificate's DER: 64 lowercase hex digits, no separators. */
export function cloudFrontSha256(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/** The leaf's PEM URL-encoded (every reserved character, "+", "/" and "=" included: assumed). */
export function cloudFrontPem(der: Buffer): string {
  return encodeURIComponent(derToPem(der));
}

/** RFC 9440 byte sequence: ":" base64(DER) ":". */
export function rfc9440Item(der: Buffer): string {
  return `:${der.toString('base64')}:`;
}

/** The headers CloudFront adds for this connection's certificate, in the header page's casing and order. */
export function viewerCertHeaders(
  mode: ViewerMtlsMode,
  chain: readonly Buffer[],
  leaf: CertFields | null,
): Record<string, string> {
  if (chain.length === 0 || !leaf) return { 'CloudFront-Viewer-Cert-Present': '0' };
  const headers: Record<string, string> = {
    'CloudFront-Viewer-Cert-Serial-Number': cloudFrontSerial(leaf),
    'CloudFront-Viewer-Cert-Issuer': leaf.issuer,
    'CloudFront-Viewer-Cert-Subject': leaf.subject,
    'CloudFront-Viewer-Cert-Present': '1',
    'CloudFront-Viewer-Cert-Sha256': cloudFrontSha256(leaf.der),
  };
  if (mode === 'passthrough') {
    // Passthrough: the certificates as presented, not validated; Validity and Pem are not listed for this mode.
    headers['Client-Cert'] = rfc9440Item(chain[0]!);
    if (chain.length > 1) headers['Client-Cert-Chain'] = chain.slice(1).map(rfc9440Item).join(', ');
    return headers;
  }
  headers['CloudFront-Viewer-Cert-Validity'] = formatValidity(leaf.notBefore, leaf.notAfter);
  headers['CloudFront-Viewer-Cert-Pem'] = cloudFrontPem(leaf.der);
  return headers;
}

/** Not passed to the origin: one hop's headers, and the two the origin request is written with anew. */
const HOP_BY_HOP = new Set([...HOP_BY_HOP_HEADERS, 'host', 'content-length']);

export interface OriginHeaders {
  headers: Record<string, string>;
  /** What happened to the viewer's headers on the way, for the request log. */
  dropped: string[];
  notForwarded: string[];
}

/**
 * The origin request's headers: the viewer's headers the policy forwards (never its copies of the certificate
 * headers), then CloudFront's certificate headers the policy forwards, Host set to the origin's domain.
 */
export function originRequestHeaders(
  viewer: Record<string, string | string[] | undefined>,
  cloudFront: Record<string, string>,
  policy: OriginRequestPolicy | null,
  originHost: string,
): OriginHeaders {
  const listed = new Set((policy?.headers ?? []).map((name) => name.toLowerCase()));
  const behavior = policy?.headerBehavior ?? 'none';
  const forwardsViewer = (name: string) =>
    behavior === 'allViewer' || behavior === 'allViewerAndWhitelistCloudFront' || listed.has(name);
  const headers: Record<string, string> = { host: originHost };
  const dropped: string[] = [];
  const notForwarded: string[] = [];
  for (const [raw, value] of Object.entries(viewer)) {
    const name = raw.toLowerCase();
    if (value === undefined || name.startsWith(':') || HOP_BY_HOP.has(name)) continue;
    if (isCertificateHeader(name)) {
      dropped.push(name);
      continue;
    }
    if (!forwardsViewer(name)) {
      notForwarded.push(name);
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  for (const [name, value] of Object.entries(cloudFront)) {
    const lower = name.toLowerCase();
    // Only what the origin request policy names reaches the origin (allViewer does not include these headers).
    if (listed.has(lower)) headers[name] = value;
    else notForwarded.push(`${lower} (CloudFront's)`);
  }
  return { headers, dropped, notForwarded };
}
