// An ELB security policy (sandbox/model/security-policies.ts) as node's TLS realizes it: the groups this machine's
// OpenSSL can negotiate, and the options for a server or client context. Pure.
import type { SecureVersion } from 'node:tls';
import type { TlsPolicy } from '../model/security-policies.js';
import { GROUPS, type GroupName, opensslHasMlKem } from '../model/tls-groups.js';

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

/** Options for tls.connect when the load balancer is the client (the NLB towards a TLS target): the policy's versions,
 * ciphers and groups as offered in its ClientHello. */
export function clientContextOptions(
  policy: TlsPolicy,
  opensslVersion: string = process.versions.openssl,
): { minVersion: SecureVersion; maxVersion: SecureVersion; ciphers: string; ecdhCurve: string } {
  const { honorCipherOrder: _server, ...options } = secureContextOptions(policy, opensslVersion);
  return options;
}
