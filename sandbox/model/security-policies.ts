// ELB security policies (ALB and NLB "Security policies" pages, describe-ssl-policies): which TLS versions, ciphers
// and key exchange groups a listener negotiates. Pure data: a table, looked up by name (sandbox/tls/tls-policy.ts
// turns an entry into what node's TLS needs).
// (docs/aws-facts.md#alb-security-policies)
//
// Sources, per column:
//   names — AWS's pages and aws-cdk-lib 2.278.0's SslPolicy (the RFC 9151 policies of August 2026 among them);
//   protocols and cipher order — AWS's policy tables (the first cipher has priority 1) for the 2016–2021 policies and
//     their PQ namesakes; for the FS, FIPS and RFC 9151 policies, whose tables could not be read whole here,
//     s2n-tls's ELB policies (ALB and NLB TLS are built on s2n), which agree with aws-cdk-lib's descriptions
//     ("single cipher TLS_AES_256_GCM_SHA384", "adds the ECDHE-ECDSA and ECDHE-RSA AES256-GCM-SHA384 ciphers", …);
//   groups — AWS documents none per policy (the SslPolicy API has no such field) except the three hybrid
//     post-quantum names of the PQ policies. The order here is s2n-tls's; seed 004's real ALB under
//     ELBSecurityPolicy-2016-08 chose prime256v1 although curl offered X25519 first, which s2n explains: that policy
//     has no X25519 at all. FIPS policies offer no X25519 (s2n's FIPS lists); RFC 9151's strict ones only P-384.
// A name the table does not hold is refused when the template is compiled, with AWS's SSLPolicyNotFound; it is never
// given another policy's lists.
import type { SecureVersion } from 'node:tls';
import type { GroupName } from './tls-groups.js';

export interface TlsPolicy {
  name: string;
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  /** TLS 1.2-and-below cipher suites, OpenSSL names, server preference order. */
  ciphers: string[];
  /** TLS 1.3 cipher suites, IANA names. */
  tls13Ciphersuites: string[];
  /** Key exchange groups, IANA names, in the order the load balancer prefers them (hybrid post-quantum first). */
  groups: GroupName[];
}

export const DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

const TLS13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];
/** FIPS policies allow only FIPS-approved algorithms: ChaCha20-Poly1305 is not one of them. */
const TLS13_FIPS = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'];
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
/** Forward secrecy only: every ECDHE cipher of 2016-08, none with RSA key exchange (s2n-tls elb_fs_2018_06). */
const ECDHE_ALL = [...GCM_ECDHE, ...CBC_SHA2, ...CBC_SHA1, ...GCM_ECDHE_256, ...CBC_SHA2_256, ...CBC_SHA1_256];
const FS_RES_2019 = [...GCM_ECDHE, ...CBC_SHA2, ...GCM_ECDHE_256, ...CBC_SHA2_256];

// RFC 9151 (CNSA 1.0), August 2026. Strict: AES-256 only, P-384 only. Interop: the RFC 9151 ciphers first, then
// classical ones for clients in transition (s2n-tls 20251113, 20251117, 20251114, 20251115 under their ELB names).
const RFC9151_TLS13 = ['TLS_AES_256_GCM_SHA384'];
const RFC9151_TLS12 = [...GCM_ECDHE_256];
const INTEROP_TLS13 = ['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256'];
const INTEROP1 = [...GCM_ECDHE_256, ...GCM_ECDHE];
const INTEROP2 = [...GCM_ECDHE_256, ...CBC_SHA2_256, ...GCM_ECDHE, ...CBC_SHA2];
const INTEROP3 = [
  ...GCM_ECDHE_256,
  ...CBC_SHA2_256,
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  ...GCM_ECDHE,
  ...CBC_SHA2,
  ...CBC_SHA1,
];
const INTEROP4 = [
  ...INTEROP3,
  'AES256-GCM-SHA384',
  'AES256-SHA256',
  'AES256-SHA',
  'AES128-GCM-SHA256',
  'AES128-SHA256',
  'AES128-SHA',
];

