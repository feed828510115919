// The sandbox PKI's recipes, as data: which files exist, what each certificate is (subject, signer, extensions,
// validity), in which order they are made, and the openssl config the recorded commands name. Nothing here runs.
export const P12_PASSWORD = 'sandbox';
export const CONFIG_FILE = 'pki.cnf';
export const CRL_FILE = 'privateCA.crl.pem';
export const P12_FILE = 'clientA.p12';
export const CA_DATABASE = 'privateCA.index.txt';
export const CA_NEW_CERTS_DIR = 'privateCA.newcerts';
export const CRL_DAYS = 365;
/** privateCA's second CRL, already past its nextUpdate (for the expired-CRL case). */
export const EXPIRED_CRL_FILE = 'privateCA-expired.crl.pem';
export const EXPIRED_CRL_DATES = { lastUpdate: '20200101000000Z', nextUpdate: '20200201000000Z' } as const;
/** A CRL that untrustedCA signed: a revocation list no CA of privateCA's trust store issued. */
export const UNTRUSTED_CRL_FILE = 'untrustedCA.crl.pem';
/** The "openssl ca" database of workloadCA, the CA that stands in for AWS Private CA behind STS GetCertificate. */
export const WORKLOAD_CA_DATABASE = 'workloadCA.index.txt';
export const WORKLOAD_CA_NEW_CERTS_DIR = 'workloadCA.newcerts';
/** STS backdates a workload certificate's notBefore by five minutes "to allow for differences between clocks". */
export const WORKLOAD_BACKDATE_MINUTES = 5;
/** The SPIFFE ID the workload certificate holds (STS GetCertificate's example form). */
export const WORKLOAD_SPIFFE_ID = 'spiffe://example.org/payments/checkout';

const EXAMPLE_ORG = '/C=JP/ST=Osaka/L=Default City/O=example.org/OU=example.org.unit';
const UNTRUSTED_ORG = '/C=JP/ST=Tokyo/L=Default City/O=untrusted.example';

/** Certificates whose recipe is a key and a signature: the CAs, the server and every client leaf. */
export type CertName =
  | 'ca'
  | 'untrustedCa'
  | 'serverCa'
  | 'server'
  | 'clientA'
  | 'clientB'
  | 'expired'
  | 'revoked'
  | 'untrusted'
  | 'intermediateCa'
  | 'chainCa2'
  | 'chainCa3'
  | 'chainCa4'
  | 'expiredIntermediateCa'
  | 'intermediateLeaf'
  | 'deepLeaf'
  | 'notYetValid'
  | 'wrongPurpose'
  | 'v1'
  | 'sha1'
  | 'rsa1024'
  | 'expiredIntermediateLeaf'
  | 'workloadCa'
  | 'workload'
  | 'originClientCa'
  | 'cloudfrontOrigin'
  | IdentityClientName;

/** The clients of the NLB identity filter cases (issue 12): SAN URIs (SPIFFE IDs), SAN DNS names, OUs, case. */
export type IdentityClientName =
  | 'spiffeBilling'
  | 'spiffeStaging'
  | 'spiffeMixedCase'
  | 'spiffePathCase'
  | 'partnerDns'
  | 'lookalikeDns'
  | 'ouPayments'
  | 'opsConsole'
  | 'noSanBilling'
  | 'revokedBilling'
  | 'impostorBilling';
/** Files holding a leaf followed by CA certificates, in the order a client presents them (curl --cert). */
export type ChainName =
  | 'intermediateChain'
  | 'intermediateChainUnordered'
  | 'deepChain'
  | 'deepChain4'
  | 'expiredIntermediateChain';
export type ArtifactName = CertName | ChainName | 'crl' | 'clientAP12' | 'expiredCrl' | 'untrustedCrl';

