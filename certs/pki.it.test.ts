// Integration tests of the sandbox PKI with the real openssl (and curl for the p12).
import { X509Certificate } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshState } from '../sandbox/testing/suite.js';
import { describePki, ensurePki } from './pki.js';
import type { KeyPair, Pki } from './types.js';

const ORG = 'OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP';
const UNTRUSTED_ORG = 'O=untrusted.example,L=Default City,ST=Tokyo,C=JP';
const DAY_MS = 24 * 60 * 60 * 1000;

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mtls-pki-'));
  tempDirs.push(dir);
  return dir;
}

/** A copy of a made PKI, for tests that damage or age it. */
async function copyOf(dir: string): Promise<string> {
  const copy = await tempDir();
  await cp(dir, copy, { recursive: true });
  return copy;
}

async function openssl(cwd: string, ...args: string[]) {
  const result = await execa('openssl', args, { cwd, reject: false, all: true });
  return { exitCode: result.exitCode, output: result.all ?? '' };
}

/** mtime of every file the PKI made (the manifest is rewritten on purpose, so it is left out). */
async function mtimes(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of await readdir(dir)) {
    if (name === 'pki.json') continue;
    const info = await stat(path.join(dir, name));
    if (info.isFile()) out[name] = info.mtimeMs;
  }
  return out;
}

const changedFiles = (before: Record<string, number>, after: Record<string, number>) =>
  Object.keys(after)
    .filter((name) => before[name] !== after[name])
    .sort();

function allPairs(pki: Pki): Record<string, KeyPair> {
  return { ca: pki.ca, untrustedCa: pki.untrustedCa, server: pki.server, ...pki.clients };
}

const serials = (pki: Pki) =>
  Object.fromEntries(Object.entries(allPairs(pki)).map(([name, pair]) => [name, pair.serial]));

let dir: string;
let pki: Pki;

beforeAll(async () => {
  // A copy of the run's PKI, which ensurePki made once for the suite (made here when the file runs on its own): the
  // tests below that are about making one make their own.
  dir = path.join(freshState('pki'), 'certs');
  pki = await ensurePki(dir);
});

afterAll(async () => {
  for (const d of tempDirs) await rm(d, { recursive: true, force: true });
});

