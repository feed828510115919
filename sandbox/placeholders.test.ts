// CloudFront's forms of a certificate's fields, as placeholders resolve them: computed from the PEM, compared here
// with what node's X509Certificate reads from the same certificate (never with strings written by hand).
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolvePlaceholders } from './placeholders.js';
import type { CertificateFacts } from './scenario.js';

/** A self-signed certificate made by the real openssl, its serial's top bit set (so DER adds a 00 byte). */
function opensslCertificate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'placeholders-'));
  try {
    const file = join(dir, 'c.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        '/CN=t',
        '-days',
        '1',
        '-set_serial',
        '0x8a3f5c92d1e87b6c',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        file,
      ],
      { stdio: 'ignore' },
    );
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('CloudFront placeholders', () => {
  it('resolve serial, SHA-256, PEM and RFC 9440 forms from the certificate itself', () => {
    const pem = opensslCertificate();
    const cert = new X509Certificate(pem);
    const facts: CertificateFacts = {
      serial: cert.serialNumber,
      subject: 's',
      issuer: 'i',
      notBefore: 'a',
      notAfter: 'b',
      pem,
      chain: pem + pem,
    };
    const resolved = resolvePlaceholders(
      {
        target: {
          headers: {
            serial: '{c.cfSerial}',
            sha: '{c.sha256}',
            pem: '{c.cfPem}',
            leaf: '{c.clientCert}',
            chain: '{c.clientCertChain}',
          },
        },
      },
      { c: facts },
    );
    const hex = cert.serialNumber.toLowerCase();
    const bytes = /^[89a-f]/.test(hex) ? `00${hex}` : hex;
    expect(hex.startsWith('8a')).toBe(true);
    expect(resolved.target?.headers).toEqual({
      serial: bytes.match(/../g)!.join(':'),
      sha: cert.fingerprint256.replace(/:/g, '').toLowerCase(),
      pem: encodeURIComponent(pem),
      leaf: `:${cert.raw.toString('base64')}:`,
      chain: `:${cert.raw.toString('base64')}:`,
    });
  });
});
