// What CreateListener accepts in MutualAuthentication, checked when the template is compiled: a listener AWS would
// refuse fails the set-up with the error it would answer, naming the listener (docs/aws-facts.md#nlb-mtls-verify).
// Pure. Documented rules:
//   ELB "Authenticate clients using mutual TLS for Network Load Balancers": "Network Load Balancers support mutual
//     TLS in verify mode only", on TLS listeners (NLB document history, 19 November 2026).
//   API Reference, ClientCertificateIdentityFilter: Action accept; Field subject-cn | subject-ou | san-dns | san-uri;
//     MatchType exact | prefix; Value 1–256 printable ASCII characters, and for san-uri a value that begins with a
//     letter and has only letters, digits, plus signs … before its first colon (the page is cut off there; the
//     rest, "-" and ".", is RFC 3986's scheme syntax, which the sandbox assumes).
// AWS publishes none of the error codes or messages for these rules: the ValidationError answers below follow the
// one AWS answer seen for a bad mutual TLS combination on an ALB ("ValidationError: Mutual Authentication mode
// passthrough does not support ignoring certificate expiry", terraform-provider-aws issue 34861) and are assumed.
import { AwsApiError } from './errors.js';
import type { IdentityFilter, Listener, LoadBalancerKind } from './topology.js';

const FIELDS: readonly IdentityFilter['field'][] = ['subject-cn', 'subject-ou', 'san-dns', 'san-uri'];
const MATCH_TYPES: readonly IdentityFilter['matchType'][] = ['exact', 'prefix'];
const VALIDATION = 'ValidationError';

/** Printable ASCII: space to tilde. */
const PRINTABLE = /^[\x20-\x7e]+$/;
/** RFC 3986 §3.1 scheme, up to the first colon (or the whole value when it has none). */
const SAN_URI_START = /^[A-Za-z][A-Za-z0-9+.-]*(?::|$)/;

/** The identity filters as written in the template, checked member by member; throws what CreateListener would. */
export function readIdentityFilters(written: unknown, resource: string): IdentityFilter[] {
  const refuse = (message: string, detail: string): never => {
    throw new AwsApiError(resource, 'CreateListener', VALIDATION, message, detail, true);
  };
  if (!Array.isArray(written))
    return refuse(
      'ClientCertificateIdentityFilters must be a list',
      `MutualAuthentication.ClientCertificateIdentityFilters is ${JSON.stringify(written)}; give a list of { Field, MatchType, Value, Action } objects`,
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
    return {
      field: field as IdentityFilter['field'],
      matchType: matchType as IdentityFilter['matchType'],
      value: value as string,
      action: 'accept',
    };
  });
}

/** Throws the AwsApiError CreateListener would answer for this listener's MutualAuthentication, if any. */
export function checkMutualAuthentication(listener: Listener, kind: LoadBalancerKind, resource: string): void {
  const mutual = listener.mutualAuthentication;
  if (!mutual) return;
  const refuse = (message: string, detail: string): never => {
    throw new AwsApiError(resource, 'CreateListener', VALIDATION, message, detail, true);
  };
  if (kind === 'network') {
    if (mutual.mode === 'passthrough')
      refuse(
        'Mutual Authentication mode passthrough is not supported for Network Load Balancers',
        'Network Load Balancers support mutual TLS in verify mode only; use Mode verify with a trust store (or a TCP listener, and let the target verify)',
      );
    if (mutual.mode === 'verify' && listener.protocol !== 'TLS')
      refuse(
        `Mutual Authentication is not supported for ${listener.protocol} listeners`,
        `the listener's protocol is ${listener.protocol}; Network Load Balancers verify client certificates on TLS listeners only`,
      );
  }
  if (mutual.identityFilters && kind !== 'network')
    refuse(
      'Client certificate identity filters are only supported for Network Load Balancers',
      'ClientCertificateIdentityFilters is documented for Network Load Balancer TLS listeners only',
    );
  if (mutual.identityFilters && mutual.mode !== 'verify')
    refuse(
      `Client certificate identity filters require Mutual Authentication mode verify`,
      `the mode is ${mutual.mode}; the filters apply after the trust store has verified the certificate`,
    );
}