describe('ensurePki makes the sandbox PKI', () => {
  it('puts every file under dir with the documented names', () => {
    const at = (name: string) => path.join(dir, name);
    expect(pki.dir).toBe(dir);
    expect([pki.ca.cert, pki.ca.key]).toEqual([at('privateCA.crt'), at('privateCA.key')]);
    expect([pki.untrustedCa.cert, pki.untrustedCa.key]).toEqual([at('untrustedCA.crt'), at('untrustedCA.key')]);
    expect([pki.server.cert, pki.server.key]).toEqual([at('server.crt'), at('server.key')]);
    for (const name of ['clientA', 'clientB', 'expired', 'revoked', 'untrusted'] as const) {
      expect([pki.clients[name].cert, pki.clients[name].key]).toEqual([at(`${name}.crt`), at(`${name}.key`)]);
    }
    expect(pki.crl).toBe(at('privateCA.crl.pem'));
    expect(pki.clientAP12).toEqual({ file: at('clientA.p12'), password: 'sandbox' });
  });

  it('uses the exact subjects the scenarios expect', () => {
    expect(pki.ca.subject).toBe(`CN=privateCA,${ORG}`);
    expect(pki.server.subject).toBe(`CN=localhost,${ORG}`);
    expect(pki.clients.clientA.subject).toBe(`CN=clientA,${ORG}`);
    expect(pki.clients.clientB.subject).toBe(`CN=clientB,${ORG}`);
    expect(pki.clients.expired.subject).toBe(`CN=expiredClient,${ORG}`);
    expect(pki.clients.revoked.subject).toBe(`CN=revokedClient,${ORG}`);
    expect(pki.untrustedCa.subject).toBe(`CN=untrustedCA,${UNTRUSTED_ORG}`);
    expect(pki.clients.untrusted.subject).toBe(`CN=untrustedClient,${UNTRUSTED_ORG}`);
  });

  it('reports subject, serial and dates exactly as openssl reads them from the files', async () => {
    for (const pair of Object.values(allPairs(pki))) {
      const { output } = await openssl(
        dir,
        'x509',
        '-in',
        pair.cert,
        '-noout',
        '-subject',
        '-serial',
        '-startdate',
        '-enddate',
        '-nameopt',
        'RFC2253',
      );
      const field = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(output)?.[1];
      const iso = (text: string | undefined) => new Date(text ?? '').toISOString().replace('.000Z', 'Z');
      expect(pair.subject).toBe(field('subject'));
      expect(pair.serial).toBe(field('serial'));
      expect(pair.notBefore).toBe(iso(field('notBefore')));
      expect(pair.notAfter).toBe(iso(field('notAfter')));
      expect(pair.notAfter).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(pki.clients.clientA.serial).toMatch(/^[0-9A-F]{40}$/);
    expect(pki.clients.clientB.serial).toMatch(/^[0-9A-F]{40}$/);
  });

  it('gives the CA, server and clients the right extensions and lifetimes', async () => {
    const load = async (pair: KeyPair) => new X509Certificate(await readFile(pair.cert));
    const ca = await load(pki.ca);
    const server = await load(pki.server);
    const clientA = await load(pki.clients.clientA);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, DNS:sandbox.example, DNS:*.sandbox.example',
    );
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth
    expect(clientA.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // clientAuth
    const days = (pair: KeyPair) => Math.round((Date.parse(pair.notAfter) - Date.parse(pair.notBefore)) / DAY_MS);
    expect(days(pki.ca)).toBe(3650);
    expect(days(pki.server)).toBe(825);
    expect(days(pki.clients.clientA)).toBe(365);
    const { output } = await openssl(dir, 'x509', '-in', pki.ca.cert, '-noout', '-ext', 'keyUsage');
    expect(output).toContain('Certificate Sign, CRL Sign');
  });

  it('chains clientA to privateCA, but not untrusted, and expired has expired', async () => {
    expect((await openssl(dir, 'verify', '-CAfile', 'privateCA.crt', 'clientA.crt')).output).toContain(
      'clientA.crt: OK',
    );
    const untrusted = await openssl(dir, 'verify', '-CAfile', 'privateCA.crt', 'untrusted.crt');
    expect(untrusted.exitCode).not.toBe(0);
    expect(untrusted.output).toContain('unable to get local issuer certificate');
    expect((await openssl(dir, 'verify', '-CAfile', 'untrustedCA.crt', 'untrusted.crt')).exitCode).toBe(0);
    expect(Date.parse(pki.clients.expired.notAfter)).toBeLessThan(Date.now());
    expect(pki.clients.expired.notAfter).toBe('2020-02-01T00:00:00Z');
    const expired = await openssl(dir, 'verify', '-CAfile', 'privateCA.crt', 'expired.crt');
    expect(expired.output).toContain('certificate has expired');
  });

  it('has a CRL that revokes "revoked" and not clientA', async () => {
    const crlCheck = (file: string) =>
      openssl(dir, 'verify', '-crl_check', '-CAfile', 'privateCA.crt', '-CRLfile', 'privateCA.crl.pem', file);
    const revoked = await crlCheck('revoked.crt');
    expect(revoked.exitCode).not.toBe(0);
    expect(revoked.output).toContain('certificate revoked');
    expect((await crlCheck('clientA.crt')).output).toContain('clientA.crt: OK');
  });

  it('keeps private keys and the p12 owner-only (0600)', async () => {
    const secrets = [...Object.values(allPairs(pki)).map((pair) => pair.key), pki.clientAP12.file];
    for (const file of secrets) expect(((await stat(file)).mode & 0o777).toString(8)).toBe('600');
  });

  it('bundles clientA in a p12 that opens with the password "sandbox"', async () => {
    const { exitCode, output } = await openssl(
      dir,
      'pkcs12',
      '-in',
      'clientA.p12',
      '-passin',
      'pass:sandbox',
      '-nokeys',
    );
    expect(exitCode).toBe(0);
    const pems = output.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const fingerprints = pems.map((pem) => new X509Certificate(pem).fingerprint256);
    const clientA = new X509Certificate(await readFile(pki.clients.clientA.cert));
    expect(fingerprints).toContain(clientA.fingerprint256);
  });

  it('lets curl present clientA.p12 to a server that trusts privateCA', async () => {
    const server = createServer(
      {
        key: await readFile(pki.server.key),
        cert: await readFile(pki.server.cert),
        ca: await readFile(pki.ca.cert),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => res.end(`hello ${(req.socket as import('node:tls').TLSSocket).getPeerCertificate().subject.CN}`),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const curl = await execa(
        'curl',
        [
          '--silent',
          '--show-error',
          '--resolve',
          `localhost:${port}:127.0.0.1`,
          '--cacert',
          'sandboxServerCA.crt',
          '--cert-type',
          'P12',
          '--cert',
          'clientA.p12:sandbox',
          `https://localhost:${port}/`,
        ],
        { cwd: dir, reject: false },
      );
      expect(curl.stderr).toBe('');
      expect(curl.stdout).toBe('hello clientA');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('describes every file with its role, then the commands', () => {
    const text = describePki(pki);
    expect(text).toContain(
      `clientA certificate, signed by privateCA — CN=clientA,${ORG}; serial ${pki.clients.clientA.serial}; valid until ${pki.clients.clientA.notAfter}`,
    );
    expect(text).toContain('expired 2020-02-01T00:00:00Z');
    for (const file of ['privateCA.crt', 'server.key', 'privateCA.crl.pem', 'clientA.p12'])
      expect(text).toContain(`  ${file}\n`);
    expect(text).toContain(`Commands that made them (run from ${dir};`);
    for (const command of pki.commands) expect(text).toContain(`  # ${command.purpose}\n  ${command.command}\n`);
  });
});

describe('the certificate cases (issue 11)', () => {
  const certsIn = async (file: string) =>
    ((await readFile(file, 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
      (pem) => new X509Certificate(pem),
    );
  const cn = (cert: X509Certificate) => /CN=([^\n]+)/.exec(cert.subject)?.[1];

  it('chains intermediateClient to privateCA only through intermediateCA', async () => {
    expect(pki.clients.intermediateLeaf.issuer).toBe(pki.intermediateCa.subject);
    expect(pki.intermediateCa.issuer).toBe(pki.ca.subject);
    const alone = await openssl(dir, 'verify', '-CAfile', 'privateCA.crt', 'intermediateClient.crt');
    expect(alone.output).toContain('unable to get local issuer certificate');
    const via = await openssl(
      dir,
      'verify',
      '-CAfile',
      'privateCA.crt',
      '-untrusted',
      'intermediateCA.crt',
      'intermediateClient.crt',
    );
    expect(via.output).toContain('intermediateClient.crt: OK');
  });

  it('writes chain files leaf first, in the recipe order, with the leaf key', async () => {
    expect((await certsIn(pki.clients.intermediateChain.cert)).map(cn)).toEqual([
      'intermediateClient',
      'intermediateCA',
    ]);
    expect((await certsIn(pki.clients.intermediateChainUnordered.cert)).map(cn)).toEqual([
      'intermediateClient',
      'privateCA',
      'intermediateCA',
    ]);
    expect((await certsIn(pki.clients.deepChain.cert)).map(cn)).toEqual([
      'deepClient',
      'chainCA4',
      'chainCA3',
      'chainCA2',
      'intermediateCA',
    ]);
    expect(await certsIn(pki.clients.deepChain4.cert)).toHaveLength(4);
    expect(pki.clients.intermediateChain.key).toBe(pki.clients.intermediateLeaf.key);
    expect(pki.clients.intermediateChain.serial).toBe(pki.clients.intermediateLeaf.serial);
    const deep = await openssl(
      dir,
      'verify',
      '-CAfile',
      'privateCA.crt',
      '-untrusted',
      'deepClient-chain5.pem',
      'deepClient.crt',
    );
    expect(deep.output).toContain('deepClient.crt: OK');
  });

  it('has a not-yet-valid, a wrong-purpose, a v1, a SHA-1 and an RSA-1024 client of privateCA', async () => {
    const load = async (name: keyof Pki['clients']) => new X509Certificate(await readFile(pki.clients[name].cert));
    expect(pki.clients.notYetValid.notBefore).toBe('2099-01-01T00:00:00Z');
    expect((await load('wrongPurpose')).keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']); // serverAuth only
    expect((await openssl(dir, 'x509', '-in', 'v1Client.crt', '-noout', '-text')).output).toContain('Version: 1 (0x0)');
    expect((await openssl(dir, 'x509', '-in', 'sha1Client.crt', '-noout', '-text')).output).toContain(
      'Signature Algorithm: sha1WithRSAEncryption',
    );
    expect((await load('rsa1024')).publicKey.asymmetricKeyDetails?.modulusLength).toBe(1024);
    for (const name of ['notYetValid', 'wrongPurpose', 'v1', 'sha1', 'rsa1024'] as const)
      expect(pki.clients[name].issuer).toBe(pki.ca.subject);
  });

  it('has an expired intermediate CA whose valid leaf fails on the CA', async () => {
    expect(pki.expiredIntermediateCa.notAfter).toBe('2020-02-01T00:00:00Z');
    const r = await openssl(
      dir,
      'verify',
      '-CAfile',
      'privateCA.crt',
      '-untrusted',
      'expiredIntermediateCA.crt',
      'underExpiredCA.crt',
    );
    expect(r.output).toMatch(/error 10 at 1 depth lookup: certificate has expired/);
  });

  it('has an expired CRL of privateCA and a CRL of untrustedCA', async () => {
    const next = await openssl(dir, 'crl', '-in', pki.expiredCrl, '-noout', '-nextupdate');
    expect(next.output).toContain('nextUpdate=Feb  1 00:00:00 2020 GMT');
    const issuer = await openssl(dir, 'crl', '-in', pki.untrustedCrl, '-noout', '-issuer', '-nameopt', 'RFC2253');
    expect(issuer.output.trim()).toBe(`issuer=${pki.untrustedCa.subject}`);
    expect(
      (await openssl(dir, 'crl', '-in', pki.untrustedCrl, '-noout', '-CAfile', 'untrustedCA.crt', '-verify')).output,
    ).toContain('verify OK');
  });
});

describe('the identity filter cases (issue 12)', () => {
  const san = async (name: keyof Pki['clients']) =>
    new X509Certificate(await readFile(pki.clients[name].cert)).subjectAltName ?? null;

  it('carries the SAN URIs and DNS names the NLB filters look at, and none where there should be none', async () => {
    expect(await san('spiffeBilling')).toBe('URI:spiffe://example.org/ns/prod/sa/billing');
    expect(await san('spiffeStaging')).toBe('URI:spiffe://example.org/ns/staging/sa/billing');
    expect(await san('spiffeMixedCase')).toBe('URI:SPIFFE://Example.ORG/ns/prod/sa/billing');
    expect(await san('spiffePathCase')).toBe('URI:spiffe://example.org/NS/prod/sa/billing');
    expect(await san('partnerDns')).toBe('DNS:www.partner.example.com, DNS:API.Partner.Example.com');
    expect(await san('lookalikeDns')).toBe('DNS:api.partner.example.com.attacker.test');
    for (const name of ['noSanBilling', 'ouPayments', 'opsConsole', 'clientA'] as const)
      expect(await san(name), name).toBeNull();
  });

  it('has two OUs, a CN in other case, an impostor of another CA and a revoked certificate that matches', async () => {
    expect(pki.clients.ouPayments.subject).toBe(`CN=payments-batch,OU=Payments,${ORG}`);
    expect(pki.clients.opsConsole.subject).toBe(`CN=OPS-Console,${ORG}`);
    expect(pki.clients.impostorBilling.issuer).toBe(pki.untrustedCa.subject);
    expect(await san('impostorBilling')).toBe(await san('spiffeBilling'));
    const revoked = await openssl(
      dir,
      'verify',
      '-crl_check',
      '-CAfile',
      'privateCA.crt',
      '-CRLfile',
      'privateCA.crl.pem',
      'revokedBilling.crt',
    );
    expect(revoked.output).toContain('certificate revoked');
    expect((await openssl(dir, 'verify', '-CAfile', 'privateCA.crt', 'spiffeBilling.crt')).output).toContain(
      'spiffeBilling.crt: OK',
    );
  });
});

describe('recorded commands', () => {
  it('are readable relative openssl command lines run from dir', () => {
    expect(pki.commands.length).toBeGreaterThan(20);
    for (const command of pki.commands) {
      expect(command.cwd).toBe(dir);
      expect(command.command).toMatch(/^openssl /);
      expect(command.command).not.toContain(dir);
    }
    expect(pki.commands.map((c) => c.command)).toContain(
      "openssl req -x509 -new -key privateCA.key -subj '/C=JP/ST=Osaka/L=Default City/O=example.org/OU=example.org.unit/CN=privateCA' " +
        `-set_serial 0x${pki.ca.serial} -days 3650 -config pki.cnf -extensions v3_ca -out privateCA.crt`,
    );
  });

  it('rebuild the PKI when pasted into a shell in an empty directory', async () => {
    const replay = await tempDir();
    // What the commands expect to find: the config and an empty "openssl ca" database.
    await cp(path.join(dir, 'pki.cnf'), path.join(replay, 'pki.cnf'));
    await writeFile(path.join(replay, 'privateCA.index.txt'), '');
    await mkdir(path.join(replay, 'privateCA.newcerts'));
    // workloadCA (the stand-in for the AWS Private CA behind STS) signs with "openssl ca" too.
    await writeFile(path.join(replay, 'workloadCA.index.txt'), '');
    await mkdir(path.join(replay, 'workloadCA.newcerts'));
    for (const { purpose, command } of pki.commands) {
      const result = await execa('sh', ['-c', command], { cwd: replay, reject: false, all: true });
      const expectedFailure = /\(expected to fail: (.+)\)$/.exec(purpose)?.[1];
      if (expectedFailure) {
        expect(result.exitCode, command).not.toBe(0);
        expect(result.all, command).toContain(expectedFailure);
      } else {
        expect(result.exitCode, `${command}\n${result.all}`).toBe(0);
      }
    }
    // Recorded serials make the replayed certificates carry the same serials.
    const replayed = await readFile(path.join(replay, 'clientA.crt'));
    expect(new X509Certificate(replayed).serialNumber).toBe(pki.clients.clientA.serial);
    expect((await openssl(replay, 'verify', '-CAfile', 'privateCA.crt', 'clientA.crt')).exitCode).toBe(0);
    const revoked = await openssl(
      replay,
      'verify',
      '-crl_check',
      '-CAfile',
      'privateCA.crt',
      '-CRLfile',
      'privateCA.crl.pem',
      'revoked.crt',
    );
    expect(revoked.output).toContain('certificate revoked');
    expect((await openssl(replay, 'pkcs12', '-in', 'clientA.p12', '-passin', 'pass:sandbox', '-nokeys')).exitCode).toBe(
      0,
    );
  });
});

describe('ensurePki reuses what is still good', () => {
  it('reuses every file on a second call, with the same commands', async () => {
    const before = await mtimes(dir);
    const again = await ensurePki(dir);
    expect(serials(again)).toEqual(serials(pki));
    expect(again.commands).toEqual(pki.commands);
    expect(await mtimes(dir)).toEqual(before);
  });

  it('reuses a copied directory and reports commands with the new cwd', async () => {
    const copy = await copyOf(dir);
    const before = await mtimes(copy);
    const moved = await ensurePki(copy);
    expect(serials(moved)).toEqual(serials(pki));
    expect(await mtimes(copy)).toEqual(before);
    expect(moved.commands.map((c) => c.cwd)).toEqual(pki.commands.map(() => copy));
  });

  it('remakes only a deleted leaf', async () => {
    const copy = await copyOf(dir);
    await rm(path.join(copy, 'clientB.crt'));
    const before = await mtimes(copy);
    const remade = await ensurePki(copy);
    expect(changedFiles(before, await mtimes(copy))).toEqual(['clientB.crt', 'clientB.csr', 'clientB.key']);
    expect(remade.clients.clientB.serial).not.toBe(pki.clients.clientB.serial);
    expect({ ...serials(remade), clientB: 'x' }).toEqual({ ...serials(pki), clientB: 'x' });
    const changedCommands = remade.commands.filter((c, i) => c.command !== pki.commands[i]?.command);
    expect(changedCommands.map((c) => c.purpose)).toEqual([
      'clientB certificate signed by privateCA (clientAuth, 365 days)',
    ]);
  });

  it('remakes everything privateCA signed when privateCA is remade, and nothing of untrustedCA or the server CA', async () => {
    const copy = await copyOf(dir);
    await rm(path.join(copy, 'privateCA.key'));
    const remade = await ensurePki(copy);
    for (const name of ['ca', 'clientA', 'clientB', 'expired', 'revoked']) {
      expect(serials(remade)[name], name).not.toBe(serials(pki)[name]);
    }
    expect(remade.untrustedCa.serial).toBe(pki.untrustedCa.serial);
    expect(remade.server.serial).toBe(pki.server.serial);
    expect(remade.clients.untrusted.serial).toBe(pki.clients.untrusted.serial);
    expect((await openssl(copy, 'verify', '-CAfile', 'privateCA.crt', 'clientA.crt')).exitCode).toBe(0);
    const revoked = await openssl(
      copy,
      'verify',
      '-crl_check',
      '-CAfile',
      'privateCA.crt',
      '-CRLfile',
      'privateCA.crl.pem',
      'revoked.crt',
    );
    expect(revoked.output).toContain('certificate revoked');
  });

  it('remakes what is within a week of expiry at options.now', async () => {
    const copy = await copyOf(dir);
    const before = await mtimes(copy);
    const remade = await ensurePki(copy, { now: new Date(Date.now() + 360 * DAY_MS) });
    for (const name of ['clientA', 'clientB', 'revoked', 'untrusted'])
      expect(serials(remade)[name], name).not.toBe(serials(pki)[name]);
    for (const name of ['ca', 'untrustedCa', 'server', 'expired'])
      expect(serials(remade)[name], name).toBe(serials(pki)[name]);
    // fixed dates never need renewing, and CAs of five years outlive a year
    for (const name of ['notYetValid']) expect(serials(remade)[name], name).toBe(serials(pki)[name]);
    expect(remade.intermediateCa.serial).toBe(pki.intermediateCa.serial);
    expect(remade.expiredIntermediateCa.serial).toBe(pki.expiredIntermediateCa.serial);
    const changed = changedFiles(before, await mtimes(copy));
    expect(changed).toContain('privateCA.crl.pem');
    expect(changed).toContain('clientA.p12');
    expect(changed).not.toContain('server.crt');
  });

  it('remakes a file that was edited by hand', async () => {
    const copy = await copyOf(dir);
    await writeFile(path.join(copy, 'clientA.p12'), 'not a p12');
    await ensurePki(copy);
    expect((await openssl(copy, 'pkcs12', '-in', 'clientA.p12', '-passin', 'pass:sandbox', '-nokeys')).exitCode).toBe(
      0,
    );
  });
});

describe('locking and errors', () => {
  it('takes over a lock left by a dead process', async () => {
    const dead = await execa('node', ['-e', 'console.log(process.pid)']);
    await writeFile(path.join(dir, '.lock'), `${dead.stdout.trim()}\n`);
    const again = await ensurePki(dir);
    expect(serials(again)).toEqual(serials(pki));
    await expect(stat(path.join(dir, '.lock'))).rejects.toThrow();
  });

  it('lets two processes and two calls in this one share a fresh directory', async () => {
    const shared = await tempDir();
    const script = path.join(shared, '..', `${path.basename(shared)}-child.mts`);
    tempDirs.push(script);
    await writeFile(
      script,
      `const { ensurePki } = await import(process.argv[2]);
       const pki = await ensurePki(process.argv[3]);
       console.log(JSON.stringify(pki.clients.clientA.serial));`,
    );
    const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
    const pkiModule = fileURLToPath(new URL('./pki.ts', import.meta.url));
    const [child, first, second] = await Promise.all([
      execa(tsx, [script, pkiModule, shared]),
      ensurePki(shared),
      ensurePki(shared),
    ]);
    expect(JSON.parse(child.stdout)).toBe(first.clients.clientA.serial);
    expect(serials(second)).toEqual(serials(first));
    expect((await openssl(shared, 'verify', '-CAfile', 'privateCA.crt', 'clientA.crt')).exitCode).toBe(0);
  });

  it('names openssl and how to install it when it is missing', async () => {
    const emptyPath = await tempDir();
    const savedPath = process.env.PATH;
    process.env.PATH = emptyPath;
    try {
      await expect(ensurePki(await tempDir())).rejects.toThrow(
        /openssl was not found.*apt-get install openssl.*brew install openssl/,
      );
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('the workload certificate (issue 25): an X509-SVID as STS GetCertificate issues it', () => {
  it('has an empty subject, one critical URI SAN, client and server authentication, and hours of validity', async () => {
    const pair = pki.clients.workload;
    const cert = new X509Certificate(await readFile(pair.cert));
    expect(cert.subject).toBeUndefined(); // node's view of an empty DN
    expect(pair.subject).toBe('');
    expect(cert.subjectAltName).toBe('URI:spiffe://example.org/payments/checkout');
    const text = (await openssl(dir, 'x509', '-in', pair.cert, '-noout', '-text')).output;
    expect(text).toMatch(/X509v3 Subject Alternative Name: critical/);
    expect(text).toContain('TLS Web Client Authentication, TLS Web Server Authentication');
    const hours = (Date.parse(pair.notAfter) - Date.parse(pair.notBefore)) / 3_600_000;
    expect(hours).toBeCloseTo(12 + 5 / 60, 5);
    expect((await openssl(dir, 'verify', '-CAfile', 'workloadCA.crt', 'workload.crt')).exitCode).toBe(0);
    expect((await openssl(dir, 'verify', '-CAfile', 'privateCA.crt', 'workload.crt')).exitCode).not.toBe(0);
    expect(describePki(pki)).toContain('(empty subject)');
  });
});
