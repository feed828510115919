// ALB HTTP header modification, read from a listener's ListenerAttributes and checked as ModifyListenerAttributes
// would check them (docs/aws-facts.md#alb-header-modification). Pure.
// Documented: the ELBv2 API reference, ListenerAttribute (the keys); "HTTP header modification for your Application
// Load Balancer" (what a rename and a response header do); LoadBalancerAttribute
// routing.http.x_amzn_tls_version_and_cipher_suite.enabled (true/false, default false) adds the two TLS headers.
// Assumed: which values AWS refuses. AWS publishes no rule for a new header name; the sandbox uses ELB's own
// definition of a valid header name ([-A-Za-z0-9]+, LoadBalancerAttribute routing.http.drop_invalid_header_fields),
// and refuses two renames to one name or a rename onto a header the ALB writes itself. The X-Content-Type-Options
// and X-Frame-Options values follow what third-party checks of these attributes accept. The error texts are ours.
import { AwsApiError } from './errors.js';

/** The request headers an ALB adds that a listener attribute can rename, by our short name. */
export const RENAMABLE_HEADERS = {
  serialNumber: 'X-Amzn-Mtls-Clientcert-Serial-Number',
  issuer: 'X-Amzn-Mtls-Clientcert-Issuer',
  subject: 'X-Amzn-Mtls-Clientcert-Subject',
  validity: 'X-Amzn-Mtls-Clientcert-Validity',
  leaf: 'X-Amzn-Mtls-Clientcert-Leaf',
  chain: 'X-Amzn-Mtls-Clientcert',
  tlsVersion: 'X-Amzn-Tls-Version',
  tlsCipherSuite: 'X-Amzn-Tls-Cipher-Suite',
} as const;

export type RenamableHeader = keyof typeof RENAMABLE_HEADERS;

const RENAME_KEYS: Record<string, RenamableHeader> = {
  'routing.http.request.x_amzn_mtls_clientcert_serial_number.header_name': 'serialNumber',
  'routing.http.request.x_amzn_mtls_clientcert_issuer.header_name': 'issuer',
  'routing.http.request.x_amzn_mtls_clientcert_subject.header_name': 'subject',
  'routing.http.request.x_amzn_mtls_clientcert_validity.header_name': 'validity',
  'routing.http.request.x_amzn_mtls_clientcert_leaf.header_name': 'leaf',
  'routing.http.request.x_amzn_mtls_clientcert.header_name': 'chain',
  'routing.http.request.x_amzn_tls_version.header_name': 'tlsVersion',
  'routing.http.request.x_amzn_tls_cipher_suite.header_name': 'tlsCipherSuite',
};

type ValueRule =
  | { kind: 'free' }
  | { kind: 'one-of'; values: string[] }
  | { kind: 'pattern'; pattern: RegExp; rule: string };

/** Response-header attributes: the header each sets, and what values the sandbox accepts (see the file's head). */
const RESPONSE_KEYS: Record<string, { header: string; rule: ValueRule }> = {
  'routing.http.response.strict_transport_security.header_value': {
    header: 'Strict-Transport-Security',
    rule: { kind: 'free' },
  },
  'routing.http.response.access_control_allow_origin.header_value': {
    header: 'Access-Control-Allow-Origin',
    rule: { kind: 'free' },
  },
  'routing.http.response.access_control_allow_methods.header_value': {
    header: 'Access-Control-Allow-Methods',
    rule: { kind: 'free' },
  },
  'routing.http.response.access_control_allow_headers.header_value': {
    header: 'Access-Control-Allow-Headers',
    rule: { kind: 'free' },
  },
  'routing.http.response.access_control_allow_credentials.header_value': {
    header: 'Access-Control-Allow-Credentials',
    rule: { kind: 'one-of', values: ['true'] },
  },
  'routing.http.response.access_control_expose_headers.header_value': {
    header: 'Access-Control-Expose-Headers',
    rule: { kind: 'free' },
  },
  'routing.http.response.access_control_max_age.header_value': {
    header: 'Access-Control-Max-Age',
    rule: { kind: 'pattern', pattern: /^\d+$/, rule: 'a number of seconds' },
  },
  'routing.http.response.content_security_policy.header_value': {
    header: 'Content-Security-Policy',
    rule: { kind: 'free' },
  },
  'routing.http.response.x_content_type_options.header_value': {
    header: 'X-Content-Type-Options',
    rule: { kind: 'one-of', values: ['nosniff'] },
  },
  'routing.http.response.x_frame_options.header_value': {
    header: 'X-Frame-Options',
    rule: {
      kind: 'pattern',
      pattern: /^(DENY|SAMEORIGIN|ALLOW-FROM \S+)$/,
      rule: 'DENY, SAMEORIGIN or ALLOW-FROM <origin>',
    },
  },
};

const SERVER_KEY = 'routing.http.response.server.enabled';

/** The load balancer attribute (not a listener attribute) that adds X-Amzn-Tls-Version and X-Amzn-Tls-Cipher-Suite. */
export const TLS_INFO_ATTRIBUTE = 'routing.http.x_amzn_tls_version_and_cipher_suite.enabled';

