// An NLB's client certificate identity filters (ELB "Client certificate identity filters" and the API's
// ClientCertificateIdentityFilter): which certificates that passed the trust store may connect. Pure.
//   - The only action is accept, so a certificate that matches no filter is refused; one match admits.
//   - An empty list filters nothing: every certificate that passed the trust store is admitted.
//   - A certificate without the field (no SAN extension, no OU) does not match that filter.
//   - A field with several values (two OUs, several SAN entries) matches when any one value does.
//   - subject-cn, subject-ou and san-dns compare case-insensitively; san-uri compares scheme and host
//     case-insensitively and the rest of the URI as written.
// Not documented, so the sandbox's choice (docs/aws-facts.md#nlb-identity-filters): the case folding is ASCII only;
// it applies to prefix matches as to exact ones; a san-uri value is normalized like the certificate's URIs before it
// is compared (so a prefix may end inside the host); "*" is an ordinary character (no wildcards anywhere).
import type { IdentityFilter, IdentityFilterField } from '../model/topology.js';
import type { CertIdentity } from './cert-identity.js';

/** ASCII-only lower case: what a case-insensitive comparison of these ASCII fields means here. */
const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * A URI with its scheme and host in lower case and everything else untouched (RFC 3986 §3: scheme ":" ["//"
 * authority] path …; the host is the authority without userinfo@ and :port). A value without a colon is taken to be
 * (the start of) a scheme. Without an authority (urn:…), only the scheme is lowered.
 */
export function normalizeUri(uri: string): string {
  const colon = uri.indexOf(':');
  if (colon < 0) return asciiLower(uri);
  const scheme = asciiLower(uri.slice(0, colon));
  const rest = uri.slice(colon + 1);
  if (!rest.startsWith('//')) return `${scheme}:${rest}`;
  const afterSlashes = rest.slice(2);
  const end = afterSlashes.search(/[/?#]/);
  const authority = end < 0 ? afterSlashes : afterSlashes.slice(0, end);
  const tail = end < 0 ? '' : afterSlashes.slice(end);
  const at = authority.lastIndexOf('@');
  const userinfo = at < 0 ? '' : authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  // The port follows the last colon after any IPv6 literal ("[::1]:8443"); digits need no folding.
  const portColon = hostPort.lastIndexOf(':');
  const host = portColon > hostPort.lastIndexOf(']') ? hostPort.slice(0, portColon) : hostPort;
  const port = hostPort.slice(host.length);
  return `${scheme}://${userinfo}${asciiLower(host)}${port}${tail}`;
}

const FIELD_VALUES: Record<IdentityFilterField, (identity: CertIdentity) => string[]> = {
  'subject-cn': (identity) => identity.subjectCn,
  'subject-ou': (identity) => identity.subjectOu,
  'san-dns': (identity) => identity.sanDns,
  'san-uri': (identity) => identity.sanUri,
};

/** The form in which a value of this field is compared. */
const comparable = (field: IdentityFilterField, text: string): string =>
  field === 'san-uri' ? normalizeUri(text) : asciiLower(text);

/** Does one value of a certificate field match the filter? */
export function valueMatches(filter: IdentityFilter, value: string): boolean {
  const have = comparable(filter.field, value);
  const want = comparable(filter.field, filter.value);
  return filter.matchType === 'exact' ? have === want : have.startsWith(want);
}

export type FilterDecision =
  /** Admitted: by the filter (its index in the list) and the certificate value it matched; no filters: null. */
  | { admitted: true; match: { index: number; filter: IdentityFilter; value: string } | null }
  /** Refused: no filter matched; for each filter, the certificate's values of its field (empty: the field is absent). */
  | { admitted: false; tried: { filter: IdentityFilter; values: string[] }[] };

/** Evaluates the listener's filters, in order, against a certificate that passed the trust store. */
export function evaluateIdentityFilters(filters: readonly IdentityFilter[], identity: CertIdentity): FilterDecision {
  if (filters.length === 0) return { admitted: true, match: null };
  for (const [index, filter] of filters.entries()) {
    const value = FIELD_VALUES[filter.field](identity).find((candidate) => valueMatches(filter, candidate));
    if (value !== undefined) return { admitted: true, match: { index, filter, value } };
  }
  return {
    admitted: false,
    tried: filters.map((filter) => ({ filter, values: FIELD_VALUES[filter.field](identity) })),
  };
}

/** "san-uri prefix spiffe://example.org/ns/prod/": one filter in the words of the API. */
export const describeFilter = (filter: IdentityFilter): string => `${filter.field} ${filter.matchType} ${filter.value}`;

/** Why no filter matched, for the connection log's notes: each filter and what the certificate had for it. */
export function describeRefusal(decision: Extract<FilterDecision, { admitted: false }>): string {
  return decision.tried
    .map(({ filter, values }) =>
      values.length === 0
        ? `${describeFilter(filter)}: the certificate has no ${filter.field}`
        : `${describeFilter(filter)}: not ${values.map((value) => JSON.stringify(value)).join(', ')}`,
    )
    .join('; ');
}
