// Verify mode's client certificate check, done by us rather than by OpenSSL so that every failure maps to one of
// AWS's documented connection-log reason codes (ELB "Connection logs for your Application Load Balancer", error
// reason codes) and so that IgnoreClientCertificateExpiry can waive exactly the expiry check. One verifier serves
// both load balancers: the ALB checks the trust store (revocation included) and then the dates; the NLB checks the
// trust store, then its client certificate identity filters, then revocation ("The load balancer admits a
// connection in the following order": ELB "Authenticate clients using mutual TLS for Network Load Balancers").
// Which check yields which code, where AWS does not say, is the sandbox's choice (docs/aws-facts.md#alb-mtls-verify,
// docs/aws-facts.md#nlb-mtls-verify).
import { createHash, X509Certificate } from 'node:crypto';
import type { IdentityFilter } from '../model/topology.js';
import { type CertFields, readCertFields } from './cert-fields.js';
import { readCertIdentity } from './cert-identity.js';
import { unsupportedKey, unsupportedSignature, unsupportedVersion } from './cert-requirements.js';
import { describeFilter, describeRefusal, evaluateIdentityFilters, type FilterDecision } from './identity-filters.js';
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
  | typeof NO_CERTIFICATE_CODE
  | typeof FILTER_MISMATCH_CODE;

/**
 * Inferred: AWS documents no reason code for "the client sent no certificate". We log this name, and the entry's
 * notes say it is ours. Change it here if a real connection log shows otherwise.
 */
export const NO_CERTIFICATE_CODE = 'ClientCertNotFound' as const;

/**
 * The sandbox's own code for an NLB certificate that passed the trust store and matched none of the listener's
 * client certificate identity filters. AWS documents no NLB mTLS log at all (docs/aws-facts.md#nlb-mtls-logs).
 */
export const FILTER_MISMATCH_CODE = 'ClientCertIdentityFilterMismatch' as const;

/**
 * ELB quotas, Certificates: "maximum certificate chain depth 4". How the depth is counted is not documented; the
 * emulator counts the certificates the client presents, leaf included, as s2n-tls (which ALB mutual TLS is built
 * on) does: more than 4 presented is ClientCertMaxChainDepthExceeded, before anything else is looked at.
 */
export const MAX_CHAIN_DEPTH = 4;

export type VerifyResult =
  | {
      ok: true;
      leaf: X509Certificate;
      leafFields: CertFields;
      path: X509Certificate[];
      anchor: X509Certificate;
      /** NLB: the identity filter that admitted the certificate, in words; null without filters (and for the ALB). */
      filterMatch: string | null;
    }
  | { ok: false; code: VerifyFailureCode; detail: string; leaf: X509Certificate | null; leafFields: CertFields | null };

export interface VerifyOptions {
  ignoreClientCertificateExpiry: boolean;
  now?: Date;
  /**
   * The NLB's client certificate identity filters (an empty list: none configured). Present: the NLB's order, trust
   * store and dates, then the filters, then revocation. Absent: the ALB's, which has no filters.
   */
  identityFilters?: readonly IdentityFilter[];
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
      /** nextUpdate of each trust store CRL that covers a certificate of the path (checked against the clock). */
      crlNextUpdates: { issuer: string; next: Date | null }[];
      /** A certificate of the path on a CRL of the trust store; null when none is. */
      revoked: { code: VerifyFailureCode; detail: string } | null;
    }
  | { ok: false; code: VerifyFailureCode; detail: string; leaf: X509Certificate | null; leafFields: CertFields | null };

type ChainFailure = Extract<ChainCheck, { ok: false }>;

/** The presented certificates parsed: the leaf (with its fields) and the rest; or why they cannot be. */
function parsePresented(
  presented: Buffer[],
): ChainFailure | { ok: true; leaf: X509Certificate; leafFields: CertFields; intermediates: X509Certificate[] } {
  if (presented.length === 0)
    return {
      ok: false,
      code: NO_CERTIFICATE_CODE,
      detail: 'the client sent no certificate',
      leaf: null,
      leafFields: null,
    };
  let leaf: X509Certificate;
  let leafFields: CertFields;
  try {
    leaf = new X509Certificate(presented[0]!);
    leafFields = readCertFields(presented[0]!);
  } catch (err) {
    return {
      ok: false,
      code: presented.length > MAX_CHAIN_DEPTH ? 'ClientCertMaxChainDepthExceeded' : 'ClientCertInvalid',
      detail: `the leaf certificate cannot be parsed: ${(err as Error).message}`,
      leaf: null,
      leafFields: null,
    };
  }
  const fail = (code: VerifyFailureCode, detail: string): ChainFailure => ({
    ok: false,
    code,
    detail,
    leaf,
    leafFields,
  });
  if (presented.length > MAX_CHAIN_DEPTH) {
    return fail(
      'ClientCertMaxChainDepthExceeded',
      `the client presented ${presented.length} certificates; the maximum chain depth is ${MAX_CHAIN_DEPTH}`,
    );
  }
  try {
    return { ok: true, leaf, leafFields, intermediates: presented.slice(1).map((der) => new X509Certificate(der)) };
  } catch (err) {
    return fail('ClientCertInvalid', `a chain certificate cannot be parsed: ${(err as Error).message}`);
  }
}

