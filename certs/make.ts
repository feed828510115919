// Making each artifact of the PKI: turning a recipe into openssl steps (key, request, signature, the checks that
// prove the chain, the CRL, the PKCS#12 bundle) and running them with the recorder, in the PKI directory.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Recorder, recorder, type Step } from './openssl.js';
import {
  type ArtifactName,
  CA_DATABASE,
  CA_NEW_CERTS_DIR,
  CERTS,
  CHAINS,
  type CertRecipe,
  type ChainRecipe,
  CONFIG_FILE,
  CRL_DAYS,
  CRL_FILE,
  EXPIRED_CRL_DATES,
  EXPIRED_CRL_FILE,
  filesOf,
  intermediatesAbove,
  isChain,
  OPENSSL_CONFIG,
  P12_FILE,
  P12_PASSWORD,
  rootOf,
  UNTRUSTED_CRL_FILE,
  WORKLOAD_BACKDATE_MINUTES,
  WORKLOAD_CA_DATABASE,
  WORKLOAD_CA_NEW_CERTS_DIR,
} from './recipes.js';
import type { RecordedCommand } from './types.js';
import { parseOpensslDate } from './x509.js';

/** A positive 20-byte serial whose first byte is non-zero, so openssl prints all 40 hex digits. */
function randomSerial(): string {
  const bytes = randomBytes(20);
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return bytes.toString('hex').toUpperCase();
}

