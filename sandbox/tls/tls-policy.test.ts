import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { findSslPolicy, KNOWN_POLICIES, nlbBackendPolicy, resolveSslPolicy } from '../model/security-policies.js';
import { groupName, opensslHasMlKem } from '../model/tls-groups.js';
import { allowsLegacyTls, realizedGroups, secureContextOptions } from './tls-policy.js';
import { CONTENT_TYPE, RecordReader, serverHelloKind } from './tls-records.js';

describe('security policies', () => {
  it('defaults to ELBSecurityPolicy-2016-08: at most TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256 preferred for RSA', () => {
    const p = resolveSslPolicy(null);
    expect(p).toMatchObject({ name: 'ELBSecurityPolicy-2016-08', maxVersion: 'TLSv1.2' });
    const opts = secureContextOptions(p);
    expect(opts.honorCipherOrder).toBe(true);
    expect(opts.ciphers.split(':').filter((c) => c.includes('RSA'))[0]).toBe('ECDHE-RSA-AES128-GCM-SHA256');
  });
  it('allows TLS 1.3 for TLS13 policies; the PQ, FIPS-PQ and FS policies are in the table', () => {
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06')).toMatchObject({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
    });
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-3-2021-06')).toMatchObject({
      minVersion: 'TLSv1.3',
      ciphers: [],
    });
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09')).toMatchObject({
      maxVersion: 'TLSv1.3',
      minVersion: 'TLSv1.2',
    });
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09')).toMatchObject({
      maxVersion: 'TLSv1.3',
      minVersion: 'TLSv1.2',
      groups: ['X25519MLKEM768', 'SecP256r1MLKEM768', 'SecP384r1MLKEM1024', 'secp256r1', 'secp384r1', 'secp521r1'],
    });
    expect(resolveSslPolicy('ELBSecurityPolicy-FS-1-2-2019-08')).toMatchObject({ maxVersion: 'TLSv1.2' });
  });

  it('refuses a name it does not hold instead of lending it another policy: AWS answers SSLPolicyNotFound', () => {
    expect(findSslPolicy('ELBSecurityPolicy-TLS13-1-2-Made-Up-2030-01')).toBeNull();
    expect(() => resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-Made-Up-2030-01')).toThrow(/SSLPolicyNotFound/);
  });
});

describe('RFC 9151 (CNSA 1.0) policies, August 2026', () => {
  it('strict TLS 1.3: the single cipher TLS_AES_256_GCM_SHA384, on P-384 only', () => {
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07')).toMatchObject({
      minVersion: 'TLSv1.3',
      ciphers: [],
      tls13Ciphersuites: ['TLS_AES_256_GCM_SHA384'],
      groups: ['secp384r1'],
    });
  });
  it('strict TLS 1.2 and 1.3 adds the two ECDHE AES256-GCM-SHA384 ciphers; Ext0 the RSA one too', () => {
    const strict = resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07');
    expect(strict.ciphers).toEqual(['ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384']);
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07').ciphers).toEqual([
      ...strict.ciphers,
      'AES256-GCM-SHA384',
    ]);
  });
  it('the interop policies put RFC 9151 first and widen step by step: +AES128-GCM, +SHA2 CBC, +SHA1 CBC, +RSA', () => {
    const interop = [1, 2, 3, 4].map((n) =>
      resolveSslPolicy(`ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP${n}-FIPS-2023-07`),
    );
    for (const policy of interop) {
      expect(policy.ciphers.slice(0, 2)).toEqual(['ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384']);
      expect(policy.tls13Ciphersuites).toEqual(['TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256']);
      expect(policy.groups[0]).toBe('secp384r1');
    }
    const sizes = interop.map((policy) => policy.ciphers.length);
    expect(sizes).toEqual([4, 8, 12, 18]);
    for (let i = 1; i < interop.length; i++)
      for (const cipher of interop[i - 1]!.ciphers) expect(interop[i]!.ciphers).toContain(cipher);
  });
});