export interface CertRecipe {
  name: CertName;
  /** File stem: <stem>.key, <stem>.crt (and <stem>.csr for leaves). */
  stem: string;
  /** Subject in the slash form openssl's -subj takes. */
  subject: string;
  /** Who signs it; absent for a self-signed CA. */
  signer?: CertName;
  /** The config section of its extensions; "none" makes an X.509 v1 certificate (no extensions at all). */
  extensions: 'v3_ca' | 'server_ext' | 'client_ext' | 'server_only_ext' | 'workload_ext' | 'none';
  /**
   * Either a lifetime from now, or fixed dates (YYYYMMDDHHMMSSZ): already expired, or not valid yet. Fixed dates are
   * signed with "openssl ca" (privateCA's database), so only privateCA can sign them.
   */
  validity: { days: number } | { start: string; end: string } | { hours: number };
  /** RSA key size; 2048 unless said (AWS accepts 2048 to 8192 bits). */
  keyBits?: number;
  /** Signature digest; sha256 (openssl's default) unless said. */
  digest?: 'sha1';
  /** Extra check recorded after signing, e.g. that privateCA does not trust it. */
  distrustedBy?: 'ca';
  /**
   * Subject alternative names in openssl's form ("URI:spiffe://…, DNS:…"): put in the request with -addext and
   * copied into the certificate (x509 -copy_extensions copy) next to the extensions section's own.
   */
  subjectAltName?: string;
  /** Extra check recorded after signing: a line `openssl x509 -text` prints, or a verify purpose that fails. */
  textShows?: string;
  purposeFails?: 'sslclient';
}

export interface ChainRecipe {
  name: ChainName;
  /** File stem: <stem>.p7b (the intermediate PKCS#7) and <stem>.pem (what curl --cert reads). */
  stem: string;
  /** The certificates in the order the file holds them; the first is the leaf, whose key goes with the file. */
  parts: CertName[];
}