/** From the leaf up through presented CA certificates to a certificate of the trust store; or how far it got
 * (the number of certificates on the path) when none leads there. */
function buildPath(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  store: LoadedTrustStore,
): { path: X509Certificate[]; anchor: X509Certificate } | { stuckAt: number } {
  const path = [leaf];
  let anchor = findAnchor(leaf, store.cas);
  while (!anchor) {
    const current = path[path.length - 1]!;
    const next = intermediates.find((c) => c.ca && !path.includes(c) && issuedBy(current, c));
    if (!next) return { stuckAt: path.length };
    path.push(next);
    anchor = findAnchor(next, store.cas);
  }
  return { path, anchor };
}

/** A certificate of the path on a CRL of the trust store (negative serials cannot be revoked, as AWS says). */
function revocationOf(
  fields: CertFields[],
  store: LoadedTrustStore,
): { code: VerifyFailureCode; detail: string } | null {
  for (const f of fields) {
    if (f.serialNegative) continue;
    const crls = store.crlsByIssuer.get(f.issuerDer.toString('hex')) ?? [];
    if (crls.some((crl) => crl.revokedSerials.has(f.serialHex)))
      return {
        code: 'ClientCertCrlHit',
        detail: `serial ${f.serialHex} is on a revocation list of trust store ${store.id}`,
      };
  }
  return null;
}

/** Everything but the dates: parsing, key type, path to a trust store CA, purpose, revocation. Depends only on the
 * certificates and the trust store, so its result can be cached per presented chain. */
export function checkChain(presented: Buffer[], store: LoadedTrustStore): ChainCheck {
  const parsed = parsePresented(presented);
  if (!parsed.ok) return parsed;
  const { leaf, leafFields, intermediates } = parsed;
  const fail = (code: VerifyFailureCode, detail: string): ChainCheck => ({ ok: false, code, detail, leaf, leafFields });
  const unsupported = unsupportedVersion(leafFields) ?? unsupportedKey(leaf) ?? unsupportedSignature(leafFields);
  if (unsupported) return fail('ClientCertTypeUnsupported', `the leaf is ${unsupported}`);

  const built = buildPath(leaf, intermediates, store);
  if ('stuckAt' in built)
    return fail(
      'ClientCertUntrusted',
      `no CA of trust store ${store.id} issued ${built.stuckAt === 1 ? 'the leaf' : 'the chain'}`,
    );
  const { path, anchor } = built;

  const eku = leaf.keyUsage; // node names the extended key usage list "keyUsage"
  if (eku && eku.length > 0 && !eku.includes(CLIENT_AUTH) && !eku.includes(ANY_EKU)) {
    return fail('ClientCertPurposeInvalid', "the leaf's extended key usage does not allow client authentication");
  }

  const fields = path.map((c, i) => (i === 0 ? leafFields : readCertFields(c)));
  for (const f of fields.slice(1)) {
    const signature = unsupportedSignature(f);
    if (signature) return fail('ClientCertTypeUnsupported', `${f.subject} in the chain has ${signature}`);
  }
  return {
    ok: true,
    leaf,
    leafFields,
    path,
    anchor,
    revoked: revocationOf(fields, store),
    datedFields: [...fields, readCertFields(anchor)],
    crlNextUpdates: fields.flatMap((f) =>
      (store.crlsByIssuer.get(f.issuerDer.toString('hex')) ?? []).map((crl) => ({
        issuer: f.issuer,
        next: crl.nextUpdate,
      })),
    ),
  };
}

/**
 * The date checks, leaf first. IgnoreClientCertificateExpiry waives only the leaf's expiry (assumed: AWS says
 * "expired client certificates are ignored"): not "not yet valid", and not an expired intermediate or root.
 */
