import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpensslClientArgs, parseOpensslClientOutput } from './openssl-client.js';

// Captured with runOpensslClient (OpenSSL 3.0) against throwaway nginx 1.22 (ssl_verify_client on,
// ssl_client_certificate = privateCA) and `openssl s_server`.
function output(name: string): [string, string] {
  const read = (stream: string) => readFileSync(new URL(`./fixtures/${name}.${stream}.txt`, import.meta.url), 'utf8');
  return [read('stdout'), read('stderr')];
}

describe('parseOpensslClientOutput', () => {
  it('lists the CA names nginx puts in its CertificateRequest (from ssl_client_certificate)', () => {
    expect(parseOpensslClientOutput(...output('openssl-nginx-tls12-ca-names'))).toEqual({
      acceptableClientCaNames: ['C = JP, O = sandbox, CN = privateCA'],
      protocol: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
      verifyReturnCode: 21,
      verifyReturnMessage: 'unable to verify the first certificate',
      peerCertificateSubject: 'CN = localhost',
      errors: [],
    });
  });

  it('gives null when the server sent no CA names', () => {
    const parsed = parseOpensslClientOutput(...output('openssl-sserver-no-ca-names'));
    expect(parsed.acceptableClientCaNames).toBeNull();
    expect(parsed.protocol).toBe('TLSv1.3');
    expect(parsed.cipher).toBe('TLS_AES_256_GCM_SHA384');
  });

  it('collects the alert a server that requires a certificate sends', () => {
    const parsed = parseOpensslClientOutput(...output('openssl-sserver-tls12-required-no-cert'));
    expect(parsed.acceptableClientCaNames).toEqual(['C = JP, O = sandbox, CN = privateCA']);
    expect(parsed.errors).toEqual(['sslv3 alert handshake failure']);
    expect(parsed.verifyReturnCode).toBe(19);
  });

  it('ends the CA list at the next section and keeps several names', () => {
    const stdout = [
      'Acceptable client certificate CA names',
      'C = JP, O = sandbox, CN = privateCA',
      'CN = otherCA',
      'Requested Signature Algorithms: RSA+SHA256',
      'New, (NONE), Cipher is (NONE)',
    ].join('\n');
    const parsed = parseOpensslClientOutput(stdout);
    expect(parsed.acceptableClientCaNames).toEqual(['C = JP, O = sandbox, CN = privateCA', 'CN = otherCA']);
    expect(parsed.protocol).toBeNull();
    expect(parsed.cipher).toBeNull();
  });
});

describe('buildOpensslClientArgs', () => {
  it('sends SNI only for names, and presents a certificate when given one', () => {
    expect(buildOpensslClientArgs({ host: '127.0.0.1', port: 8443 })).toEqual([
      's_client',
      '-connect',
      '127.0.0.1:8443',
    ]);
    expect(
      buildOpensslClientArgs({ host: 'localhost', port: 8443, cert: 'c.pem', key: 'k.pem', extraArgs: ['-tls1_3'] }),
    ).toEqual([
      's_client',
      '-connect',
      'localhost:8443',
      '-servername',
      'localhost',
      '-cert',
      'c.pem',
      '-key',
      'k.pem',
      '-tls1_3',
    ]);
    expect(buildOpensslClientArgs({ host: '127.0.0.1', port: 1, servername: 'localhost' })).toContain('-servername');
  });

  it('refuses half a key pair and bad ports', () => {
    expect(() => buildOpensslClientArgs({ host: 'h', port: 1, cert: 'c.pem' })).toThrow(/both cert and key/);
    expect(() => buildOpensslClientArgs({ host: 'h', port: 70000 })).toThrow(/not a TCP port/);
  });
});
