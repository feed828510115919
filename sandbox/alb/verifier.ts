// Verify mode's client certificate check, done by us rather than by OpenSSL so that every failure maps to one of
// AWS's documented connection-log reason codes (ELB "Connection logs for your Application Load Balancer", error
// reason codes) and so that IgnoreClientCertificateExpiry can waive exactly the expiry check.
import { createHash, X509Certificate } from 'node:crypto';
import { type CertFields, readCertFields } from './cert-fields.js';
import type { LoadedTrustStore, TrustedCa } from './trust-store.js';

/** Documented reason codes (ELB connection logs), plus ClientCertNotFound. */
export type VerifyFailureCode =
  | 'ClientCertMaxChainDepthExceeded'
  | 'ClientCertMaxSizeExceeded'
  | 'ClientCertCrlHit'
  | 'ClientCertCrlProcessingError'
  | 'ClientCertUntrusted'
  | 'ClientCertNotYetValid'
  | 'ClientCertExpired'
  | 'ClientCertTypeUnsupported'
  | 'ClientCertInvalid'
  | 'ClientCertPurposeInvalid'
  | 'ClientCertRejected'
  | 'UnmappedConnectionError'
  | typeof NO_CERTIFICATE_CODE;

/**
 * Inferred: AWS documents no reason code for "the client sent no certificate". We log this name, and the entry's
 * notes say it is ours. Change it here if a real connection log shows otherwise.
 */
export const NO_CERTIFICATE_CODE = 'ClientCertNotFound' as const;

/** The emulator's own limit on the number of certificates between the leaf and the trust anchor (not documented). */
export const MAX_CHAIN_DEPTH = 10;

export type VerifyResult =
  | { ok: true; leaf: X509Certificate; leafFields: CertFields; path: X509Certificate[]; anchor: X509Certificate }
  | { ok: false; code: VerifyFailureCode; detail: string; leaf: X509Certificate | null; leafFields: CertFields | null };

export interface VerifyOptions {
  ignoreClientCertificateExpiry: boolean;
  now?: Date;
}

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** ELB "Mutual authentication with TLS", requirements: RSA 2K–8K or ECDSA secp256r1, secp384r1, secp521r1. */
function supportedKey(cert: X509Certificate): boolean {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    const bits = details.modulusLength ?? 0;
    return bits >= 2048 && bits <= 8192;
  }
  if (key.asymmetricKeyType === 'ec')
    return ['prime256v1', 'secp384r1', 'secp521r1'].includes(details.namedCurve ?? '');
  return false;
}

function findAnchor(cert: X509Certificate, cas: TrustedCa[]): X509Certificate | null {
  for (const ca of cas) {
    if (ca.cert.raw.equals(cert.raw) || issuedBy(cert, ca.cert)) return ca.cert;
  }
  return null;
}

type ChainCheck =
  | {
      ok: true;
      leaf: X509Certificate;
      leafFields: CertFields;
      path: X509Certificate[];
      anchor: X509Certificate;
      datedFields: CertFields[];
    }
  | { ok: false; code: VerifyFailureCode; detail: string; leaf: X509Certificate | null; leafFields: CertFields | null };

/** Everything but the dates: parsing, key type, path to a trust store CA, purpose, revocation. Depends only on the
 * certificates and the trust store, so its result can be cached per presented chain. */