export const CERTS: Record<CertName, CertRecipe> = {
  ca: {
    name: 'ca',
    stem: 'privateCA',
    subject: `${EXAMPLE_ORG}/CN=privateCA`,
    extensions: 'v3_ca',
    validity: { days: 3650 },
  },
  untrustedCa: {
    name: 'untrustedCa',
    stem: 'untrustedCA',
    subject: `${UNTRUSTED_ORG}/CN=untrustedCA`,
    extensions: 'v3_ca',
    validity: { days: 3650 },
  },
  // The server's own CA, apart from privateCA (as in the seeds, where the server certificate was not the client
  // CA's): curl --cacert sandboxServerCA.crt verifies the server without adding privateCA to the client's chain
  // (OpenSSL completes a client's chain from the CAs it is given), so a client presents exactly its --cert file.
  serverCa: {
    name: 'serverCa',
    stem: 'sandboxServerCA',
    subject: `${EXAMPLE_ORG}/CN=sandboxServerCA`,
    extensions: 'v3_ca',
    validity: { days: 3650 },
  },
  server: {
    name: 'server',
    stem: 'server',
    subject: `${EXAMPLE_ORG}/CN=localhost`,
    signer: 'serverCa',
    extensions: 'server_ext',
    validity: { days: 825 },
  },
  clientA: {
    name: 'clientA',
    stem: 'clientA',
    subject: `${EXAMPLE_ORG}/CN=clientA`,
    signer: 'ca',
    extensions: 'client_ext',
    validity: { days: 365 },
  },
  clientB: {
    name: 'clientB',
    stem: 'clientB',
    subject: `${EXAMPLE_ORG}/CN=clientB`,
    signer: 'ca',
    extensions: 'client_ext',
    validity: { days: 365 },
  },
  expired: {
    name: 'expired',
    stem: 'expired',
    subject: `${EXAMPLE_ORG}/CN=expiredClient`,
    signer: 'ca',
    extensions: 'client_ext',
    validity: { start: '20200101000000Z', end: '20200201000000Z' },
  },
  revoked: {
    name: 'revoked',
    stem: 'revoked',
    subject: `${EXAMPLE_ORG}/CN=revokedClient`,
    signer: 'ca',
    extensions: 'client_ext',
    validity: { days: 365 },
  },
  untrusted: {
    name: 'untrusted',
    stem: 'untrusted',
    subject: `${UNTRUSTED_ORG}/CN=untrustedClient`,
    signer: 'untrustedCa',
    extensions: 'client_ext',
    validity: { days: 365 },
    distrustedBy: 'ca',
  },
  // An intermediate CA under privateCA, and a chain of three more below it (depth 5 with the leaf).
  intermediateCa: {
    name: 'intermediateCa',
    stem: 'intermediateCA',
    subject: `${EXAMPLE_ORG}/CN=intermediateCA`,
    signer: 'ca',
    extensions: 'v3_ca',
    validity: { days: 1825 },
  },
  chainCa2: {
    name: 'chainCa2',
    stem: 'chainCA2',
    subject: `${EXAMPLE_ORG}/CN=chainCA2`,
    signer: 'intermediateCa',
    extensions: 'v3_ca',
    validity: { days: 1825 },
  },
  chainCa3: {
    name: 'chainCa3',
    stem: 'chainCA3',
    subject: `${EXAMPLE_ORG}/CN=chainCA3`,
    signer: 'chainCa2',
    extensions: 'v3_ca',
    validity: { days: 1825 },
  },
  chainCa4: {
    name: 'chainCa4',
    stem: 'chainCA4',
    subject: `${EXAMPLE_ORG}/CN=chainCA4`,
    signer: 'chainCa3',
    extensions: 'v3_ca',
    validity: { days: 1825 },
  },
  expiredIntermediateCa: {
    name: 'expiredIntermediateCa',
    stem: 'expiredIntermediateCA',
    subject: `${EXAMPLE_ORG}/CN=expiredIntermediateCA`,
    signer: 'ca',
    extensions: 'v3_ca',
    validity: { start: '20200101000000Z', end: '20200201000000Z' },
  },
  intermediateLeaf: {
    name: 'intermediateLeaf',
    stem: 'intermediateClient',
    subject: `${EXAMPLE_ORG}/CN=intermediateClient`,
    signer: 'intermediateCa',
    extensions: 'client_ext',
    validity: { days: 365 },
  },
  deepLeaf: {
    name: 'deepLeaf',
    stem: 'deepClient',
    subject: `${EXAMPLE_ORG}/CN=deepClient`,
    signer: 'chainCa4',
    extensions: 'client_ext',
    validity: { days: 365 },
  },
  notYetValid: {
    name: 'notYetValid',
    stem: 'notYetValid',
    subject: `${EXAMPLE_ORG}/CN=notYetValidClient`,
    signer: 'ca',
    extensions: 'client_ext',
    validity: { start: '20990101000000Z', end: '20991231000000Z' },
  },
  wrongPurpose: {
    name: 'wrongPurpose',
    stem: 'serverAuthOnly',
    subject: `${EXAMPLE_ORG}/CN=serverAuthOnlyClient`,
    signer: 'ca',
    extensions: 'server_only_ext',
    validity: { days: 365 },
    purposeFails: 'sslclient',
  },
  v1: {
    name: 'v1',
    stem: 'v1Client',
    subject: `${EXAMPLE_ORG}/CN=v1Client`,
    signer: 'ca',
    extensions: 'none',
    validity: { days: 365 },
    textShows: 'Version: 1 (0x0)',
  },
  sha1: {
    name: 'sha1',
    stem: 'sha1Client',
    subject: `${EXAMPLE_ORG}/CN=sha1Client`,
    signer: 'ca',
    extensions: 'client_ext',
    validity: { days: 365 },
    digest: 'sha1',
    textShows: 'Signature Algorithm: sha1WithRSAEncryption',
  },
  rsa1024: {
    name: 'rsa1024',
    stem: 'rsa1024Client',
    subject: `${EXAMPLE_ORG}/CN=rsa1024Client`,
    signer: 'ca',
    extensions: 'client_ext',
    validity: { days: 365 },
    keyBits: 1024,
    textShows: 'Public-Key: (1024 bit)',
  },
  expiredIntermediateLeaf: {
    name: 'expiredIntermediateLeaf',
    stem: 'underExpiredCA',
    subject: `${EXAMPLE_ORG}/CN=underExpiredIntermediateClient`,
    signer: 'expiredIntermediateCa',
    extensions: 'client_ext',
    validity: { days: 365 },
  },
  // The NLB identity filter cases (issue 12): workloads named by SPIFFE IDs in a SAN URI, partners by SAN DNS
  // names, a team by a second OU, an operator console by its CN, and the ways each can miss.
  spiffeBilling: identityClient('spiffeBilling', 'billing', 'URI:spiffe://example.org/ns/prod/sa/billing'),
  spiffeStaging: identityClient('spiffeStaging', 'billing', 'URI:spiffe://example.org/ns/staging/sa/billing'),
  spiffeMixedCase: identityClient('spiffeMixedCase', 'billing', 'URI:SPIFFE://Example.ORG/ns/prod/sa/billing'),
  spiffePathCase: identityClient('spiffePathCase', 'billing', 'URI:spiffe://example.org/NS/prod/sa/billing'),
  partnerDns: identityClient('partnerDns', 'partner-api', 'DNS:www.partner.example.com, DNS:API.Partner.Example.com'),
  lookalikeDns: identityClient('lookalikeDns', 'partner-api', 'DNS:api.partner.example.com.attacker.test'),
  ouPayments: {
    ...identityClient('ouPayments', 'payments-batch'),
    subject: `${EXAMPLE_ORG}/OU=Payments/CN=payments-batch`,
  },
  opsConsole: identityClient('opsConsole', 'OPS-Console'),
  noSanBilling: identityClient('noSanBilling', 'billing'),
  revokedBilling: identityClient('revokedBilling', 'billing-old', 'URI:spiffe://example.org/ns/prod/sa/billing-old'),
  impostorBilling: {
    ...identityClient('impostorBilling', 'billing', 'URI:spiffe://example.org/ns/prod/sa/billing'),
    subject: `${UNTRUSTED_ORG}/CN=billing`,
    signer: 'untrustedCa',
    distrustedBy: 'ca',
  },
  // Workload certificates as STS GetCertificate issues them (December 2026): an X509-SVID signed by the workload
  // identity provider's AWS Private CA, an empty subject, one URI SAN with the SPIFFE ID (critical, as RFC 5280
  // requires with an empty subject), client and server authentication, valid 1 to 12 hours (12 by default).
  workloadCa: {
    name: 'workloadCa',
    stem: 'workloadCA',
    subject: '/O=example.org/CN=Workload Identity CA',
    extensions: 'v3_ca',
    validity: { days: 3650 },
  },
  workload: {
    name: 'workload',
    stem: 'workload',
    subject: '',
    signer: 'workloadCa',
    extensions: 'workload_ext',
    validity: { hours: 12 },
    subjectAltName: `critical,URI:${WORKLOAD_SPIFFE_ID}`,
    textShows: `URI:${WORKLOAD_SPIFFE_ID}`,
  },
  // Origin mTLS (CloudFront, 2026): the client certificate CloudFront presents to its origin stands in for the ACM
  // certificate the distribution names. Its own CA, so that an origin trusting it admits CloudFront and no viewer.
  originClientCa: {
    name: 'originClientCa',
    stem: 'originClientCA',
    subject: `${EXAMPLE_ORG}/CN=originClientCA`,
    extensions: 'v3_ca',
    validity: { days: 3650 },
  },
  cloudfrontOrigin: {
    name: 'cloudfrontOrigin',
    stem: 'cloudfrontOrigin',
    subject: `${EXAMPLE_ORG}/CN=cloudfront-origin.example.org`,
    signer: 'originClientCa',
    extensions: 'client_ext',
    validity: { days: 365 },
  },
};

