import { describe, expect, it } from 'vitest';
import { assumed } from '../evidence.js';
import type { ProbeReport, TargetObservation, VerifierCode } from '../report.js';
import { defineScenario } from '../scenario.js';
import { buildIdentityTable, forgeryCheck, identityFields, identityFormat } from './identity-table.js';

const SUBJECT = 'CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP';

/** The fields of a probe's record the table reads; the rest does not matter to it. */
function probe(name: string, verifiedBy: VerifierCode, target: Partial<TargetObservation> | null): ProbeReport {
  return {
    name,
    via: { loadBalancer: 'Alb', port: 443 },
    client: { certificate: 'clientA', sourceAddress: '127.0.0.1', sources: null },
    verifiedBy,
    target: target ? { name: 'app', remoteAddress: '127.0.0.1', receivedHeaders: {}, details: {}, ...target } : null,
  } as ProbeReport;
}

describe('identity value formats', () => {
  it.each([
    ['x-amzn-mtls-clientcert-subject', SUBJECT, 'dn-rfc2253'],
    ['ssl_client_serial', '5EA0D6C5B7A4A93F', 'hex-upper'],
    ['cloudfront-viewer-cert-serial-number', '00:9e:2a:af', 'hex-colon-lower'],
    ['cloudfront-viewer-cert-sha256', '01fbf94fef5569753420', 'hex-lower'],
    ['x-amzn-mtls-clientcert-leaf', '-----BEGIN%20CERTIFICATE-----%0AMIIB', 'pem-url-encoded'],
    ['x-amzn-mtls-clientcert-validity', 'NotBefore=2024-11-03T04:09:55Z;NotAfter=2024-12-03T04:09:55Z', 'validity'],
    ['ssl_client_verify', 'NONE', 'verify-result'],
    ['x-amzn-tls-version', 'TLSv1.2', 'tls-version'],
    ['x-amzn-tls-cipher-suite', 'ECDHE-RSA-AES128-GCM-SHA256', 'cipher'],
    ['client-cert', ':MIIBaz==:', 'sf-binary'],
    ['x-client-note', 'hello world', 'text'],
    // An OpenSSL one-line DN ("C = JP, ST = Osaka…") is not RFC 2253.
    ['subject', 'C = JP, ST = Osaka, CN = clientA', 'text'],
  ])('%s: %s is %s', (name, value, format) => {
    expect(identityFormat(name, value)).toBe(format);
  });
});

