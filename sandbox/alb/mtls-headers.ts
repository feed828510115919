// The X-Amzn-Mtls-* request headers the ALB sends to targets. Pure.
// Source: ELB "Mutual authentication with TLS in Application Load Balancer", section "HTTP headers and mutual TLS";
// real values in seed 004.
import type { MutualAuthentication } from '../model/topology.js';
import {
  certDer,
  type CertFields,
  type CertInput,
  derToPem,
  formatValidity,
  readCertFields,
} from '../tls/cert-fields.js';

export { formatValidity };

export const MTLS_HEADER = {
  serialNumber: 'X-Amzn-Mtls-Clientcert-Serial-Number',
  issuer: 'X-Amzn-Mtls-Clientcert-Issuer',
  subject: 'X-Amzn-Mtls-Clientcert-Subject',
  validity: 'X-Amzn-Mtls-Clientcert-Validity',
  leaf: 'X-Amzn-Mtls-Clientcert-Leaf',
  /** Passthrough mode: the whole chain the client presented. */
  chain: 'X-Amzn-Mtls-Clientcert',
} as const;

/** Every header name in the ALB's mTLS namespace (lower case). */
export function isMtlsHeaderName(name: string): boolean {
  return name.toLowerCase().startsWith('x-amzn-mtls-');
}

const UNSAFE_FOR_QUOTE = /[!'()*]/g;

/** URL-encodes with "+=/" as safe characters (the docs' wording; Python's quote(s, safe='+=/')): letters, digits,
 * "_.-~" and "+=/" stay, everything else becomes %XX of its UTF-8 bytes. */
export function urlEncodeSafePlusEqualsSlash(text: string): string {
  return encodeURIComponent(text)
    .replace(/%2B/g, '+')
    .replace(/%3D/g, '=')
    .replace(/%2F/g, '/')
    .replace(UNSAFE_FOR_QUOTE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Verify mode: the five headers, in the order the documentation lists them. */
export function verifyModeHeaders(leaf: CertInput | CertFields): [string, string][] {
  const f = typeof leaf === 'object' && !Buffer.isBuffer(leaf) && 'serialHex' in leaf ? leaf : readCertFields(leaf);
  return [
    [MTLS_HEADER.serialNumber, f.serialHex],
    [MTLS_HEADER.issuer, f.issuer],
    [MTLS_HEADER.subject, f.subject],
    [MTLS_HEADER.validity, formatValidity(f.notBefore, f.notAfter)],
    [MTLS_HEADER.leaf, urlEncodeSafePlusEqualsSlash(derToPem(f.der))],
  ];
}

/** Passthrough mode: the presented chain, leaf first and root last (docs: "Certificate order for passthrough"). */
export function passthroughHeaders(chain: CertInput[]): [string, string][] {
  if (chain.length === 0) return [];
  const pem = chain.map((c) => derToPem(certDer(c))).join('');
  return [[MTLS_HEADER.chain, urlEncodeSafePlusEqualsSlash(pem)]];
}

export type ClientMtlsHeaderAction = 'removed-and-replaced' | 'passed-through';

export interface ClientMtlsHeaderHandling {
  mode: MutualAuthentication['mode'];
  action: ClientMtlsHeaderAction;
  /** True when the documentation does not say and the behaviour is our closest reading of it. */
  inferred: boolean;
  summary: string;
  source: string;
}

/**
 * What happens to X-Amzn-Mtls-* headers a client writes into its own request, per mode. The documentation only
 * says which headers the ALB sends in each mode; it says nothing about client-sent ones, so every answer here is
 * marked inferred. Rules still see the client's own headers in every mode (they run before the ALB adds its own).
 */
export function clientMtlsHeaderHandling(mode: MutualAuthentication['mode']): ClientMtlsHeaderHandling {
  const docs = 'ELB "Mutual authentication with TLS in Application Load Balancer", HTTP headers and mutual TLS';
  switch (mode) {
    case 'verify':
      return {
        mode,
        action: 'removed-and-replaced',
        inferred: true,
        summary:
          'Client-sent X-Amzn-Mtls-* headers are dropped; the target receives exactly one value of each, the ' +
          "ALB's own, computed from the verified certificate.",
        source: `${docs} (the ALB "uses" these headers to send certificate information); seed 004 (the target saw one value each)`,
      };
    case 'passthrough':
      return {
        mode,
        action: 'removed-and-replaced',
        inferred: true,
        summary:
          'Client-sent X-Amzn-Mtls-* headers are dropped; X-Amzn-Mtls-Clientcert carries the chain the client ' +
          'presented in the handshake, and is absent when it presented none.',
        source: `${docs} (passthrough mode header)`,
      };
    case 'off':
      return {
        mode,
        action: 'passed-through',
        inferred: true,
        summary:
          'With mutual authentication off the ALB generates no X-Amzn-Mtls-* headers; client-sent ones are ' +
          'forwarded like any other request header, so a target must not trust them.',
        source: `${docs} (headers are only described for passthrough and verify modes)`,
      };
  }
}
