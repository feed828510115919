import { describe, expect, it } from 'vitest';
import { readHeaderModification } from '../model/header-modification.js';
import { buildForwardHeaders } from './forward-headers.js';
import {
  albWrittenHeaderNames,
  applyResponseHeaders,
  renameRequestHeaders,
  sendsServerHeader,
  tlsInfoHeaders,
} from './header-modification.js';

const modification = readHeaderModification(
  {
    'routing.http.request.x_amzn_mtls_clientcert_subject.header_name': 'X-Client-Cert-Subject',
    'routing.http.request.x_amzn_tls_cipher_suite.header_name': 'X-Cipher',
    'routing.http.response.strict_transport_security.header_value': 'max-age=63072000',
    'routing.http.response.server.enabled': 'false',
  },
  'test',
)!;

describe('header modification applied', () => {
  it('renames only the headers the listener renames', () => {
    const out = renameRequestHeaders(
      [
        ['X-Amzn-Mtls-Clientcert-Subject', 'CN=clientA'],
        ['X-Amzn-Mtls-Clientcert-Issuer', 'CN=privateCA'],
      ],
      modification,
    );
    expect(out).toEqual([
      ['X-Client-Cert-Subject', 'CN=clientA'],
      ['X-Amzn-Mtls-Clientcert-Issuer', 'CN=privateCA'],
    ]);
    expect(renameRequestHeaders([['X-Amzn-Mtls-Clientcert-Subject', 'x']], null)).toEqual([
      ['X-Amzn-Mtls-Clientcert-Subject', 'x'],
    ]);
  });

  it('names the TLS headers by the listener, values as given', () => {
    expect(tlsInfoHeaders('TLSv1.3', 'TLS_AES_128_GCM_SHA256', modification)).toEqual([
      ['X-Amzn-Tls-Version', 'TLSv1.3'],
      ['X-Cipher', 'TLS_AES_128_GCM_SHA256'],
    ]);
  });

  it('drops client copies of the names the ALB writes, only for what it writes on the connection', () => {
    const both = albWrittenHeaderNames(modification, { mutualTls: true, tlsInfo: true });
    expect(both.has('x-client-cert-subject')).toBe(true);
    expect(both.has('x-cipher')).toBe(true);
    expect(both.has('x-amzn-tls-cipher-suite')).toBe(true);
    const off = albWrittenHeaderNames(modification, { mutualTls: false, tlsInfo: false });
    expect(off.size).toBe(0);
    const forwarded = buildForwardHeaders({
      rawHeaders: ['X-Client-Cert-Subject', 'CN=admin', 'Accept', '*/*'],
      host: 'localhost',
      clientIp: '127.0.0.1',
      listenerProtocol: 'https',
      advertisedPort: 443,
      stripClientMtls: true,
      dropClientHeaders: both,
      mtlsHeaders: renameRequestHeaders([['X-Amzn-Mtls-Clientcert-Subject', 'CN=clientA']], modification),
    });
    const subjects = forwarded.filter((_, i) => i % 2 === 0 && forwarded[i]!.toLowerCase() === 'x-client-cert-subject');
    expect(subjects).toHaveLength(1);
    expect(forwarded[forwarded.indexOf('X-Client-Cert-Subject') + 1]).toBe('CN=clientA');
  });

  it("replaces a target's own response header, whatever its case, and adds missing ones", () => {
    const out = applyResponseHeaders(
      new Map([
        ['strict-transport-security', ['max-age=0']],
        ['Content-Type', ['text/plain']],
      ]),
      modification,
    );
    expect([...out.entries()]).toEqual([
      ['Content-Type', ['text/plain']],
      ['Strict-Transport-Security', ['max-age=63072000']],
    ]);
    expect(sendsServerHeader(modification)).toBe(false);
    expect(sendsServerHeader(null)).toBe(true);
  });
});
