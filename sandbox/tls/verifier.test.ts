// Verify-mode checks against the sandbox PKI (certs/pki.ts) plus a few certificates made here with openssl.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pki } from '../../certs/types.js';
import { readCertFields } from './cert-fields.js';
import { crlSignedBy, parseCrl } from './crl.js';
import { DerError, pemBlocks, pemToDer } from './der.js';
import { loadTrustStore, TrustStoreError, type LoadedTrustStore } from './trust-store.js';
import { FILTER_MISMATCH_CODE, NO_CERTIFICATE_CODE, VerifyCache, verifyClientChain } from './verifier.js';
import { unitPki } from '../testing/suite.js';

let dir: string;
let pki: Pki;
let store: LoadedTrustStore;
let storeWithoutCrl: LoadedTrustStore;
const read = (file: string) => readFileSync(file, 'utf8');
const der = (file: string) => pemToDer(read(file), 'CERTIFICATE');
const openssl = (...args: string[]) => execa('openssl', args, { cwd: dir });

async function signedBy(name: string, signer: { cert: string; key: string }, opts: { key?: string[]; ext: string }) {
  writeFileSync(join(dir, `${name}.ext`), opts.ext);
  await openssl(
    'req',
    '-new',
    '-nodes',
    ...(opts.key ?? ['-newkey', 'rsa:2048']),
    '-keyout',
    `${name}.key`,
    '-subj',
    `/CN=${name}`,
    '-out',
    `${name}.csr`,
  );
  await openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    signer.cert,
    '-CAkey',
    signer.key,
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  );
  return join(dir, `${name}.pem`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alb-verifier-'));
  pki = await unitPki(join(dir, 'pki'));
  store = loadTrustStore({ id: 'ts', caBundlePem: `# privateCA\n${read(pki.ca.cert)}`, crlPems: [read(pki.crl)] });
  storeWithoutCrl = loadTrustStore({ id: 'ts-nocrl', caBundlePem: read(pki.ca.cert), crlPems: [] });
  const ca = { cert: pki.ca.cert, key: pki.ca.key };
  await signedBy('intermediate', ca, {
    ext: 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n',
  });
  await signedBy(
    'viaIntermediate',
    { cert: join(dir, 'intermediate.pem'), key: join(dir, 'intermediate.key') },
    { ext: 'extendedKeyUsage=clientAuth\n' },
  );
  await signedBy('serverOnly', ca, { ext: 'extendedKeyUsage=serverAuth\n' });
  await signedBy('edKey', ca, { key: ['-newkey', 'ed25519'], ext: 'extendedKeyUsage=clientAuth\n' });
  await signedBy('smallRsa', ca, { key: ['-newkey', 'rsa:1024'], ext: 'extendedKeyUsage=clientAuth\n' });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verify = (chain: Buffer[], opts: { ignore?: boolean; now?: Date; s?: LoadedTrustStore } = {}) =>
  verifyClientChain(chain, opts.s ?? store, { ignoreClientCertificateExpiry: opts.ignore ?? false, now: opts.now });

describe('verifyClientChain', () => {
  it('accepts a certificate issued by a trust store CA', () => {
    const result = verify([der(pki.clients.clientA.cert)]);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.path).toHaveLength(1);
      expect(result.anchor.subject).toContain('CN=privateCA');
      expect(result.leafFields.subject).toBe(pki.clients.clientA.subject);
    }
  });

  it('reports a missing certificate', () => {
    expect(verify([])).toMatchObject({ ok: false, code: NO_CERTIFICATE_CODE });
  });

  it('rejects a certificate from another CA as untrusted', () => {
    expect(verify([der(pki.clients.untrusted.cert)])).toMatchObject({ ok: false, code: 'ClientCertUntrusted' });
    // even when the client also sends its own CA
    expect(verify([der(pki.clients.untrusted.cert), der(pki.untrustedCa.cert)])).toMatchObject({
      ok: false,
      code: 'ClientCertUntrusted',
    });
  });

  it('rejects expired certificates unless IgnoreClientCertificateExpiry', () => {
    const r = verify([der(pki.clients.expired.cert)]);
    expect(r).toMatchObject({ ok: false, code: 'ClientCertExpired' });
    expect(r.leafFields?.subject).toBe(pki.clients.expired.subject);
    expect(verify([der(pki.clients.expired.cert)], { ignore: true }).ok).toBe(true);
  });

  it('rejects certificates that are not valid yet, even when ignoring expiry', () => {
    const past = new Date('2001-01-01T00:00:00Z');
    expect(verify([der(pki.clients.clientA.cert)], { now: past, ignore: true })).toMatchObject({
      ok: false,
      code: 'ClientCertNotYetValid',
    });
  });

  it('rejects revoked certificates when the trust store has the CRL', () => {
    expect(verify([der(pki.clients.revoked.cert)])).toMatchObject({ ok: false, code: 'ClientCertCrlHit' });
    expect(verify([der(pki.clients.revoked.cert)], { s: storeWithoutCrl }).ok).toBe(true);
  });

  it('builds the path through intermediates the client presents', () => {
    const leaf = der(join(dir, 'viaIntermediate.pem'));
    expect(verify([leaf])).toMatchObject({ ok: false, code: 'ClientCertUntrusted' });
    const result = verify([leaf, der(join(dir, 'intermediate.pem'))]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.path).toHaveLength(2);
  });

  it('rejects a leaf whose extended key usage excludes client authentication', () => {
    expect(verify([der(join(dir, 'serverOnly.pem'))])).toMatchObject({ ok: false, code: 'ClientCertPurposeInvalid' });
  });

  it('rejects key types the ALB does not support', () => {
    expect(verify([der(join(dir, 'edKey.pem'))])).toMatchObject({ ok: false, code: 'ClientCertTypeUnsupported' });
    expect(verify([der(join(dir, 'smallRsa.pem'))])).toMatchObject({ ok: false, code: 'ClientCertTypeUnsupported' });
  });

  it('turns unparseable certificates into ClientCertInvalid', () => {
    expect(verify([Buffer.from('garbage')])).toMatchObject({ ok: false, code: 'ClientCertInvalid', leaf: null });
    const leaf = der(pki.clients.clientA.cert);
    expect(verify([leaf, Buffer.from([0x30, 0x03, 0x02, 0x01])])).toMatchObject({
      ok: false,
      code: 'ClientCertInvalid',
    });
  });
});