const keyStep = (stem: string, label: string, bits = 2048): Step => ({
  purpose: `${label} private key (RSA ${bits})`,
  args: ['genpkey', '-quiet', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', `${stem}.key`],
});

/** What a signed certificate is for, in its signing step's purpose. */
const USAGE: Record<CertRecipe['extensions'], string> = {
  v3_ca: 'intermediate CA',
  server_ext: 'serverAuth',
  client_ext: 'clientAuth',
  server_only_ext: 'serverAuth only, for a client',
  workload_ext: 'clientAuth and serverAuth, an X509-SVID',
  none: 'X.509 v1, no extensions',
};

/** -extfile/-extensions for "x509 -req"; nothing for a v1 certificate (OpenSSL 3.0 then writes version 1). */
const extensionArgs = (recipe: CertRecipe): string[] =>
  recipe.extensions === 'none' ? [] : ['-extfile', CONFIG_FILE, '-extensions', recipe.extensions];

/** How purposes name a certificate: by CN, except the server, whose CN "localhost" says little. */
const labelOf = (recipe: CertRecipe): string =>
  recipe.name === 'server'
    ? 'server (localhost)'
    : recipe.subject === ''
      ? `${recipe.name} (empty subject)`
      : cnOf(recipe.subject);
const cnOf = (slashSubject: string): string => /\/CN=([^/]+)$/.exec(slashSubject)?.[1] ?? slashSubject;

async function makeCa(rec: Recorder, recipe: CertRecipe): Promise<void> {
  const { stem } = recipe;
  const label = labelOf(recipe);
  const days = 'days' in recipe.validity ? recipe.validity.days : 3650;
  await rec.run(keyStep(stem, label));
  await rec.run({
    purpose: `${label} self-signed root CA certificate (CA:true, keyCertSign+cRLSign, ${days} days)`,
    args: [
      'req',
      '-x509',
      '-new',
      '-key',
      `${stem}.key`,
      '-subj',
      recipe.subject,
      '-set_serial',
      `0x${randomSerial()}`,
      '-days',
      String(days),
      '-config',
      CONFIG_FILE,
      '-extensions',
      recipe.extensions,
      '-out',
      `${stem}.crt`,
    ],
  });
}

/** A certificate some CA signs: a leaf, or an intermediate CA. */
async function makeSigned(rec: Recorder, recipe: CertRecipe): Promise<void> {
  const { stem, signer } = recipe;
  if (!signer) throw new Error(`internal: ${recipe.name} has no signer`);
  const signerStem = CERTS[signer].stem;
  const label = labelOf(recipe);
  const usage = [USAGE[recipe.extensions], ...(recipe.digest ? [`${recipe.digest.toUpperCase()} signature`] : [])].join(
    ', ',
  );
  await rec.run(keyStep(stem, label, recipe.keyBits));
  const san = recipe.subjectAltName;
  await rec.run({
    purpose: `${label} certificate signing request${san ? ` with subject alternative names ${san}` : ''}`,
    args: [
      'req',
      '-new',
      '-key',
      `${stem}.key`,
      '-subj',
      // "/" is an empty subject: the name has no attribute at all (an X509-SVID from STS).
      recipe.subject || '/',
      ...(san ? ['-addext', `subjectAltName=${san}`] : []),
      '-config',
      CONFIG_FILE,
      '-out',
      `${stem}.csr`,
    ],
  });
  if ('days' in recipe.validity) {
    await rec.run({
      purpose: `${label} certificate signed by ${signerStem} (${usage}, ${recipe.validity.days} days)`,
      args: [
        'x509',
        '-req',
        '-in',
        `${stem}.csr`,
        '-CA',
        `${signerStem}.crt`,
        '-CAkey',
        `${signerStem}.key`,
        '-set_serial',
        `0x${randomSerial()}`,
        '-days',
        String(recipe.validity.days),
        ...(recipe.digest ? [`-${recipe.digest}`] : []),
        ...extensionArgs(recipe),
        // The request's subjectAltName, next to the extensions section's (which has none for clients).
        ...(san ? ['-copy_extensions', 'copy'] : []),
        '-out',
        `${stem}.crt`,
      ],
    });
  } else if ('hours' in recipe.validity) {
    // Hours, not days, and notBefore five minutes back, as STS GetCertificate sets them: "openssl ca" of workloadCA.
    if (signer !== 'workloadCa') throw new Error(`internal: ${recipe.name} has hours but is not signed by workloadCA`);
    const now = Date.now();
    const start = stampOf(new Date(now - WORKLOAD_BACKDATE_MINUTES * 60_000));
    const end = stampOf(new Date(now + recipe.validity.hours * 3_600_000));
    await rec.run({
      purpose: `${label} certificate signed by ${signerStem} (${usage}), valid ${recipe.validity.hours} hours from ${WORKLOAD_BACKDATE_MINUTES} minutes ago: ${start} to ${end}`,
      args: caSignArgs(stem, start, end, recipe.extensions, 'workloadCA'),
    });
  } else {
    // OpenSSL 3.0's "x509 -req" cannot set a start date; "openssl ca" can backdate (and postdate).
    if (signer !== 'ca') throw new Error(`internal: ${recipe.name} has fixed dates but is not signed by privateCA`);
    const { start, end } = recipe.validity;
    const when = start > nowStamp() ? 'not valid yet' : 'already expired';
    await rec.run({
      purpose: `${label} ${recipe.extensions === 'v3_ca' ? 'intermediate CA ' : ''}certificate signed by ${signerStem}, valid only ${start} to ${end} (${when})`,
      args: caSignArgs(stem, start, end, recipe.extensions),
    });
  }
  await recordVerifyChecks(rec, recipe);
}

/** `openssl ca` signing stem.csr with set dates: privateCA's database, or the named CA section's (workloadCA). */
function caSignArgs(stem: string, start: string, end: string, extensions: string, caName?: string): string[] {
  return [
    'ca',
    '-batch',
    '-config',
    CONFIG_FILE,
    ...(caName ? ['-name', caName] : []),
    '-in',
    `${stem}.csr`,
    '-out',
    `${stem}.crt`,
    '-notext',
    '-rand_serial',
    '-startdate',
    start,
    '-enddate',
    end,
    '-extensions',
    extensions,
  ];
}

/** "20200101000000Z": the form of the recipes' fixed dates. */
const stampOf = (date: Date): string => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
const nowStamp = (): string => stampOf(new Date());

/** Why a certificate (or a CA above it) fails verification by its dates; null when they are fine. */
function dateFailure(recipe: CertRecipe): string | null {
  for (const name of [recipe.name, ...intermediatesAbove(recipe.name)]) {
    const { validity } = CERTS[name];
    if (!('start' in validity)) continue;
    return validity.start > nowStamp() ? 'certificate is not yet valid' : 'certificate has expired';
  }
  return null;
}

/** Verifying right after signing proves the chain, and gives users a command to try by hand. */
async function recordVerifyChecks(rec: Recorder, recipe: CertRecipe): Promise<void> {
  const rootStem = CERTS[rootOf(recipe.name)].stem;
  const file = `${recipe.stem}.crt`;
  const untrusted = intermediatesAbove(recipe.name).flatMap((name) => ['-untrusted', `${CERTS[name].stem}.crt`]);
  const failure = dateFailure(recipe);
  await rec.run({
    purpose: `Check: ${file} verifies against ${rootStem}${untrusted.length ? ' through its intermediate CAs' : ''}`,
    args: ['verify', '-CAfile', `${rootStem}.crt`, ...untrusted, file],
    ...(failure ? { expectFailure: failure } : { expectOutput: `${file}: OK` }),
  });
  if (recipe.purposeFails) {
    await rec.run({
      purpose: `Check: ${file} is not for TLS client authentication`,
      args: ['verify', '-purpose', recipe.purposeFails, '-CAfile', `${rootStem}.crt`, file],
      expectFailure: 'unsuitable certificate purpose',
    });
  }
  if (recipe.textShows) {
    await rec.run({
      purpose: `Check: ${file} shows "${recipe.textShows}"`,
      args: ['x509', '-in', file, '-noout', '-text'],
      expectOutput: recipe.textShows,
    });
  }
  if (recipe.distrustedBy) {
    const distrustingStem = CERTS[recipe.distrustedBy].stem;
    await rec.run({
      purpose: `Check: ${distrustingStem} does not trust ${file}`,
      args: ['verify', '-CAfile', `${distrustingStem}.crt`, file],
      expectFailure: 'unable to get local issuer certificate',
    });
  }
}

/** The certificates privateCA's CRL lists. */
const REVOKED = [CERTS.revoked, CERTS.revokedBilling].map((recipe) => `${recipe.stem}.crt`);

/** Revokes revoked.crt and revokedBilling.crt in privateCA's database and issues the CRL; returns its nextUpdate. */
async function makeCrl(rec: Recorder): Promise<string> {
  for (const revoked of REVOKED) {
    await rec.run({
      purpose: `Revoke ${revoked} in privateCA's database (${CA_DATABASE})`,
      args: ['ca', '-config', CONFIG_FILE, '-revoke', revoked, '-crl_reason', 'keyCompromise'],
      // The CRL may be renewed while the certificate stays; its serial is then already in the database.
      tolerate: /Already revoked/,
    });
  }
  await rec.run({
    purpose: `privateCA CRL listing ${REVOKED.join(' and ')} (next update in ${CRL_DAYS} days)`,
    args: ['ca', '-config', CONFIG_FILE, '-gencrl', '-crldays', String(CRL_DAYS), '-out', CRL_FILE],
  });
  for (const revoked of REVOKED) {
    await rec.run({
      purpose: `Check: with the CRL, ${revoked} is rejected`,
      args: ['verify', '-crl_check', '-CAfile', 'privateCA.crt', '-CRLfile', CRL_FILE, revoked],
      expectFailure: 'certificate revoked',
    });
  }
  const out = await rec.run({
    purpose: 'Read when the CRL must be renewed (nextUpdate)',
    args: ['crl', '-in', CRL_FILE, '-noout', '-nextupdate'],
  });
  const nextUpdate = parseOpensslDate(/nextUpdate=(.+)/.exec(out)?.[1]);
  if (!nextUpdate) throw new Error(`Could not read nextUpdate of ${CRL_FILE} from openssl output: ${out.trim()}`);
  return nextUpdate;
}

/**
 * privateCA's CRL with fixed past dates: its nextUpdate passed in 2020, so it is expired the moment it is made.
 * It lists what the database has revoked (revoked.crt).
 */
async function makeExpiredCrl(rec: Recorder): Promise<void> {
  const { lastUpdate, nextUpdate } = EXPIRED_CRL_DATES;
  await rec.run({
    purpose: `privateCA CRL that expired long ago (lastUpdate ${lastUpdate}, nextUpdate ${nextUpdate})`,
    args: [
      'ca',
      '-config',
      CONFIG_FILE,
      '-gencrl',
      '-crl_lastupdate',
      lastUpdate,
      '-crl_nextupdate',
      nextUpdate,
      '-out',
      EXPIRED_CRL_FILE,
    ],
  });
  await rec.run({
    purpose: `Check: with the expired CRL, even clientA.crt fails`,
    args: ['verify', '-crl_check', '-CAfile', 'privateCA.crt', '-CRLfile', EXPIRED_CRL_FILE, 'clientA.crt'],
    expectFailure: 'CRL has expired',
  });
}

/**
 * A CRL that untrustedCA signs (privateCA's database supplies the entries; -cert/-keyfile make untrustedCA its
 * issuer): a revocation list no CA of privateCA's trust store issued. Returns its nextUpdate.
 */
async function makeUntrustedCrl(rec: Recorder): Promise<string> {
  await rec.run({
    purpose: `CRL signed by untrustedCA (next update in ${CRL_DAYS} days)`,
    args: [
      'ca',
      '-config',
      CONFIG_FILE,
      '-gencrl',
      '-cert',
      'untrustedCA.crt',
      '-keyfile',
      'untrustedCA.key',
      '-crldays',
      String(CRL_DAYS),
      '-out',
      UNTRUSTED_CRL_FILE,
    ],
  });
  await rec.run({
    purpose: `Check: privateCA did not sign ${UNTRUSTED_CRL_FILE}`,
    args: ['crl', '-in', UNTRUSTED_CRL_FILE, '-noout', '-CAfile', 'privateCA.crt', '-verify'],
    expectFailure: 'Error getting CRL issuer certificate',
  });
  const out = await rec.run({
    purpose: 'Read when that CRL must be renewed (nextUpdate)',
    args: ['crl', '-in', UNTRUSTED_CRL_FILE, '-noout', '-nextupdate'],
  });
  const nextUpdate = parseOpensslDate(/nextUpdate=(.+)/.exec(out)?.[1]);
  if (!nextUpdate) throw new Error(`Could not read nextUpdate of ${UNTRUSTED_CRL_FILE}: ${out.trim()}`);
  return nextUpdate;
}

/**
 * A file holding certificates in a given order, as `curl --cert` reads it (the leaf first, then what the client
 * presents with it). Made with openssl alone: a PKCS#7 bundle keeps the order, `pkcs7 -print_certs` writes it
 * out as PEM (each block preceded by its subject and issuer lines, which PEM readers skip).
 */
async function makeChain(rec: Recorder, chain: ChainRecipe): Promise<void> {
  const files = chain.parts.map((part) => `${CERTS[part].stem}.crt`);
  await rec.run({
    purpose: `${chain.stem}: ${files.join(' + ')} in one PKCS#7 bundle, in this order`,
    args: ['crl2pkcs7', '-nocrl', ...files.flatMap((file) => ['-certfile', file]), '-out', `${chain.stem}.p7b`],
  });
  await rec.run({
    purpose: `${chain.stem}.pem: the same certificates as PEM, for curl --cert`,
    args: ['pkcs7', '-in', `${chain.stem}.p7b`, '-print_certs', '-out', `${chain.stem}.pem`],
  });
}

async function makeP12(rec: Recorder): Promise<void> {
  // OpenSSL 3 defaults (AES-256-CBC, PBKDF2, SHA-256 MAC) — no -legacy, which curl with OpenSSL 3 reads.
  await rec.run({
    purpose: `clientA PKCS#12 bundle (certificate + key + privateCA), password "${P12_PASSWORD}"`,
    args: [
      'pkcs12',
      '-export',
      '-in',
      'clientA.crt',
      '-inkey',
      'clientA.key',
      '-certfile',
      'privateCA.crt',
      '-name',
      'clientA',
      '-passout',
      `pass:${P12_PASSWORD}`,
      '-out',
      P12_FILE,
    ],
  });
}

/** "openssl ca" needs its database and certificate directory to exist before its first use (both CAs that use it). */
async function ensureCaDatabase(dir: string): Promise<void> {
  for (const [newCerts, database] of [
    [CA_NEW_CERTS_DIR, CA_DATABASE],
    [WORKLOAD_CA_NEW_CERTS_DIR, WORKLOAD_CA_DATABASE],
  ] as const) {
    await mkdir(path.join(dir, newCerts), { recursive: true });
    await writeFile(path.join(dir, database), '', { flag: 'a' });
  }
}

/** A new privateCA starts a new database: entries of the old CA must not reach the new CRL. */
async function resetCaDatabase(dir: string): Promise<void> {
  for (const file of [
    CA_DATABASE,
    `${CA_DATABASE}.attr`,
    `${CA_DATABASE}.old`,
    `${CA_DATABASE}.attr.old`,
    'privateCA.srl',
    CA_NEW_CERTS_DIR,
  ]) {
    await rm(path.join(dir, file), { recursive: true, force: true });
  }
  await ensureCaDatabase(dir);
}

export interface Made {
  commands: RecordedCommand[];
  crlNextUpdate?: string;
}

export async function makeArtifact(dir: string, name: ArtifactName): Promise<Made> {
  const rec = recorder(dir);
  for (const file of filesOf(name)) await rm(path.join(dir, file), { force: true });
  if (name === 'ca') await resetCaDatabase(dir);
  else await ensureCaDatabase(dir);

  let crlNextUpdate: string | undefined;
  if (name === 'crl') crlNextUpdate = await makeCrl(rec);
  else if (name === 'expiredCrl') await makeExpiredCrl(rec);
  else if (name === 'untrustedCrl') crlNextUpdate = await makeUntrustedCrl(rec);
  else if (name === 'clientAP12') await makeP12(rec);
  else if (isChain(name)) await makeChain(rec, CHAINS[name]);
  else if (CERTS[name].signer) await makeSigned(rec, CERTS[name]);
  else await makeCa(rec, CERTS[name]);

  // Keys and the p12 hold private keys: owner-only, whatever the umask was.
  for (const file of filesOf(name).filter((f) => f.endsWith('.key') || f.endsWith('.p12'))) {
    await chmod(path.join(dir, file), 0o600);
  }
  return { commands: rec.commands, ...(crlNextUpdate ? { crlNextUpdate } : {}) };
}

/** Writes the openssl config the recorded commands name, unless it is already there as it should be. */
export async function writeConfigIfChanged(dir: string): Promise<void> {
  const file = path.join(dir, CONFIG_FILE);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current !== OPENSSL_CONFIG) await writeFile(file, OPENSSL_CONFIG);
}