/** s2n-tls snapshots: the pre-2020 policies offer P-256 and P-384 only; FS-1-2-Res-2020-10 adds P-521. */
const CLASSIC_P256_P384: GroupName[] = ['secp256r1', 'secp384r1'];
const CLASSIC_P521: GroupName[] = ['secp256r1', 'secp384r1', 'secp521r1'];
/** s2n-tls snapshots of the TLS13 policies (the TLS13-1-0/1-1 ones are not in them; taken to be the same). */
const TLS13_GROUPS: GroupName[] = ['x25519', 'secp256r1', 'secp384r1', 'secp521r1'];
/** FIPS: the NIST curves only (s2n-tls's FIPS policies). */
const FIPS_GROUPS: GroupName[] = CLASSIC_P521;
/** ELB security policies page: "SecP256r1MLKEM768, SecP384r1MLKEM1024 and X25519MLKEM768"; order: s2n-tls. */
const HYBRID: GroupName[] = ['X25519MLKEM768', 'SecP256r1MLKEM768', 'SecP384r1MLKEM1024'];
const PQ_GROUPS: GroupName[] = [...HYBRID, ...TLS13_GROUPS];
const FIPS_PQ_GROUPS: GroupName[] = [...HYBRID, ...FIPS_GROUPS];
/** RFC 9151: ECDHE on P-384; the interop policies add P-256 and P-521 after it (s2n-tls 20251113). */
const CNSA_STRICT: GroupName[] = ['secp384r1'];
const CNSA_INTEROP: GroupName[] = ['secp384r1', 'secp256r1', 'secp521r1'];

type Entry = Omit<TlsPolicy, 'name'>;

const tls13 = (minVersion: SecureVersion, ciphers: string[], groups = TLS13_GROUPS, suites = TLS13): Entry => ({
  minVersion,
  maxVersion: 'TLSv1.3',
  ciphers,
  tls13Ciphersuites: suites,
  groups,
});
const tls12 = (minVersion: SecureVersion, ciphers: string[], groups = CLASSIC_P256_P384): Entry => ({
  minVersion,
  maxVersion: 'TLSv1.2',
  ciphers,
  tls13Ciphersuites: [],
  groups,
});
const fips = (minVersion: SecureVersion, ciphers: string[], groups = FIPS_GROUPS) =>
  tls13(minVersion, ciphers, groups, TLS13_FIPS);