describe('the certificate cases AWS documents (issue 11)', () => {
  /** Every certificate of a client's --cert file, in file order: what curl presents. */
  const presented = (name: keyof Pki['clients']) => pemBlocks(read(pki.clients[name].cert), 'CERTIFICATE');
  const rootAndIntermediate = () =>
    loadTrustStore({ id: 'ts-int', caBundlePem: read(pki.ca.cert) + read(pki.intermediateCa.cert), crlPems: [] });

  it('a root-only trust store accepts leaf + intermediate, not the leaf alone, and any order of what follows', () => {
    expect(verify(presented('intermediateChain'))).toMatchObject({ ok: true });
    expect(verify(presented('intermediateLeaf'))).toMatchObject({ ok: false, code: 'ClientCertUntrusted' });
    expect(verify(presented('intermediateChainUnordered'))).toMatchObject({ ok: true });
    // a trust store that holds the intermediate accepts the leaf alone
    expect(verify(presented('intermediateLeaf'), { s: rootAndIntermediate() }).ok).toBe(true);
  });

  it('more than 4 presented certificates is ClientCertMaxChainDepthExceeded, with the leaf still read', () => {
    expect(presented('deepChain')).toHaveLength(5);
    const r = verify(presented('deepChain'));
    expect(r).toMatchObject({ ok: false, code: 'ClientCertMaxChainDepthExceeded' });
    expect(r.leafFields?.subject).toBe(pki.clients.deepChain.subject);
    // 4 presented is within the limit: untrusted here (intermediateCA is missing), accepted where the store has it
    expect(verify(presented('deepChain4'))).toMatchObject({ ok: false, code: 'ClientCertUntrusted' });
    expect(verify(presented('deepChain4'), { s: rootAndIntermediate() }).ok).toBe(true);
  });

  it('not yet valid, wrong purpose, X.509 v1, SHA-1 and RSA-1024 each get their code', () => {
    expect(verify(presented('notYetValid'))).toMatchObject({ ok: false, code: 'ClientCertNotYetValid' });
    expect(verify(presented('notYetValid'), { ignore: true })).toMatchObject({ code: 'ClientCertNotYetValid' });
    expect(verify(presented('wrongPurpose'))).toMatchObject({ ok: false, code: 'ClientCertPurposeInvalid' });
    for (const name of ['v1', 'sha1', 'rsa1024'] as const) {
      const r = verify(presented(name));
      expect(r, name).toMatchObject({ ok: false, code: 'ClientCertTypeUnsupported' });
      expect(r.leafFields?.subject, name).toBe(pki.clients[name].subject);
    }
    expect(verify(presented('v1')).ok ? '' : (verify(presented('v1')) as { detail: string }).detail).toContain('v1');
  });

  it('IgnoreClientCertificateExpiry waives the leaf expiry only, not an expired intermediate CA', () => {
    expect(verify(presented('expiredIntermediateChain'))).toMatchObject({ ok: false, code: 'ClientCertExpired' });
    const lenient = verify(presented('expiredIntermediateChain'), { ignore: true });
    expect(lenient).toMatchObject({ ok: false, code: 'ClientCertExpired' });
    expect((lenient as { detail: string }).detail).toContain('waives only the leaf');
  });

  it('an expired CRL is ClientCertCrlProcessingError for what its CA issued; a listed serial is still a CRL hit', () => {
    const stale = loadTrustStore({ id: 'ts-stale', caBundlePem: read(pki.ca.cert), crlPems: [read(pki.expiredCrl)] });
    expect(verify(presented('clientA'), { s: stale })).toMatchObject({
      ok: false,
      code: 'ClientCertCrlProcessingError',
    });
    expect(verify(presented('revoked'), { s: stale })).toMatchObject({ ok: false, code: 'ClientCertCrlHit' });
    // a certificate of another CA of the same store is not affected
    const both = loadTrustStore({
      id: 'ts-both',
      caBundlePem: read(pki.ca.cert) + read(pki.untrustedCa.cert),
      crlPems: [read(pki.expiredCrl)],
    });
    expect(verify(presented('untrusted'), { s: both }).ok).toBe(true);
  });
});

