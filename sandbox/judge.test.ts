import { describe, expect, it } from 'vitest';
import { say } from '../cli/i18n/messages.js';
import { cite, documented, observed } from './evidence.js';
import { judge as judgeMessages, type Observed, verdictOf } from './judge.js';
import type { Expectation, ProbeSpec, ScenarioDefinition } from './scenario.js';
import { fidelityShort, verdictText } from '../cli/i18n/index.js';
import type { Handshake, TargetObservation } from './report.js';

/** The judge's mismatches in the words a reader sees (the catalogue's English). */
const judge = (expect: Expectation, observed: Observed) => judgeMessages(expect, observed).map((m) => say(m, 'en'));

const handshake = (overrides: Partial<Handshake> = {}): Handshake => ({
  tlsVersion: 'TLSv1.3',
  cipher: 'TLS_AES_256_GCM_SHA384',
  clientCertificateRequested: true,
  clientCertificateSent: true,
  alpn: 'http/1.1',
  alerts: [],
  error: null,
  ...overrides,
});

const target = (overrides: Partial<TargetObservation> = {}): TargetObservation => ({
  name: 'web-1',
  remoteAddress: '127.0.0.1',
  receivedHeaders: { host: 'localhost', 'x-amzn-mtls-clientcert-subject': 'CN=clientA,O=example.org' },
  details: { ssl_client_verify: 'SUCCESS', ssl_client_s_dn: 'CN=clientA,OU=unit,O=example.org', status: '200' },
  ...overrides,
});

/** A 200 answered by web-1 after a TLS 1.3 handshake in which a client certificate was requested and sent. */
const ok = (overrides: Partial<Observed> = {}): Observed => ({
  handshake: handshake(),
  response: {
    status: 200,
    httpVersion: '1.1',
    reason: 'OK',
    headers: { server: 'nginx/1.22.1', 'content-type': 'text/html' },
    body: '<h1>Hello from web-1</h1>',
  },
  connectionError: null,
  curlExitCode: 0,
  target: target(),
  connectionLog: [],
  ...overrides,
});

/** No HTTP response: the connection was reset during the handshake. */
const reset = (overrides: Partial<Observed> = {}): Observed =>
  ok({
    handshake: handshake({
      tlsVersion: null,
      cipher: null,
      clientCertificateSent: false,
      error: 'Connection reset by peer',
    }),
    response: null,
    connectionError: 'Connection reset by peer',
    curlExitCode: 35,
    target: null,
    ...overrides,
  });

describe('judge: an empty expectation', () => {
  it('passes whatever happened', () => {
    expect(judge({}, ok())).toEqual([]);
    expect(judge({}, reset())).toEqual([]);
  });
});

describe('judge: status', () => {
  it('passes on the expected status and on "no HTTP response" when there was none', () => {
    expect(judge({ status: 200 }, ok())).toEqual([]);
    expect(judge({ status: null }, reset())).toEqual([]);
  });

  it('says which status was expected and which came', () => {
    expect(judge({ status: 400 }, ok())).toEqual(['expected HTTP 400, got HTTP 200']);
  });

  it('explains a missing response with the connection error', () => {
    expect(judge({ status: 200 }, reset())).toEqual([
      'expected HTTP 200, got no HTTP response (Connection reset by peer)',
    ]);
  });

  it('falls back to the handshake error, then to the curl exit code', () => {
    expect(
      judge({ status: 200 }, reset({ connectionError: null, handshake: handshake({ error: 'alert unknown ca' }) })),
    ).toEqual(['expected HTTP 200, got no HTTP response (alert unknown ca)']);
    expect(
      judge({ status: 200 }, reset({ connectionError: null, handshake: handshake({ error: null }), curlExitCode: 52 })),
    ).toEqual(['expected HTTP 200, got no HTTP response (curl exit 52)']);
  });

  it('says "no HTTP response" was expected when one came', () => {
    expect(judge({ status: null }, ok())).toEqual(['expected no HTTP response, got HTTP 200']);
  });
});

