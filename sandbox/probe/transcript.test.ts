import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCurlOutput, parseCurlTranscript, splitLines, type ParsedTranscript } from './transcript.js';
import { stepText } from '../../cli/i18n/steps.js';
import type { HandshakeStep } from '../report.js';

/** The words a reader sees for a step (the catalogue's English). */
const label = (step: HandshakeStep) => stepText(step, 'en');

// Fixtures: seed*.txt are copied verbatim from the seed articles (real AWS observations: curl 7.54, 8.4, 8.5);
// curl788-*.txt were captured on this machine with runCurl (curl 7.88.1 / OpenSSL 3.0) against throwaway nginx 1.22,
// `openssl s_server -Verify 1` and small Node servers that reset, close or stay silent.
function fixture(name: string): string[] {
  return splitLines(readFileSync(new URL(`./fixtures/${name}.txt`, import.meta.url), 'utf8'));
}

function parse(name: string, exitCode: number | null = null, body?: string): ParsedTranscript {
  return parseCurlTranscript(fixture(name), exitCode, body);
}

function decisiveLabels(parsed: ParsedTranscript): string[] {
  return parsed.steps.filter((s) => s.decisive).map((s) => `${s.direction} ${label(s)}`);
}

describe('seed 000: curl 7.54, TLS 1.2, nginx behind a CLB with a TCP listener', () => {
  it('no certificate: CertificateRequest answered by an empty Certificate, then HTTP 400', () => {
    const p = parse('seed000-clb-no-cert-400', 0);
    expect(p.handshake).toEqual({
      tlsVersion: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
      clientCertificateRequested: true,
      clientCertificateSent: false,
      alpn: 'http/1.1',
      // 7.54 prints the closing close_notify as "TLS alert, Client hello (1)"; it is no error.
      alerts: ['alert close notify (sent by curl)'],
      error: null,
    });
    expect(p.response).toEqual({
      status: 400,
      httpVersion: '1.1',
      reason: 'Bad Request',
      headers: {
        server: 'nginx/1.18.0',
        date: 'Sun, 07 Mar 2021 04:47:23 GMT',
        'content-type': 'text/html',
        'content-length': '237',
        connection: 'close',
      },
      body: '', // -I: the unprefixed lines are the headers once more, not a body
    });
    expect(p.connectionError).toBeNull();
    expect(p.curlError).toBeNull();
    expect(decisiveLabels(p)).toEqual([
      'in CertificateRequest: the server asks for a client certificate',
      'out Client Certificate: empty, curl has no certificate to send',
      'in HTTP 400 Bad Request',
    ]);
    const alert = p.steps.find((s) => s.line.includes('TLS alert'));
    expect(alert).toMatchObject({
      direction: 'out',
      decisive: false,
      line: '* TLSv1.2 (OUT), TLS alert, Client hello (1):',
    });
  });

  it('with a certificate: Certificate followed by CERT verify, then HTTP 200', () => {
    const p = parse('seed000-clb-cert-200', 0);
    expect(p.handshake).toEqual({
      tlsVersion: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
      clientCertificateRequested: true,
      clientCertificateSent: true,
      alpn: 'http/1.1',
      alerts: [],
      error: null,
    });
    expect(p.response?.status).toBe(200);
    expect(p.response?.httpVersion).toBe('1.1');
    expect(p.response?.headers).toMatchObject({
      server: 'nginx/1.18.0',
      'content-length': '3520',
      etag: '"5fa5cde7-dc0"',
      'accept-ranges': 'bytes',
      connection: 'keep-alive',
    });
    expect(p.response?.body).toBe('');
    expect(decisiveLabels(p)).toEqual([
      'in CertificateRequest: the server asks for a client certificate',
      'out Client Certificate: curl sends its certificate',
      'out Client CertificateVerify: proves the client holds the certificate key',
      'in HTTP 200 OK',
    ]);
    // The steps keep the transcript's order and its lines verbatim.
    expect(p.steps[0]?.line).toMatch(/^\* Connected to /);
    expect(p.steps.at(-1)?.line).toBe('< HTTP/1.1 200 OK');
  });
});