const POLICIES: Record<string, Entry> = {
  'ELBSecurityPolicy-2016-08': tls12('TLSv1', LEGACY_2016),
  'ELBSecurityPolicy-TLS-1-1-2017-01': tls12('TLSv1.1', LEGACY_2016),
  'ELBSecurityPolicy-TLS-1-2-2017-01': tls12('TLSv1.2', TLS12_ONLY),
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06': tls12('TLSv1.2', LEGACY_2016),
  'ELBSecurityPolicy-FS-2018-06': tls12('TLSv1', ECDHE_ALL),
  'ELBSecurityPolicy-FS-1-1-2019-08': tls12('TLSv1.1', ECDHE_ALL),
  'ELBSecurityPolicy-FS-1-2-2019-08': tls12('TLSv1.2', ECDHE_ALL),
  'ELBSecurityPolicy-FS-1-2-Res-2019-08': tls12('TLSv1.2', FS_RES_2019),
  'ELBSecurityPolicy-FS-1-2-Res-2020-10': tls12('TLSv1.2', RESTRICTED, CLASSIC_P521),
  'ELBSecurityPolicy-TLS13-1-2-2021-06': tls13('TLSv1.2', TLS13_1_2),
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06': tls13('TLSv1.2', RESTRICTED),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06': tls13('TLSv1.2', TLS12_ONLY),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06': tls13('TLSv1.2', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-1-2021-06': tls13('TLSv1.1', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-0-2021-06': tls13('TLSv1', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-3-2021-06': tls13('TLSv1.3', []),
  // FIPS (2023-04): the ciphers of their 2021 namesakes without ChaCha20; Ext0 is every ECDHE cipher.
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04': fips('TLSv1', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04': fips('TLSv1.1', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04': fips('TLSv1.2', TLS13_1_2),
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04': fips('TLSv1.2', RESTRICTED),
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04': fips('TLSv1.2', ECDHE_ALL),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04': fips('TLSv1.2', TLS12_ONLY),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04': fips('TLSv1.2', LEGACY_2016),
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04': fips('TLSv1.3', []),
  // The 2025 post-quantum policies: the ciphers of their 2021 (or FIPS) namesakes, hybrid ML-KEM groups before the
  // classical ones. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09 is the console's default and AWS's recommendation.
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09': tls13('TLSv1', LEGACY_2016, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09': tls13('TLSv1.2', TLS13_1_2, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09': tls13('TLSv1.2', RESTRICTED, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09': tls13('TLSv1.2', TLS12_ONLY, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09': tls13('TLSv1.2', LEGACY_2016, PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09': tls13('TLSv1.3', [], PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09': fips('TLSv1', LEGACY_2016, FIPS_PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09': fips('TLSv1.2', TLS13_1_2, FIPS_PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09': fips('TLSv1.2', RESTRICTED, FIPS_PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09': fips('TLSv1.2', ECDHE_ALL, FIPS_PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09': fips('TLSv1.2', TLS12_ONLY, FIPS_PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09': fips('TLSv1.2', LEGACY_2016, FIPS_PQ_GROUPS),
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09': fips('TLSv1.3', [], FIPS_PQ_GROUPS),
  // RFC 9151 (CNSA 1.0), August 2026: strict and interop policies, FIPS.
  'ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07': tls13('TLSv1.3', [], CNSA_STRICT, RFC9151_TLS13),
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07': tls13('TLSv1.2', RFC9151_TLS12, CNSA_STRICT, RFC9151_TLS13),
  'ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07': tls13(
    'TLSv1.2',
    [...RFC9151_TLS12, 'AES256-GCM-SHA384'],
    CNSA_STRICT,
    RFC9151_TLS13,
  ),
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07': tls13('TLSv1.2', INTEROP1, CNSA_INTEROP, INTEROP_TLS13),
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07': tls13('TLSv1.2', INTEROP2, CNSA_INTEROP, INTEROP_TLS13),
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07': tls13('TLSv1.2', INTEROP3, CNSA_INTEROP, INTEROP_TLS13),
  'ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07': tls13('TLSv1.2', INTEROP4, CNSA_INTEROP, INTEROP_TLS13),
};

/** The names in the table (for documentation, tests and the compiler's check). */
export const KNOWN_POLICIES: readonly string[] = Object.keys(POLICIES);

/** The policy of that name, or null when the table does not hold it (CreateListener: SSLPolicyNotFound). */
export function findSslPolicy(name: string): TlsPolicy | null {
  const entry = POLICIES[name];
  return entry ? { name, ...entry } : null;
}

/** The policy for a listener; null means the API default, ELBSecurityPolicy-2016-08. A name the table does not
 * hold throws: the compiler refuses it first, so a running listener never gets another policy's lists. */
export function resolveSslPolicy(name: string | null): TlsPolicy {
  const policyName = name ?? DEFAULT_POLICY;
  const policy = findSslPolicy(policyName);
  if (!policy)
    throw new Error(
      `Security policy ${policyName} is not one the sandbox knows (sandbox/model/security-policies.ts); AWS answers SSLPolicyNotFound for a name it does not have.`,
    );
  return policy;
}

/**
 * The policy an NLB uses for its own TLS connections to a TLS target group (NLB "Security policies": "You can
 * choose the security policy that is used for front-end connections, but not backend connections"): a TLS 1.3
 * front-end policy gives ELBSecurityPolicy-TLS13-1-0-2021-06, any other ELBSecurityPolicy-2016-08.
 */
export function nlbBackendPolicy(front: TlsPolicy): TlsPolicy {
  return resolveSslPolicy(front.maxVersion === 'TLSv1.3' ? 'ELBSecurityPolicy-TLS13-1-0-2021-06' : DEFAULT_POLICY);
}
