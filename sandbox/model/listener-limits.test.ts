// The identity filter rules of the API reference (ClientCertificateIdentityFilter, MutualAuthenticationAttributes,
// botocore 1.44.18) that the compiler and the live API share.
import { describe, expect, it } from 'vitest';
import { AwsApiError } from './errors.js';
import {
  checkSslPolicy,
  MAX_IDENTITY_FILTERS,
  mutualAuthenticationRefusal,
  readIdentityFilters,
} from './listener-limits.js';

const filter = (over: Record<string, unknown> = {}) => ({
  Field: 'san-uri',
  MatchType: 'prefix',
  Value: 'spiffe://example.org/',
  Action: 'accept',
  ...over,
});

function refusal(run: () => unknown): AwsApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readIdentityFilters', () => {
  it('takes up to 100 filters per listener and refuses 101 in the API constraint wording', () => {
    expect(
      readIdentityFilters(
        Array.from({ length: MAX_IDENTITY_FILTERS }, () => filter()),
        'L',
      ),
    ).toHaveLength(100);
    const error = refusal(() =>
      readIdentityFilters(
        Array.from({ length: 101 }, () => filter()),
        'L',
      ),
    );
    expect(error).toMatchObject({ operation: 'CreateListener', code: 'ValidationError', assumed: true });
    expect(error.awsMessage).toContain('Member must have length less than or equal to 100');
    expect(error.detail).toBe(
      'the listener has 101 ClientCertificateIdentityFilters; AWS allows up to 100 per listener',
    );
  });

  it('refuses an exact san-uri value without a colon; a prefix may stop before the colon', () => {
    const error = refusal(() => readIdentityFilters([filter({ MatchType: 'exact', Value: 'spiffe' })], 'L'));
    expect(error.awsMessage).toBe(
      'Client certificate identity filter value for san-uri with match type exact must contain a colon',
    );
    expect(readIdentityFilters([filter({ MatchType: 'prefix', Value: 'spiffe' })], 'L')[0]!.value).toBe('spiffe');
    expect(
      readIdentityFilters([filter({ MatchType: 'exact', Value: 'spiffe://example.com/workload' })], 'L')[0]!.value,
    ).toBe('spiffe://example.com/workload');
    // the colon rule is san-uri's: an exact subject-cn without one is fine
    expect(readIdentityFilters([filter({ Field: 'subject-cn', MatchType: 'exact', Value: 'ops' })], 'L')).toHaveLength(
      1,
    );
  });
});

describe('mutualAuthenticationRefusal', () => {
  const base = {
    protocol: 'TLS',
    kind: 'network' as const,
    hasTrustStore: true,
    ignoreClientCertificateExpiry: false,
    hasIdentityFilters: false,
  };

  it('lets an NLB TLS listener verify, with or without filters, and refuses passthrough there', () => {
    expect(mutualAuthenticationRefusal({ ...base, mode: 'verify' })).toBeNull();
    expect(mutualAuthenticationRefusal({ ...base, mode: 'verify', hasIdentityFilters: true })).toBeNull();
    expect(mutualAuthenticationRefusal({ ...base, mode: 'passthrough' })?.message).toBe(
      'Mutual Authentication mode passthrough is not supported for Network Load Balancers',
    );
  });

  it('names the documented modes for the kind of load balancer, not an enum the model does not have', () => {
    expect(mutualAuthenticationRefusal({ ...base, mode: 'Verify' })?.detail).toBe(
      'Mode is "Verify"; AWS documents off, verify for Network Load Balancers',
    );
    expect(
      mutualAuthenticationRefusal({ ...base, kind: 'application', protocol: 'HTTPS', mode: 'optional' })?.detail,
    ).toBe('Mode is "optional"; AWS documents off, passthrough, verify for Application Load Balancers');
  });

  it('takes mode off anywhere, and no other mode on a listener that is not HTTPS (ALB) or TLS (NLB)', () => {
    expect(mutualAuthenticationRefusal({ ...base, protocol: 'TCP', mode: 'off', hasTrustStore: false })).toBeNull();
    expect(mutualAuthenticationRefusal({ ...base, protocol: 'TCP', mode: 'verify' })?.message).toBe(
      'Mutual Authentication is not supported for TCP listeners',
    );
    expect(
      mutualAuthenticationRefusal({ ...base, kind: 'application', protocol: 'HTTP', mode: 'passthrough' })?.message,
    ).toBe('Mutual Authentication is not supported for HTTP listeners');
  });
});

describe('checkSslPolicy', () => {
  const listener = (sslPolicy: string | null) => ({ sslPolicy }) as unknown as Parameters<typeof checkSslPolicy>[0];

  it("refuses a policy name AWS's tables do not have with SSLPolicyNotFound, the model's error and words", () => {
    const error = refusal(() => checkSslPolicy(listener('ELBSecurityPolicy-TLS13-1-2-Made-Up-2030-01'), 'L'));
    expect(error).toMatchObject({
      operation: 'CreateListener',
      code: 'SSLPolicyNotFound',
      awsMessage: 'The specified SSL policy does not exist.',
      assumed: false,
    });
  });

  it('takes the RFC 9151 policies of August 2026, and no policy at all (the API default)', () => {
    expect(() => checkSslPolicy(listener('ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07'), 'L')).not.toThrow();
    expect(() =>
      checkSslPolicy(listener('ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07'), 'L'),
    ).not.toThrow();
    expect(() => checkSslPolicy(listener(null), 'L')).not.toThrow();
  });
});