describe('seed 001: curl 8.4 through an HTTP proxy, TLS 1.3, nginx behind an NLB', () => {
  const p = parse('seed001-nlb-proxy-tls13-200', 0);

  it("reads the TLS 1.3 handshake; the server's own (IN) CERT verify does not count as the client's", () => {
    expect(p.handshake).toEqual({
      tlsVersion: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      clientCertificateRequested: true,
      clientCertificateSent: true,
      alpn: 'http/1.1',
      alerts: [],
      error: null,
    });
    const serverVerify = p.steps.find((s) => s.line.includes('(IN), TLS handshake, CERT verify'));
    expect(serverVerify).toMatchObject({ direction: 'in', decisive: false, kind: 'server-certificate-verify' });
  });

  it('ignores the proxy\'s "200 Connection established" and takes the server\'s response', () => {
    expect(p.response).toEqual({
      status: 200,
      httpVersion: '1.1',
      reason: 'OK',
      headers: {
        server: 'nginx/1.23.4',
        date: 'Thu, 09 Nov 2023 11:39:42 GMT',
        'content-type': 'text/html',
        'content-length': '615',
        'last-modified': 'Tue, 28 Mar 2023 17:09:24 GMT',
        connection: 'keep-alive',
        etag: '"64231f44-267"',
        'x-content-type-options': 'nosniff',
        'accept-ranges': 'bytes',
      },
      body: '',
    });
    expect(p.steps.filter((s) => label(s).startsWith('Proxy')).map((s) => s.decisive)).toEqual([false, false]);
    expect(p.connectionError).toBeNull();
    expect(p.curlError).toBeNull();
  });
});

describe('seed 004: curl 8.5, HTTP/2, ALB mutual TLS in verify mode', () => {
  it('with a certificate: h2 200 "Default Action" from the ALB itself', () => {
    const p = parse('seed004-alb-verify-h2-200', 0);
    expect(p.handshake).toEqual({
      tlsVersion: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES128-GCM-SHA256', // the "/ prime256v1 / rsaEncryption" tail of 8.x is dropped
      clientCertificateRequested: true,
      clientCertificateSent: true,
      alpn: 'h2',
      alerts: [],
      error: null,
    });
    expect(p.response).toEqual({
      status: 200,
      httpVersion: '2',
      reason: null,
      headers: {
        server: 'awselb/2.0',
        date: 'Sun, 03 Nov 2024 04:42:47 GMT',
        'content-type': 'text/plain; charset=utf-8',
        'content-length': '14',
      },
      body: 'Default Action', // guessed from the transcript: 14 bytes, no final newline
    });
    expect(decisiveLabels(p)).toEqual([
      'in CertificateRequest: the server asks for a client certificate',
      'out Client Certificate: curl sends its certificate',
      'out Client CertificateVerify: proves the client holds the certificate key',
      'in HTTP 200',
    ]);
  });

  it("reports only what was printed: the article's first transcript lacks the Request CERT and Certificate lines", () => {
    const p = parse('seed004-alb-verify-h2-200-abridged', 0);
    expect(p.handshake.clientCertificateRequested).toBe(false);
    expect(p.handshake.clientCertificateSent).toBe(false);
    expect(p.response?.status).toBe(200);
    expect(p.response?.body).toBe('Default Action');
  });

  it('without a certificate: connection reset during the handshake, curl (35), no response', () => {
    const p = parse('seed004-alb-verify-no-cert-reset', 35);
    expect(p.handshake).toEqual({
      tlsVersion: null,
      cipher: null,
      clientCertificateRequested: true,
      clientCertificateSent: false,
      alpn: null,
      alerts: [],
      error: null,
    });
    expect(p.response).toBeNull();
    expect(p.connectionError).toBe('Connection reset by peer');
    expect(p.curlError).toEqual({ code: 35, message: 'Recv failure: Connection reset by peer' });
    expect(decisiveLabels(p)).toEqual([
      'in CertificateRequest: the server asks for a client certificate',
      'out Client Certificate: empty, curl has no certificate to send',
      'in Connection reset by peer (TCP RST)',
      'info curl failed (35): Recv failure: Connection reset by peer',
    ]);
    // The reset is printed twice (Recv failure, then OpenSSL SSL_connect); only the first is a step.
    expect(p.steps.filter((s) => label(s).startsWith('Connection reset')).map((s) => s.line)).toEqual([
      '* Recv failure: Connection reset by peer',
    ]);
  });
});

