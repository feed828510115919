import type { CloudFrontTopology } from './cloudfront.js';
import type { DnsTopology } from './dns-topology.js';
import type { HeaderModification } from './header-modification.js';
import type { NotRealized } from './not-realized.js';
import type { WebAcl } from './web-acl.js';

export type LoadBalancerKind = 'classic' | 'network' | 'application';
export type ListenerProtocol = 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP' | 'HTTP' | 'HTTPS' | 'SSL';

export interface HealthCheck {
  protocol: 'TCP' | 'HTTP' | 'HTTPS';
  port: number | 'traffic-port';
  path: string | null;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  /** HTTP codes counted as healthy, e.g. "200" or "200-399". */
  matcher: string | null;
}

/** One registered target as written in the template (an IP, an instance's logical id, a Lambda...). */
export interface TargetRef {
  id: string;
  port: number | null;
}

export interface TargetGroup {
  logicalId: string;
  /** CDK construct path relative to the stack, e.g. "Targets" — how scenarios name it. */
  path: string;
  protocol: ListenerProtocol;
  port: number | null;
  targetType: 'instance' | 'ip' | 'lambda' | 'alb';
  targets: TargetRef[];
  healthCheck: HealthCheck;
  stickiness: {
    enabled: boolean;
    type: 'lb_cookie' | 'app_cookie' | 'source_ip' | null;
    durationSeconds: number | null;
    cookieName: string | null;
  };
  proxyProtocolV2: boolean;
  preserveClientIp: boolean | null;
  attributes: Record<string, string>;
}

// --- listener rules (ELB "Listener rules" documentation) ---
// host-header, path-pattern and http-header take wildcard Values and/or RegexValues (present only when written).
export type RuleCondition =
  | { field: 'host-header'; values: string[]; regexValues?: string[] }
  | { field: 'path-pattern'; values: string[]; regexValues?: string[] }
  | { field: 'http-header'; headerName: string; values: string[]; regexValues?: string[] }
  | { field: 'http-request-method'; values: string[] }
  | { field: 'query-string'; values: { key: string | null; value: string }[] }
  /**
   * ALB: Values, CIDR blocks. NLB (listener rules, July 2026): IpAddressType, the address family of the source
   * (ELB API Reference, SourceIpConditionConfig).
   */
  | { field: 'source-ip'; values: string[]; ipAddressType?: 'ipv4' | 'ipv6' };

/** The action that ends a rule: exactly one per rule, performed last (API Reference, Action). */
export type RoutingAction =
  | {
      type: 'forward';
      targetGroups: { targetGroupId: string; weight: number }[];
      /** Target-group stickiness of a weighted forward action (not the target group's own stickiness). */
      groupStickiness: { enabled: boolean; durationSeconds: number } | null;
    }
  | { type: 'fixed-response'; statusCode: number; contentType: string | null; messageBody: string | null }
  | {
      type: 'redirect';
      protocol: string;
      port: string;
      host: string;
      path: string;
      query: string;
      statusCode: 'HTTP_301' | 'HTTP_302';
    };

/** The unauthenticated-request behaviour of authenticate-oidc and authenticate-cognito (default authenticate). */
export type OnUnauthenticatedRequest = 'deny' | 'allow' | 'authenticate';

/**
 * A user authentication action (HTTPS listeners, before the routing action). Kept as written so the API can
 * describe it; the sandbox does not realize them: they need an identity provider or keys on the Internet.
 */
export type AuthenticateAction =
  | {
      type: 'authenticate-oidc';
      issuer: string;
      authorizationEndpoint: string;
      tokenEndpoint: string;
      userInfoEndpoint: string;
      clientId: string;
      sessionCookieName: string | null;
      scope: string | null;
      sessionTimeout: number | null;
      extraParams: Record<string, string>;
      onUnauthenticatedRequest: OnUnauthenticatedRequest | null;
    }
  | {
      type: 'authenticate-cognito';
      userPoolArn: string;
      userPoolClientId: string;
      userPoolDomain: string;
      sessionCookieName: string | null;
      scope: string | null;
      sessionTimeout: number | null;
      extraParams: Record<string, string>;
      onUnauthenticatedRequest: OnUnauthenticatedRequest | null;
    }
  | {
      type: 'jwt-validation';
      jwksEndpoint: string;
      issuer: string;
      additionalClaims: {
        format: 'single-string' | 'string-array' | 'space-separated-values';
        name: string;
        values: string[];
      }[];
    };

/** The actions of a rule, in their order: authentication (optional) first, the routing action last. */
export type RuleAction = RoutingAction | AuthenticateAction;

