// What CreateListener and ModifyListener accept in MutualAuthentication, checked when the template is compiled and
// when the live ELBv2 API is called (sandbox/elbv2-api/actions.ts): one set of rules, so the same mistake gets the
// same error code from both (docs/aws-facts.md#nlb-mtls-verify). Pure. Documented rules (API Reference,
// MutualAuthenticationAttributes and ClientCertificateIdentityFilter, botocore 1.44.18):
//   Mode: "[Application Load Balancers] The possible values are off, passthrough, and verify. [Network Load
//     Balancers] The possible values are off and verify." The model gives Mode no enum, so an unknown mode is not a
//     constraint failure of the API's own kind; the message says what AWS documents instead.
//   MutualAuthentication applies to HTTPS (ALB) and TLS (NLB) listeners.
//   ClientCertificateIdentityFilters: [Network Load Balancers], "only when the mode is verify", "up to 100 filters per
//     listener" (the list shape has max 100).
//   ClientCertificateIdentityFilter: Action accept; Field subject-cn | subject-ou | san-dns | san-uri; MatchType
//     exact | prefix; Value 1–256 printable ASCII characters; for san-uri a value that begins with a letter, has only
//     letters, digits, "+", "-" or "." before its first colon, and, when the match type is exact, contains a colon.
// AWS publishes no error code for most of these. Two answers of real AWS for a bad mutual TLS combination on an ALB
// were published, both ValidationError: "Mutual Authentication mode passthrough does not support ignoring
// certificate expiry" (terraform-provider-aws issue 34861) and "Mutual Authentication mode passthrough does not
// support trust store" (app-sre/qontract-reconcile pull request 5142). Every refusal here is therefore a
// ValidationError; only those two messages are AWS's words, the others (and the code for them) are assumed.
import { findSslPolicy } from './security-policies.js';
import { AwsApiError } from './errors.js';
import type { IdentityFilter, Listener, ListenerProtocol, LoadBalancerKind } from './topology.js';

const FIELDS: readonly IdentityFilter['field'][] = ['subject-cn', 'subject-ou', 'san-dns', 'san-uri'];
const MATCH_TYPES: readonly IdentityFilter['matchType'][] = ['exact', 'prefix'];
export const MUTUAL_AUTHENTICATION_ERROR = 'ValidationError';
/** "You can specify up to 100 filters per listener" (and the list shape's max). */
export const MAX_IDENTITY_FILTERS = 100;

/** Printable ASCII: space to tilde. */
const PRINTABLE = /^[\x20-\x7e]+$/;
/** RFC 3986 §3.1 scheme, up to the first colon (or the whole value when it has none). */
const SAN_URI_START = /^[A-Za-z][A-Za-z0-9+.-]*(?::|$)/;

/** Why AWS would refuse a listener's mutual TLS: its message, what in the listener breaks the rule, and whether the
 * message is one real AWS was seen to answer (otherwise both the code and the words are the sandbox's). */
export interface MutualAuthenticationRefusal {
  message: string;
  detail: string;
  published: boolean;
}

/** Throws what the caller's API would answer; the compiler and the live API each give their own error class. */
export type Refuse = (refusal: MutualAuthenticationRefusal) => never;

/** The compiler's refusal: an AwsApiError of CreateListener naming the resource. */
export const refuseAsCreateListener =
  (resource: string): Refuse =>
  (refusal) => {
    throw new AwsApiError(
      resource,
      'CreateListener',
      MUTUAL_AUTHENTICATION_ERROR,
      refusal.message,
      refusal.detail,
      !refusal.published,
    );
  };

