// The identity filter matcher as the ELB documentation words it, and the identities read from real certificates.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityFilter } from '../model/topology.js';
import { type CertIdentity, readCertIdentity } from './cert-identity.js';
import { describeRefusal, evaluateIdentityFilters, normalizeUri, valueMatches } from './identity-filters.js';

const filter = (field: IdentityFilter['field'], matchType: IdentityFilter['matchType'], value: string) =>
  ({ field, matchType, value, action: 'accept' }) satisfies IdentityFilter;
const identity = (fields: Partial<CertIdentity>): CertIdentity => ({
  subjectCn: [],
  subjectOu: [],
  sanDns: [],
  sanUri: [],
  ...fields,
});

describe('evaluateIdentityFilters', () => {
  const billing = identity({ subjectCn: ['billing'], sanUri: ['spiffe://example.org/ns/prod/sa/billing'] });

  it('an empty list admits every certificate (no filtering)', () => {
    expect(evaluateIdentityFilters([], identity({}))).toEqual({ admitted: true, match: null });
  });

  it('one matching filter admits, whichever it is; the first match is reported', () => {
    const filters = [
      filter('san-dns', 'exact', 'api.partner.example.com'),
      filter('san-uri', 'prefix', 'spiffe://example.org/ns/prod/'),
      filter('subject-cn', 'exact', 'billing'),
    ];
    const decision = evaluateIdentityFilters(filters, billing);
    expect(decision).toEqual({
      admitted: true,
      match: { index: 1, filter: filters[1], value: 'spiffe://example.org/ns/prod/sa/billing' },
    });
  });

  it('no matching filter refuses, and says what the certificate had for each field', () => {
    const filters = [filter('san-dns', 'exact', 'api.partner.example.com'), filter('subject-ou', 'exact', 'payments')];
    const decision = evaluateIdentityFilters(filters, billing);
    expect(decision.admitted).toBe(false);
    if (decision.admitted) return;
    expect(decision.tried.map((t) => t.values)).toEqual([[], []]);
    expect(describeRefusal(decision)).toBe(
      'san-dns exact api.partner.example.com: the certificate has no san-dns; subject-ou exact payments: the certificate has no subject-ou',
    );
  });

  it('a missing field never matches, even a prefix of nothing', () => {
    expect(evaluateIdentityFilters([filter('san-uri', 'prefix', 's')], identity({ subjectCn: ['s'] })).admitted).toBe(
      false,
    );
  });

  it('a field with several values matches when any one does', () => {
    const twoOus = identity({ subjectOu: ['example.org.unit', 'Payments'] });
    expect(evaluateIdentityFilters([filter('subject-ou', 'exact', 'payments')], twoOus).admitted).toBe(true);
    const twoDns = identity({ sanDns: ['www.example.com', 'api.partner.example.com'] });
    expect(evaluateIdentityFilters([filter('san-dns', 'exact', 'api.partner.example.com')], twoDns).admitted).toBe(
      true,
    );
  });
});

describe('valueMatches', () => {
  it('subject-cn, subject-ou and san-dns ignore case, exact and prefix alike', () => {
    expect(valueMatches(filter('subject-cn', 'exact', 'ops-console'), 'OPS-Console')).toBe(true);
    expect(valueMatches(filter('subject-ou', 'exact', 'Payments'), 'payments')).toBe(true);
    expect(valueMatches(filter('san-dns', 'exact', 'api.partner.example.com'), 'API.Partner.Example.COM')).toBe(true);
    expect(valueMatches(filter('subject-cn', 'prefix', 'PARTNER-'), 'partner-acme')).toBe(true);
  });

  it('exact is exact: a longer value or a look-alike does not match', () => {
    expect(valueMatches(filter('subject-cn', 'exact', 'ops-console'), 'ops-console-2')).toBe(false);
    expect(
      valueMatches(filter('san-dns', 'exact', 'api.partner.example.com'), 'api.partner.example.com.attacker.test'),
    ).toBe(false);
    expect(
      valueMatches(filter('san-dns', 'prefix', 'api.partner.example.com'), 'api.partner.example.com.attacker.test'),
    ).toBe(true);
  });

  it('san-uri: scheme and host ignore case, the path does not', () => {
    const prod = filter('san-uri', 'prefix', 'spiffe://example.org/ns/prod/');
    expect(valueMatches(prod, 'SPIFFE://Example.ORG/ns/prod/sa/billing')).toBe(true);
    expect(valueMatches(prod, 'spiffe://example.org/NS/prod/sa/billing')).toBe(false);
    expect(valueMatches(prod, 'spiffe://example.org/ns/production/sa/billing')).toBe(false);
    expect(valueMatches(filter('san-uri', 'exact', 'URN:Example:Billing'), 'urn:Example:Billing')).toBe(true);
    expect(valueMatches(filter('san-uri', 'exact', 'urn:example:billing'), 'urn:Example:Billing')).toBe(false);
  });

  it('no wildcards: "*" is an ordinary character', () => {
    expect(valueMatches(filter('san-dns', 'exact', '*.example.com'), 'api.example.com')).toBe(false);
    expect(valueMatches(filter('san-dns', 'exact', '*.example.com'), '*.EXAMPLE.com')).toBe(true);
  });
});

describe('normalizeUri', () => {
  it('lowers scheme and host only, keeping userinfo, port, path, query and fragment', () => {
    expect(normalizeUri('HTTPS://User@Api.Example.COM:8443/A/b?Q=1#F')).toBe(
      'https://User@api.example.com:8443/A/b?Q=1#F',
    );
    expect(normalizeUri('spiffe://Example.org')).toBe('spiffe://example.org');
    expect(normalizeUri('https://[2001:DB8::1]:443/X')).toBe('https://[2001:db8::1]:443/X');
  });

  it('a value without a colon is a scheme (or its start); a prefix may end inside the host', () => {
    expect(normalizeUri('SPIFFE')).toBe('spiffe');
    expect(normalizeUri('spiffe://Exam')).toBe('spiffe://exam');
  });
});

describe('readCertIdentity', () => {
  let dir: string;
  const make = async (name: string, subject: string, ext: string) => {
    await execa(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-subj',
        subject,
        '-days',
        '2',
      ].concat(['-addext', ext, '-out', `${name}.crt`]),
      { cwd: dir },
    );
    return readFileSync(join(dir, `${name}.crt`), 'utf8');
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'identity-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every CN and OU, and the SAN DNS names and URIs in order', async () => {
    const pem = await make(
      'svc',
      '/O=example.org/OU=example.org.unit/OU=Payments/CN=billing',
      'subjectAltName=DNS:api.partner.example.com,URI:spiffe://example.org/ns/prod/sa/billing,DNS:API.Partner.Example.com,IP:127.0.0.1',
    );
    expect(readCertIdentity(pem)).toEqual({
      subjectCn: ['billing'],
      subjectOu: ['example.org.unit', 'Payments'],
      sanDns: ['api.partner.example.com', 'API.Partner.Example.com'],
      sanUri: ['spiffe://example.org/ns/prod/sa/billing'],
    });
  });

  it('a certificate without a SAN extension or an OU has none of them', async () => {
    const pem = await make(
      'plain',
      '/O=example.org/CN=spiffe:\\/\\/example.org\\/ns\\/prod\\/sa\\/billing',
      'keyUsage=digitalSignature',
    );
    expect(readCertIdentity(pem)).toEqual({
      subjectCn: ['spiffe://example.org/ns/prod/sa/billing'],
      subjectOu: [],
      sanDns: [],
      sanUri: [],
    });
  });
});