export function checkChain(presented: Buffer[], store: LoadedTrustStore): ChainCheck {
  if (presented.length === 0) {
    return {
      ok: false,
      code: NO_CERTIFICATE_CODE,
      detail: 'the client sent no certificate',
      leaf: null,
      leafFields: null,
    };
  }
  let leaf: X509Certificate;
  let leafFields: CertFields;
  let intermediates: X509Certificate[];
  try {
    leaf = new X509Certificate(presented[0]!);
    leafFields = readCertFields(presented[0]!);
  } catch (err) {
    return {
      ok: false,
      code: 'ClientCertInvalid',
      detail: `the leaf certificate cannot be parsed: ${(err as Error).message}`,
      leaf: null,
      leafFields: null,
    };
  }
  const fail = (code: VerifyFailureCode, detail: string): ChainCheck => ({ ok: false, code, detail, leaf, leafFields });
  try {
    intermediates = presented.slice(1).map((der) => new X509Certificate(der));
  } catch (err) {
    return fail('ClientCertInvalid', `a chain certificate cannot be parsed: ${(err as Error).message}`);
  }
  if (!supportedKey(leaf)) {
    return fail(
      'ClientCertTypeUnsupported',
      `leaf key ${leaf.publicKey.asymmetricKeyType} is not RSA 2048-8192 or ECDSA P-256/384/521`,
    );
  }

  // Path building: from the leaf up through presented CA certificates to a certificate of the trust store.
  const path = [leaf];
  let anchor = findAnchor(leaf, store.cas);
  while (!anchor) {
    if (path.length > MAX_CHAIN_DEPTH)
      return fail('ClientCertMaxChainDepthExceeded', `more than ${MAX_CHAIN_DEPTH} certificates in the chain`);
    const current = path[path.length - 1]!;
    const next = intermediates.find((c) => c.ca && !path.includes(c) && issuedBy(current, c));
    if (!next) {
      return fail(
        'ClientCertUntrusted',
        `no CA of trust store ${store.id} issued ${path.length === 1 ? 'the leaf' : 'the chain'}`,
      );
    }
    path.push(next);
    anchor = findAnchor(next, store.cas);
  }

  const eku = leaf.keyUsage; // node names the extended key usage list "keyUsage"
  if (eku && eku.length > 0 && !eku.includes(CLIENT_AUTH) && !eku.includes(ANY_EKU)) {
    return fail('ClientCertPurposeInvalid', "the leaf's extended key usage does not allow client authentication");
  }

  const fields = path.map((c, i) => (i === 0 ? leafFields : readCertFields(c)));
  for (const f of fields) {
    if (f.serialNegative) continue; // docs: negative serials cannot be revoked
    const crls = store.crlsByIssuer.get(f.issuerDer.toString('hex')) ?? [];
    if (crls.some((crl) => crl.revokedSerials.has(f.serialHex))) {
      return fail('ClientCertCrlHit', `serial ${f.serialHex} is on a revocation list of trust store ${store.id}`);
    }
  }
  return { ok: true, leaf, leafFields, path, anchor, datedFields: [...fields, readCertFields(anchor)] };
}

/** The date checks, leaf first. IgnoreClientCertificateExpiry waives only "expired", not "not yet valid". */
export function checkDates(
  fields: CertFields[],
  options: VerifyOptions,
): { code: VerifyFailureCode; detail: string } | null {
  const now = (options.now ?? new Date()).getTime();
  for (const f of fields) {
    if (f.notBefore.getTime() > now)
      return { code: 'ClientCertNotYetValid', detail: `${f.subject} is valid from ${f.notBefore.toISOString()}` };
    if (f.notAfter.getTime() < now && !options.ignoreClientCertificateExpiry) {
      return { code: 'ClientCertExpired', detail: `${f.subject} expired at ${f.notAfter.toISOString()}` };
    }
  }
  return null;
}

function finish(check: ChainCheck, options: VerifyOptions): VerifyResult {
  if (!check.ok) return check;
  const dated = checkDates(check.datedFields, options);
  if (dated) return { ok: false, ...dated, leaf: check.leaf, leafFields: check.leafFields };
  return { ok: true, leaf: check.leaf, leafFields: check.leafFields, path: check.path, anchor: check.anchor };
}

/**
 * Checks the chain a client presented (leaf first, as DER) against a trust store. Order follows OpenSSL's: build
 * the path to a trust store CA, check purpose, revocation, then validity dates.
 */
export function verifyClientChain(presented: Buffer[], store: LoadedTrustStore, options: VerifyOptions): VerifyResult {
  return finish(checkChain(presented, store), options);
}

/** verifyClientChain with the date-independent part remembered per presented chain (the same clients reconnect
 * all the time; parsing and signature checks would otherwise sit on every handshake's critical path). */
export class VerifyCache {
  private readonly entries = new Map<string, ChainCheck>();

  constructor(
    private readonly store: LoadedTrustStore,
    private readonly limit = 1024,
  ) {}

  verify(presented: Buffer[], options: VerifyOptions): VerifyResult {
    const hash = createHash('sha256');
    for (const der of presented) hash.update(der);
    const key = `${presented.length}:${hash.digest('base64')}`;
    let check = this.entries.get(key);
    if (!check) {
      check = checkChain(presented, this.store);
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, check);
    }
    return finish(check, options);
  }
}