describe('curl 7.88 (this machine) against nginx 1.22 with ssl_verify_client on', () => {
  it('TLS 1.2, -I, no certificate: 400, close notify at the end', () => {
    const p = parse('curl788-nginx-tls12-no-cert-head-400', 0);
    expect(p.handshake).toEqual({
      tlsVersion: 'TLSv1.2',
      cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
      clientCertificateRequested: true,
      clientCertificateSent: false,
      alpn: 'http/1.1',
      alerts: ['alert close notify (sent by curl)'],
      error: null,
    });
    expect(p.response).toMatchObject({
      status: 400,
      httpVersion: '1.1',
      reason: 'Bad Request',
      headers: { server: 'nginx/1.22.1', 'content-type': 'text/html', 'content-length': '237', connection: 'close' },
      body: '',
    });
  });

  it('TLS 1.2, -I, PEM certificate: 200', () => {
    const p = parse('curl788-nginx-tls12-cert-head-200', 0);
    expect(p.handshake).toMatchObject({
      clientCertificateRequested: true,
      clientCertificateSent: true,
      alpn: 'http/1.1',
    });
    expect(p.response).toMatchObject({
      status: 200,
      httpVersion: '1.1',
      reason: 'OK',
      headers: { server: 'nginx/1.22.1' },
      body: '',
    });
  });

  it('TLS 1.3, HTTP/2 GET, no certificate: empty Certificate under TLS 1.3 too, 400 page in the body', () => {
    const p = parse('curl788-nginx-tls13-h2-no-cert-400', 0);
    expect(p.handshake).toEqual({
      tlsVersion: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      clientCertificateRequested: true,
      clientCertificateSent: false,
      alpn: 'h2',
      alerts: [],
      error: null,
    });
    expect(p.response?.status).toBe(400);
    expect(p.response?.httpVersion).toBe('2');
    expect(p.response?.headers).toMatchObject({ server: 'nginx/1.22.1', 'content-length': '237' });
    expect(p.response?.body).toContain('<center>No required SSL certificate was sent</center>');
    expect(p.response?.body).not.toContain('Connection #0');
  });

  it('TLS 1.3, HTTP/2, PKCS#12 certificate: 200 and the subject nginx saw', () => {
    const p = parse('curl788-nginx-tls13-h2-p12-200', 0);
    expect(p.handshake).toMatchObject({
      tlsVersion: 'TLSv1.3',
      clientCertificateRequested: true,
      clientCertificateSent: true,
      alpn: 'h2',
    });
    expect(p.response).toMatchObject({ status: 200, httpVersion: '2', body: 'hello CN=clientA,O=sandbox,C=JP\n' });
  });

  it('without -k against an unknown CA: curl rejects the server (curl 60), its own alert is marked as sent', () => {
    const p = parse('curl788-nginx-verify-failed', 60);
    expect(p.handshake.alerts).toEqual(['alert unknown ca (sent by curl)']);
    expect(p.handshake.error).toBe('SSL certificate problem: unable to get local issuer certificate');
    expect(p.response).toBeNull();
    expect(p.connectionError).toBeNull();
    expect(p.curlError).toEqual({
      code: 60,
      message: 'SSL certificate problem: unable to get local issuer certificate',
    });
  });
});

