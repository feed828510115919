// The TLS alert an NLB TLS listener in verify mode ends a refused connection with. AWS documents only that the
// load balancer "rejects the connection" (ELB "Client certificate identity filters"), not how; the sandbox's choice
// (docs/aws-facts.md#nlb-mtls-refusal) is a fatal alert, as a TLS server built on OpenSSL sends it for the same
// failure of the chain (OpenSSL's X509 error → alert table, ssl/statem/statem_lib.c), and access_denied for a
// certificate that passed the trust store but matched no identity filter ("A valid certificate or PSK was
// received, but when access control was applied, the sender decided not to proceed", RFC 8446 §6.2). The ALB, by
// contrast, resets (seed 004). Pure.
import { sealRecord } from './tls13-decrypt.js';
import { FILTER_MISMATCH_CODE, NO_CERTIFICATE_CODE, type VerifyFailureCode } from './verifier.js';

/** Alert descriptions (RFC 8446 §6, RFC 5246 §7.2), named as OpenSSL prints them. */
export const ALERTS = {
  handshake_failure: 40,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_revoked: 44,
  certificate_expired: 45,
  certificate_unknown: 46,
  unknown_ca: 48,
  access_denied: 49,
  internal_error: 80,
  certificate_required: 116,
} as const;

export type AlertName = keyof typeof ALERTS;

/** The alert for a refused client certificate; `tls13` decides what "no certificate" is. */
export function alertFor(code: VerifyFailureCode, tls13: boolean): AlertName {
  switch (code) {
    case NO_CERTIFICATE_CODE:
      // OpenSSL with SSL_VERIFY_FAIL_IF_NO_PEER_CERT: certificate_required (TLS 1.3), handshake_failure before.
      return tls13 ? 'certificate_required' : 'handshake_failure';
    case FILTER_MISMATCH_CODE:
      return 'access_denied';
    case 'ClientCertUntrusted':
    case 'ClientCertMaxChainDepthExceeded':
      return 'unknown_ca';
    case 'ClientCertExpired':
    case 'ClientCertCrlProcessingError': // X509_V_ERR_CRL_HAS_EXPIRED maps to certificate_expired in OpenSSL
      return 'certificate_expired';
    case 'ClientCertCrlHit':
      return 'certificate_revoked';
    case 'ClientCertPurposeInvalid':
      return 'unsupported_certificate';
    case 'ClientCertNotYetValid':
    case 'ClientCertTypeUnsupported':
    case 'ClientCertInvalid':
    case 'ClientCertMaxSizeExceeded':
    case 'ClientCertRejected':
      return 'bad_certificate';
    default:
      return 'certificate_unknown';
  }
}

/** A fatal alert in the clear: what a server sends before its ChangeCipherSpec (TLS 1.2 and older). */
export function plaintextAlert(name: AlertName, recordVersion = 0x0303): Buffer {
  return Buffer.from([21, recordVersion >> 8, recordVersion & 0xff, 0, 2, 2, ALERTS[name]]);
}

/**
 * A fatal alert under the server's first application traffic secret (TLS 1.3, after the server's Finished):
 * sequence number 0 when the server has sent nothing else under that key (the TLS gate held its tickets back).
 */
export function tls13Alert(name: AlertName, cipherSuite: number, serverTrafficSecret: Buffer, seq = 0): Buffer | null {
  return sealRecord(cipherSuite, serverTrafficSecret, seq, 21, Buffer.from([2, ALERTS[name]]));
}
