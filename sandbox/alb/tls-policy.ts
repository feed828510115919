// ALB security policies (ELB "Security policies for your Application Load Balancer"): which TLS versions and
// ciphers a listener negotiates. Emulated: the version bounds, the cipher list and the server's cipher preference
// (OpenSSL names, in the policy's order). Not emulated: the policy's signature algorithms and curves, and TLS 1.0/1.1
// where node's OpenSSL build refuses them. With ELBSecurityPolicy-2016-08 (the default for listeners made through
// the API, CloudFormation and CDK) a real ALB negotiated TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256 with curl (seed 004).
import type { SecureVersion } from 'node:tls';

export interface TlsPolicy {
  name: string;
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  /** TLS 1.2-and-below cipher suites, OpenSSL names, server preference order. */
  ciphers: string[];
  /** TLS 1.3 cipher suites, IANA names. */
  tls13Ciphersuites: string[];
  /** True when the name was not in our table and the bounds were read from the name. */
  derived: boolean;
}

export const DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

const TLS13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
const GCM_ECDHE = ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256'];
const GCM_ECDHE_256 = ['ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384'];
const CBC_SHA2 = ['ECDHE-ECDSA-AES128-SHA256', 'ECDHE-RSA-AES128-SHA256'];
const CBC_SHA2_256 = ['ECDHE-ECDSA-AES256-SHA384', 'ECDHE-RSA-AES256-SHA384'];
const CBC_SHA1 = ['ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA'];
const CBC_SHA1_256 = ['ECDHE-RSA-AES256-SHA', 'ECDHE-ECDSA-AES256-SHA'];
const RSA_KX = ['AES128-GCM-SHA256', 'AES128-SHA256', 'AES128-SHA', 'AES256-GCM-SHA384', 'AES256-SHA256', 'AES256-SHA'];

const LEGACY_2016 = [
  ...GCM_ECDHE,
  ...CBC_SHA2,
  ...CBC_SHA1,
  ...GCM_ECDHE_256,
  ...CBC_SHA2_256,
  ...CBC_SHA1_256,
  ...RSA_KX,
];
const TLS12_ONLY = [
  ...GCM_ECDHE,
  ...CBC_SHA2,
  ...GCM_ECDHE_256,
  ...CBC_SHA2_256,
  'AES128-GCM-SHA256',
  'AES128-SHA256',
  'AES256-GCM-SHA384',
  'AES256-SHA256',
];
const RESTRICTED = [...GCM_ECDHE, ...GCM_ECDHE_256];

const POLICIES: Record<string, Omit<TlsPolicy, 'name' | 'derived'>> = {
  'ELBSecurityPolicy-2016-08': {
    minVersion: 'TLSv1',
    maxVersion: 'TLSv1.2',
    ciphers: LEGACY_2016,
    tls13Ciphersuites: [],
  },
  'ELBSecurityPolicy-TLS-1-1-2017-01': {
    minVersion: 'TLSv1.1',
    maxVersion: 'TLSv1.2',
    ciphers: LEGACY_2016,
    tls13Ciphersuites: [],
  },
  'ELBSecurityPolicy-TLS-1-2-2017-01': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.2',
    ciphers: TLS12_ONLY,
    tls13Ciphersuites: [],
  },
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.2',
    ciphers: LEGACY_2016,
    tls13Ciphersuites: [],
  },
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.2',
    ciphers: RESTRICTED,
    tls13Ciphersuites: [],
  },
  'ELBSecurityPolicy-TLS13-1-2-2021-06': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    ciphers: [...GCM_ECDHE, ...CBC_SHA2, ...GCM_ECDHE_256, ...CBC_SHA2_256],
    tls13Ciphersuites: TLS13,
  },
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    ciphers: RESTRICTED,
    tls13Ciphersuites: TLS13,
  },
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    ciphers: TLS12_ONLY,
    tls13Ciphersuites: TLS13,
  },
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': {
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    ciphers: LEGACY_2016,
    tls13Ciphersuites: TLS13,
  },
  'ELBSecurityPolicy-TLS13-1-1-2021-06': {
    minVersion: 'TLSv1.1',
    maxVersion: 'TLSv1.3',
    ciphers: LEGACY_2016,
    tls13Ciphersuites: TLS13,
  },
  'ELBSecurityPolicy-TLS13-1-0-2021-06': {
    minVersion: 'TLSv1',
    maxVersion: 'TLSv1.3',
    ciphers: LEGACY_2016,
    tls13Ciphersuites: TLS13,
  },
  'ELBSecurityPolicy-TLS13-1-3-2021-06': {
    minVersion: 'TLSv1.3',
    maxVersion: 'TLSv1.3',
    ciphers: [],
    tls13Ciphersuites: TLS13,
  },
};

/** The policy for a listener; null means the API default, ELBSecurityPolicy-2016-08. Unknown names are read as
 * "TLS13" → up to TLS 1.3, "-1-N-" → at least TLS 1.N. */
export function resolveSslPolicy(name: string | null): TlsPolicy {
  const policyName = name ?? DEFAULT_POLICY;
  const known = POLICIES[policyName];
  if (known) return { name: policyName, ...known, derived: false };
  const tls13 = policyName.includes('TLS13');
  const min = /-1-([0-3])-/.exec(policyName)?.[1];
  const minVersion: SecureVersion =
    min === '3' ? 'TLSv1.3' : min === '1' ? 'TLSv1.1' : min === '0' ? 'TLSv1' : 'TLSv1.2';
  return {
    name: policyName,
    minVersion,
    maxVersion: tls13 ? 'TLSv1.3' : 'TLSv1.2',
    ciphers: minVersion === 'TLSv1.3' ? [] : tls13 ? RESTRICTED : LEGACY_2016,
    tls13Ciphersuites: tls13 ? TLS13 : [],
    derived: true,
  };
}

/** Options for tls.createSecureContext. TLS 1.0/1.1 stay allowed on paper, but node's OpenSSL fails those
 * handshakes at its default security level (a TLS 1.0 client gets an "internal error" alert). */
export function secureContextOptions(policy: TlsPolicy): {
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  ciphers: string;
  honorCipherOrder: true;
} {
  return {
    minVersion: policy.minVersion,
    maxVersion: policy.maxVersion,
    // node takes TLS 1.3 suites and older ciphers in one list
    ciphers: [...policy.tls13Ciphersuites, ...policy.ciphers].join(':'),
    honorCipherOrder: true,
  };
}