describe('curl 7.88 against openssl s_server -Verify 1 (certificate required at the TLS layer)', () => {
  it('TLS 1.2, no certificate: fatal handshake failure alert, curl (35)', () => {
    const p = parse('curl788-sserver-tls12-no-cert-handshake-failure', 35);
    expect(p.handshake).toEqual({
      tlsVersion: null,
      cipher: null,
      clientCertificateRequested: true,
      clientCertificateSent: false,
      alpn: null,
      alerts: ['alert handshake failure'], // "TLS alert" line and OpenSSL's error line are one alert
      error: 'alert handshake failure',
    });
    expect(p.response).toBeNull();
    expect(p.connectionError).toBeNull();
    expect(p.curlError).toEqual({
      code: 35,
      message: 'OpenSSL/3.0.19: error:0A000410:SSL routines::sslv3 alert handshake failure',
    });
    expect(decisiveLabels(p)).toContain('in Alert from server: handshake failure (fatal)');
  });

  it('TLS 1.3, no certificate: the alert comes after the handshake; curl names it "unknown (628)"', () => {
    const p = parse('curl788-sserver-tls13-no-cert-certificate-required', 56);
    expect(p.handshake).toMatchObject({
      tlsVersion: 'TLSv1.3',
      clientCertificateRequested: true,
      clientCertificateSent: false,
      alerts: ['alert certificate required'],
      error: 'alert certificate required',
    });
    expect(p.curlError?.code).toBe(56);
    expect(p.response).toBeNull();
  });

  it('TLS 1.2, certificate from an untrusted CA: sent, then fatal unknown ca', () => {
    const p = parse('curl788-sserver-tls12-untrusted-unknown-ca', 35);
    expect(p.handshake).toMatchObject({
      clientCertificateRequested: true,
      clientCertificateSent: true,
      alerts: ['alert unknown ca'],
      error: 'alert unknown ca',
    });
    expect(decisiveLabels(p)).toEqual([
      'in CertificateRequest: the server asks for a client certificate',
      'out Client Certificate: curl sends its certificate',
      'out Client CertificateVerify: proves the client holds the certificate key',
      'in Alert from server: unknown ca (fatal)',
      'info TLS error: tlsv1 alert unknown ca',
      'info curl failed (35): OpenSSL/3.0.19: error:0A000418:SSL routines::tlsv1 alert unknown ca',
    ]);
  });
});

describe('curl 7.88 transport failures', () => {
  it.each([
    ['curl788-reset-during-handshake', 35, 'Connection reset by peer', 'Recv failure: Connection reset by peer'],
    [
      'curl788-closed-during-handshake',
      35,
      'SSL_ERROR_SYSCALL',
      'OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to 127.0.0.1:18460',
    ],
    ['curl788-empty-reply', 52, 'Empty reply from server', 'Empty reply from server'],
    ['curl788-timeout', 28, 'Connection timed out', 'Connection timed out after 1001 milliseconds'],
    [
      'curl788-refused',
      7,
      'Connection refused',
      "Failed to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server",
    ],
  ])('%s → %s', (name, code, connectionError, message) => {
    const p = parse(name, code);
    expect(p.connectionError).toBe(connectionError);
    expect(p.curlError).toEqual({ code, message });
    expect(p.response).toBeNull();
    expect(p.handshake.error).toBeNull();
    expect(p.steps.filter((s) => s.decisive).map((s) => label(s))).toEqual([
      connectionError === 'Connection reset by peer' ? 'Connection reset by peer (TCP RST)' : connectionError,
      `curl failed (${code}): ${message}`,
    ]);
  });
});

