// A second server certificate for the rotation probes: a new key and a certificate for the same name, signed by
// privateCA with the PKI's own openssl configuration — the commands an operator would run before putting it
// into SSM.
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pki } from '../../certs/types.js';
import { shellQuote } from '../../certs/shell-quote.js';
import type { CertificateFacts } from '../../sandbox/scenario.js';

export interface IssuedCertificate {
  cert: string;
  key: string;
  facts: CertificateFacts;
  /** The openssl commands, runnable by hand from `dir`. */
  commands: string[];
}

const SUBJECT = '/C=JP/ST=Osaka/L=Default City/O=example.org/OU=example.org.unit/CN=localhost';

export async function issueServerCertificate(
  pki: Pki,
  dir: string,
  stem = 'server-rotated',
): Promise<IssuedCertificate> {
  await mkdir(dir, { recursive: true });
  const bytes = randomBytes(20);
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  const serial = bytes.toString('hex').toUpperCase();
  const steps = [
    ['genpkey', '-quiet', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${stem}.key`],
    [
      'req',
      '-new',
      '-key',
      `${stem}.key`,
      '-subj',
      SUBJECT,
      '-config',
      join(pki.dir, 'pki.cnf'),
      '-out',
      `${stem}.csr`,
    ],
    [
      'x509',
      '-req',
      '-in',
      `${stem}.csr`,
      '-CA',
      pki.serverCa.cert,
      '-CAkey',
      pki.serverCa.key,
      '-set_serial',
      `0x${serial}`,
      '-days',
      '825',
      '-extfile',
      join(pki.dir, 'pki.cnf'),
      '-extensions',
      'server_ext',
      '-out',
      `${stem}.crt`,
    ],
  ];
  const commands: string[] = [];
  // Loaded here, when a rotation runs: the catalogue imports this file, and `list` should not load execa.
  const { execa } = await import('execa');
  for (const args of steps) {
    const result = await execa('openssl', args, { cwd: dir, reject: false, all: true, stdin: 'ignore' });
    commands.push(['openssl', ...args].map(shellQuote).join(' '));
    if (result.exitCode !== 0)
      throw new Error(
        `openssl ${args[0]} failed while making the rotated server certificate:\n  ${commands.at(-1)}\n  ${result.all}`,
      );
  }
  const cert = join(dir, `${stem}.crt`);
  const pem = await readFile(cert, 'utf8');
  const x509 = new X509Certificate(pem);
  return {
    cert,
    key: join(dir, `${stem}.key`),
    commands,
    facts: {
      serial: x509.serialNumber.toUpperCase(),
      subject: x509.subject.split('\n').reverse().join(','),
      issuer: x509.issuer.split('\n').reverse().join(','),
      notBefore: new Date(x509.validFrom).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      notAfter: new Date(x509.validTo).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      pem,
    },
  };
}
