// ALB HTTP header modification in a CDK stack: listener attributes (ApplicationListener.setAttribute emits
// ListenerAttributes on AWS::ElasticLoadBalancingV2::Listener) and the load balancer attribute that adds the TLS
// headers. Keys from the ELBv2 API reference, ListenerAttribute and LoadBalancerAttribute.
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/** New names for the ALB's mTLS and TLS request headers (only those given are renamed). */
export interface HeaderRenames {
  serialNumber?: string;
  issuer?: string;
  subject?: string;
  validity?: string;
  leaf?: string;
  chain?: string;
  tlsVersion?: string;
  tlsCipherSuite?: string;
}

const RENAME_ATTRIBUTE: Record<keyof HeaderRenames, string> = {
  serialNumber: 'routing.http.request.x_amzn_mtls_clientcert_serial_number.header_name',
  issuer: 'routing.http.request.x_amzn_mtls_clientcert_issuer.header_name',
  subject: 'routing.http.request.x_amzn_mtls_clientcert_subject.header_name',
  validity: 'routing.http.request.x_amzn_mtls_clientcert_validity.header_name',
  leaf: 'routing.http.request.x_amzn_mtls_clientcert_leaf.header_name',
  chain: 'routing.http.request.x_amzn_mtls_clientcert.header_name',
  tlsVersion: 'routing.http.request.x_amzn_tls_version.header_name',
  tlsCipherSuite: 'routing.http.request.x_amzn_tls_cipher_suite.header_name',
};

/** Response headers the listener puts on every response. */
export interface ResponseHeaders {
  strictTransportSecurity?: string;
  contentSecurityPolicy?: string;
  xContentTypeOptions?: 'nosniff';
  xFrameOptions?: string;
  accessControlAllowOrigin?: string;
  /** false removes the ALB's Server header. */
  server?: boolean;
}

const RESPONSE_ATTRIBUTE: Record<Exclude<keyof ResponseHeaders, 'server'>, string> = {
  strictTransportSecurity: 'routing.http.response.strict_transport_security.header_value',
  contentSecurityPolicy: 'routing.http.response.content_security_policy.header_value',
  xContentTypeOptions: 'routing.http.response.x_content_type_options.header_value',
  xFrameOptions: 'routing.http.response.x_frame_options.header_value',
  accessControlAllowOrigin: 'routing.http.response.access_control_allow_origin.header_value',
};

export function renameHeaders(listener: elbv2.ApplicationListener, renames: HeaderRenames): void {
  for (const [key, name] of Object.entries(renames))
    if (name) listener.setAttribute(RENAME_ATTRIBUTE[key as keyof HeaderRenames], name);
}

export function addResponseHeaders(listener: elbv2.ApplicationListener, headers: ResponseHeaders): void {
  for (const [key, value] of Object.entries(headers)) {
    if (key === 'server') listener.setAttribute('routing.http.response.server.enabled', String(value));
    else if (value) listener.setAttribute(RESPONSE_ATTRIBUTE[key as keyof typeof RESPONSE_ATTRIBUTE], String(value));
  }
}

/** routing.http.x_amzn_tls_version_and_cipher_suite.enabled: the ALB adds X-Amzn-Tls-Version and -Cipher-Suite. */
export function addTlsHeaders(alb: elbv2.ApplicationLoadBalancer): void {
  alb.setAttribute('routing.http.x_amzn_tls_version_and_cipher_suite.enabled', 'true');
}

/**
 * routing.http.x_amzn_tls_kx.enabled (November 2026): the ALB adds x-amzn-tls-kx, the negotiated key exchange group
 * in IANA naming. aws-cdk-lib 2.278.0 has no prop for it; setAttribute writes the load balancer attribute.
 */
export function addTlsKxHeader(alb: elbv2.ApplicationLoadBalancer): void {
  alb.setAttribute('routing.http.x_amzn_tls_kx.enabled', 'true');
}