describe('parser details', () => {
  it('is tolerant of whitespace: indented copies and "* subject" vs "*  subject" parse the same', () => {
    const lines = fixture('seed000-clb-cert-200');
    const reshaped = lines.map((l) => `    ${l.replace(/^\*\s+/, '*    ')}   `);
    const a = parseCurlTranscript(lines, 0);
    const b = parseCurlTranscript(reshaped, 0);
    expect(b.handshake).toEqual(a.handshake);
    expect(b.response).toEqual(a.response);
    expect(b.steps.map((s) => label(s))).toEqual(a.steps.map((s) => label(s)));
  });

  it('takes the body from stdout with parseCurlOutput, and none for a HEAD request', () => {
    const transcript = fixture('curl788-nginx-tls13-h2-no-cert-400');
    const stdout = '<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n</html>\r\n';
    expect(parseCurlOutput({ transcript, stdout, exitCode: 0 }).response?.body).toBe(stdout);

    const head = fixture('curl788-nginx-tls12-no-cert-head-400');
    const echoed = 'HTTP/1.1 400 Bad Request\r\nServer: nginx/1.22.1\r\n\r\n';
    expect(parseCurlOutput({ transcript: head, stdout: echoed, exitCode: 0 }).response?.body).toBe('');
  });

  it('joins repeated headers and keeps only the last response (1xx, redirects)', () => {
    const p = parseCurlTranscript(
      [
        '> POST /x HTTP/1.1',
        '>',
        '< HTTP/1.1 100 Continue',
        '<',
        '< HTTP/1.1 302 Found',
        '< Set-Cookie: a=1',
        '< set-cookie: b=2',
        '< Location: /y',
        '<',
        '* Connection #0 to host x left intact',
      ],
      0,
      '',
    );
    expect(p.response).toEqual({
      status: 302,
      httpVersion: '1.1',
      reason: 'Found',
      headers: { 'set-cookie': 'a=1, b=2', location: '/y' },
      body: '',
    });
  });

  it('does not read transport errors out of a response body', () => {
    const p = parseCurlTranscript(
      ['> GET / HTTP/1.1', '< HTTP/1.1 502 Bad Gateway', '<', 'upstream: Connection refused'],
      0,
    );
    expect(p.connectionError).toBeNull();
    expect(p.response?.body).toBe('upstream: Connection refused');
  });

  it('falls back to the exit code when the final "curl: (N)" line is missing', () => {
    expect(parseCurlTranscript(['* Trying 127.0.0.1:1...'], 7).curlError).toEqual({
      code: 7,
      message: 'Failed to connect to host',
    });
    expect(parseCurlTranscript([], 0).curlError).toBeNull();
    expect(parseCurlTranscript([], null).curlError).toBeNull();
  });

  it('finds the TLS reason and alert in the curl line alone (curl 8 may not print a "TLS alert" line)', () => {
    const p = parseCurlTranscript(
      [
        '* TLSv1.3 (IN), TLS handshake, Request CERT (13):',
        'curl: (56) OpenSSL SSL_read: error:0A000418:SSL routines::tlsv1 alert unknown ca, errno 0',
      ],
      56,
    );
    expect(p.handshake.alerts).toEqual(['alert unknown ca']);
    expect(p.handshake.error).toBe('alert unknown ca');
  });

  it('reads 7.x and 8.x ALPN wording and "did not agree"', () => {
    const alpn = (line: string) => parseCurlTranscript([line], 0).handshake.alpn;
    expect(alpn('* ALPN, server accepted to use http/1.1')).toBe('http/1.1');
    expect(alpn('* ALPN: server accepted h2')).toBe('h2');
    expect(alpn('* ALPN: server did not agree on a protocol. Uses default.')).toBeNull();
  });

  it('treats an unnamed fatal alert from old curl as fatal', () => {
    const p = parseCurlTranscript(['* TLSv1.2 (IN), TLS alert, Server hello (2):'], 35);
    expect(p.handshake.alerts).toEqual(['alert fatal (curl did not name it)']);
    expect(p.handshake.error).toBe('alert fatal (curl did not name it)');
  });
});

describe("parseCurlTranscript: the server certificate from -w '%{certs}'", () => {
  it('takes the first Serial Number (the leaf), uppercase without separators', () => {
    const lines = [
      '* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384',
      '> GET / HTTP/1.1',
      '< HTTP/1.1 200 OK',
      '< Content-Length: 2',
      '<',
      'ok',
      'Subject:C = JP, ST = Osaka, L = Default City, O = example.org, OU = example.org.unit, CN = localhost',
      'Issuer:C = JP, ST = Osaka, L = Default City, O = example.org, OU = example.org.unit, CN = privateCA',
      'Version:2',
      'Serial Number:408f450480294ed6444b500f626b3853ec7e0379',
      'Serial Number:0102',
    ];
    const parsed = parseCurlTranscript(lines, 0, 'ok');
    expect(parsed.handshake.serverCertificateSerial).toBe('408F450480294ED6444B500F626B3853EC7E0379');
    expect(parsed.response?.body).toBe('ok');
  });
  it('leaves it out when curl did not print the certificate', () => {
    expect(
      parseCurlTranscript(['* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384'], 0).handshake
        .serverCertificateSerial,
    ).toBeUndefined();
  });
});
