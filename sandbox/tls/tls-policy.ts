// ALB security policies (ELB "Security policies for your Application Load Balancer"): which TLS versions, ciphers
// and key exchange groups a listener negotiates. Pure: a table and what node's TLS needs to realize an entry.
//
// Sources, per column (docs/aws-facts.md#alb-security-policies):
//   protocols and cipher order — AWS's policy tables (describe-ssl-policies; the first cipher has priority 1), the
//     archived English guide for the pre-2021 policies, and the AWS CLI example of describe-ssl-policies;
//   groups — AWS documents none per policy (the SslPolicy API has no such field) except the three hybrid
//     post-quantum names of the PQ policies. The order here is s2n-tls's policy snapshots (ALB mutual TLS is built
//     on s2n); seed 004's real ALB under ELBSecurityPolicy-2016-08 chose prime256v1 although curl offered X25519
//     first, which these snapshots explain: that policy has no X25519 at all.
// With ELBSecurityPolicy-2016-08 (the default for listeners made through the API, CloudFormation and CDK) a real ALB
// negotiated TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256 / prime256v1 with curl (seed 004).
import type { SecureVersion } from 'node:tls';
import { GROUPS, type GroupName, opensslHasMlKem } from './tls-groups.js';

export interface TlsPolicy {
  name: string;
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  /** TLS 1.2-and-below cipher suites, OpenSSL names, server preference order. */
  ciphers: string[];
  /** TLS 1.3 cipher suites, IANA names. */
  tls13Ciphersuites: string[];
  /** Key exchange groups, IANA names, in the order the ALB prefers them (hybrid post-quantum ones first). */
  groups: GroupName[];
  /** True when the name was not in our table and the entry was read from the name. */
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
const TLS13_1_2 = [...GCM_ECDHE, ...CBC_SHA2, ...GCM_ECDHE_256, ...CBC_SHA2_256];
const RESTRICTED = [...GCM_ECDHE, ...GCM_ECDHE_256];

/** s2n-tls snapshots: the pre-2020 policies offer P-256 and P-384 only; FS-1-2-Res-2020-10 adds P-521. */
const CLASSIC_P256_P384: GroupName[] = ['secp256r1', 'secp384r1'];
const CLASSIC_P521: GroupName[] = ['secp256r1', 'secp384r1', 'secp521r1'];
/** s2n-tls snapshots of the TLS13 policies (the TLS13-1-0/1-1 ones are not in them; taken to be the same). */
const TLS13_GROUPS: GroupName[] = ['x25519', 'secp256r1', 'secp384r1', 'secp521r1'];
/** ELB security policies page: "SecP256r1MLKEM768, SecP384r1MLKEM1024 and X25519MLKEM768"; order: s2n-tls. */
const PQ_GROUPS: GroupName[] = ['X25519MLKEM768', 'SecP256r1MLKEM768', 'SecP384r1MLKEM1024', ...TLS13_GROUPS];

type Entry = Omit<TlsPolicy, 'name' | 'derived'>;

const tls13 = (minVersion: SecureVersion, ciphers: string[], groups = TLS13_GROUPS): Entry => ({
  minVersion,
  maxVersion: 'TLSv1.3',
  ciphers,
  tls13Ciphersuites: TLS13,
  groups,
});
const tls12 = (minVersion: SecureVersion, ciphers: string[], groups = CLASSIC_P256_P384): Entry => ({
  minVersion,
  maxVersion: 'TLSv1.2',
  ciphers,
  tls13Ciphersuites: [],
  groups,
});

const POLICIES: Record<string, Entry> = {
  'ELBSecurityPolicy-2016-08': tls12('TLSv1', LEGACY_2016),
  'ELBSecurityPolicy-TLS-1-1-2017-01': tls12('TLSv1.1', LEGACY_2016),
  'ELBSecurityPolicy-TLS-1-2-2017-01': tls12('TLSv1.2', TLS12_ONLY),
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': tls12('TLSv1.2', LEGACY_2016),
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': tls12('TLSv1.2', RESTRICTED, CLASSIC_P521),
  'ELBSecurityPolicy-TLS13-1-2-2021-06': tls13('TLSv1.2', TLS13_1_2),
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': tls13('TLSv1.2', RESTRICTED),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': tls13('TLSv1.2', TLS12_ONLY),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': tls13('TLSv1.2', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-1-2021-06': tls13('TLSv1.1', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-0-2021-06': tls13('TLSv1', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-3-2021-06': tls13('TLSv1.3', []),
  // The 2025 post-quantum policies: the ciphers of their 2021 namesakes, hybrid ML-KEM groups before the classical
  // ones. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 is the console's default and AWS's recommendation.
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': tls13('TLSv1', LEGACY_2016, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': tls13('TLSv1.2', TLS13_1_2, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': tls13('TLSv1.2', RESTRICTED, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': tls13('TLSv1.2', TLS12_ONLY, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': tls13('TLSv1.2', LEGACY_2016, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': tls13('TLSv1.3', [], PQ_GROUPS),
};

/** The names in the table (for documentation and tests). */
export const KNOWN_POLICIES: readonly string[] = Object.keys(POLICIES);

/** FIPS policies allow only FIPS-approved algorithms: ChaCha20-Poly1305 is not one of them. */
const withoutChacha = (entry: Entry): Entry => ({
  ...entry,
  ciphers: entry.ciphers.filter((c) => !c.includes('CHACHA20')),
  tls13Ciphersuites: entry.tls13Ciphersuites.filter((c) => !c.includes('CHACHA20')),
});

/** An entry for a name the table does not hold, from what the name says (-1-N- the lowest version, TLS13, Res,
 * Ext1/Ext2, FIPS, PQ). Marked derived, so the report says the emulator guessed. */
function derive(name: string): Entry {
  const fips = name.includes('-FIPS');
  const pq = name.includes('-PQ');
  const adjust = (entry: Entry): Entry => {
    const approved = fips ? withoutChacha(entry) : entry;
    return pq ? { ...approved, groups: PQ_GROUPS } : approved;
  };
  // A FIPS, PQ or later variant of a policy in the table: its 2021 namesake, adjusted.
  const known =
    POLICIES[
      name
        .replace('-FIPS', '')
        .replace('-PQ', '')
        .replace(/-\d{4}-\d{2}$/, '-2021-06')
    ];
  if (known) return adjust(known);
  const isTls13 = name.includes('TLS13');
  const min = /-1-([0-3])-/.exec(name)?.[1];
  const minVersion: SecureVersion =
    min === '3' ? 'TLSv1.3' : min === '1' ? 'TLSv1.1' : min === '0' ? 'TLSv1' : 'TLSv1.2';
  const ciphers =
    minVersion === 'TLSv1.3'
      ? []
      : name.includes('-Res')
        ? RESTRICTED
        : name.includes('-Ext1')
          ? TLS12_ONLY
          : name.includes('-Ext') || minVersion !== 'TLSv1.2' || !isTls13
            ? LEGACY_2016
            : TLS13_1_2;
  return adjust(isTls13 ? tls13(minVersion, ciphers) : tls12(minVersion, ciphers));
}

/** The policy for a listener; null means the API default, ELBSecurityPolicy-2016-08. */
export function resolveSslPolicy(name: string | null): TlsPolicy {
  const policyName = name ?? DEFAULT_POLICY;
  const known = POLICIES[policyName];
  if (known) return { name: policyName, ...known, derived: false };
  return { name: policyName, ...derive(policyName), derived: true };
}

/** The groups node's OpenSSL can negotiate, in the policy's order, and the ones it cannot (the hybrid ML-KEM groups
 * before OpenSSL 3.5: node 20 ships OpenSSL 3.0). The emulator falls back to the classical groups, as the policy
 * itself does for a client without ML-KEM. */
export function realizedGroups(
  policy: TlsPolicy,
  opensslVersion: string = process.versions.openssl,
): { groups: GroupName[]; unrealized: GroupName[] } {
  const mlKem = opensslHasMlKem(opensslVersion);
  const groups = policy.groups.filter((group) => mlKem || !GROUPS[group].hybrid);
  return { groups, unrealized: policy.groups.filter((group) => !groups.includes(group)) };
}

/** Whether the policy allows TLS 1.0 or 1.1, which OpenSSL 3 negotiates only at security level 0. */
export function allowsLegacyTls(policy: TlsPolicy): boolean {
  return policy.minVersion === 'TLSv1' || policy.minVersion === 'TLSv1.1';
}

/** Options for tls.createSecureContext: the version bounds, the ciphers in order with server preference, the
 * groups in order. OpenSSL 3 refuses TLS 1.0 and 1.1 (and their SHA-1 signatures) above security level 0
 * (SSL_CTX_set_security_level(3)), so a policy that allows them lowers it: what the policy offers is the table's
 * decision, not this machine's OpenSSL default. */
export function secureContextOptions(
  policy: TlsPolicy,
  opensslVersion: string = process.versions.openssl,
): {
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  ciphers: string;
  honorCipherOrder: true;
  ecdhCurve: string;
} {
  const legacy = policy.ciphers.length > 0 && allowsLegacyTls(policy) ? ['@SECLEVEL=0'] : [];
  return {
    minVersion: policy.minVersion,
    maxVersion: policy.maxVersion,
    // node takes TLS 1.3 suites and older ciphers in one list
    ciphers: [...policy.tls13Ciphersuites, ...policy.ciphers, ...legacy].join(':'),
    honorCipherOrder: true,
    ecdhCurve: realizedGroups(policy, opensslVersion)
      .groups.map((group) => GROUPS[group].openssl)
      .join(':'),
  };
}
