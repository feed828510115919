// What a listener's header modification does to each request and response (docs/aws-facts.md#alb-header-modification).
// Pure. Documented: renamed mTLS/TLS headers reach the target under their new names; a configured response header is
// put on every response, its value replacing a target's own; routing.http.response.server.enabled=false removes the
// Server header; the load balancer attribute adds X-Amzn-Tls-Version and X-Amzn-Tls-Cipher-Suite "in OpenSSL
// format". Assumed (AWS is silent): a client's own copy of a header the ALB writes under a renamed name is dropped,
// as its X-Amzn-Mtls-* copies are; the Server header removed is the ALB's own (awselb/2.0), a target's passes.
import { type HeaderModification, RENAMABLE_HEADERS, type RenamableHeader } from '../model/header-modification.js';

const DEFAULT_TO_KEY = new Map<string, RenamableHeader>(
  (Object.entries(RENAMABLE_HEADERS) as [RenamableHeader, string][]).map(([key, name]) => [name.toLowerCase(), key]),
);

/** The name the target receives for one of the ALB's renamable headers. */
export function headerName(modification: HeaderModification | null | undefined, key: RenamableHeader): string {
  return modification?.requestHeaderNames[key] ?? RENAMABLE_HEADERS[key];
}

/** The ALB's mTLS headers under the names the listener gives them (a header not renamed keeps its name). */
export function renameRequestHeaders(
  headers: [string, string][],
  modification: HeaderModification | null | undefined,
): [string, string][] {
  if (!modification) return headers;
  return headers.map(([name, value]) => {
    const key = DEFAULT_TO_KEY.get(name.toLowerCase());
    return [key ? headerName(modification, key) : name, value];
  });
}

/** X-Amzn-Tls-Version and X-Amzn-Tls-Cipher-Suite (or their new names), in OpenSSL's words: TLSv1.2,
 * ECDHE-RSA-AES128-GCM-SHA256, TLS_AES_128_GCM_SHA256 — what node's TLS socket reports. */
export function tlsInfoHeaders(
  protocol: string,
  cipher: string,
  modification: HeaderModification | null | undefined,
): [string, string][] {
  return [
    [headerName(modification, 'tlsVersion'), protocol],
    [headerName(modification, 'tlsCipherSuite'), cipher],
  ];
}

/** The load balancer attribute routing.http.x_amzn_tls_kx.enabled adds this header; no listener attribute renames it. */
export const TLS_KX_HEADER = 'x-amzn-tls-kx';

/** x-amzn-tls-kx with the negotiated group in IANA TLS Supported Groups naming (secp256r1, x25519,
 * X25519MLKEM768), as the TLS front read it from the ServerHello or ServerKeyExchange; none when unknown. */
export function tlsKxHeaders(group: string | undefined): [string, string][] {
  return group && group !== '-' ? [[TLS_KX_HEADER, group]] : [];
}

/**
 * Lower-case names of client-sent headers the ALB drops because it writes them itself on this connection: the
 * renamed mTLS headers (when mutual TLS is on), both names of the TLS headers (when it adds them), and
 * x-amzn-tls-kx (when it adds that).
 */
export function albWrittenHeaderNames(
  modification: HeaderModification | null | undefined,
  options: { mutualTls: boolean; tlsInfo: boolean; tlsKx?: boolean },
): Set<string> {
  const names = new Set<string>(options.tlsKx ? [TLS_KX_HEADER] : []);
  for (const key of Object.keys(RENAMABLE_HEADERS) as RenamableHeader[]) {
    const tls = key === 'tlsVersion' || key === 'tlsCipherSuite';
    if (tls ? !options.tlsInfo : !options.mutualTls) continue;
    names.add(headerName(modification, key).toLowerCase());
    if (tls) names.add(RENAMABLE_HEADERS[key].toLowerCase());
  }
  return names;
}

/** A response's headers after the listener's response headers: each configured one replaces any of that name. */
export function applyResponseHeaders(
  headers: Map<string, string[]>,
  modification: HeaderModification | null | undefined,
): Map<string, string[]> {
  if (!modification || modification.responseHeaders.length === 0) return headers;
  const out = new Map(headers);
  for (const [name, value] of modification.responseHeaders) {
    for (const existing of [...out.keys()]) if (existing.toLowerCase() === name.toLowerCase()) out.delete(existing);
    out.set(name, [value]);
  }
  return out;
}

/** Whether the ALB's own responses carry Server: awselb/2.0 (routing.http.response.server.enabled, default true). */
export function sendsServerHeader(modification: HeaderModification | null | undefined): boolean {
  return modification?.serverHeader ?? true;
}