/** A client certificate of privateCA, one year, clientAuth, with a CN and (optionally) subject alternative names. */
function identityClient(name: IdentityClientName, cn: string, subjectAltName?: string): CertRecipe {
  return {
    name,
    stem: name,
    subject: `${EXAMPLE_ORG}/CN=${cn}`,
    signer: 'ca',
    extensions: 'client_ext',
    validity: { days: 365 },
    ...(subjectAltName ? { subjectAltName, textShows: subjectAltName.split(',')[0]!.trim() } : {}),
  };
}

export const CHAINS: Record<ChainName, ChainRecipe> = {
  intermediateChain: {
    name: 'intermediateChain',
    stem: 'intermediateClient-chain',
    parts: ['intermediateLeaf', 'intermediateCa'],
  },
  // The same chain with the root in the middle: passthrough forwards it in this order, as presented.
  intermediateChainUnordered: {
    name: 'intermediateChainUnordered',
    stem: 'intermediateClient-unordered',
    parts: ['intermediateLeaf', 'ca', 'intermediateCa'],
  },
  deepChain: {
    name: 'deepChain',
    stem: 'deepClient-chain5',
    parts: ['deepLeaf', 'chainCa4', 'chainCa3', 'chainCa2', 'intermediateCa'],
  },
  deepChain4: {
    name: 'deepChain4',
    stem: 'deepClient-chain4',
    parts: ['deepLeaf', 'chainCa4', 'chainCa3', 'chainCa2'],
  },
  expiredIntermediateChain: {
    name: 'expiredIntermediateChain',
    stem: 'underExpiredCA-chain',
    parts: ['expiredIntermediateLeaf', 'expiredIntermediateCa'],
  },
};