/** A rule transform (ELB "Transforms for listener rules"): rewrites the request on its way to the target. */
export interface RuleTransform {
  type: 'host-header-rewrite' | 'url-rewrite';
  /** Tried in order; the first whose Regex matches replaces the match with Replace ($1, $2 … capture groups). */
  rewrites: { regex: string; replace: string }[];
}

export interface ListenerRule {
  logicalId: string;
  priority: number;
  conditions: RuleCondition[];
  actions: RuleAction[];
  /** Present when the rule has transforms. */
  transforms?: RuleTransform[];
}

export interface MutualAuthentication {
  mode: 'off' | 'passthrough' | 'verify';
  trustStoreId: string | null;
  ignoreClientCertificateExpiry: boolean;
  advertiseTrustStoreCaNames: boolean;
  /**
   * NLB TLS listeners (November 2026): ClientCertificateIdentityFilters as written, in order; absent when the
   * template has none (an ALB listener, or an NLB listener without filters: every valid certificate passes).
   */
  identityFilters?: IdentityFilter[];
}

export type IdentityFilterField = 'subject-cn' | 'subject-ou' | 'san-dns' | 'san-uri';

/** One ClientCertificateIdentityFilter (ELB API reference): accept certificates whose field matches the value. */
export interface IdentityFilter {
  field: IdentityFilterField;
  matchType: 'exact' | 'prefix';
  value: string;
  action: 'accept';
}

/** NLB TLS listeners' AlpnPolicy (ELB API reference, CreateListener AlpnPolicy). */
export type AlpnPolicyName = 'HTTP1Only' | 'HTTP2Only' | 'HTTP2Optional' | 'HTTP2Preferred' | 'None';

export interface Listener {
  logicalId: string;
  path: string;
  port: number;
  protocol: ListenerProtocol;
  /** CLB only: the port and protocol on the instances. */
  instancePort: number | null;
  instanceProtocol: ListenerProtocol | null;
  /** CLB: the load balancer itself stands for its target group (its logical id); NLB/ALB: the default action. */
  defaultActions: RuleAction[];
  rules: ListenerRule[];
  /** Certificate ARNs or references, as written. */
  certificates: string[];
  sslPolicy: string | null;
  /** NLB TLS listeners: the AlpnPolicy as written (null: none, which negotiates no ALPN). */
  alpnPolicy?: AlpnPolicyName | null;
  mutualAuthentication: MutualAuthentication | null;
  /** ALB listeners: header modification from ListenerAttributes (renamed request headers, response headers). */
  headerModification?: HeaderModification | null;
}

export interface LoadBalancer {
  logicalId: string;
  path: string;
  kind: LoadBalancerKind;
  name: string;
  scheme: string;
  listeners: Listener[];
  /** CLB only: health check of the instances and whether Proxy Protocol v1 is on for instance ports. */
  classicHealthCheck: HealthCheck | null;
  classicInstances: string[];
  classicProxyProtocolPorts: number[];
  attributes: Record<string, string>;
  /** ALB: routing.http.x_amzn_tls_version_and_cipher_suite.enabled (X-Amzn-Tls-Version and -Cipher-Suite). */
  tlsInfoHeaders?: boolean;
  /** ALB: routing.http.x_amzn_tls_kx.enabled (x-amzn-tls-kx, the negotiated key exchange group). */
  tlsKxHeader?: boolean;
  /**
   * IpAddressType as written (ipv4 when absent): whether clients reach the load balancer over IPv6 too. An NLB takes
   * listener rules only when it is dual-stack (CreateRule).
   */
  ipAddressType?: 'ipv4' | 'dualstack' | 'dualstack-without-public-ipv4';
}

export interface TrustStore {
  logicalId: string;
  path: string;
  name: string;
  bundle: { bucket: string; key: string; objectVersion: string | null };
  revocations: { logicalId: string; bucket: string; key: string }[];
}

export interface SsmParameter {
  logicalId: string;
  path: string;
  name: string;
  type: string;
  value: string;
}

export type { NotRealized } from './not-realized.js';

export interface Topology {
  stackName: string;
  loadBalancers: LoadBalancer[];
  targetGroups: TargetGroup[];
  trustStores: TrustStore[];
  parameters: SsmParameter[];
  /** AWS WAF web ACLs (the subset the ALB emulator evaluates); present when the stack has any. */
  webAcls?: WebAcl[];
  /** Route 53 records and health checks, and CloudFront distributions they point to; present when the stack has any. */
  dns?: DnsTopology;
  /** CloudFront distributions with viewer mutual TLS and what they name; present when the stack has any. */
  cloudFront?: CloudFrontTopology;
  /** Every resource or property the compiler did not turn into topology, with why. Never silently dropped. */
  notRealized: NotRealized[];
}