describe('CRLs and trust stores', () => {
  it('reads the revoked serials and checks the signature', () => {
    const crl = parseCrl(read(pki.crl));
    expect(crl.revokedSerials.has(pki.clients.revoked.serial)).toBe(true);
    expect(crl.revokedSerials.has(pki.clients.clientA.serial)).toBe(false);
    expect(crl.issuerDer.equals(readCertFields(read(pki.ca.cert)).subjectDer)).toBe(true);
    expect(crlSignedBy(crl, new X509Certificate(read(pki.ca.cert)))).toBe(true);
    expect(crlSignedBy(crl, new X509Certificate(read(pki.untrustedCa.cert)))).toBe(false);
    expect(crl.thisUpdate.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('refuses CRLs the bundle did not sign, and unreadable input', () => {
    expect(() =>
      loadTrustStore({ id: 'x', caBundlePem: read(pki.untrustedCa.cert), crlPems: [read(pki.crl)] }),
    ).toThrow(TrustStoreError);
    expect(() => loadTrustStore({ id: 'x', caBundlePem: '# only a comment', crlPems: [] })).toThrow(
      /no PEM certificate/,
    );
    expect(() => parseCrl('-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n')).toThrow(DerError);
  });

  it('accepts a bundle of several CAs with comments', () => {
    const both = loadTrustStore({
      id: 'two',
      caBundlePem: `# a\n${read(pki.ca.cert)}# b\n${read(pki.untrustedCa.cert)}`,
      crlPems: [],
    });
    expect(both.cas).toHaveLength(2);
    expect(verify([der(pki.clients.untrusted.cert)], { s: both }).ok).toBe(true);
  });
});

describe('the NLB order: trust store, identity filters, revocation', () => {
  const cn = (value: string, matchType: 'exact' | 'prefix' = 'exact') =>
    ({ field: 'subject-cn', matchType, value, action: 'accept' }) as const;
  const nlb = (chain: Buffer[], filters: readonly ReturnType<typeof cn>[], s = store) =>
    new VerifyCache(s).verify(chain, { ignoreClientCertificateExpiry: false, identityFilters: filters });

  it('a revoked certificate that matches a filter is refused by the CRL check', () => {
    expect(nlb([der(pki.clients.revoked.cert)], [cn('revokedclient')])).toMatchObject({
      ok: false,
      code: 'ClientCertCrlHit',
    });
  });

  it('a revoked certificate that matches no filter is refused by the filters: they run before revocation', () => {
    const r = nlb([der(pki.clients.revoked.cert)], [cn('clientA')]);
    expect(r).toMatchObject({ ok: false, code: FILTER_MISMATCH_CODE });
    expect((r as { detail: string }).detail).toBe(
      'no identity filter matched: subject-cn exact clientA: not "revokedClient"',
    );
    // and an expired CRL, which is part of revocation too, comes after the filters
    const stale = loadTrustStore({ id: 'ts-stale', caBundlePem: read(pki.ca.cert), crlPems: [read(pki.expiredCrl)] });
    expect(nlb([der(pki.clients.clientA.cert)], [cn('clientB')], stale)).toMatchObject({ code: FILTER_MISMATCH_CODE });
    expect(nlb([der(pki.clients.clientA.cert)], [cn('clientA')], stale)).toMatchObject({
      code: 'ClientCertCrlProcessingError',
    });
  });

  it('the trust store comes first: an untrusted or expired certificate never reaches the filters', () => {
    expect(nlb([der(pki.clients.untrusted.cert)], [cn('untrustedClient')])).toMatchObject({
      code: 'ClientCertUntrusted',
    });
    expect(nlb([der(pki.clients.expired.cert)], [cn('nobody')])).toMatchObject({ code: 'ClientCertExpired' });
  });

  it('an empty filter list admits every valid certificate; a match is reported in words', () => {
    expect(nlb([der(pki.clients.clientB.cert)], [])).toMatchObject({ ok: true, filterMatch: null });
    expect(nlb([der(pki.clients.clientA.cert)], [cn('other'), cn('CLIENTa')])).toMatchObject({
      ok: true,
      filterMatch: 'identity filter 2 (subject-cn exact CLIENTa) matched "clientA"',
    });
  });

  it('the ALB, which has no filters, still checks revocation before the dates', () => {
    expect(verify([der(pki.clients.revoked.cert)])).toMatchObject({ code: 'ClientCertCrlHit' });
    expect(verify([der(pki.clients.clientA.cert)]).ok && verify([der(pki.clients.clientA.cert)])).toMatchObject({
      filterMatch: null,
    });
  });
});
