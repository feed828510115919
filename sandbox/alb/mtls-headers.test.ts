// The mTLS header formats, checked against what the openssl CLI prints for the same certificates.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derToPem, readCertFields } from '../tls/cert-fields.js';
import { DerError } from '../tls/der.js';
import { escapeRfc2253Value, formatRfc2253 } from '../tls/dn.js';
import {
  clientMtlsHeaderHandling,
  formatValidity,
  MTLS_HEADER,
  passthroughHeaders,
  urlEncodeSafePlusEqualsSlash,
  verifyModeHeaders,
} from './mtls-headers.js';

let dir: string;
const SEED_ORG = '/C=JP/ST=Osaka/L=Default City/O=example.org/OU=example.org.unit';

async function openssl(...args: string[]): Promise<string> {
  const { stdout } = await execa('openssl', args, { cwd: dir });
  return stdout.trim();
}

/** Makes <name>.pem signed by ca.pem (or self-signed when ca is null) with the given subject or config. */
async function makeCert(
  name: string,
  opts: { subj?: string; config?: string; serial?: string; ca?: string | null; extra?: string[] },
) {
  const req = [
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
  ];
  if (opts.config) {
    writeFileSync(join(dir, `${name}.cnf`), opts.config);
    req.push('-config', `${name}.cnf`);
  } else req.push('-subj', opts.subj!, ...(opts.extra ?? []));
  if (opts.ca === null) {
    await openssl(
      ...req,
      '-x509',
      '-days',
      '30',
      '-out',
      `${name}.pem`,
      ...(opts.serial ? ['-set_serial', opts.serial] : []),
    );
    return;
  }
  await openssl(...req, '-out', `${name}.csr`);
  await openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${opts.ca ?? 'ca'}.pem`,
    '-CAkey',
    `${opts.ca ?? 'ca'}.key`,
    '-days',
    '30',
    '-out',
    `${name}.pem`,
    '-set_serial',
    opts.serial ?? '0x6DD0CF55AA5313FCC73D477D553C34174808B8BE',
  );
}

const pem = (name: string) => readFileSync(join(dir, `${name}.pem`), 'utf8');
const opensslSubject = async (name: string) =>
  (await openssl('x509', '-in', `${name}.pem`, '-noout', '-subject', '-nameopt', 'RFC2253')).replace(/^subject=/, '');
const opensslIssuer = async (name: string) =>
  (await openssl('x509', '-in', `${name}.pem`, '-noout', '-issuer', '-nameopt', 'RFC2253')).replace(/^issuer=/, '');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alb-mtls-headers-'));
  await makeCert('ca', { subj: `${SEED_ORG}/CN=privateCA`, ca: null, serial: '1' });
  await makeCert('intermediate', {
    subj: `${SEED_ORG}/CN=intermediate`,
    serial: '0x10',
    extra: ['-addext', 'basicConstraints=critical,CA:TRUE'],
  });
  await makeCert('clientA', { subj: `${SEED_ORG}/CN=clientA` });
  await makeCert('escapes', {
    subj: '/C=JP/O=Acme\\, Inc./OU=R\\+D/CN=\\#lead=eq "q";<>\\\\bs /CN=a+UID=b/emailAddress=x@y.z',
    extra: ['-multivalue-rdn'],
    serial: '2',
  });
  await makeCert('utf8', {
    subj: '/CN=日本語 テスト/O=tab\there/DC=example/street=Main St',
    extra: ['-utf8'],
    serial: '0xFEF257372D5C14D4',
  });
  await makeCert('oddtypes', {
    config:
      '[req]\ndistinguished_name=dn\nprompt=no\nstring_mask=default\nutf8=yes\n[dn]\nCN=héllo wörld\nO=plain\nserialNumber=SER-1\n0.1.2.3.4=unknown attribute\n',
  });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RFC 2253 names', () => {
  it('formats the seed 004 subject most specific first', async () => {
    const f = readCertFields(pem('clientA'));
    expect(f.subject).toBe('CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP');
    expect(f.issuer).toBe('CN=privateCA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP');
    expect(f.subject).toBe(await opensslSubject('clientA'));
    expect(f.issuer).toBe(await opensslIssuer('clientA'));
  });

  it.each(['escapes', 'utf8', 'oddtypes', 'intermediate', 'ca'])(
    'matches openssl -nameopt RFC2253 for %s',
    async (name) => {
      const f = readCertFields(pem(name));
      expect(f.subject).toBe(await opensslSubject(name));
      expect(f.issuer).toBe(await opensslIssuer(name));
    },
  );

  it('escapes commas, plus signs, quotes and multi-valued RDNs', () => {
    const subject = readCertFields(pem('escapes')).subject;
    expect(subject).toContain('O=Acme\\, Inc.');
    expect(subject).toContain('OU=R\\+D');
    expect(subject).toContain('UID=b+CN=a');
    expect(subject).toContain('CN=\\#lead=eq \\"q\\"\\;\\<\\>\\\\bs\\ ');
  });

  it('escapes per byte like OpenSSL', () => {
    expect(escapeRfc2253Value(Buffer.from(' a '))).toBe('\\ a\\ ');
    expect(escapeRfc2253Value(Buffer.from('#a#'))).toBe('\\#a#');
    expect(escapeRfc2253Value(Buffer.from('é'))).toBe('\\C3\\A9');
    expect(escapeRfc2253Value(Buffer.from('a\nb'))).toBe('a\\0Ab');
    expect(escapeRfc2253Value(Buffer.from('a=b'))).toBe('a=b');
  });

  it('rejects malformed DER with a DerError instead of crashing', () => {
    expect(() => formatRfc2253(Buffer.from([0x30, 0x05, 0x31]))).toThrow(DerError);
    expect(() => readCertFields(Buffer.from('not a certificate'))).toThrow(DerError);
    expect(() => readCertFields(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))).toThrow(DerError);
    const der = readCertFields(pem('clientA')).der;
    expect(() => readCertFields(der.subarray(0, der.length - 10))).toThrow(DerError);
  });
});

describe('verify mode headers', () => {
  it('produces the five headers with the exact documented formats', async () => {
    const headers = Object.fromEntries(verifyModeHeaders(new X509Certificate(pem('clientA'))));
    expect(Object.keys(headers)).toEqual([
      MTLS_HEADER.serialNumber,
      MTLS_HEADER.issuer,
      MTLS_HEADER.subject,
      MTLS_HEADER.validity,
      MTLS_HEADER.leaf,
    ]);
    // seed 004's serial, uppercase hex without separators
    expect(headers[MTLS_HEADER.serialNumber]).toBe('6DD0CF55AA5313FCC73D477D553C34174808B8BE');
    expect(headers[MTLS_HEADER.serialNumber]).toBe(
      (await openssl('x509', '-in', 'clientA.pem', '-noout', '-serial')).replace('serial=', ''),
    );
    expect(headers[MTLS_HEADER.subject]).toBe(
      'CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
    );
    const start = new Date(
      (await openssl('x509', '-in', 'clientA.pem', '-noout', '-startdate')).replace('notBefore=', ''),
    );
    const end = new Date((await openssl('x509', '-in', 'clientA.pem', '-noout', '-enddate')).replace('notAfter=', ''));
    expect(headers[MTLS_HEADER.validity]).toBe(
      `NotBefore=${start.toISOString().replace('.000', '')};NotAfter=${end.toISOString().replace('.000', '')}`,
    );
    expect(headers[MTLS_HEADER.validity]).toMatch(
      /^NotBefore=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ;NotAfter=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    const leaf = headers[MTLS_HEADER.leaf]!;
    expect(leaf.startsWith('-----BEGIN%20CERTIFICATE-----%0AMII')).toBe(true);
    expect(leaf.endsWith('%0A-----END%20CERTIFICATE-----%0A')).toBe(true);
    expect(leaf).not.toMatch(/%2B|%3D|%2F/);
    expect(decodeURIComponent(leaf)).toBe(pem('clientA'));
  });

  it('accepts DER, PEM and X509Certificate alike', () => {
    const fromPem = verifyModeHeaders(pem('utf8'));
    expect(verifyModeHeaders(new X509Certificate(pem('utf8')).raw)).toEqual(fromPem);
    expect(verifyModeHeaders(new X509Certificate(pem('utf8')))).toEqual(fromPem);
  });

  it('prints short and high-bit serials like the documentation examples', async () => {
    expect(readCertFields(pem('escapes')).serialHex).toBe('02');
    expect(readCertFields(pem('utf8')).serialHex).toBe('FEF257372D5C14D4');
    expect(readCertFields(pem('utf8')).serialHex).toBe(
      (await openssl('x509', '-in', 'utf8.pem', '-noout', '-serial')).replace('serial=', ''),
    );
  });

  it('formats validity as in seed 004', () => {
    expect(formatValidity(new Date('2024-11-03T04:09:55Z'), new Date('2024-12-03T04:09:55.999Z'))).toBe(
      'NotBefore=2024-11-03T04:09:55Z;NotAfter=2024-12-03T04:09:55Z',
    );
  });
});

describe('passthrough header', () => {
  it('carries the presented chain leaf first, URL-encoded with +=/ safe', () => {
    const leaf = readFileSync(join(dir, 'clientA.pem'), 'utf8');
    const chain = [leaf, pem('intermediate'), pem('ca')];
    const [[name, value]] = passthroughHeaders(chain) as [[string, string]];
    expect(name).toBe('X-Amzn-Mtls-Clientcert');
    expect(decodeURIComponent(value)).toBe(chain.map((c) => derToPem(readCertFields(c).der)).join(''));
    expect(value.split('-----BEGIN%20CERTIFICATE-----').length - 1).toBe(3);
    expect(passthroughHeaders([])).toEqual([]);
  });

  it('encodes everything but letters, digits, -_.~ and +=/', () => {
    expect(urlEncodeSafePlusEqualsSlash('a+b=c/d e\n%!*é')).toBe('a+b=c/d%20e%0A%25%21%2A%C3%A9');
  });
});

describe('client-sent X-Amzn-Mtls-* headers', () => {
  it('says per mode what happens, with a source, and marks it inferred', () => {
    expect(clientMtlsHeaderHandling('verify').action).toBe('removed-and-replaced');
    expect(clientMtlsHeaderHandling('passthrough').action).toBe('removed-and-replaced');
    expect(clientMtlsHeaderHandling('off').action).toBe('passed-through');
    for (const mode of ['off', 'passthrough', 'verify'] as const) {
      const h = clientMtlsHeaderHandling(mode);
      expect(h.inferred).toBe(true);
      expect(h.source).toMatch(/Mutual authentication with TLS/);
    }
  });
});
