// Watches one TLS handshake from the side (the bytes the TLS gate passes each way) and keeps what the ALB logs and
// forwards: the key exchange group the server chose (connection log field 13, tls_keyexchange) and the client's
// certificates exactly as it presented them (passthrough's X-Amzn-Mtls-Clientcert; verify mode's chain depth).
// For an NLB that refuses a certificate it also makes the alert record to send, sealed under TLS 1.3.
// It stops looking once the handshake is over, so application data is never parsed or kept.
import { groupName } from '../model/tls-groups.js';
import {
  HANDSHAKE,
  HandshakeReader,
  parseCertificateMessage,
  parseServerHello,
  parseServerKeyExchangeGroup,
  RecordSplitter,
  type ServerHelloFacts,
} from './tls-handshake.js';
import { type AlertName, plaintextAlert, tls13Alert } from './tls-alerts.js';
import { clientHandshakePlaintext } from './tls13-decrypt.js';

const RECORD = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;
const TLS13 = 0x0304;
/** Bytes of the client's handshake kept at most (AWS: "TLS message size 64K"; chains of a few certificates fit). */
const CLIENT_LIMIT = 512 * 1024;
/** Protected records kept at most in TLS 1.3: Certificate, CertificateVerify and Finished, with room to spare. */
const ENCRYPTED_RECORD_LIMIT = 16;

export class HandshakeObserver {
  /** The client opened with a ClientHello: whatever goes wrong later, the peer speaks TLS. */
  clientHello = false;
  private readonly clientRecords = new RecordSplitter();
  private readonly serverRecords = new RecordSplitter();
  private readonly clientHandshake = new HandshakeReader();
  private readonly serverHandshake = new HandshakeReader();
  private serverHello: ServerHelloFacts | null = null;
  private tls12Group: number | null = null;
  private plaintextChain: Buffer[] | null = null;
  private readonly encrypted: Buffer[] = [];
  private clientSecret: Buffer | null = null;
  private serverTrafficSecret: Buffer | null = null;
  private clientBytes = 0;
  private clientDone = false;
  private serverDone = false;
  private chain: Buffer[] | null | undefined;

  /** Bytes from the client, in order. */
  client(chunk: Buffer): void {
    if (this.clientDone) return;
    this.clientBytes += chunk.length;
    if (this.clientBytes > CLIENT_LIMIT) {
      this.clientDone = true;
      return;
    }
    for (const record of this.clientRecords.push(chunk)) {
      if (record.type === RECORD.changeCipherSpec) {
        // TLS 1.2: what follows is encrypted (the client's Finished). TLS 1.3 sends it only for middleboxes.
        if (this.serverHello && this.serverHello.version !== TLS13) this.clientDone = true;
      } else if (record.type === RECORD.handshake) {
        for (const message of this.clientHandshake.push(record.body)) this.clientMessage(message.type, message.body);
      } else if (record.type === RECORD.applicationData && this.serverHello?.version === TLS13) {
        this.encrypted.push(Buffer.from(record.body));
        if (this.encrypted.length >= ENCRYPTED_RECORD_LIMIT) this.clientDone = true;
      }
    }
  }

  private clientMessage(type: number, body: Buffer): void {
    if (type === HANDSHAKE.clientHello) this.clientHello = true;
    if (type === HANDSHAKE.certificate && this.serverHello?.version !== TLS13)
      this.plaintextChain = parseCertificateMessage(body, false);
  }

  /** Bytes from the server, in order. */
  server(chunk: Buffer): void {
    if (this.serverDone) return;
    for (const record of this.serverRecords.push(chunk)) {
      // TLS 1.2: what follows is encrypted. A ChangeCipherSpec before any ServerHello is TLS 1.3's middlebox
      // compatibility record after a HelloRetryRequest: the real ServerHello (and its group) is still to come.
      if (record.type === RECORD.changeCipherSpec && this.serverHello && this.serverHello.version !== TLS13)
        this.serverDone = true;
      if (record.type !== RECORD.handshake) continue;
      for (const message of this.serverHandshake.push(record.body)) this.serverMessage(message.type, message.body);
    }
  }

  private serverMessage(type: number, body: Buffer): void {
    if (type === HANDSHAKE.serverHello) {
      const hello = parseServerHello(body);
      if (!hello || hello.helloRetryRequest) return;
      this.serverHello = hello;
      if (hello.version === TLS13) this.serverDone = true; // the rest of its flight is encrypted
    } else if (type === HANDSHAKE.serverKeyExchange) {
      this.tls12Group = parseServerKeyExchangeGroup(body);
      this.serverDone = true;
    } else if (type === HANDSHAKE.serverHelloDone) {
      this.serverDone = true; // RSA key exchange: no ServerKeyExchange, no group
    }
  }

  /** A line of node's 'keylog' event (NSS key log format): TLS 1.3 needs the client handshake traffic secret. */
  keylog(line: Buffer): void {
    const match = /^(CLIENT_HANDSHAKE_TRAFFIC_SECRET|SERVER_TRAFFIC_SECRET_0) [0-9a-f]+ ([0-9a-f]+)/i.exec(
      line.toString('latin1'),
    );
    if (match?.[1] === 'CLIENT_HANDSHAKE_TRAFFIC_SECRET') this.clientSecret = Buffer.from(match[2]!, 'hex');
    else if (match) this.serverTrafficSecret = Buffer.from(match[2]!, 'hex');
  }

  /**
   * A fatal alert as the server would send it now, after the client's last flight: in the clear before the
   * server's ChangeCipherSpec (TLS 1.2 and older), under the server's application traffic secret in TLS 1.3 (its
   * Finished has gone out). null when it cannot be made (no ServerHello yet, no secret, an unknown suite).
   */
  alertRecord(name: AlertName): Buffer | null {
    const hello = this.serverHello;
    if (!hello) return null;
    if (hello.version !== TLS13) return plaintextAlert(name, hello.version);
    return this.serverTrafficSecret ? tls13Alert(name, hello.cipherSuite, this.serverTrafficSecret) : null;
  }

  /** The negotiated version is TLS 1.3 (known from the ServerHello). */
  get tls13(): boolean {
    return this.serverHello?.version === TLS13;
  }

  /** The group of the key exchange, IANA-named ("secp256r1", "x25519"); null before it is known or with RSA. */
  keyExchange(): string | null {
    const group = this.serverHello?.version === TLS13 ? this.serverHello.keyShareGroup : this.tls12Group;
    return group === null || group === undefined ? null : groupName(group);
  }

  /**
   * The certificates the client presented, leaf first, exactly as sent (order, duplicates, extra CAs and all); []
   * for an empty Certificate message; null when it could not be read (no secret for TLS 1.3, an unknown suite).
   */
  presentedChain(): Buffer[] | null {
    if (this.chain !== undefined) return this.chain;
    if (this.serverHello?.version !== TLS13) {
      this.chain = this.plaintextChain;
      return this.chain;
    }
    const plaintext = this.clientSecret
      ? clientHandshakePlaintext(this.serverHello.cipherSuite, this.clientSecret, this.encrypted)
      : null;
    const certificate = plaintext
      ? new HandshakeReader().push(plaintext).find((m) => m.type === HANDSHAKE.certificate)
      : undefined;
    this.chain = certificate ? parseCertificateMessage(certificate.body, true) : null;
    return this.chain;
  }
}