describe('the NLB towards TLS targets', () => {
  it('uses ELBSecurityPolicy-TLS13-1-0-2021-06 behind a TLS 1.3 front-end policy, else ELBSecurityPolicy-2016-08', () => {
    expect(nlbBackendPolicy(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06')).name).toBe(
      'ELBSecurityPolicy-TLS13-1-0-2021-06',
    );
    expect(nlbBackendPolicy(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07')).name).toBe(
      'ELBSecurityPolicy-TLS13-1-0-2021-06',
    );
    expect(nlbBackendPolicy(resolveSslPolicy('ELBSecurityPolicy-TLS-1-2-2017-01')).name).toBe(
      'ELBSecurityPolicy-2016-08',
    );
    expect(nlbBackendPolicy(resolveSslPolicy(null)).name).toBe('ELBSecurityPolicy-2016-08');
  });
});

describe('the policy table', () => {
  it.each(KNOWN_POLICIES)('%s: node accepts its versions, ciphers and groups', (name) => {
    const policy = resolveSslPolicy(name);
    expect(() => tls.createSecureContext(secureContextOptions(policy, '3.0.19'))).not.toThrow();
    expect(policy.ciphers.length + policy.tls13Ciphersuites.length).toBeGreaterThan(0);
    expect(policy.groups.length).toBeGreaterThan(0);
  });

  it('ELBSecurityPolicy-2016-08 offers P-256 then P-384 and no X25519 (seed 004: prime256v1), down to TLS 1.0', () => {
    const p = resolveSslPolicy('ELBSecurityPolicy-2016-08');
    expect(p.groups).toEqual(['secp256r1', 'secp384r1']);
    const opts = secureContextOptions(p, '3.0.19');
    expect(opts.ecdhCurve).toBe('P-256:P-384');
    expect(opts.minVersion).toBe('TLSv1');
    // OpenSSL 3 negotiates TLS 1.0/1.1 only at security level 0
    expect(opts.ciphers.endsWith(':@SECLEVEL=0')).toBe(true);
    expect(p.ciphers).toHaveLength(18);
    expect(p.ciphers.slice(0, 2)).toEqual(['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256']);
    expect(p.ciphers.at(-1)).toBe('AES256-SHA');
  });

  it('keeps the security level of TLS 1.2-and-later policies, and drops SHA-1 suites from TLS-1-2-2017-01', () => {
    for (const name of ['ELBSecurityPolicy-TLS-1-2-2017-01', 'ELBSecurityPolicy-TLS13-1-2-2021-06']) {
      const p = resolveSslPolicy(name);
      expect(allowsLegacyTls(p)).toBe(false);
      expect(secureContextOptions(p).ciphers).not.toContain('SECLEVEL');
    }
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS-1-2-2017-01').ciphers.some((c) => c.endsWith('-SHA'))).toBe(false);
    expect(resolveSslPolicy('ELBSecurityPolicy-FS-1-2-Res-2020-10').groups).toEqual([
      'secp256r1',
      'secp384r1',
      'secp521r1',
    ]);
  });

  it('TLS13 policies prefer X25519, then the NIST curves', () => {
    const opts = secureContextOptions(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06'), '3.0.19');
    expect(opts.ecdhCurve).toBe('X25519:P-256:P-384:P-521');
    expect(opts.ciphers.split(':').slice(0, 3)).toEqual([
      'TLS_AES_128_GCM_SHA256',
      'TLS_AES_256_GCM_SHA384',
      'TLS_CHACHA20_POLY1305_SHA256',
    ]);
  });

  it('PQ policies list the three hybrid ML-KEM groups first; OpenSSL before 3.5 realizes only the classical ones', () => {
    const p = resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09');
    expect(p.groups.slice(0, 3)).toEqual(['X25519MLKEM768', 'SecP256r1MLKEM768', 'SecP384r1MLKEM1024']);
    expect(p.ciphers).toEqual(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-Res-2021-06').ciphers);
    expect(realizedGroups(p, '3.0.19')).toEqual({
      groups: ['x25519', 'secp256r1', 'secp384r1', 'secp521r1'],
      unrealized: ['X25519MLKEM768', 'SecP256r1MLKEM768', 'SecP384r1MLKEM1024'],
    });
    expect(realizedGroups(p, '3.5.1').unrealized).toEqual([]);
    expect(secureContextOptions(p, '3.0.19').ecdhCurve).toBe('X25519:P-256:P-384:P-521');
    // the full cipher list of TLS13-1-2-2021-06, not the restricted one the name-based guess used to give
    expect(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-PQ-2025-09').ciphers).toContain('ECDHE-RSA-AES128-SHA256');
  });

  it('FIPS variants drop ChaCha20-Poly1305 and X25519, and are in the table, not guessed from the name', () => {
    const p = resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04');
    expect(p.tls13Ciphersuites).toEqual(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384']);
    expect(p.ciphers).toEqual(resolveSslPolicy('ELBSecurityPolicy-TLS13-1-2-2021-06').ciphers);
    expect(p.groups).toEqual(['secp256r1', 'secp384r1', 'secp521r1']);
  });

  it('names groups as IANA does, and knows which OpenSSL has ML-KEM', () => {
    expect([0x1d, 0x17, 0x18, 0x19, 0x11ec].map(groupName)).toEqual([
      'x25519',
      'secp256r1',
      'secp384r1',
      'secp521r1',
      'X25519MLKEM768',
    ]);
    expect(groupName(0x1234)).toBe('0x1234');
    expect(['3.0.19', '3.4.0', '3.5.0', '4.0.0'].map(opensslHasMlKem)).toEqual([false, false, true, true]);
  });
});

describe('TLS record reader', () => {
  const record = (type: number, body: Buffer) =>
    Buffer.concat([Buffer.from([type, 3, 3, body.length >> 8, body.length & 0xff]), body]);
  const serverHello = (random: Buffer) => Buffer.concat([Buffer.from([2, 0, 0, 70, 3, 3]), random, Buffer.alloc(36)]);
  const hrr = Buffer.from('CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C', 'hex');

  it('finds records across chunk boundaries and classifies ServerHello vs HelloRetryRequest', () => {
    const stream = Buffer.concat([
      record(22, serverHello(Buffer.alloc(32, 7))),
      record(20, Buffer.from([1])),
      record(22, serverHello(hrr)),
    ]);
    const reader = new RecordReader();
    const seen = [];
    for (let i = 0; i < stream.length; i += 7) seen.push(...reader.push(stream.subarray(i, i + 7)));
    expect(seen.map((r) => r.type)).toEqual([22, CONTENT_TYPE.changeCipherSpec, 22]);
    expect(seen.map(serverHelloKind)).toEqual(['server-hello', 'other', 'hello-retry-request']);
  });
  it('flags garbage', () => {
    const reader = new RecordReader();
    expect(reader.push(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toEqual([]);
    expect(reader.malformed).toBe(true);
  });
});
