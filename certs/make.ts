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
  type CertRecipe,
  CONFIG_FILE,
  CRL_DAYS,
  CRL_FILE,
  filesOf,
  OPENSSL_CONFIG,
  P12_FILE,
  P12_PASSWORD,
} from './recipes.js';
import type { RecordedCommand } from './types.js';
import { parseOpensslDate } from './x509.js';

/** A positive 20-byte serial whose first byte is non-zero, so openssl prints all 40 hex digits. */
function randomSerial(): string {
  const bytes = randomBytes(20);
  bytes[0] = bytes[0]! & 0x7f || 0x01;
  return bytes.toString('hex').toUpperCase();
}

const keyStep = (stem: string, label: string): Step => ({
  purpose: `${label} private key (RSA 2048)`,
  args: ['genpkey', '-quiet', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${stem}.key`],
});

/** How purposes name a certificate: by CN, except the server, whose CN "localhost" says little. */
const labelOf = (recipe: CertRecipe): string =>
  recipe.name === 'server' ? 'server (localhost)' : cnOf(recipe.subject);
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

async function makeLeaf(rec: Recorder, recipe: CertRecipe): Promise<void> {
  const { stem, signer } = recipe;
  if (!signer) throw new Error(`internal: ${recipe.name} has no signer`);
  const signerStem = CERTS[signer].stem;
  const label = labelOf(recipe);
  const usage = recipe.extensions === 'server_ext' ? 'serverAuth' : 'clientAuth';
  await rec.run(keyStep(stem, label));
  await rec.run({
    purpose: `${label} certificate signing request`,
    args: [
      'req',
      '-new',
      '-key',
      `${stem}.key`,
      '-subj',
      recipe.subject,
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
        '-extfile',
        CONFIG_FILE,
        '-extensions',
        recipe.extensions,
        '-out',
        `${stem}.crt`,
      ],
    });
  } else {
    // OpenSSL 3.0's "x509 -req" cannot set a start date; "openssl ca" can backdate.
    const { start, end } = recipe.validity;
    await rec.run({
      purpose: `${label} certificate signed by ${signerStem}, valid only ${start} to ${end} (already expired)`,
      args: [
        'ca',
        '-batch',
        '-config',
        CONFIG_FILE,
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
        recipe.extensions,
      ],
    });
  }
  await recordVerifyChecks(rec, recipe);
}

/** Verifying right after signing proves the chain, and gives users a command to try by hand. */
async function recordVerifyChecks(rec: Recorder, recipe: CertRecipe): Promise<void> {
  const signerStem = CERTS[recipe.signer ?? 'ca'].stem;
  const file = `${recipe.stem}.crt`;
  const expired = !('days' in recipe.validity);
  await rec.run({
    purpose: `Check: ${file} verifies against ${signerStem}`,
    args: ['verify', '-CAfile', `${signerStem}.crt`, file],
    ...(expired ? { expectFailure: 'certificate has expired' } : { expectOutput: `${file}: OK` }),
  });
  if (recipe.distrustedBy) {
    const distrustingStem = CERTS[recipe.distrustedBy].stem;
    await rec.run({
      purpose: `Check: ${distrustingStem} does not trust ${file}`,
      args: ['verify', '-CAfile', `${distrustingStem}.crt`, file],
      expectFailure: 'unable to get local issuer certificate',
    });
  }
}

/** Revokes revoked.crt in privateCA's database and issues the CRL; returns the CRL's nextUpdate. */
async function makeCrl(rec: Recorder): Promise<string> {
  const revoked = `${CERTS.revoked.stem}.crt`;
  await rec.run({
    purpose: `Revoke ${revoked} in privateCA's database (${CA_DATABASE})`,
    args: ['ca', '-config', CONFIG_FILE, '-revoke', revoked, '-crl_reason', 'keyCompromise'],
    // The CRL may be renewed while revoked.crt stays; its serial is then already in the database.
    tolerate: /Already revoked/,
  });
  await rec.run({
    purpose: `privateCA CRL listing ${revoked} (next update in ${CRL_DAYS} days)`,
    args: ['ca', '-config', CONFIG_FILE, '-gencrl', '-crldays', String(CRL_DAYS), '-out', CRL_FILE],
  });
  await rec.run({
    purpose: `Check: with the CRL, ${revoked} is rejected`,
    args: ['verify', '-crl_check', '-CAfile', 'privateCA.crt', '-CRLfile', CRL_FILE, revoked],
    expectFailure: 'certificate revoked',
  });
  const out = await rec.run({
    purpose: 'Read when the CRL must be renewed (nextUpdate)',
    args: ['crl', '-in', CRL_FILE, '-noout', '-nextupdate'],
  });
  const nextUpdate = parseOpensslDate(/nextUpdate=(.+)/.exec(out)?.[1]);
  if (!nextUpdate) throw new Error(`Could not read nextUpdate of ${CRL_FILE} from openssl output: ${out.trim()}`);
  return nextUpdate;
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

/** "openssl ca" needs its database and certificate directory to exist before its first use. */
async function ensureCaDatabase(dir: string): Promise<void> {
  await mkdir(path.join(dir, CA_NEW_CERTS_DIR), { recursive: true });
  await writeFile(path.join(dir, CA_DATABASE), '', { flag: 'a' });
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
  else if (name === 'clientAP12') await makeP12(rec);
  else if (CERTS[name].signer) await makeLeaf(rec, CERTS[name]);
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