describe('what the target learns', () => {
  it('takes the identity headers, and the TLS variables only of a session that was the client’s', () => {
    const nginx = probe('tcp', 'nginx', {
      receivedHeaders: { 'user-agent': 'curl', 'x-forwarded-for': '127.0.0.1' },
      details: { ssl_client_verify: 'SUCCESS', ssl_client_s_dn: SUBJECT, ssl_protocol: 'TLSv1.3', status: '200' },
    });
    expect(identityFields(nginx).map((f) => [f.source, f.name])).toEqual([
      ['tls', 'ssl_client_verify'],
      ['tls', 'ssl_client_s_dn'],
      ['tls', 'ssl_protocol'],
    ]);
    const behindNlb = probe('nlb', 'nlb-trust-store', {
      details: { ssl_client_verify: 'NONE', ssl_protocol: 'TLSv1.3' },
    });
    expect(identityFields(behindNlb).map((f) => f.name)).toEqual(['ssl_client_verify']);
    const renamed = probe('alb', 'alb-trust-store', {
      receivedHeaders: { 'X-Client-Cert-Subject': SUBJECT, 'x-amzn-tls-version': 'TLSv1.2', accept: '*/*' },
    });
    expect(identityFields(renamed).map((f) => f.name)).toEqual(['x-amzn-tls-version']);
    expect(identityFields(renamed, ['x-client-cert-']).map((f) => f.name)).toEqual([
      'x-client-cert-subject',
      'x-amzn-tls-version',
    ]);
    expect(identityFields(probe('none', 'alb-trust-store', null))).toEqual([]);
  });

  it('tells a forged header that arrived as written from one the door replaced or dropped', () => {
    const header = 'X-Amzn-Mtls-Clientcert-Subject';
    const forged = 'CN=admin';
    const as = (value?: string) =>
      forgeryCheck(
        probe('p', 'nginx', { receivedHeaders: value === undefined ? {} : { [header.toLowerCase()]: value } }),
        header,
        forged,
      ).result;
    expect(as(forged)).toBe('as-sent');
    expect(as(SUBJECT)).toBe('replaced');
    expect(as()).toBe('dropped');
    expect(forgeryCheck(probe('p', 'alb-trust-store', null), header, forged).result).toBe('no-target');
  });

  it('builds one row per door in order, its words in the run language, leaving out probes that did not run', () => {
    const probes = [
      probe('a', 'alb-trust-store', { receivedHeaders: { 'x-amzn-mtls-clientcert-subject': SUBJECT } }),
      probe('a-forged', 'alb-trust-store', { receivedHeaders: { 'x-amzn-mtls-clientcert-subject': SUBJECT } }),
      { ...probe('b', 'nginx', null), skipped: { code: 'skip.needs-localstack' } } as ProbeReport,
    ];
    const table = buildIdentityTable(
      [
        {
          door: { en: 'ALB verify', ja: 'ALB 検証' },
          probe: 'a',
          forgery: { probe: 'a-forged', header: 'X-Amzn-Mtls-Clientcert-Subject' },
        },
        { door: { en: 'skipped', ja: 'skipped' }, probe: 'b' },
      ],
      probes,
      (name): Record<string, string> => (name === 'a-forged' ? { 'x-amzn-mtls-clientcert-subject': 'CN=admin' } : {}),
      'ja',
    );
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]).toMatchObject({
      door: 'ALB 検証',
      probe: 'a',
      reachedTarget: true,
      forgery: { result: 'replaced', sent: 'CN=admin', received: SUBJECT },
    });
  });
});

describe('a scenario declaring its front doors', () => {
  const base = {
    id: 'doors',
    title: { en: 't', ja: 't' },
    summary: { en: 's', ja: 's' },
    story: { id: 'st', order: 1, title: { en: 'st', ja: 'st' } },
    seeds: [],
    tags: [],
    stackModule: new URL('file:///stack.ts'),
    targets: {},
    explain: { en: 'e', ja: 'e' },
    probes: [
      {
        name: 'door',
        description: { en: 'd', ja: 'd' },
        via: { loadBalancer: 'Alb', port: 443 },
        client: { certificate: 'clientA' as const, headers: { 'X-Client-Cert-Subject': 'CN=admin' } },
        expect: {},
        evidence: assumed({ en: 'a', ja: 'a' }),
      },
    ],
  };

  it('is refused when a door names a probe the scenario lacks, or a header its probe does not send', () => {
    expect(() => defineScenario({ ...base, identityTable: [{ door: { en: 'X', ja: 'X' }, probe: 'nope' }] })).toThrow(
      /identityTable door "X" names probe "nope"/,
    );
    expect(() =>
      defineScenario({
        ...base,
        identityTable: [{ door: { en: 'X', ja: 'X' }, probe: 'door', forgery: { probe: 'door', header: 'X-Other' } }],
      }),
    ).toThrow(/checks header X-Other, which probe "door" does not send/);
    expect(
      defineScenario({
        ...base,
        identityTable: [
          { door: { en: 'X', ja: 'X' }, probe: 'door', forgery: { probe: 'door', header: 'x-client-cert-subject' } },
        ],
      }).identityTable,
    ).toHaveLength(1);
  });
});

describe('identityFormat: x-amzn-tls-kx', () => {
  it('reads the key exchange group as an IANA group name, by the header or by the value', () => {
    expect(identityFormat('x-amzn-tls-kx', 'secp256r1')).toBe('tls-group');
    expect(identityFormat('X-Amzn-Tls-Kx', 'X25519MLKEM768')).toBe('tls-group');
    expect(identityFormat('x-renamed', 'x25519')).toBe('tls-group');
    // a version or a cipher stays what it is
    expect(identityFormat('x-amzn-tls-version', 'TLSv1.2')).toBe('tls-version');
  });
});