/** Headers the ALB writes itself on every forwarded request: a rename may not take their names. */
const ALB_OWN_HEADERS = ['host', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-port', 'x-amzn-trace-id'];

/** ELB's valid header name (LoadBalancerAttribute routing.http.drop_invalid_header_fields.enabled). */
const HEADER_NAME = /^[-A-Za-z0-9]+$/;
/** A header value node can send: visible ASCII, spaces and tabs, no line breaks. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** What one listener's header modification attributes do (only the attributes written with a non-empty value). */
export interface HeaderModification {
  /** Renamed request headers: our short name → the name the target receives. */
  requestHeaderNames: Partial<Record<RenamableHeader, string>>;
  /** Response headers the ALB puts on every response, overwriting a target's own: [name, value], in attribute order. */
  responseHeaders: [string, string][];
  /** routing.http.response.server.enabled: false removes the ALB's own Server header. */
  serverHeader: boolean;
  /** The attributes as written (key → value), for the report. */
  attributes: Record<string, string>;
}

/** Every header modification key a listener attribute may have (the ListenerAttribute page lists them). */
export function isHeaderModificationKey(key: string): boolean {
  return key in RENAME_KEYS || key in RESPONSE_KEYS || key === SERVER_KEY;
}

/**
 * Reads an ALB listener's attributes; throws what ModifyListenerAttributes would answer for a key it does not know
 * or a value it refuses. null when no attribute changes anything (all empty, or none written).
 */
export function readHeaderModification(
  attributes: Record<string, string>,
  resource: string,
): HeaderModification | null {
  const refuse = (message: string, detail: string): never => {
    throw new AwsApiError(resource, 'ModifyListenerAttributes', 'ValidationError', message, detail, true);
  };
  const modification: HeaderModification = {
    requestHeaderNames: {},
    responseHeaders: [],
    serverHeader: true,
    attributes: {},
  };
  const takenBy = new Map<string, string>();
  for (const [key, value] of Object.entries(attributes)) {
    if (!isHeaderModificationKey(key))
      refuse(
        `The attribute key '${key}' is not recognized`,
        `ListenerAttributes has "${key}"; an Application Load Balancer listener takes the routing.http.request.*.header_name, routing.http.response.*.header_value and routing.http.response.server.enabled keys of the ListenerAttribute API reference`,
      );
    if (key === SERVER_KEY) {
      if (value !== 'true' && value !== 'false')
        refuse(
          `The value of '${key}' must be 'true' or 'false'`,
          `ListenerAttributes "${key}" is ${JSON.stringify(value)}; write "true" or "false"`,
        );
      modification.serverHeader = value === 'true';
      modification.attributes[key] = value;
      continue;
    }
    if (value === '') continue; // empty: the attribute is unset (describe-listener-attributes lists unset ones so)
    modification.attributes[key] = value;
    const renamed = RENAME_KEYS[key];
    if (renamed) {
      if (!HEADER_NAME.test(value) || value.length > 256)
        refuse(
          `The header name '${value}' for '${key}' is not valid`,
          `ListenerAttributes "${key}" is ${JSON.stringify(value)}; a header name has only letters, digits and hyphens (ELB's valid header name, [-A-Za-z0-9]+)`,
        );
      const lower = value.toLowerCase();
      if (ALB_OWN_HEADERS.includes(lower))
        refuse(
          `The header name '${value}' for '${key}' is reserved`,
          `ListenerAttributes "${key}" renames ${RENAMABLE_HEADERS[renamed]} to ${value}, a header the load balancer writes itself; choose another name`,
        );
      const other = takenBy.get(lower);
      if (other)
        refuse(
          `The header name '${value}' is used by more than one attribute`,
          `ListenerAttributes "${key}" and "${other}" both rename to ${value}; each renamed header needs a name of its own`,
        );
      takenBy.set(lower, key);
      modification.requestHeaderNames[renamed] = value;
      continue;
    }
    const response = RESPONSE_KEYS[key]!;
    const rule = response.rule;
    const accepted =
      HEADER_VALUE.test(value) &&
      value.length <= 1024 &&
      (rule.kind === 'free' || (rule.kind === 'one-of' ? rule.values.includes(value) : rule.pattern.test(value)));
    if (!accepted)
      refuse(
        `The value '${value}' for '${key}' is not valid`,
        `ListenerAttributes "${key}" is ${JSON.stringify(value)}; ${
          rule.kind === 'one-of'
            ? `${response.header} takes ${rule.values.join(' or ')}`
            : rule.kind === 'pattern'
              ? `${response.header} takes ${rule.rule}`
              : 'a header value is printable ASCII on one line, at most 1024 characters'
        }`,
      );
    modification.responseHeaders.push([response.header, value]);
  }
  return Object.keys(modification.attributes).length === 0 ? null : modification;
}

/** The load balancer attribute that adds the two TLS headers: true/false (LoadBalancerAttribute), default false. */
export function readTlsInfoHeaders(attributes: Record<string, string>, resource: string): boolean {
  return readBooleanAttribute(attributes, TLS_INFO_ATTRIBUTE, resource);
}

/**
 * The load balancer attribute that adds x-amzn-tls-kx, the negotiated key exchange group in IANA TLS Supported Groups
 * naming (LoadBalancerAttribute, November 2026; true/false, default false). No listener attribute renames it.
 */
export const TLS_KX_ATTRIBUTE = 'routing.http.x_amzn_tls_kx.enabled';

export function readTlsKxHeader(attributes: Record<string, string>, resource: string): boolean {
  return readBooleanAttribute(attributes, TLS_KX_ATTRIBUTE, resource);
}

function readBooleanAttribute(attributes: Record<string, string>, key: string, resource: string): boolean {
  const value = attributes[key];
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false')
    throw new AwsApiError(
      resource,
      'ModifyLoadBalancerAttributes',
      'ValidationError',
      `The value of '${key}' must be 'true' or 'false'`,
      `LoadBalancerAttributes "${key}" is ${JSON.stringify(value)}; write "true" or "false"`,
      true,
    );
  return value === 'true';
}
