// The same MutualAuthentication mistake through both doors: the compiler (a stack's template) and the live ELBv2 API
// (ModifyListener while `up` runs). Both must answer the same error code and message (issue 25: the API said
// InvalidConfigurationRequest where the compiler said ValidationError).
import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../model/cfn.js';
import { compileTemplate } from '../model/compile.js';
import { AwsApiError } from '../model/errors.js';
import { type ActionInputs, handle } from './actions.js';
import { ApiError, parseQuery } from './query.js';
import { buildState } from './state.js';

const STORE_ARN = { 'Fn::GetAtt': ['TrustStore', 'TrustStoreArn'] };

/** An ALB with one HTTPS listener whose MutualAuthentication is `mutual` (none: mode off). */
function template(mutual?: Record<string, unknown>): CfnTemplate {
  return {
    Resources: {
      Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application' } },
      Https: {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: { Ref: 'Alb' },
          Port: 443,
          Protocol: 'HTTPS',
          Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/x' }],
          DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
          ...(mutual ? { MutualAuthentication: mutual } : {}),
        },
      },
      TrustStore: {
        Type: 'AWS::ElasticLoadBalancingV2::TrustStore',
        Properties: { CaCertificatesBundleS3Bucket: 'b', CaCertificatesBundleS3Key: 'ca.pem' },
      },
    },
  };
}

const NO_IO: ActionInputs = {
  health: () => null,
  revocation: () => new ApiError('RevocationContentNotFound', 'none'),
  bundle: () => new ApiError('CaCertificatesBundleNotFound', 'none'),
  bundleLocation: () => 'http://127.0.0.1:1/',
};

function compilerAnswer(mutual: Record<string, unknown>): { code: string; message: string } {
  try {
    compileTemplate(template(mutual), 'Stack');
  } catch (error) {
    if (error instanceof AwsApiError) return { code: error.code, message: error.awsMessage };
    throw error;
  }
  throw new Error('the compiler accepted the listener');
}

function apiAnswer(form: Record<string, string>): { code: string; message: string } {
  const topology = compileTemplate(template(), 'Stack');
  const state = buildState(
    topology,
    [{ balancerLogicalId: 'Alb', listenerLogicalId: 'Https', runningGroups: [], changeable: true }],
    new Map([['TrustStore', { id: 'TrustStore', caBundlePem: 'x', crlPems: [] }]]),
    '2026-01-01T00:00:00.000Z',
  );
  const listenerArn = state.listeners[0]!.arn;
  const storeArn = state.trustStores[0]!.arn;
  const params = new URLSearchParams({
    ListenerArn: listenerArn,
    ...Object.fromEntries(
      Object.entries(form).map(([key, value]) => [`MutualAuthentication.${key}`, value === 'STORE' ? storeArn : value]),
    ),
  });
  try {
    handle(state, 'ModifyListener', parseQuery(params.toString()).params, NO_IO);
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the API accepted the listener');
}

describe('one MutualAuthentication mistake, one answer from the compiler and from the live API', () => {
  const cases: { mistake: string; template: Record<string, unknown>; form: Record<string, string> }[] = [
    { mistake: 'a mode AWS does not document', template: { Mode: 'strict' }, form: { Mode: 'strict' } },
    {
      mistake: 'identity filters on an ALB',
      template: {
        Mode: 'verify',
        TrustStoreArn: STORE_ARN,
        ClientCertificateIdentityFilters: [{ Field: 'subject-cn', MatchType: 'exact', Value: 'a', Action: 'accept' }],
      },
      form: {
        Mode: 'verify',
        TrustStoreArn: 'STORE',
        'ClientCertificateIdentityFilters.member.1.Field': 'subject-cn',
        'ClientCertificateIdentityFilters.member.1.MatchType': 'exact',
        'ClientCertificateIdentityFilters.member.1.Value': 'a',
        'ClientCertificateIdentityFilters.member.1.Action': 'accept',
      },
    },
    {
      mistake: 'passthrough with a trust store (an answer of real AWS)',
      template: { Mode: 'passthrough', TrustStoreArn: STORE_ARN },
      form: { Mode: 'passthrough', TrustStoreArn: 'STORE' },
    },
    {
      mistake: 'passthrough ignoring expiry (an answer of real AWS)',
      template: { Mode: 'passthrough', IgnoreClientCertificateExpiry: true },
      form: { Mode: 'passthrough', IgnoreClientCertificateExpiry: 'true' },
    },
    { mistake: 'verify without a trust store', template: { Mode: 'verify' }, form: { Mode: 'verify' } },
  ];

  it.each(cases)('$mistake', ({ template: written, form }) => {
    const compiler = compilerAnswer(written);
    expect(compiler.code).toBe('ValidationError');
    expect(apiAnswer(form)).toEqual(compiler);
  });

  it('words an unknown mode without inventing an enum: Mode has none in the API model', () => {
    const { message } = compilerAnswer({ Mode: 'strict' });
    expect(message).not.toMatch(/enum|failed to satisfy constraint/);
    expect(message).toBe("Mutual Authentication mode 'strict' is not supported for Application Load Balancers");
  });

  it('marks only the two published answers as AWS words', () => {
    const published = (mutual: Record<string, unknown>) => {
      try {
        compileTemplate(template(mutual), 'Stack');
      } catch (error) {
        return !(error as AwsApiError).assumed;
      }
      throw new Error('accepted');
    };
    expect(published({ Mode: 'passthrough', TrustStoreArn: STORE_ARN })).toBe(true);
    expect(published({ Mode: 'passthrough', IgnoreClientCertificateExpiry: 'true' })).toBe(true);
    expect(published({ Mode: 'verify' })).toBe(false);
    expect(published({ Mode: 'strict' })).toBe(false);
  });
});
