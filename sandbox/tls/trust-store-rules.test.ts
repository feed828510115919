// What CreateTrustStore and AddTrustStoreRevocations accept (ELB "Mutual authentication with TLS", CA certificate
// files; quotas), on the sandbox PKI's files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pki } from '../../certs/types.js';
import { caBundleRefusal, revocationRefusal } from './trust-store-rules.js';
import { loadTrustStore, TrustStoreError } from './trust-store.js';
import { unitPki } from '../testing/suite.js';

let dir: string;
let pki: Pki;
let ca: string;
let untrusted: string;
const read = (file: string) => readFileSync(file, 'utf8');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alb-bundle-'));
  pki = await unitPki(join(dir, 'pki'));
  ca = read(pki.ca.cert);
  untrusted = read(pki.untrustedCa.cert);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CreateTrustStore: the CA bundle', () => {
  it("accepts AWS's valid shapes: comments before certificates, certificates back to back", () => {
    expect(caBundleRefusal(ca)).toBeNull();
    expect(caBundleRefusal(`# comments\n${ca}`)).toBeNull();
    expect(caBundleRefusal(`# private CA\n${ca}# another CA\n${untrusted}`)).toBeNull();
    expect(caBundleRefusal(`${ca}${untrusted}`.replace(/\n/g, '\r\n'))).toBeNull();
  });

  it("refuses AWS's invalid example: a blank line, then openssl's text output before the PEM", () => {
    const r = caBundleRefusal(`# comments\n\nCertificate:\n    Data:\n        Version: 3 (0x2)\n${ca}`);
    expect(r).toMatchObject({ operation: 'CreateTrustStore', code: 'InvalidCaCertificatesBundle', assumed: false });
    expect(r?.message).toBe('The specified ca certificate bundle is in an invalid format, or corrupt.');
    expect(r?.detail).toMatch(/line 2: a blank line/);
    expect(caBundleRefusal(`Certificate:\n${ca}`)?.detail).toMatch(/neither a certificate nor a # comment/);
  });

  it('refuses a comment with "-", a blank line between certificates, a broken block, an empty bundle', () => {
    expect(caBundleRefusal(`# private-CA\n${ca}`)?.detail).toMatch(/must not contain any - characters/);
    expect(caBundleRefusal(`${ca}\n${untrusted}`)?.detail).toMatch(/blank line/);
    expect(caBundleRefusal(ca.replace('-----END CERTIFICATE-----\n', ''))?.detail).toMatch(/no END CERTIFICATE/);
    expect(caBundleRefusal('# only a comment\n')?.detail).toBe('the bundle holds no certificate');
    expect(caBundleRefusal(ca.replace(/^M/m, '!'))?.detail).toMatch(/not base64/);
  });

  it('refuses more than 25 CA certificates and one over 16 KB, and says the error code is assumed', () => {
    expect(caBundleRefusal(ca.repeat(25))).toBeNull();
    const many = caBundleRefusal(ca.repeat(26));
    expect(many).toMatchObject({ code: 'InvalidCaCertificatesBundle', assumed: true });
    expect(many?.detail).toMatch(/26 CA certificates; the quota is 25/);
    const big = Buffer.alloc(17 * 1024, 1)
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n');
    const huge = caBundleRefusal(`-----BEGIN CERTIFICATE-----\n${big}\n-----END CERTIFICATE-----\n`);
    expect(huge).toMatchObject({ assumed: true });
    expect(huge?.detail).toMatch(/17408 bytes; the quota is 16384/);
  });

  it('the emulator refuses such a bundle itself, with the same words', () => {
    expect(() => loadTrustStore({ id: 'ts', caBundlePem: `${ca}\n${untrusted}`, crlPems: [] })).toThrow(
      /CreateTrustStore would fail with InvalidCaCertificatesBundle/,
    );
  });
});

describe('AddTrustStoreRevocations: the CRL', () => {
  it("accepts privateCA's CRLs for a bundle with privateCA, the expired one included", () => {
    expect(revocationRefusal(read(pki.crl), ca)).toBeNull();
    expect(revocationRefusal(read(pki.expiredCrl), ca)).toBeNull();
  });

  it('refuses a CRL no CA of the bundle signed (assumed code), and one that is not PEM', () => {
    const foreign = revocationRefusal(read(pki.untrustedCrl), ca);
    expect(foreign).toMatchObject({
      operation: 'AddTrustStoreRevocations',
      code: 'InvalidRevocationContent',
      assumed: true,
    });
    expect(foreign?.message).toBe('The provided revocation file is an invalid format, or uses an incorrect algorithm.');
    expect(revocationRefusal(read(pki.untrustedCrl), `${ca}${untrusted}`)).toBeNull();
    expect(revocationRefusal('MIIB', ca)).toMatchObject({ code: 'InvalidRevocationContent', assumed: false });
    expect(() => loadTrustStore({ id: 'ts', caBundlePem: ca, crlPems: [read(pki.untrustedCrl)] })).toThrow(
      TrustStoreError,
    );
  });
});