export const isChain = (name: ArtifactName): name is ChainName => name in CHAINS;
export const isCert = (name: ArtifactName): name is CertName => name in CERTS;

/**
 * Topological order: everything after its signer, the CRLs after "revoked" (and revokedBilling), the p12 after
 * clientA, chains after their parts. The first ten are the PKI as it was before the certificate cases of issue 11;
 * they come first so that their commands keep their order, with revokedBilling (issue 12) made just before the CRL
 * that lists it.
 */
export const ORDER: readonly ArtifactName[] = [
  'ca',
  'untrustedCa',
  'serverCa',
  'server',
  'clientA',
  'clientB',
  'expired',
  'revoked',
  'untrusted',
  // The CRL lists revokedBilling too (a revoked certificate that matches an NLB identity filter).
  'revokedBilling',
  'crl',
  'clientAP12',
  'intermediateCa',
  'chainCa2',
  'chainCa3',
  'chainCa4',
  'expiredIntermediateCa',
  'intermediateLeaf',
  'deepLeaf',
  'notYetValid',
  'wrongPurpose',
  'v1',
  'sha1',
  'rsa1024',
  'expiredIntermediateLeaf',
  'intermediateChain',
  'intermediateChainUnordered',
  'deepChain',
  'deepChain4',
  'expiredIntermediateChain',
  'expiredCrl',
  'untrustedCrl',
  'spiffeBilling',
  'spiffeStaging',
  'spiffeMixedCase',
  'spiffePathCase',
  'partnerDns',
  'lookalikeDns',
  'ouPayments',
  'opsConsole',
  'noSanBilling',
  'impostorBilling',
  'workloadCa',
  'workload',
  'originClientCa',
  'cloudfrontOrigin',
];

export function filesOf(name: ArtifactName): string[] {
  if (name === 'crl') return [CRL_FILE];
  if (name === 'expiredCrl') return [EXPIRED_CRL_FILE];
  if (name === 'untrustedCrl') return [UNTRUSTED_CRL_FILE];
  if (name === 'clientAP12') return [P12_FILE];
  if (isChain(name)) return [`${CHAINS[name].stem}.p7b`, `${CHAINS[name].stem}.pem`];
  const { stem, signer } = CERTS[name];
  return signer ? [`${stem}.key`, `${stem}.csr`, `${stem}.crt`] : [`${stem}.key`, `${stem}.crt`];
}