describe('judge: body', () => {
  it('passes when the body contains bodyIncludes and lacks bodyExcludes', () => {
    expect(judge({ bodyIncludes: 'Hello from', bodyExcludes: '400 Bad Request' }, ok())).toEqual([]);
  });

  it('quotes the expected text and the body that came', () => {
    expect(judge({ bodyIncludes: 'No required SSL certificate' }, ok())).toEqual([
      'expected the body to contain "No required SSL certificate", got "<h1>Hello from web-1</h1>"',
    ]);
  });

  it('treats a missing response as an empty body', () => {
    expect(judge({ bodyIncludes: 'x' }, reset())).toEqual(['expected the body to contain "x", got ""']);
    expect(judge({ bodyExcludes: 'x' }, reset())).toEqual([]);
  });

  it('flattens and shortens a long body in the message', () => {
    const body = `<html>\n  <body>\n${'a'.repeat(300)}</body></html>`;
    const [message] = judge(
      { bodyIncludes: 'zzz' },
      ok({ response: { status: 200, httpVersion: '1.1', reason: 'OK', headers: {}, body } }),
    );
    expect(message).toMatch(/^expected the body to contain "zzz", got "<html> <body> a+\.\.\."$/);
    expect(message!.length).toBeLessThan(200);
  });

  it('names text that should not have been in the body', () => {
    expect(judge({ bodyExcludes: 'Hello from' }, ok())).toEqual(['expected the body not to contain "Hello from"']);
  });
});

describe('judge: response headers', () => {
  it('matches header names case-insensitively against the lowercase headers', () => {
    expect(judge({ responseHeaders: { 'Content-Type': 'text/html', server: 'nginx/1.22.1' } }, ok())).toEqual([]);
  });

  it('names the header, the expected value and what came, or none', () => {
    expect(judge({ responseHeaders: { 'Content-Type': 'application/json', Location: 'https://x/' } }, ok())).toEqual([
      'expected response header Content-Type: application/json, got text/html',
      'expected response header Location: https://x/, got none',
    ]);
    expect(judge({ responseHeaders: { Server: 'awselb/2.0' } }, reset())).toEqual([
      'expected response header Server: awselb/2.0, got none',
    ]);
  });
});

describe('judge: connection error', () => {
  it('passes on a matching substring and on null when there was none', () => {
    expect(judge({ connectionError: 'reset by peer' }, reset())).toEqual([]);
    expect(judge({ connectionError: null }, ok())).toEqual([]);
  });

  it('says none was expected when one happened', () => {
    expect(judge({ connectionError: null }, reset())).toEqual([
      'expected no connection error, got "Connection reset by peer"',
    ]);
  });

  it('says which error was expected and which happened, or none', () => {
    expect(judge({ connectionError: 'Connection refused' }, reset())).toEqual([
      'expected connection error "Connection refused", got "Connection reset by peer"',
    ]);
    expect(judge({ connectionError: 'Connection refused' }, ok())).toEqual([
      'expected connection error "Connection refused", got none',
    ]);
  });
});

describe('judge: curl exit code', () => {
  it('passes on the expected code and reports both codes otherwise', () => {
    expect(judge({ curlExitCode: 35 }, reset())).toEqual([]);
    expect(judge({ curlExitCode: 0 }, reset())).toEqual(['expected curl to exit 0, it exited 35']);
  });
});

describe('judge: handshake', () => {
  it('passes when request, sending and version match', () => {
    expect(
      judge(
        { handshake: { clientCertificateRequested: true, clientCertificateSent: true, tlsVersion: 'TLSv1.3' } },
        ok(),
      ),
    ).toEqual([]);
    expect(
      judge(
        { handshake: { clientCertificateRequested: false, clientCertificateSent: false } },
        ok({ handshake: handshake({ clientCertificateRequested: false, clientCertificateSent: false }) }),
      ),
    ).toEqual([]);
  });

  it('reports a missing or unexpected certificate request', () => {
    expect(
      judge(
        { handshake: { clientCertificateRequested: true } },
        ok({ handshake: handshake({ clientCertificateRequested: false }) }),
      ),
    ).toEqual(['expected the server to request a client certificate (Request CERT), it did not']);
    expect(judge({ handshake: { clientCertificateRequested: false } }, ok())).toEqual([
      'expected no client certificate request, but the server sent Request CERT',
    ]);
  });

  it('reports a certificate sent or not sent against the expectation', () => {
    expect(
      judge(
        { handshake: { clientCertificateSent: true } },
        ok({ handshake: handshake({ clientCertificateSent: false }) }),
      ),
    ).toEqual(['expected curl to send a client certificate, it sent none']);
    expect(judge({ handshake: { clientCertificateSent: false } }, ok())).toEqual([
      'expected curl to send no client certificate, it sent one',
    ]);
  });

  it('names the expected and negotiated TLS versions, or nothing', () => {
    expect(judge({ handshake: { tlsVersion: 'TLSv1.2' } }, ok())).toEqual(['expected TLSv1.2, negotiated TLSv1.3']);
    expect(judge({ handshake: { tlsVersion: 'TLSv1.2' } }, reset())).toEqual(['expected TLSv1.2, negotiated nothing']);
  });
});

