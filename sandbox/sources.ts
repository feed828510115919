// The sources the scenarios' expectations rest on: AWS and tool documentation pages, and the four articles the
// project grew from (their titles in English translation, as docs/sources.md gives them; the Japanese originals are
// in cli/i18n/glossary.ts). Each names the repository page that states the fact in our words (docs/aws-facts.md or
// docs/sources.md), so every reference a report shows is a link into the repository's own docs.

export interface Source {
  kind: 'aws-doc' | 'tool-doc' | 'seed' | 'sandbox';
  title: string;
  /** The section cited when a citation names none. */
  section?: string;
  url?: string;
  seed?: string;
  docs: string;
}

const ELB = 'https://docs.aws.amazon.com/elasticloadbalancing/latest';
const CLOUDFRONT = 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide';

export const SOURCES = {
  'seed-000': {
    kind: 'seed',
    seed: '000',
    title: 'Client authentication for a web server behind a load balancer (2021)',
    docs: 'docs/sources.md#seed-000',
  },
  'seed-001': {
    kind: 'seed',
    seed: '001',
    title: 'How to make the target container do client authentication behind an NLB (2023)',
    docs: 'docs/sources.md#seed-001',
  },
  'seed-003': {
    kind: 'seed',
    seed: '003',
    title: '[AWS Tips] Thinking through client-certificate authentication behind a load balancer (2022)',
    docs: 'docs/sources.md#seed-003',
  },
  'seed-004': {
    kind: 'seed',
    seed: '004',
    title: 'Trying whether the HTTP headers an ALB adds after mTLS can be used in listener rules (2024)',
    docs: 'docs/sources.md#seed-004',
  },
  'nginx-ssl': {
    kind: 'tool-doc',
    title: 'nginx: Module ngx_http_ssl_module',
    section: 'ssl_verify_client',
    url: 'https://nginx.org/en/docs/http/ngx_http_ssl_module.html',
    docs: 'docs/aws-facts.md#nginx-tls-endpoint',
  },
  'aws-tcp-passthrough': {
    kind: 'aws-doc',
    title: 'Listeners for your Network Load Balancers',
    section: 'Listener configuration (TCP listeners)',
    url: `${ELB}/network/load-balancer-listeners.html`,
    docs: 'docs/aws-facts.md#tcp-passthrough',
  },
  'aws-alb-http-headers': {
    kind: 'aws-doc',
    title: 'HTTP headers and Application Load Balancers',
    url: `${ELB}/application/x-forwarded-headers.html`,
    docs: 'docs/aws-facts.md#forwarding-headers',
  },
  'aws-alb-no-mtls': {
    kind: 'aws-doc',
    title: 'Listeners for your Application Load Balancers',
    section: 'HTTPS listeners (TLS ends at the load balancer)',
    url: `${ELB}/application/create-https-listener.html`,
    docs: 'docs/aws-facts.md#alb-without-mtls',
  },
  'aws-alb-mtls': {
    kind: 'aws-doc',
    title: 'Mutual authentication with TLS in Application Load Balancer',
    url: `${ELB}/application/mutual-authentication.html`,
    docs: 'docs/aws-facts.md#alb-mtls-verify',
  },
  'aws-alb-mtls-passthrough': {
    kind: 'aws-doc',
    title: 'Mutual authentication with TLS in Application Load Balancer',
    section: 'Mutual TLS passthrough',
    url: `${ELB}/application/mutual-authentication.html`,
    docs: 'docs/aws-facts.md#alb-mtls-passthrough',
  },
  'aws-alb-connection-logs': {
    kind: 'aws-doc',
    title: 'Connection logs for your Application Load Balancer',
    section: 'Connection log entries (tls_verify_status)',
    url: `${ELB}/application/load-balancer-connection-logs.html`,
    docs: 'docs/aws-facts.md#alb-connection-logs',
  },
  'aws-alb-mtls-requirements': {
    kind: 'aws-doc',
    title: 'Mutual authentication with TLS in Application Load Balancer',
    section: 'Before you begin › Requirements for certificates',
    url: `${ELB}/application/mutual-authentication.html`,
    // The requirements are stated in the verify mode section; the certificate cases apply them.
    docs: 'docs/aws-facts.md#alb-mtls-verify',
  },
  'aws-alb-quotas': {
    kind: 'aws-doc',
    title: 'Quotas for your Application Load Balancers',
    section: 'Certificates (maximum certificate chain depth: 4)',
    url: `${ELB}/application/load-balancer-limits.html`,
    docs: 'docs/aws-facts.md#alb-certificate-cases',
  },
  'aws-alb-trust-store-files': {
    kind: 'aws-doc',
    title: 'Mutual authentication with TLS in Application Load Balancer',
    section: 'CA certificate files; Configuring mutual TLS › Add a certificate revocation list',
    url: `${ELB}/application/mutual-authentication.html`,
    docs: 'docs/aws-facts.md#alb-trust-store-rules',
  },
  'aws-alb-security-policies': {
    kind: 'aws-doc',
    title: 'Security policies for your Application Load Balancer',
    url: `${ELB}/application/describe-ssl-policies.html`,
    docs: 'docs/aws-facts.md#alb-security-policies',
  },
  'aws-alb-rule-conditions': {
    kind: 'aws-doc',
    title: 'Condition types for listener rules',
    section: 'HTTP header conditions',
    url: `${ELB}/application/rule-condition-types.html`,
    docs: 'docs/aws-facts.md#listener-rules',
  },
  'aws-alb-rule-limits': {
    kind: 'aws-doc',
    title: 'Elastic Load Balancing API Reference: CreateRule, RuleCondition, RuleTransform',
    url: `${ELB}/APIReference/API_CreateRule.html`,
    docs: 'docs/aws-facts.md#alb-rule-limits',
  },
  's2n-tls': {
    kind: 'tool-doc',
    title: 's2n-tls, the TLS library ALB mutual TLS is built on (source and security policy snapshots)',
    url: 'https://github.com/aws/s2n-tls',
    docs: 'docs/aws-facts.md#alb-security-policies',
  },
  'openssl-security-level': {
    kind: 'tool-doc',
    title: 'OpenSSL 3.0: SSL_CTX_set_security_level',
    section: 'Default callback behaviour (level 2: RSA keys of 2048 bits and more, no SHA-1 signatures)',
    url: 'https://docs.openssl.org/3.0/man3/SSL_CTX_set_security_level/',
    docs: 'docs/aws-facts.md#alb-security-policies',
  },
  'rfc-5280': {
    kind: 'tool-doc',
    title: 'RFC 5280, Internet X.509 Public Key Infrastructure Certificate and CRL Profile',
    section: '6. Certification Path Validation',
    url: 'https://www.rfc-editor.org/rfc/rfc5280#section-6',
    docs: 'docs/aws-facts.md#alb-certificate-cases',
  },
  'aws-alb-listener-rules': {
    kind: 'aws-doc',
    title: 'Listener rules for your Application Load Balancer',
    section: 'Rule conditions',
    url: `${ELB}/application/listener-rules.html`,
    docs: 'docs/aws-facts.md#listener-rules',
  },
  'aws-alb-access-logs': {
    kind: 'aws-doc',
    title: 'Access logs for your Application Load Balancer',
    section: 'actions_executed',
    url: `${ELB}/application/load-balancer-access-logs.html`,
    docs: 'docs/aws-facts.md#waf',
  },
  'aws-clb-listeners': {
    kind: 'aws-doc',
    title: 'Listeners for your Classic Load Balancer',
    section: 'TCP/SSL protocols (TCP passes the connection through)',
    url: `${ELB}/classic/elb-listener-config.html`,
    docs: 'docs/aws-facts.md#tcp-passthrough',
  },
  'aws-alb-sticky': {
    kind: 'aws-doc',
    title: 'Sticky sessions for your Application Load Balancer',
    url: `${ELB}/application/sticky-sessions.html`,
    docs: 'docs/aws-facts.md#stickiness',
  },
  'aws-nlb-target-groups': {
    kind: 'aws-doc',
    title: 'Edit target group attributes for your Network Load Balancer',
    url: `${ELB}/network/edit-target-group-attributes.html`,
    docs: 'docs/aws-facts.md#client-ip',
  },
  'aws-nlb-alb-target': {
    kind: 'aws-doc',
    title: 'Use an Application Load Balancer as a target of a Network Load Balancer',
    section: 'one Application Load Balancer per target group; it takes over the load balancing decision',
    url: `${ELB}/network/application-load-balancer-target.html`,
    docs: 'docs/aws-facts.md#listener-ports',
  },
  'aws-nlb-stickiness': {
    kind: 'aws-doc',
    title: 'Edit target group attributes for your Network Load Balancer',
    section: 'Sticky sessions',
    url: `${ELB}/network/edit-target-group-attributes.html`,
    docs: 'docs/aws-facts.md#stickiness',
  },
  'aws-clb-proxy-protocol': {
    kind: 'aws-doc',
    title: 'Configure proxy protocol support for your Classic Load Balancer',
    url: `${ELB}/classic/enable-proxy-protocol.html`,
    docs: 'docs/aws-facts.md#client-ip',
  },
  'aws-nlb-health-checks': {
    kind: 'aws-doc',
    title: 'Health checks for Network Load Balancer target groups',
    section: 'Target health status (fail open)',
    url: `${ELB}/network/target-group-health-checks.html`,
    docs: 'docs/aws-facts.md#health-checks',
  },
  'aws-waf': {
    kind: 'aws-doc',
    title: 'AWS WAF Developer Guide: resources you can protect, rule statements, logging',
    url: 'https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html',
    docs: 'docs/aws-facts.md#waf',
  },
  'aws-route53-failover': {
    kind: 'aws-doc',
    title: 'Amazon Route 53 Developer Guide: failover routing and how health checks decide',
    url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html',
    docs: 'docs/aws-facts.md#route53-failover',
  },
  'aws-ecs-ssm-secrets': {
    kind: 'aws-doc',
    title: 'Pass Systems Manager parameters through Amazon ECS environment variables',
    url: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html',
    docs: 'docs/aws-facts.md#ssm-ecs',
  },
  'aws-nlb-security-policies': {
    kind: 'aws-doc',
    title: 'Security policies for your Network Load Balancer',
    section:
      'Considerations: front-end policy chosen, backend policy not (TLS13 → ELBSecurityPolicy-TLS13-1-0-2021-06, else 2016-08); RFC 9151 policies',
    url: `${ELB}/network/describe-ssl-policies.html`,
    docs: 'docs/aws-facts.md#alb-security-policies',
  },
  'rfc-9151': {
    kind: 'tool-doc',
    title: 'RFC 9151, Commercial National Security Algorithm (CNSA) Suite Profile for TLS and DTLS 1.2 and 1.3',
    section: 'ECDHE on secp384r1, AES-256-GCM, TLS_AES_256_GCM_SHA384',
    url: 'https://www.rfc-editor.org/rfc/rfc9151',
    docs: 'docs/aws-facts.md#alb-security-policies',
  },
  'aws-nlb-listener-rules': {
    kind: 'aws-doc',
    title: 'Listener rules for your Network Load Balancer',
    section: 'Prerequisites: a dual-stack Network Load Balancer; Add a listener rule: source IP address type, forward',
    url: `${ELB}/network/create-rule.html`,
    docs: 'docs/aws-facts.md#nlb-listener-rules',
  },
  'aws-elbv2-rule-condition': {
    kind: 'aws-doc',
    title: 'Elastic Load Balancing API Reference: RuleCondition, SourceIpConditionConfig, CreateRule',
    section: 'for NLB rules only source-ip, SourceIpConfig with IpAddressType ipv4 | ipv6; dual-stack NLB',
    url: `${ELB}/APIReference/API_RuleCondition.html`,
    docs: 'docs/aws-facts.md#nlb-listener-rules',
  },
  'aws-nlb-mtls': {
    kind: 'aws-doc',
    title: 'Authenticate clients using mutual TLS for Network Load Balancers',
    section: 'verify mode only; trust store, then identity filters, then revocation',
    url: `${ELB}/network/mutual-authentication.html`,
    docs: 'docs/aws-facts.md#nlb-mtls-verify',
  },
  'aws-nlb-mtls-launch': {
    kind: 'aws-doc',
    title: 'Document history for Network Load Balancers',
    section: 'Mutual TLS authentication for Network Load Balancers (November 19, 2026)',
    url: `${ELB}/network/doc-history.html`,
    docs: 'docs/aws-facts.md#nlb-mtls-verify',
  },
  'aws-nlb-identity-filters': {
    kind: 'aws-doc',
    title: 'Client certificate identity filters',
    url: `${ELB}/network/client-certificate-filters.html`,
    docs: 'docs/aws-facts.md#nlb-identity-filters',
  },
  'aws-elbv2-identity-filter-api': {
    kind: 'aws-doc',
    title: 'Elastic Load Balancing API Reference: ClientCertificateIdentityFilter',
    section: 'Field, MatchType (case), Value',
    url: `${ELB}/APIReference/API_ClientCertificateIdentityFilter.html`,
    docs: 'docs/aws-facts.md#nlb-identity-filters',
  },
  'aws-nlb-tls-listener': {
    kind: 'aws-doc',
    title: 'TLS listeners for your Network Load Balancer',
    section: 'the server certificate ends the front-end connection; requests are decrypted before they go to targets',
    url: `${ELB}/network/create-tls-listener.html`,
    docs: 'docs/aws-facts.md#nlb-tls-listener',
  },
  'aws-nlb-access-logs': {
    kind: 'aws-doc',
    title: 'Access logs for your Network Load Balancer',
    section: 'log entry fields (no client certificate, no verify status)',
    url: `${ELB}/network/load-balancer-access-logs.html`,
    docs: 'docs/aws-facts.md#nlb-mtls-logs',
  },
  'aws-cf-viewer-mtls': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Mutual TLS authentication with CloudFront (Viewer mTLS)',
    section: 'required ("verify") mode; prerequisites: HTTPS-only behaviors, HTTP/2 or HTTP/1.1, not HTTP/3',
    url: `${CLOUDFRONT}/mtls-authentication.html`,
    docs: 'docs/aws-facts.md#cloudfront-viewer-mtls',
  },
  'aws-cf-mtls-modes': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Additional validation modes',
    section: 'Optional mode, Passthrough mode, headers forwarded to origin',
    url: `${CLOUDFRONT}/mtls-validation-modes.html`,
    docs: 'docs/aws-facts.md#cloudfront-viewer-mtls',
  },
  'aws-cf-mtls-settings': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Configuring additional settings (viewer mTLS)',
    section: 'Certificate expiration handling, Certificate Authority advertisement',
    url: `${CLOUDFRONT}/configuring-additional-settings.html`,
    docs: 'docs/aws-facts.md#cloudfront-viewer-mtls',
  },
  'aws-cf-trust-stores': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Trust stores and certificate management',
    section: 'CA bundle in S3, read once; PEM rules; supported keys and signatures',
    url: `${CLOUDFRONT}/trust-stores-certificate-management.html`,
    docs: 'docs/aws-facts.md#cloudfront-viewer-mtls-config',
  },
  'aws-cf-viewer-mtls-config': {
    kind: 'aws-doc',
    title: 'AWS CloudFormation: AWS::CloudFront::Distribution ViewerMtlsConfig',
    section: 'Mode: required | optional | passthrough; TrustStoreConfig',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-viewermtlsconfig.html',
    docs: 'docs/aws-facts.md#cloudfront-viewer-mtls-config',
  },
  'aws-cf-mtls-headers': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Viewer mTLS headers for cache policies and forwarded to origin',
    section: 'header names, descriptions and example values',
    url: `${CLOUDFRONT}/viewer-mtls-headers.html`,
    docs: 'docs/aws-facts.md#cloudfront-viewer-cert-headers',
  },
  'aws-cf-connection-functions': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Write CloudFront Connection Function code for mutual TLS (viewer) validation',
    section: 'event structure; allow(), deny(), logCustomData(); deny by default',
    url: `${CLOUDFRONT}/write-connection-function-code.html`,
    docs: 'docs/aws-facts.md#cloudfront-connection-functions',
  },
  'aws-cf-connection-logs': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Observability using connection logs',
    section: 'connection log fields; connection error codes (Failed:…)',
    url: `${CLOUDFRONT}/connection-logs.html`,
    docs: 'docs/aws-facts.md#cloudfront-connection-logs',
  },
  'aws-cf-kvs-revocation': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Step 2: Create the revocation Connection Function',
    section: 'KeyValueStoreAssociations; import cf from "cloudfront"; await cf.kvs().exists(serial); deny()',
    url: `${CLOUDFRONT}/create-revocation-connection-function.html`,
    docs: 'docs/aws-facts.md#cloudfront-connection-functions',
  },
  'aws-sts-get-certificate': {
    kind: 'aws-doc',
    title: 'AWS Security Token Service API Reference: GetCertificate',
    section:
      'an X509-SVID: empty subject DN, one URI SAN with the SPIFFE ID, client and server authentication, 1 to 12 hours',
    url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCertificate.html',
    docs: 'docs/aws-facts.md#workload-certificates',
  },
  'aws-cf-origin-mtls': {
    kind: 'aws-doc',
    title: 'Amazon CloudFront: Origin mutual TLS with CloudFront',
    section: 'CloudFront acts as the client and presents its client certificate; it validates nothing of it',
    url: `${CLOUDFRONT}/origin-mtls-authentication.html`,
    docs: 'docs/aws-facts.md#cloudfront-origin-mtls',
  },
  'rfc-9440': {
    kind: 'tool-doc',
    title: 'RFC 9440, Client-Cert HTTP Header Field',
    section: '2. Client-Cert and Client-Cert-Chain: byte sequences of the DER certificates',
    url: 'https://www.rfc-editor.org/rfc/rfc9440',
    docs: 'docs/aws-facts.md#cloudfront-viewer-cert-headers',
  },
  'openssl-alerts': {
    kind: 'tool-doc',
    title: 'OpenSSL 3.0 source: ssl/statem/statem_lib.c, x509table (certificate verification error → TLS alert)',
    url: 'https://github.com/openssl/openssl/blob/openssl-3.0/ssl/statem/statem_lib.c',
    docs: 'docs/aws-facts.md#nlb-mtls-refusal',
  },
  'rfc-8446-alerts': {
    kind: 'tool-doc',
    title: 'RFC 8446, The Transport Layer Security (TLS) Protocol Version 1.3',
    section: '6.2 Error Alerts (access_denied, certificate_required)',
    url: 'https://www.rfc-editor.org/rfc/rfc8446#section-6.2',
    docs: 'docs/aws-facts.md#nlb-mtls-refusal',
  },
  'aws-alb-header-modification': {
    kind: 'aws-doc',
    title: 'HTTP header modification for your Application Load Balancer',
    section: 'Rename mTLS/TLS headers; Add response headers',
    url: `${ELB}/application/header-modification.html`,
    docs: 'docs/aws-facts.md#alb-header-modification',
  },
  'aws-alb-enable-header-modification': {
    kind: 'aws-doc',
    title: 'Enable HTTP header modification for your Application Load Balancer',
    section: 'off by default, enabled on each listener (listener attributes)',
    url: `${ELB}/application/enable-header-modification.html`,
    docs: 'docs/aws-facts.md#alb-header-modification',
  },
  'aws-elbv2-listener-attribute': {
    kind: 'aws-doc',
    title: 'Elastic Load Balancing API Reference: ListenerAttribute',
    section: 'Key (routing.http.request.*.header_name, routing.http.response.*)',
    url: `${ELB}/APIReference/API_ListenerAttribute.html`,
    docs: 'docs/aws-facts.md#alb-header-modification',
  },
  'aws-elbv2-load-balancer-attribute': {
    kind: 'aws-doc',
    title: 'Elastic Load Balancing API Reference: LoadBalancerAttribute',
    section:
      'routing.http.x_amzn_tls_version_and_cipher_suite.enabled; routing.http.drop_invalid_header_fields.enabled',
    url: `${ELB}/APIReference/API_LoadBalancerAttribute.html`,
    docs: 'docs/aws-facts.md#alb-header-modification',
  },
  'sandbox-assumptions': {
    kind: 'sandbox',
    title: 'What the sandbox assumes where AWS is silent',
    docs: 'docs/aws-facts.md#reading',
  },
} satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
