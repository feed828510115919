// A trust store whose S3 objects AWS would refuse fails the set-up as the deploy would, naming the resource.
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Topology } from '../model/topology.js';
import { english } from '../../cli/testing/english.js';
import { policyNotes, trustStoreFor } from './alb-lb.js';
import { AwsApiError, TopologyError } from './errors.js';

const PEM = `-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n`;
let realCa = '';
beforeAll(async () => {
  const made = await execa('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    '/dev/null',
    '-subj',
    '/CN=test CA',
    '-days',
    '1',
  ]);
  realCa = `${made.stdout.trim()}\n`;
});

function topology(): Topology {
  return {
    stackName: 'S',
    loadBalancers: [],
    targetGroups: [],
    parameters: [],
    notRealized: [],
    trustStores: [
      {
        logicalId: 'TrustStoreABC',
        path: 'TrustStore',
        name: 'ts',
        bundle: { bucket: 'b', key: 'bundle.pem', objectVersion: null },
        revocations: [{ logicalId: 'TrustStoreRevocationsXYZ', bucket: 'b', key: 'crl.pem' }],
      },
    ],
  };
}

const inputs = (objects: Record<string, string>) => ({
  certificatePem: '',
  privateKeyPem: '',
  objects: new Map(Object.entries(objects)),
  targetGroups: new Map(),
});

describe('trust stores as CreateTrustStore would take them', () => {
  it('a bundle with a blank line is a set-up error with AWS error code and message, naming the resource', () => {
    let error: unknown;
    try {
      trustStoreFor('TrustStoreABC', topology(), inputs({ 'bundle.pem': `# CA\n\n${PEM}`, 'crl.pem': '' }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AwsApiError);
    expect(error).toBeInstanceOf(TopologyError); // the CLI reports it as a set-up error (exit 2)
    expect((error as AwsApiError).code).toBe('InvalidCaCertificatesBundle');
    expect((error as Error).message).toBe(
      'TrustStore (AWS::ElasticLoadBalancingV2::TrustStore): CreateTrustStore would fail with InvalidCaCertificatesBundle ("The specified ca certificate bundle is in an invalid format, or corrupt.", HTTP 400): S3 object "bundle.pem": line 2: a blank line ("There cannot be any blank lines").',
    );
  });

  it('a CRL that is not PEM fails AddTrustStoreRevocations, naming the revocation resource', () => {
    expect(() =>
      trustStoreFor('TrustStoreABC', topology(), inputs({ 'bundle.pem': realCa, 'crl.pem': 'MIIB' })),
    ).toThrow(
      /^TrustStoreRevocationsXYZ \(AWS::ElasticLoadBalancingV2::TrustStoreRevocation\): AddTrustStoreRevocations would fail with InvalidRevocationContent/,
    );
  });
});

describe('what a listener security policy cannot be here', () => {
  const balancer = { path: 'Alb' } as Parameters<typeof policyNotes>[0];
  const listener = (sslPolicy: string | null) => ({ port: 443, sslPolicy }) as Parameters<typeof policyNotes>[1];

  it('a PQ policy says that node has no ML-KEM and the classical groups are offered', () => {
    const [note] = policyNotes(balancer, listener('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09')).map(english);
    if (process.versions.openssl.startsWith('3.0')) {
      expect(note).toMatch(
        /cannot do ML-KEM, so the hybrid post-quantum groups X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024 are not offered/,
      );
    }
    expect(policyNotes(balancer, listener(null))).toEqual([]);
  });

  it('a FIPS policy is in the table (it used to be read from its name), and one the table lacks never gets here', () => {
    const fips = policyNotes(balancer, listener('ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04'));
    expect(fips).toEqual([]);
    // The compiler refuses such a name with SSLPolicyNotFound; the runtime does not lend it another policy's lists.
    expect(() => policyNotes(balancer, listener('ELBSecurityPolicy-TLS13-1-2-Made-Up-2030-01'))).toThrow(
      /SSLPolicyNotFound/,
    );
  });
});
