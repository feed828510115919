import { describe, expect, it } from 'vitest';
import { AwsApiError } from './errors.js';
import { readHeaderModification, readTlsInfoHeaders, TLS_INFO_ATTRIBUTE } from './header-modification.js';

const R = 'Alb/Https (AWS::ElasticLoadBalancingV2::Listener)';
const SUBJECT = 'routing.http.request.x_amzn_mtls_clientcert_subject.header_name';
const HSTS = 'routing.http.response.strict_transport_security.header_value';

function refusal(attributes: Record<string, string>): AwsApiError {
  try {
    readHeaderModification(attributes, R);
  } catch (error) {
    if (error instanceof AwsApiError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('ALB listener header modification attributes', () => {
  it('reads renames, response headers and the Server switch', () => {
    const m = readHeaderModification(
      {
        [SUBJECT]: 'X-Client-Cert-Subject',
        'routing.http.request.x_amzn_tls_version.header_name': 'X-Tls-Version',
        [HSTS]: 'max-age=31536000; includeSubDomains',
        'routing.http.response.x_frame_options.header_value': 'DENY',
        'routing.http.response.server.enabled': 'false',
      },
      R,
    )!;
    expect(m.requestHeaderNames).toEqual({ subject: 'X-Client-Cert-Subject', tlsVersion: 'X-Tls-Version' });
    expect(m.responseHeaders).toEqual([
      ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
      ['X-Frame-Options', 'DENY'],
    ]);
    expect(m.serverHeader).toBe(false);
  });

  it('treats empty values as unset and returns null when nothing changes', () => {
    expect(readHeaderModification({ [SUBJECT]: '', [HSTS]: '' }, R)).toBeNull();
    expect(readHeaderModification({}, R)).toBeNull();
  });

  it('refuses an unknown key, naming it and the listener', () => {
    const error = refusal({ 'routing.http.request.x_amzn_mtls_clientcert_sha.header_name': 'X-Sha' });
    expect(error.message).toContain('Alb/Https');
    expect(error.message).toContain('x_amzn_mtls_clientcert_sha');
    expect(error.operation).toBe('ModifyListenerAttributes');
  });

  it('refuses a header name with characters outside [-A-Za-z0-9]', () => {
    expect(refusal({ [SUBJECT]: 'X_Client_Subject' }).detail).toContain('letters, digits and hyphens');
    expect(refusal({ [SUBJECT]: 'X Client' }).detail).toContain('[-A-Za-z0-9]+');
  });

  it('refuses a rename onto a header the ALB writes, and two renames to one name', () => {
    expect(refusal({ [SUBJECT]: 'X-Forwarded-For' }).detail).toContain('writes itself');
    const twice = refusal({
      [SUBJECT]: 'X-Client',
      'routing.http.request.x_amzn_mtls_clientcert_issuer.header_name': 'x-client',
    });
    expect(twice.detail).toContain('both rename');
  });

  it('checks the values of the response headers that take fixed ones', () => {
    expect(refusal({ 'routing.http.response.x_content_type_options.header_value': 'sniff' }).detail).toContain(
      'nosniff',
    );
    expect(refusal({ 'routing.http.response.x_frame_options.header_value': 'deny-all' }).detail).toContain(
      'SAMEORIGIN',
    );
    expect(refusal({ 'routing.http.response.access_control_max_age.header_value': 'ten' }).detail).toContain('seconds');
    expect(refusal({ [HSTS]: 'max-age=1\r\nX-Evil: 1' }).detail).toContain('one line');
    expect(refusal({ 'routing.http.response.server.enabled': 'no' }).detail).toContain('"true" or "false"');
  });

  it('reads the load balancer attribute that adds the TLS headers', () => {
    expect(readTlsInfoHeaders({}, R)).toBe(false);
    expect(readTlsInfoHeaders({ [TLS_INFO_ATTRIBUTE]: 'true' }, R)).toBe(true);
    expect(() => readTlsInfoHeaders({ [TLS_INFO_ATTRIBUTE]: 'yes' }, R)).toThrow(/true" or "false/);
  });
});
