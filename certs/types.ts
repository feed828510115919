// The sandbox PKI as the rest of the engine sees it. Built by certs/pki.ts with the real openssl CLI.

/** Every certificate the scenarios use. */
export type ClientCertName = 'clientA' | 'clientB' | 'expired' | 'revoked' | 'untrusted';

export interface KeyPair {
  /** Absolute path of the PEM certificate. */
  cert: string;
  /** Absolute path of the PEM private key (mode 0600). */
  key: string;
  /** Subject as openssl prints it with -nameopt RFC2253, e.g. "CN=clientA,OU=...,C=JP". */
  subject: string;
  /** Serial as uppercase hex without separators. */
  serial: string;
  notBefore: string; // ISO 8601
  notAfter: string; // ISO 8601
}

export interface RecordedCommand {
  /** What the command makes, e.g. "clientA certificate signed by privateCA". */
  purpose: string;
  /** The exact command line, runnable by hand from `cwd`. */
  command: string;
  cwd: string;
}

export interface Pki {
  dir: string;
  /** Root CA "privateCA" that the targets and trust stores trust. */
  ca: KeyPair;
  /** A second CA nobody trusts by default (it signs "untrusted"); a second client class in some scenarios. */
  untrustedCa: KeyPair;
  /** Server certificate for localhost, SANs DNS:localhost and IP:127.0.0.1, signed by privateCA. */
  server: KeyPair;
  clients: Record<ClientCertName, KeyPair>;
  /** PKCS#12 bundle of clientA (seed 000's CLIENT_CERT.p12) and its password. */
  clientAP12: { file: string; password: string };
  /** CRL of privateCA that lists "revoked" (PEM). */
  crl: string;
  /** Every openssl command that made these files, in order (from the run that made them). */
  commands: RecordedCommand[];
}
