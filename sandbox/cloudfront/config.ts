// What the CloudFront emulator is started with: a distribution with viewer mTLS, its trust store, connection
// function, origin and origin request policy, as the runtime realizes them from the compiled topology.
import type { OriginRequestPolicy, ViewerMtlsMode } from '../model/cloudfront.js';
import type { TrustStoreObjects } from '../tls/trust-store.js';

export interface ViewerMtlsDistributionConfig {
  /** The distribution's construct path, for logs. */
  name: string;
  /** A distribution id and domain name in CloudFront's shapes (E…, d….cloudfront.net), made up by the sandbox. */
  distributionId: string;
  domainName: string;
  host: string; // always 127.0.0.1 in this sandbox
  port: number;
  certificatePem: string;
  privateKeyPem: string;
  mode: ViewerMtlsMode;
  /** required and optional: the trust store's CA bundle; passthrough: null. */
  trustStore: TrustStoreObjects | null;
  advertiseTrustStoreCaNames: boolean;
  ignoreCertificateExpiry: boolean;
  /** keyValues: the associated KeyValueStore's pairs (its import file), or null. */
  connectionFunction: { name: string; code: string; keyValues?: Record<string, string> | null } | null;
  httpVersion: 'http2' | 'http1.1';
  origin: {
    domainName: string;
    protocol: 'http' | 'https';
    host: string;
    port: number;
    /** Origin mTLS: the certificate and key CloudFront presents in its handshake with the origin. */
    clientCertificate?: { certPem: string; keyPem: string } | null;
  };
  originRequestPolicy: OriginRequestPolicy | null;
  connectionLogFile: string;
  keyLogFile?: string | null;
}
