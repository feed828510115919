// The sandbox PKI's recipes, as data: which files exist, what each certificate is (subject, signer, extensions,
// validity), in which order they are made, and the openssl config the recorded commands name. Nothing here runs.
import type { ClientCertName } from './types.js';

export const P12_PASSWORD = 'sandbox';
export const CONFIG_FILE = 'pki.cnf';
export const CRL_FILE = 'privateCA.crl.pem';
export const P12_FILE = 'clientA.p12';
export const CA_DATABASE = 'privateCA.index.txt';
export const CA_NEW_CERTS_DIR = 'privateCA.newcerts';
export const CRL_DAYS = 365;

const EXAMPLE_ORG = '/C=JP/ST=Osaka/L=Default City/O=example.org/OU=example.org.unit';
const UNTRUSTED_ORG = '/C=JP/ST=Tokyo/L=Default City/O=untrusted.example';

export type CertName = 'ca' | 'untrustedCa' | 'server' | ClientCertName;
export type ArtifactName = CertName | 'crl' | 'clientAP12';

export interface CertRecipe {
  name: CertName;
  /** File stem: <stem>.key, <stem>.crt (and <stem>.csr for leaves). */
  stem: string;
  /** Subject in the slash form openssl's -subj takes. */
  subject: string;
  /** Who signs it; absent for a self-signed CA. */
  signer?: 'ca' | 'untrustedCa';
  extensions: 'v3_ca' | 'server_ext' | 'client_ext';
  /** Either a lifetime from now, or fixed dates (YYYYMMDDHHMMSSZ) for a certificate that is already expired. */
  validity: { days: number } | { start: string; end: string };
  /** Extra check recorded after signing, e.g. that privateCA does not trust it. */
  distrustedBy?: 'ca';
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
  server: {
    name: 'server',
    stem: 'server',
    subject: `${EXAMPLE_ORG}/CN=localhost`,
    signer: 'ca',
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
};

/** Topological order: everything after its signer, the CRL after "revoked", the p12 after clientA. */
export const ORDER: readonly ArtifactName[] = [
  'ca',
  'untrustedCa',
  'server',
  'clientA',
  'clientB',
  'expired',
  'revoked',
  'untrusted',
  'crl',
  'clientAP12',
];

export function filesOf(name: ArtifactName): string[] {
  if (name === 'crl') return [CRL_FILE];
  if (name === 'clientAP12') return [P12_FILE];
  const { stem, signer } = CERTS[name];
  return signer ? [`${stem}.key`, `${stem}.csr`, `${stem}.crt`] : [`${stem}.key`, `${stem}.crt`];
}

export function depsOf(name: ArtifactName): ArtifactName[] {
  if (name === 'crl') return ['ca', 'revoked'];
  if (name === 'clientAP12') return ['ca', 'clientA'];
  const signer = CERTS[name].signer;
  return signer ? [signer] : [];
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
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer

[ client_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid, issuer

# "openssl ca" is only used where "openssl x509 -req" cannot do the job:
# backdating (expired.crt), revoking and making the CRL.
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

[ policy_any ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
`;
