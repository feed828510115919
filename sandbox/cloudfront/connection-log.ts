// CloudFront connection logs (CloudFront "Observability using connection logs"): one entry per TLS connection of a
// distribution with viewer mTLS, with the documented fields and Failed:<code> statuses. The shared TLS front writes
// ELB-shaped entries; this log turns each into CloudFront's shape: its field names, epoch-millisecond timestamps,
// DNs in the log's own style (certificate order, ", " between attributes), CloudFront's reason codes. The fields a
// local run cannot know (distributionTenantId) are left out; `notes` is the sandbox's.
import { randomBytes } from 'node:crypto';
import { type CertFields, formatValidity } from '../tls/cert-fields.js';
import { ConnectionLog, type ConnectionLogEntry } from '../tls/connection-log.js';
import { NO_CERTIFICATE_CODE } from '../tls/verifier.js';
import { cloudFrontSerial } from './viewer-headers.js';

/** The ELB codes the verifier yields, as CloudFront's connection log names the same failure. */
const CODES: Record<string, string> = {
  [NO_CERTIFICATE_CODE]: 'ClientCertMissing',
  ClientCertPurposeInvalid: 'ClientCertIntentInvalid',
};

/** "CN=a,O=b,C=JP" (RFC 2253, most specific first) → "C=JP, O=b, CN=a" (the order of the certificate). */
export function logStyleDn(rfc2253: string): string {
  if (!rfc2253) return rfc2253;
  return rfc2253
    .split(/(?<!\\),/)
    .reverse()
    .join(', ');
}

/** The leaf fields CloudFront's log has, for the TLS front to add to every entry (`-` without a leaf). */
export function cloudFrontLeafLogFields(leaf: CertFields | null): Partial<ConnectionLogEntry> {
  if (!leaf)
    return {
      clientLeafCertSerialNumber: '-',
      clientLeafCertSubject: '-',
      clientLeafCertIssuer: '-',
      clientLeafCertValidity: '-',
    };
  return {
    clientLeafCertSerialNumber: cloudFrontSerial(leaf),
    clientLeafCertSubject: logStyleDn(leaf.subject),
    clientLeafCertIssuer: logStyleDn(leaf.issuer),
    clientLeafCertValidity: formatValidity(leaf.notBefore, leaf.notAfter),
  };
}

/** A connection id shaped like the documented example: 40 random bytes in base64url with its padding. */
export function connectionId(): string {
  return `${randomBytes(40).toString('base64url')}==`;
}

export type CloudFrontLogEntry = Record<string, string | number>;

export function toCloudFrontEntry(e: ConnectionLogEntry, distributionId: string): CloudFrontLogEntry {
  const status = e.tls_verify_status.startsWith('Failed:')
    ? `Failed:${CODES[e.tls_verify_status.slice(7)] ?? e.tls_verify_status.slice(7)}`
    : e.tls_verify_status;
  const latency = e.tls_handshake_latency === '-' ? '-' : Math.round(Number(e.tls_handshake_latency) * 1000);
  // The TLS front's note about ELB's missing code does not apply: CloudFront documents ClientCertMissing.
  const notes = String(e.notes)
    .split('; ')
    .filter((note) => note && !note.startsWith(`inferred reason code ${NO_CERTIFICATE_CODE}`))
    .join('; ');
  return {
    eventTimestamp: Date.parse(e.timestamp),
    connectionId: String(e.cf_connection_id ?? connectionId()),
    connectionStatus: status,
    clientIp: e.client_ip,
    clientPort: e.client_port,
    serverIp: e.ip_address,
    distributionId,
    tlsProtocol: e.tls_protocol,
    tlsCipher: e.tls_cipher,
    tlsHandshakeDuration: latency,
    tlsSni: String(e.tls_sni ?? '-'),
    clientLeafCertSerialNumber: String(e.clientLeafCertSerialNumber ?? '-'),
    clientLeafCertSubject: String(e.clientLeafCertSubject ?? '-'),
    clientLeafCertIssuer: String(e.clientLeafCertIssuer ?? '-'),
    clientLeafCertValidity: String(e.clientLeafCertValidity ?? '-'),
    connectionLogCustomData: String(e.connectionLogCustomData ?? '-'),
    ...(e.tls_alert_sent ? { tlsAlertSent: e.tls_alert_sent } : {}),
    ...(e.origin ? { origin: e.origin } : {}),
    // The sandbox's record of its own failure on this connection (sandbox/emulator/fault.ts), not CloudFront's.
    ...(e.fault ? { fault: e.fault, fault_stage: String(e.fault_stage), fault_error: String(e.fault_error) } : {}),
    notes,
  };
}

/** Takes the TLS front's entries and keeps (and writes, as JSON lines) CloudFront's. */
export class CloudFrontConnectionLog {
  private readonly log: ConnectionLog;

  constructor(
    file: string,
    private readonly distributionId: string,
  ) {
    this.log = new ConnectionLog(file);
  }

  append(entry: ConnectionLogEntry): void {
    this.log.append(toCloudFrontEntry(entry, this.distributionId) as unknown as ConnectionLogEntry);
  }

  entries(): CloudFrontLogEntry[] {
    return this.log.entries();
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