/** The identity filters as written, checked member by member; refuses what CreateListener would. */
export function readIdentityFilters(written: unknown, refuseWith: Refuse | string): IdentityFilter[] {
  const refuse = (message: string, detail: string): never =>
    (typeof refuseWith === 'string' ? refuseAsCreateListener(refuseWith) : refuseWith)({
      message,
      detail,
      published: false,
    });
  if (!Array.isArray(written))
    return refuse(
      'ClientCertificateIdentityFilters must be a list',
      `MutualAuthentication.ClientCertificateIdentityFilters is ${JSON.stringify(written)}; give a list of { Field, MatchType, Value, Action } objects`,
    );
  // The list shape's max: the API's own constraint wording (the member is modeled, unlike Mode).
  if (written.length > MAX_IDENTITY_FILTERS)
    refuse(
      `1 validation error detected: Value at 'mutualAuthentication.clientCertificateIdentityFilters' failed to satisfy constraint: Member must have length less than or equal to ${MAX_IDENTITY_FILTERS}`,
      `the listener has ${written.length} ClientCertificateIdentityFilters; AWS allows up to ${MAX_IDENTITY_FILTERS} per listener`,
    );
  return written.map((entry: unknown, index): IdentityFilter => {
    const where = `ClientCertificateIdentityFilters[${index}]`;
    const filter = (entry ?? {}) as Record<string, unknown>;
    const field = filter.Field;
    if (!FIELDS.includes(field as IdentityFilter['field']))
      refuse(
        `1 validation error detected: Value '${String(field)}' at 'mutualAuthentication.clientCertificateIdentityFilters.${index + 1}.member.field' failed to satisfy constraint: Member must satisfy enum value set: [${FIELDS.join(', ')}]`,
        `${where}.Field is ${JSON.stringify(field)}; it must be one of ${FIELDS.join(', ')}`,
      );
    const matchType = filter.MatchType;
    if (!MATCH_TYPES.includes(matchType as IdentityFilter['matchType']))
      refuse(
        `1 validation error detected: Value '${String(matchType)}' at 'mutualAuthentication.clientCertificateIdentityFilters.${index + 1}.member.matchType' failed to satisfy constraint: Member must satisfy enum value set: [${MATCH_TYPES.join(', ')}]`,
        `${where}.MatchType is ${JSON.stringify(matchType)}; it must be exact or prefix`,
      );
    if (filter.Action !== 'accept')
      refuse(
        `1 validation error detected: Value '${String(filter.Action)}' at 'mutualAuthentication.clientCertificateIdentityFilters.${index + 1}.member.action' failed to satisfy constraint: Member must satisfy enum value set: [accept]`,
        `${where}.Action is ${JSON.stringify(filter.Action)}; accept is the only action`,
      );
    const value = filter.Value;
    if (typeof value !== 'string' || value.length < 1 || value.length > 256 || !PRINTABLE.test(value))
      refuse(
        `Client certificate identity filter value must be 1-256 printable ASCII characters`,
        `${where}.Value is ${JSON.stringify(value)}`,
      );
    if (field === 'san-uri' && !SAN_URI_START.test(value as string))
      refuse(
        `Client certificate identity filter value for san-uri must begin with a letter, followed before the first colon only by letters, digits, '+', '-' or '.'`,
        `${where}.Value is ${JSON.stringify(value)}`,
      );
    if (field === 'san-uri' && matchType === 'exact' && !(value as string).includes(':'))
      refuse(
        `Client certificate identity filter value for san-uri with match type exact must contain a colon`,
        `${where}.Value is ${JSON.stringify(value)}; an exact san-uri value is a whole URI, e.g. spiffe://example.com/workload (a prefix may stop before the colon)`,
      );
    return {
      field: field as IdentityFilter['field'],
      matchType: matchType as IdentityFilter['matchType'],
      value: value as string,
      action: 'accept',
    };
  });
}

/** One listener's MutualAuthentication as either API receives it, before it is trusted. */
export interface MutualAuthenticationRequest {
  /** As written; absent means off. */
  mode: string;
  protocol: ListenerProtocol | string;
  kind: LoadBalancerKind;
  hasTrustStore: boolean;
  ignoreClientCertificateExpiry: boolean;
  /** Whether ClientCertificateIdentityFilters was given at all (an empty list counts). */
  hasIdentityFilters: boolean;
}

/** The modes AWS documents for each kind of load balancer (MutualAuthenticationAttributes, Mode). */
const MODES: Record<'application' | 'network', readonly string[]> = {
  application: ['off', 'passthrough', 'verify'],
  network: ['off', 'verify'],
};