describe('judge: target', () => {
  it('passes when no target was expected and none received the request', () => {
    expect(judge({ target: null }, reset())).toEqual([]);
  });

  it('names the target that received a request none should have', () => {
    expect(judge({ target: null }, ok())).toEqual(['expected no target to receive the request, but web-1 did']);
  });

  it('reports that no target received a request when one should have', () => {
    expect(judge({ target: {} }, reset())).toEqual(['expected a target to receive the request, none did']);
    expect(judge({ target: {} }, ok())).toEqual([]);
  });

  it('checks which target answered', () => {
    expect(judge({ target: { oneOf: ['web-1', 'web-2'] } }, ok())).toEqual([]);
    expect(judge({ target: { oneOf: ['web-2', 'web-3'] } }, ok())).toEqual([
      'expected one of web-2, web-3 to answer, web-1 did',
    ]);
  });

  it('checks exact details, naming the key, the expected and the recorded value', () => {
    expect(judge({ target: { details: { ssl_client_verify: 'SUCCESS' } } }, ok())).toEqual([]);
    expect(judge({ target: { details: { ssl_client_verify: 'NONE', ssl_client_serial: '01' } } }, ok())).toEqual([
      `expected the target's ssl_client_verify to be "NONE", it was "SUCCESS"`,
      `expected the target's ssl_client_serial to be "01", it was ""`,
    ]);
  });

  it('checks details by substring', () => {
    expect(judge({ target: { detailsInclude: { ssl_client_s_dn: 'CN=clientA' } } }, ok())).toEqual([]);
    expect(
      judge({ target: { detailsInclude: { ssl_client_s_dn: 'CN=clientB', ssl_client_i_dn: 'CN=privateCA' } } }, ok()),
    ).toEqual([
      `expected the target's ssl_client_s_dn to contain "CN=clientB", it was "CN=clientA,OU=unit,O=example.org"`,
      `expected the target's ssl_client_i_dn to contain "CN=privateCA", it was ""`,
    ]);
  });

  it('checks received headers case-insensitively by name, with exact values', () => {
    expect(
      judge(
        { target: { headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=clientA,O=example.org', host: 'localhost' } } },
        ok(),
      ),
    ).toEqual([]);
    expect(judge({ target: { headers: { 'x-amzn-mtls-clientcert-subject': 'CN=clientB' } } }, ok())).toEqual([
      'expected the target to receive x-amzn-mtls-clientcert-subject: "CN=clientB", it received "CN=clientA,O=example.org"',
    ]);
    expect(judge({ target: { headers: { 'x-amzn-mtls-clientcert-serial-number': '01' } } }, ok())).toEqual([
      'expected the target to receive x-amzn-mtls-clientcert-serial-number: "01", it received nothing',
    ]);
  });

  it('checks that a header is absent with null, quoting what was received', () => {
    expect(judge({ target: { headers: { 'x-amzn-mtls-clientcert': null } } }, ok())).toEqual([]);
    expect(judge({ target: { headers: { 'x-amzn-mtls-clientcert-subject': null } } }, ok())).toEqual([
      'expected the target not to receive x-amzn-mtls-clientcert-subject, it received "CN=clientA,O=example.org"',
    ]);
  });
});

describe('judge: connection log', () => {
  it('checks the last entry written during the probe, comparing values as strings', () => {
    const log = [
      { conn_trace_id: 'old', tls_verify_status: 'Failed:ClientCertNotFound', port: 1 },
      { conn_trace_id: 'new', tls_verify_status: 'Success', port: 443 },
    ];
    expect(judge({ connectionLog: { tls_verify_status: 'Success', port: '443' } }, ok({ connectionLog: log }))).toEqual(
      [],
    );
    expect(
      judge(
        { connectionLog: { tls_verify_status: 'Failed:ClientCertNotFound', listener: 'x' } },
        ok({ connectionLog: log }),
      ),
    ).toEqual([
      `expected the connection log's tls_verify_status to be "Failed:ClientCertNotFound", it was "Success"`,
      `expected the connection log's listener to be "x", it was ""`,
    ]);
  });

  it('reports a missing entry once', () => {
    expect(judge({ connectionLog: { tls_verify_status: 'Success', port: '443' } }, ok())).toEqual([
      'expected a connection log entry for this connection, none was written',
    ]);
  });
});

describe('judge: several mismatches', () => {
  it('reports every mismatch, in order: response, errors, handshake, target', () => {
    const mismatches = judge(
      {
        status: 200,
        bodyIncludes: 'Hello',
        connectionError: null,
        curlExitCode: 0,
        handshake: { clientCertificateSent: true },
        target: { oneOf: ['web-1'] },
      },
      reset(),
    );
    expect(mismatches).toEqual([
      'expected HTTP 200, got no HTTP response (Connection reset by peer)',
      'expected the body to contain "Hello", got ""',
      'expected no connection error, got "Connection reset by peer"',
      'expected curl to exit 0, it exited 35',
      'expected curl to send a client certificate, it sent none',
      'expected a target to receive the request, none did',
    ]);
  });
});

describe('judge: the server certificate (seed 001 rotation)', () => {
  const observed = (serial: string | undefined): Observed => ({
    handshake: handshake(serial ? { serverCertificateSerial: serial } : {}),
    response: null,
    connectionError: null,
    curlExitCode: 0,
    target: null,
    connectionLog: [],
  });
  it('compares the serial the handshake showed', () => {
    expect(judge({ handshake: { serverCertificateSerial: 'AB01' } }, observed('AB01'))).toEqual([]);
    expect(judge({ handshake: { serverCertificateSerial: 'AB01' } }, observed('CD02'))).toEqual([
      'expected the server certificate with serial AB01, got CD02',
    ]);
    expect(judge({ handshake: { serverCertificateSerial: 'AB01' } }, observed(undefined))).toEqual([
      'expected the server certificate with serial AB01, got none shown',
    ]);
  });
});

describe('judge: the TLS alert the client received (NLB refusals)', () => {
  const refused = (alerts: string[]) =>
    ok({ handshake: handshake({ alerts }), response: null, target: null, curlExitCode: 56 });

  it('matches the first alert from the server, close_notify and curl’s own alerts aside', () => {
    expect(judge({ handshake: { alert: 'access denied' } }, refused(['alert access denied']))).toEqual([]);
    expect(
      judge(
        { handshake: { alert: 'unknown ca' } },
        refused(['alert close notify', 'alert decode error (sent by curl)', 'alert unknown ca']),
      ),
    ).toEqual([]);
  });

  it('says which alert came instead, or that none did', () => {
    expect(judge({ handshake: { alert: 'certificate revoked' } }, refused(['alert access denied']))).toEqual([
      'expected the TLS alert "certificate revoked", got "access denied"',
    ]);
    expect(judge({ handshake: { alert: 'access denied' } }, ok())).toEqual([
      'expected the TLS alert "access denied", got no alert',
    ]);
    expect(judge({ handshake: { alert: null } }, refused(['alert unknown ca']))).toEqual([
      'expected no TLS alert, got "unknown ca"',
    ]);
    expect(judge({ handshake: { alert: null } }, refused(['alert close notify']))).toEqual([]);
  });
});

describe('verdictOf: whose expectation a verdict checks (issue 22, item 5)', () => {
  const probe = (overrides: Partial<ProbeSpec> = {}): Pick<ProbeSpec, 'evidence' | 'unjudged' | 'loaded'> => ({
    evidence: observed(cite('seed-004')),
    ...overrides,
  });
  const builtIn: Pick<ScenarioDefinition, 'origin' | 'copiedFrom'> = {};
  const yours = (copiedFrom?: ScenarioDefinition['copiedFrom']): Pick<ScenarioDefinition, 'origin' | 'copiedFrom'> => ({
    origin: { kind: 'user', folder: '/home/me/lab/my-rule' },
    ...(copiedFrom ? { copiedFrom } : {}),
  });
  const at = (line: number, copiedUnchanged = false): ProbeSpec['loaded'] => ({
    expectation: { file: '/home/me/lab/my-rule/scenario.ts', line },
    copiedUnchanged,
    lines: { expect: line },
  });
  const ran = (mismatches: number, stackDigest: string | null = null) => ({ skipped: false, mismatches, stackDigest });
  const COPIED = { scenario: 'alb-rule-on-mtls-header', template: 'aaaa', probes: { p: 'x' } };

  it("checks AWS's behaviour in the project's scenarios, by the evidence's level", () => {
    const verdict = verdictOf(probe(), builtIn, ran(1));
    expect(verdict).toEqual({ code: 'differs', level: 'observed', basis: 'observed', expectation: null, copied: null });
    expect(fidelityShort({ verdict }, 'en')).toBe('DIFFERS from AWS · observed');
  });

  it("checks the user's own expectation in a user's scenario: a miss differs from it, never from AWS", () => {
    const verdict = verdictOf(probe({ loaded: at(12) }), yours(), ran(2));
    expect(verdict.basis).toBe('yours');
    expect(verdict.expectation).toEqual({ file: '/home/me/lab/my-rule/scenario.ts', line: 12 });
    expect(fidelityShort({ verdict }, 'en')).toBe('DIFFERS from your expectation (scenario.ts:12)');
    const words = verdictText({ verdict, evidence: { level: 'observed', citations: [], assumption: null } }, 'en');
    expect(words).toContain('differs from your expectation (/home/me/lab/my-rule/scenario.ts:12)');
    expect(words).not.toMatch(/AWS's behaviour/);
    const matching = verdictOf(probe({ loaded: at(12), evidence: documented(cite('aws-alb-mtls')) }), yours(), ran(0));
    expect(fidelityShort({ verdict: matching }, 'en')).toBe('as you expect (scenario.ts:12)');
    expect(fidelityShort({ verdict: matching }, 'ja')).not.toMatch(/AWS/);
  });

  it('marks evidence copied by new --from until the author changes the probe, and says when the stack changed', () => {
    const unchanged = verdictOf(probe({ loaded: at(20, true) }), yours(COPIED), ran(0, 'aaaa'));
    expect(unchanged.copied).toEqual({ from: 'alb-rule-on-mtls-header', stackChanged: false });
    expect(fidelityShort({ verdict: unchanged }, 'en')).toBe(
      'as you expect (scenario.ts:20) · copied from alb-rule-on-mtls-header — re-check after you change the stack',
    );
    const stackChanged = verdictOf(probe({ loaded: at(20, true) }), yours(COPIED), ran(0, 'bbbb'));
    expect(stackChanged.copied).toEqual({ from: 'alb-rule-on-mtls-header', stackChanged: true });
    expect(fidelityShort({ verdict: stackChanged }, 'en')).toContain('the stack has changed since — re-check');
    // The author changed this probe: it is theirs, no longer marked as copied.
    const edited = verdictOf(probe({ loaded: at(20, false) }), yours(COPIED), ran(1, 'bbbb'));
    expect(edited.copied).toBeNull();
    expect(fidelityShort({ verdict: edited }, 'en')).toBe('DIFFERS from your expectation (scenario.ts:20)');
  });

  it('says skipped and unjudged whoever wrote the probe', () => {
    expect(verdictOf(probe(), builtIn, { skipped: true, mismatches: 0, stackDigest: null }).code).toBe('skipped');
    const unjudged = verdictOf(probe({ unjudged: { en: 'no model', ja: 'モデルなし' } }), builtIn, ran(0));
    expect(unjudged.code).toBe('unjudged');
  });
});