export function depsOf(name: ArtifactName): ArtifactName[] {
  // The CRLs come from privateCA's "openssl ca" database, which holds the revocations of revoked.crt and
  // revokedBilling.crt.
  if (name === 'crl' || name === 'expiredCrl') return ['ca', 'revoked', 'revokedBilling'];
  if (name === 'untrustedCrl') return ['ca', 'untrustedCa', 'revoked', 'revokedBilling'];
  if (name === 'clientAP12') return ['ca', 'clientA'];
  if (isChain(name)) return [...CHAINS[name].parts];
  const signer = CERTS[name].signer;
  return signer ? [signer] : [];
}

/** The CAs between a certificate and its root, nearest first (for `openssl verify -untrusted`). */
export function intermediatesAbove(name: CertName): CertName[] {
  const out: CertName[] = [];
  let signer = CERTS[name].signer;
  while (signer && CERTS[signer].signer) {
    out.push(signer);
    signer = CERTS[signer].signer;
  }
  return out;
}

/** The self-signed root at the top of a certificate's chain. */
export function rootOf(name: CertName): CertName {
  let current = name;
  while (CERTS[current].signer) current = CERTS[current].signer!;
  return current;
}

/**
 * The openssl config every recorded command refers to; written into the PKI directory (by ensurePki in
 * certs/pki.ts, as its first line says). The text is part of the recipe digest: changing it remakes every PKI.
 */
export const OPENSSL_CONFIG = `# OpenSSL config of the mtls-sandbox PKI (written by certs/pki.ts).
# The commands in pki.json run from this directory and name this file with -config / -extfile.

[ req ]
# Subjects come from -subj; openssl still wants the section to exist.
distinguished_name = req_dn
[ req_dn ]

[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ server_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
# sandbox.example: where scenarios' DNS names live (Route 53 records), so probes can verify the server by name.
subjectAltName = DNS:localhost, IP:127.0.0.1, DNS:sandbox.example, DNS:*.sandbox.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer

[ client_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer

# An X509-SVID as STS GetCertificate issues it: "for both client and server authentication".
[ workload_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer

# A client certificate whose extended key usage allows only server authentication (the wrong purpose).
[ server_only_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer

# "openssl ca" is only used where "openssl x509 -req" cannot do the job:
# fixed dates (expired.crt, notYetValid.crt, expiredIntermediateCA.crt), revoking and making the CRLs.
[ ca ]
default_ca = privateCA

[ privateCA ]
database = ${CA_DATABASE}
new_certs_dir = ${CA_NEW_CERTS_DIR}
serial = privateCA.srl
certificate = privateCA.crt
private_key = privateCA.key
default_md = sha256
default_crl_days = ${CRL_DAYS}
policy = policy_any
# Keep the subject exactly as requested (order included), and allow re-issuing a subject.
preserve = yes
unique_subject = no
copy_extensions = none
email_in_dn = no

# workloadCA stands in for AWS Private CA behind STS GetCertificate: "openssl ca" sets its certificates' hours
# (notBefore five minutes back, as STS does) and keeps their empty subject and the request's critical SAN.
[ workloadCA ]
database = ${WORKLOAD_CA_DATABASE}
new_certs_dir = ${WORKLOAD_CA_NEW_CERTS_DIR}
serial = workloadCA.srl
certificate = workloadCA.crt
private_key = workloadCA.key
default_md = sha256
policy = policy_none
preserve = yes
unique_subject = no
copy_extensions = copy
email_in_dn = no

[ policy_none ]

[ policy_any ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
`;

/**
 * Whether making it runs `openssl ca`, which rewrites a CA's database (index.txt and its renamed copies): the CRLs and
 * the certificates with set dates or hours. Two at once can lose an entry or find a file renamed away.
 */
export function usesCaDatabase(name: ArtifactName): boolean {
  if (name === 'crl' || name === 'expiredCrl' || name === 'untrustedCrl') return true;
  if (name === 'clientAP12' || isChain(name)) return false;
  return !('days' in CERTS[name].validity);
}
