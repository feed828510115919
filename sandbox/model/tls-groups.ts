// TLS key exchange groups by name: the IANA registry name (what the connection log's tls_keyexchange shows), the
// codepoint on the wire (RFC 8446 §4.2.7, RFC 8422 §5.1.1) and the name OpenSSL's group list takes. Pure data.
// Hybrid post-quantum groups: draft-ietf-tls-ecdhe-mlkem (X25519MLKEM768 0x11EC, SecP256r1MLKEM768 0x11EB,
// SecP384r1MLKEM1024 0x11ED); OpenSSL knows them from 3.5 on.

export type GroupName =
  | 'x25519'
  | 'secp256r1'
  | 'secp384r1'
  | 'secp521r1'
  | 'x448'
  | 'X25519MLKEM768'
  | 'SecP256r1MLKEM768'
  | 'SecP384r1MLKEM1024';

interface GroupInfo {
  codepoint: number;
  /** The name OpenSSL's groups/curves list (node's ecdhCurve) takes. */
  openssl: string;
  /** A hybrid post-quantum group (ML-KEM with an elliptic curve). */
  hybrid: boolean;
}

export const GROUPS: Record<GroupName, GroupInfo> = {
  x25519: { codepoint: 0x001d, openssl: 'X25519', hybrid: false },
  secp256r1: { codepoint: 0x0017, openssl: 'P-256', hybrid: false },
  secp384r1: { codepoint: 0x0018, openssl: 'P-384', hybrid: false },
  secp521r1: { codepoint: 0x0019, openssl: 'P-521', hybrid: false },
  x448: { codepoint: 0x001e, openssl: 'X448', hybrid: false },
  X25519MLKEM768: { codepoint: 0x11ec, openssl: 'X25519MLKEM768', hybrid: true },
  SecP256r1MLKEM768: { codepoint: 0x11eb, openssl: 'SecP256r1MLKEM768', hybrid: true },
  SecP384r1MLKEM1024: { codepoint: 0x11ed, openssl: 'SecP384r1MLKEM1024', hybrid: true },
};

const BY_CODEPOINT = new Map(Object.entries(GROUPS).map(([name, info]) => [info.codepoint, name as GroupName]));

/** The IANA name of a group codepoint; unknown ones as "0x1234" (the log shows what was negotiated, whatever it is). */
export function groupName(codepoint: number): string {
  return BY_CODEPOINT.get(codepoint) ?? `0x${codepoint.toString(16).padStart(4, '0')}`;
}

/** Whether an OpenSSL of this version ("3.0.19") can negotiate the hybrid ML-KEM groups: 3.5 and later. */
export function opensslHasMlKem(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10));
  return major > 3 || (major === 3 && minor >= 5);
}