/** Why CreateListener or ModifyListener would refuse this MutualAuthentication, or null. */
export function mutualAuthenticationRefusal(request: MutualAuthenticationRequest): MutualAuthenticationRefusal | null {
  const { mode, protocol, kind } = request;
  const refusal = (message: string, detail: string, published = false) => ({ message, detail, published });
  const lb = kind === 'network' ? 'Network Load Balancers' : 'Application Load Balancers';
  if (kind === 'classic')
    return refusal(
      'Mutual Authentication is not supported for Classic Load Balancers',
      'a Classic Load Balancer has no MutualAuthentication',
    );
  if (kind === 'network' && mode === 'passthrough')
    return refusal(
      'Mutual Authentication mode passthrough is not supported for Network Load Balancers',
      'Network Load Balancers support mutual TLS in verify mode only; use Mode verify with a trust store (or a TCP listener, and let the target verify)',
    );
  if (!MODES[kind].includes(mode))
    return refusal(
      `Mutual Authentication mode '${mode}' is not supported for ${lb}`,
      `Mode is ${JSON.stringify(mode)}; AWS documents ${MODES[kind].join(', ')} for ${lb}`,
    );
  const secure = kind === 'network' ? 'TLS' : 'HTTPS';
  if (mode !== 'off' && protocol !== secure)
    return refusal(
      `Mutual Authentication is not supported for ${protocol} listeners`,
      `the listener's protocol is ${protocol}; ${lb} authenticate client certificates on ${secure} listeners only`,
    );
  if (request.hasIdentityFilters && kind !== 'network')
    return refusal(
      'Client certificate identity filters are only supported for Network Load Balancers',
      'ClientCertificateIdentityFilters is documented for Network Load Balancer TLS listeners only',
    );
  if (request.hasIdentityFilters && mode !== 'verify')
    return refusal(
      'Client certificate identity filters require Mutual Authentication mode verify',
      `the mode is ${mode}; AWS takes filters "only when the mode is verify"`,
    );
  if (mode === 'passthrough' && request.hasTrustStore)
    return refusal(
      'Mutual Authentication mode passthrough does not support trust store',
      'passthrough verifies nothing, so it takes no TrustStoreArn; remove it or use verify',
      true,
    );
  if (mode === 'passthrough' && request.ignoreClientCertificateExpiry)
    return refusal(
      'Mutual Authentication mode passthrough does not support ignoring certificate expiry',
      'passthrough checks no dates, so it takes no IgnoreClientCertificateExpiry; remove it or use verify',
      true,
    );
  if (mode === 'verify' && !request.hasTrustStore)
    return refusal('A trust store is required for verify mode', 'Mode verify names no TrustStoreArn');
  return null;
}

/** Throws the AwsApiError CreateListener would answer for this listener's MutualAuthentication, if any. */
export function checkMutualAuthentication(listener: Listener, kind: LoadBalancerKind, resource: string): void {
  const mutual = listener.mutualAuthentication;
  if (!mutual) return;
  const refusal = mutualAuthenticationRefusal({
    mode: mutual.mode,
    protocol: listener.protocol,
    kind,
    hasTrustStore: mutual.trustStoreId !== null,
    ignoreClientCertificateExpiry: mutual.ignoreClientCertificateExpiry,
    hasIdentityFilters: mutual.identityFilters !== undefined,
  });
  if (refusal) refuseAsCreateListener(resource)(refusal);
}

/**
 * Throws SSLPolicyNotFound ("The specified SSL policy does not exist.", the API model's error of CreateListener) for
 * an SslPolicy the sandbox's table of AWS's policies does not hold. Never another policy's lists instead.
 */
export function checkSslPolicy(listener: Listener, resource: string): void {
  if (listener.sslPolicy === null || findSslPolicy(listener.sslPolicy)) return;
  throw new AwsApiError(
    resource,
    'CreateListener',
    'SSLPolicyNotFound',
    'The specified SSL policy does not exist.',
    `SslPolicy ${listener.sslPolicy} is not one of AWS's security policies as the sandbox knows them (docs/aws-facts.md#alb-security-policies lists its sources); check the name, e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09. If AWS lists it, the sandbox does not know it yet`,
    false,
  );
}