export function checkDates(
  fields: CertFields[],
  options: VerifyOptions,
): { code: VerifyFailureCode; detail: string } | null {
  const now = (options.now ?? new Date()).getTime();
  for (const [i, f] of fields.entries()) {
    if (f.notBefore.getTime() > now)
      return { code: 'ClientCertNotYetValid', detail: `${f.subject} is valid from ${f.notBefore.toISOString()}` };
    if (f.notAfter.getTime() < now && !(i === 0 && options.ignoreClientCertificateExpiry)) {
      const waived =
        i > 0 && options.ignoreClientCertificateExpiry ? ' (IgnoreClientCertificateExpiry waives only the leaf)' : '';
      return { code: 'ClientCertExpired', detail: `${f.subject} expired at ${f.notAfter.toISOString()}${waived}` };
    }
  }
  return null;
}

/**
 * A revocation list past its nextUpdate cannot say whether a certificate is revoked: the certificates its CA
 * issued get ClientCertCrlProcessingError ("CRL processing error"). Assumed: AWS documents neither how an expired
 * CRL is treated nor this mapping; OpenSSL refuses the same chain with "CRL has expired".
 */
export function checkCrlDates(
  crls: { issuer: string; next: Date | null }[],
  options: VerifyOptions,
): { code: VerifyFailureCode; detail: string } | null {
  const now = (options.now ?? new Date()).getTime();
  const stale = crls.find((crl) => crl.next !== null && crl.next.getTime() < now);
  return stale
    ? {
        code: 'ClientCertCrlProcessingError',
        detail: `the trust store's CRL from ${stale.issuer} expired at ${stale.next!.toISOString()} (its nextUpdate)`,
      }
    : null;
}

/** The identity filters' verdict on a leaf (cached with the chain: it depends on the certificate alone). */
function filterFailure(
  filters: readonly IdentityFilter[],
  check: Extract<ChainCheck, { ok: true }>,
  decisions: WeakMap<object, FilterDecision>,
): { failure: { code: VerifyFailureCode; detail: string } | null; match: string | null } {
  let decision = decisions.get(check);
  if (!decision) {
    decision = evaluateIdentityFilters(filters, readCertIdentity(check.leafFields.der));
    decisions.set(check, decision);
  }
  if (decision.admitted)
    return {
      failure: null,
      match: decision.match
        ? `identity filter ${decision.match.index + 1} (${describeFilter(decision.match.filter)}) matched ${JSON.stringify(decision.match.value)}`
        : null,
    };
  return {
    failure: { code: FILTER_MISMATCH_CODE, detail: `no identity filter matched: ${describeRefusal(decision)}` },
    match: null,
  };
}

const DECISIONS = new WeakMap<object, FilterDecision>();

function finish(check: ChainCheck, options: VerifyOptions, decisions = DECISIONS): VerifyResult {
  if (!check.ok) return check;
  const refuse = (failure: { code: VerifyFailureCode; detail: string }): VerifyResult => ({
    ok: false,
    ...failure,
    leaf: check.leaf,
    leafFields: check.leafFields,
  });
  let filterMatch: string | null = null;
  if (options.identityFilters) {
    // NLB: trust store (its dates included), then the identity filters, then revocation.
    const dated = checkDates(check.datedFields, options);
    if (dated) return refuse(dated);
    const filtered = filterFailure(options.identityFilters, check, decisions);
    if (filtered.failure) return refuse(filtered.failure);
    filterMatch = filtered.match;
    const revocation = check.revoked ?? checkCrlDates(check.crlNextUpdates, options);
    if (revocation) return refuse(revocation);
  } else {
    // ALB: revocation is part of the trust store check; the dates come last (OpenSSL's order).
    const failure =
      check.revoked ?? checkCrlDates(check.crlNextUpdates, options) ?? checkDates(check.datedFields, options);
    if (failure) return refuse(failure);
  }
  return {
    ok: true,
    leaf: check.leaf,
    leafFields: check.leafFields,
    path: check.path,
    anchor: check.anchor,
    filterMatch,
  };
}

/**
 * Checks the chain a client presented (leaf first, as DER) against a trust store. Order: the chain depth (as s2n
 * reads the chain), AWS's certificate requirements, then OpenSSL's order: build the path to a trust store CA,
 * purpose, revocation (an expired CRL included), validity dates. With identity filters (an NLB), the filters come
 * after the dates and before revocation.
 */
export function verifyClientChain(presented: Buffer[], store: LoadedTrustStore, options: VerifyOptions): VerifyResult {
  return finish(checkChain(presented, store), options);
}

/** verifyClientChain with the date-independent part remembered per presented chain (the same clients reconnect
 * all the time; parsing and signature checks would otherwise sit on every handshake's critical path). */
export class VerifyCache {
  private readonly entries = new Map<string, ChainCheck>();
  private readonly decisions = new WeakMap<object, FilterDecision>();

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
    return finish(check, options, this.decisions);
  }
}
