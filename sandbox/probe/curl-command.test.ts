import { describe, expect, it } from 'vitest';
import { buildCurlArgs, formatCommand } from './curl-command.js';

describe('buildCurlArgs', () => {
  it('produces seed 000 form without a certificate: curl -v -k -I URL', () => {
    const args = buildCurlArgs({ url: 'https://127.0.0.1:8443/', head: true });
    expect(args).toEqual(['-v', '-k', '-I', '--max-time', '10', 'https://127.0.0.1:8443/']);
  });

  it('puts --key before --cert, as seed 000 does', () => {
    const args = buildCurlArgs({
      url: 'https://127.0.0.1:8443/',
      head: true,
      clientCert: { form: 'pem', cert: 'CLIENT_CERT-ca.crt', key: 'CLIENT_CERT.key' },
    });
    expect(args.slice(0, 7)).toEqual(['-v', '-k', '-I', '--key', 'CLIENT_CERT.key', '--cert', 'CLIENT_CERT-ca.crt']);
  });

  it('uses --cert-type P12 --cert FILE:PASSWORD for a PKCS#12 bundle', () => {
    const args = buildCurlArgs({
      url: 'https://localhost:8443/',
      clientCert: { form: 'p12', file: '/pki/CLIENT_CERT.p12', password: 'pass:word' },
    });
    expect(args).toEqual([
      '-v',
      '-k',
      '--cert-type',
      'P12',
      '--cert',
      '/pki/CLIENT_CERT.p12:pass:word',
      '--max-time',
      '10',
      'https://localhost:8443/',
    ]);
  });

  it('escapes colons in certificate file names, which curl would take for the password separator', () => {
    const args = buildCurlArgs({
      url: 'https://localhost/',
      clientCert: { form: 'p12', file: '/tmp/a:b.p12', password: 'x' },
    });
    expect(args).toContain('/tmp/a\\:b.p12:x');
  });

  it('adds every option in a stable order, URL last', () => {
    const args = buildCurlArgs({
      url: 'https://localhost:8443/path?q=1',
      insecure: false,
      method: 'POST',
      sourceAddress: '127.0.0.2',
      headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=clientA', Accept: '*/*' },
      http: '2',
      resolve: 'localhost:8443:127.0.0.1',
      cacert: '/pki/ca.crt',
      maxTimeSeconds: 3,
      noProgressMeter: true,
    });
    expect(args).toEqual([
      '-v',
      '--no-progress-meter',
      '-X',
      'POST',
      '--http2',
      '--interface',
      '127.0.0.2',
      '--resolve',
      'localhost:8443:127.0.0.1',
      '--cacert',
      '/pki/ca.crt',
      '-H',
      'X-Amzn-Mtls-Clientcert-Subject: CN=clientA',
      '-H',
      'Accept: */*',
      '--max-time',
      '3',
      'https://localhost:8443/path?q=1',
    ]);
  });

  it('selects HTTP/1.1 with --http1.1 and treats a null clientCert as none', () => {
    const args = buildCurlArgs({ url: 'https://x/', http: '1.1', clientCert: null });
    expect(args).toEqual(['-v', '-k', '--http1.1', '--max-time', '10', 'https://x/']);
  });

  it('rejects what curl would misread, saying what to do', () => {
    expect(() => buildCurlArgs({ url: 'localhost:8443' })).toThrow(/not an http\(s\) URL.*https:\/\//);
    expect(() => buildCurlArgs({ url: 'https://x/', head: true, method: 'GET' })).toThrow(/drop one/);
    expect(() => buildCurlArgs({ url: 'https://x/', headers: { 'Bad Name': 'v' } })).toThrow(/Bad Name/);
    expect(() => buildCurlArgs({ url: 'https://x/', headers: { X: 'a\r\nY: b' } })).toThrow(/one line/);
    expect(() => buildCurlArgs({ url: 'https://x/', resolve: 'localhost:127.0.0.1' })).toThrow(/host:port:address/);
    expect(() => buildCurlArgs({ url: 'https://x/', maxTimeSeconds: 0 })).toThrow(/positive/);
  });
});

describe('formatCommand', () => {
  it('leaves plain words unquoted, so seed commands read as in the articles', () => {
    expect(
      formatCommand([
        '-v',
        '-k',
        '-I',
        '--key',
        'CLIENT_CERT.key',
        '--cert',
        'CLIENT_CERT-ca.crt',
        'https://127.0.0.1:8443/',
      ]),
    ).toBe('curl -v -k -I --key CLIENT_CERT.key --cert CLIENT_CERT-ca.crt https://127.0.0.1:8443/');
  });

  it('single-quotes words with spaces or shell characters', () => {
    expect(formatCommand(['-H', 'X-Test: a b', 'https://x/?a=1&b=2'])).toBe(
      "curl -H 'X-Test: a b' 'https://x/?a=1&b=2'",
    );
    expect(formatCommand(['-H', 'Accept: */*'])).toBe("curl -H 'Accept: */*'");
  });

  it('takes a different program', () => {
    expect(formatCommand(['s_client', '-connect', '127.0.0.1:8443'], 'openssl')).toBe(
      'openssl s_client -connect 127.0.0.1:8443',
    );
  });
});

describe('buildCurlArgs: showing the server certificate', () => {
  it("adds -w '%{stderr}%{certs}' so the chain (with its serial) follows the -v lines on stderr", () => {
    const args = buildCurlArgs({ url: 'https://127.0.0.1:8443/', showServerCertificate: true });
    expect(args).toEqual(['-v', '-k', '-w', '%{stderr}%{certs}', '--max-time', '10', 'https://127.0.0.1:8443/']);
    expect(formatCommand(args)).toBe("curl -v -k -w '%{stderr}%{certs}' --max-time 10 https://127.0.0.1:8443/");
  });
});

describe('buildCurlArgs: a cookie jar', () => {
  it('reads and writes the same file with --cookie and --cookie-jar, so a client keeps its AWSALB cookie between runs', () => {
    const args = buildCurlArgs({
      url: 'https://127.0.0.1:8443/',
      sourceAddress: '127.0.0.3',
      cookieJar: '/state/client-3.cookies',
    });
    expect(args).toEqual([
      '-v',
      '-k',
      '--interface',
      '127.0.0.3',
      '--cookie',
      '/state/client-3.cookies',
      '--cookie-jar',
      '/state/client-3.cookies',
      '--max-time',
      '10',
      'https://127.0.0.1:8443/',
    ]);
  });
});
