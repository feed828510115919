// The sandbox PKI as the rest of the engine sees it. Built by certs/pki.ts with the real openssl CLI.

/** Every client certificate the scenarios use: a leaf alone, or (the *Chain names) a leaf with CA certificates. */
export type ClientCertName =
  | 'clientA'
  | 'clientB'
  | 'expired'
  | 'revoked'
  | 'untrusted'
  /** Signed by intermediateCA; the file holds the leaf alone. */
  | 'intermediateLeaf'
  /** The same leaf followed by intermediateCA: what a client presents so that a root-only trust store can verify it. */
  | 'intermediateChain'
  /** The same leaf, then privateCA, then intermediateCA: a chain presented out of order. */
  | 'intermediateChainUnordered'
  /** deepClient and the four CAs above it below privateCA: five certificates presented. */
  | 'deepChain'
  /** deepClient and three CAs above it (chainCA4, chainCA3, chainCA2): four certificates presented. */
  | 'deepChain4'
  /** A valid leaf under expiredIntermediateCA, followed by that expired CA. */
  | 'expiredIntermediateChain'
  /** Valid only from 2099: not valid yet. */
  | 'notYetValid'
  /** Extended key usage serverAuth only. */
  | 'wrongPurpose'
  /** An X.509 version 1 certificate (no extensions). */
  | 'v1'
  /** Signed with SHA-1 (sha1WithRSAEncryption). */
  | 'sha1'
  /** A 1024-bit RSA key. */
  | 'rsa1024'
  /** NLB identity filter cases (issue 12), all signed by privateCA but the impostor: */
  /** CN=billing, SAN URI spiffe://example.org/ns/prod/sa/billing (a SPIFFE ID). */
  | 'spiffeBilling'
  /** The same workload in another namespace: spiffe://example.org/ns/staging/sa/billing. */
  | 'spiffeStaging'
  /** SPIFFE://Example.ORG/ns/prod/sa/billing: scheme and host in other case. */
  | 'spiffeMixedCase'
  /** spiffe://example.org/NS/prod/sa/billing: the path in other case. */
  | 'spiffePathCase'
  /** CN=partner-api, SAN DNS www.partner.example.com and API.Partner.Example.com. */
  | 'partnerDns'
  /** CN=partner-api, SAN DNS api.partner.example.com.attacker.test: a look-alike. */
  | 'lookalikeDns'
  /** OU=example.org.unit and OU=Payments, CN=payments-batch. */
  | 'ouPayments'
  /** CN=OPS-Console: the CN of a filter in other case. */
  | 'opsConsole'
  /** CN=billing without any subject alternative name (issued the old way). */
  | 'noSanBilling'
  /** CN=billing-old, SAN URI spiffe://example.org/ns/prod/sa/billing-old, revoked (privateCA's CRL lists it). */
  | 'revokedBilling'
  /** Signed by untrustedCA, with the SPIFFE ID of spiffeBilling. */
  | 'impostorBilling'
  /**
   * An X509-SVID in the shape STS GetCertificate issues (December 2026): empty subject, one critical URI SAN
   * spiffe://example.org/payments/checkout, clientAuth and serverAuth, 12 hours from five minutes ago, signed by
   * workloadCA (which stands in for the workload identity provider's AWS Private CA).
   */
  | 'workload'
  /**
   * CN=cloudfront-origin.example.org, signed by originClientCA: what a CloudFront distribution with origin mTLS
   * presents to its origin (it stands in for the ACM certificate of OriginMtlsConfig.ClientCertificateArn).
   */
  | 'cloudfrontOrigin';

export interface KeyPair {
  /** Absolute path of the PEM certificate. */
  cert: string;
  /** Absolute path of the PEM private key (mode 0600). */
  key: string;
  /** Subject as openssl prints it with -nameopt RFC2253, e.g. "CN=clientA,OU=...,C=JP". */
  subject: string;
  /** Issuer in the same form. */
  issuer: string;
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
  /** The CA of the server certificate only ("sandboxServerCA"): what probes verify the server against (--cacert). */
  serverCa: KeyPair;
  /**
   * Server certificate, SANs DNS:localhost, IP:127.0.0.1, DNS:sandbox.example and DNS:*.sandbox.example (the names
   * scenarios give their Route 53 records), signed by sandboxServerCA.
   */
  server: KeyPair;
  clients: Record<ClientCertName, KeyPair>;
  /** PKCS#12 bundle of clientA (seed 000's CLIENT_CERT.p12) and its password. */
  clientAP12: { file: string; password: string };
  /** CRL of privateCA that lists "revoked" and "revokedBilling" (PEM). */
  crl: string;
  /** intermediateCA (signed by privateCA), and the CAs chained below it: chainCA2, chainCA3, chainCA4. */
  intermediateCa: KeyPair;
  chainCas: KeyPair[];
  /** A CA under privateCA that expired in 2020. */
  expiredIntermediateCa: KeyPair;
  /** A second CRL of privateCA whose nextUpdate passed in 2020 (PEM). */
  expiredCrl: string;
  /** A CRL signed by untrustedCA, a CA outside privateCA's trust store (PEM). */
  untrustedCrl: string;
  /** workloadCA: stands in for the AWS Private CA that signs STS workload certificates (its trust bundle's root). */
  workloadCa: KeyPair;
  /** originClientCA: the CA of the certificate CloudFront presents to an origin (origin mTLS). */
  originClientCa: KeyPair;
  /** Every openssl command that made these files, in order (from the run that made them). */
  commands: RecordedCommand[];
}
