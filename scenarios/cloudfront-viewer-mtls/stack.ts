// CloudFront viewer mutual TLS: three distributions in front of one custom origin (an echo target), one per mode.
// - Required: the trust store (privateCA), CA names advertised, a connection function that denies the serials of a
//   KeyValueStore (privateCA's revoked clients: CloudFront's trust store has no CRL) and CN=clientB, an origin request
//   policy that forwards all seven CloudFront-Viewer-Cert-* headers;
// - Optional: the same trust store with IgnoreCertificateExpiry on, a connection function that logs viewers without a
//   certificate and throws for CN=clientB, a policy that forwards six of the headers (not the PEM);
// - Passthrough: no trust store (none is allowed), a policy that forwards Client-Cert and Client-Cert-Chain.
// Written with aws-cdk-lib 2.276.0's L1s through scenarios/common/cloudfront-mtls.ts.
import type { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  cloudFrontTrustStore,
  connectionFunction,
  keyValueStore,
  originRequestPolicy,
  PASSTHROUGH_HEADERS,
  VIEWER_CERT_HEADERS,
  viewerMtlsDistribution,
} from '../common/cloudfront-mtls.js';

/** The origin's name; the scenario puts an echo target behind each distribution. */
export const ORIGIN = 'origin.example.test';

/**
 * Denies a serial listed in the KeyValueStore (CloudFront "Revocation using CloudFront Connection Function and KVS":
 * the serial without colons as the key) and one client by its subject; allows every other.
 */
export const REQUIRED_GATE = `import cf from 'cloudfront';
const kvs = cf.kvs();
async function connectionHandler(connection) {
  const leaf = connection.clientCertificate.certificates.leaf;
  if (await kvs.exists(leaf.serialNumber.replaceAll(':', ''))) {
    connection.logCustomData('REVOKED:' + leaf.serialNumber);
    connection.deny();
    return;
  }
  if (leaf.subject.indexOf('CN=clientB') !== -1) {
    connection.logCustomData('DENIED:' + leaf.serialNumber);
    connection.deny();
    return;
  }
  connection.allow();
}`;

/**
 * Runs in optional mode for viewers without a certificate too: logs them and lets them in; throws for CN=clientB, to
 * show what an uncaught exception does (ConnectionFunctionError).
 */
export const OPTIONAL_GATE = `function connectionHandler(connection) {
  var cert = connection.clientCertificate;
  if (!cert) {
    connection.logCustomData('NO-CERT:' + connection.clientIp);
    connection.allow();
    return;
  }
  if (cert.certificates.leaf.subject.indexOf('CN=clientB') !== -1) throw new Error('clientB is not expected here');
  connection.allow();
}`;

export default function stack(scope: Stack): void {
  const bucket = new s3.Bucket(scope, 'TrustStoreBucket');
  const store = cloudFrontTrustStore(scope, 'TrustStore', bucket, 'privateCA-bundle.pem');
  const revoked = keyValueStore(scope, 'RevokedSerials', bucket, 'revoked-serials.json');
  const requiredGate = connectionFunction(scope, 'RequiredGate', REQUIRED_GATE, revoked);

  viewerMtlsDistribution(scope, 'Required', {
    mode: 'required',
    trustStore: store,
    advertiseTrustStoreCaNames: true,
    connectionFunction: requiredGate,
    originDomainName: ORIGIN,
    originRequestPolicy: originRequestPolicy(scope, 'AllCertHeaders', VIEWER_CERT_HEADERS),
  });
  viewerMtlsDistribution(scope, 'Optional', {
    mode: 'optional',
    trustStore: store,
    ignoreCertificateExpiry: true,
    connectionFunction: connectionFunction(scope, 'OptionalGate', OPTIONAL_GATE),
    originDomainName: ORIGIN,
    originRequestPolicy: originRequestPolicy(
      scope,
      'CertHeadersWithoutPem',
      VIEWER_CERT_HEADERS.filter((name) => name !== 'CloudFront-Viewer-Cert-Pem'),
    ),
  });
  viewerMtlsDistribution(scope, 'Passthrough', {
    mode: 'passthrough',
    originDomainName: ORIGIN,
    originRequestPolicy: originRequestPolicy(scope, 'PassthroughHeaders', [
      ...PASSTHROUGH_HEADERS,
      'CloudFront-Viewer-Cert-Present',
      'CloudFront-Viewer-Cert-Subject',
    ]),
  });
}
