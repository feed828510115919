// The manifest cache (pki.json): what was made, by which commands, with which file digests, and when each file
// must be remade — missing, edited, near expiry, signed by a remade signer, or made by a different recipe.
import { createHash, createPrivateKey } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type ArtifactName,
  CERTS,
  CHAINS,
  type CertRecipe,
  CRL_DAYS,
  depsOf,
  EXPIRED_CRL_DATES,
  filesOf,
  isChain,
  OPENSSL_CONFIG,
  P12_PASSWORD,
} from './recipes.js';
import type { RecordedCommand } from './types.js';
import { loadCert, rfc2253, slashToRfc2253 } from './x509.js';

const MANIFEST_FILE = 'pki.json';
/** Files closer than this to expiry are remade, so a sandbox session never crosses an expiry. */
const RENEW_MARGIN_MS = 7 * 24 * 60 * 60 * 1000;
const HOURLY_RENEW_MARGIN_MS = 60 * 60 * 1000;

export interface ManifestEntry {
  commands: Array<Omit<RecordedCommand, 'cwd'>>;
  /** sha256 of each file as made, so a replaced or edited file counts as stale. */
  files: Record<string, string>;
  /** Digest of each dependency when this was made, so a remade signer remakes what it signed. */
  deps: Record<string, string>;
  crlNextUpdate?: string;
}

export interface Manifest {
  /** Digest of the recipes that made the files; a changed recipe remakes everything. */
  recipe: string;
  artifacts: Partial<Record<ArtifactName, ManifestEntry>>;
}

const RECIPE_DIGEST = createHash('sha256')
  .update(JSON.stringify({ OPENSSL_CONFIG, CERTS, CHAINS, CRL_DAYS, EXPIRED_CRL_DATES, P12_PASSWORD }))
  .digest('hex');

export async function readManifest(dir: string): Promise<Manifest> {
  return (await readManifestChecked(dir)).manifest;
}

/** The manifest, and whether one was there but could not be used (`invalid`): then everything is remade. */
export async function readManifestChecked(dir: string): Promise<{ manifest: Manifest; invalid: boolean }> {
  const empty: Manifest = { recipe: RECIPE_DIGEST, artifacts: {} };
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return { manifest: empty, invalid: false }; // none yet
  }
  try {
    const parsed = JSON.parse(text) as Manifest;
    if (typeof parsed?.artifacts !== 'object' || parsed.artifacts === null) return { manifest: empty, invalid: true };
    // Made by other recipes (a newer or older sandbox): remade, as intended.
    return parsed.recipe === RECIPE_DIGEST ? { manifest: parsed, invalid: false } : { manifest: empty, invalid: false };
  } catch {
    return { manifest: empty, invalid: true };
  }
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  // Write-then-rename so a reader never sees half a manifest.
  const tmp = path.join(dir, `${MANIFEST_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(tmp, path.join(dir, MANIFEST_FILE));
}

async function hashFile(file: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  } catch {
    return undefined;
  }
}

export async function hashFiles(dir: string, name: ArtifactName): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of filesOf(name)) {
    const hash = await hashFile(path.join(dir, file));
    if (!hash) throw new Error(`openssl did not write ${path.join(dir, file)}`);
    hashes[file] = hash;
  }
  return hashes;
}

const digestOf = (entry: ManifestEntry): string =>
  createHash('sha256').update(JSON.stringify(entry.files)).digest('hex');

export function depDigests(manifest: Manifest, name: ArtifactName): Record<string, string> {
  const deps: Record<string, string> = {};
  for (const dep of depsOf(name)) {
    const entry = manifest.artifacts[dep];
    if (!entry) throw new Error(`internal: ${name} made before its dependency ${dep}`);
    deps[dep] = digestOf(entry);
  }
  return deps;
}

/** A file of a made artifact that is no longer as made: deleted, or edited/corrupted. */
export async function changedFile(
  dir: string,
  name: ArtifactName,
  entry: ManifestEntry,
): Promise<{ file: string; problem: 'missing' | 'changed' } | null> {
  for (const file of filesOf(name)) {
    const hash = await hashFile(path.join(dir, file));
    if (hash === undefined) return { file: path.join(dir, file), problem: 'missing' };
    if (hash !== entry.files[file]) return { file: path.join(dir, file), problem: 'changed' };
  }
  return null;
}

async function filesUnchanged(dir: string, name: ArtifactName, entry: ManifestEntry): Promise<boolean> {
  for (const file of filesOf(name)) {
    if (entry.files[file] === undefined || (await hashFile(path.join(dir, file))) !== entry.files[file]) return false;
  }
  return true;
}

export function sameDeps(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Is this certificate still what the recipe asks for, signed by its signer, and far enough from expiry? */
async function certStillGood(dir: string, recipe: CertRecipe, now: Date): Promise<boolean> {
  const cert = await loadCert(dir, recipe.stem);
  const key = createPrivateKey(await readFile(path.join(dir, `${recipe.stem}.key`)));
  const signer = recipe.signer ? await loadCert(dir, CERTS[recipe.signer].stem) : cert;
  if (rfc2253(cert.subject) !== slashToRfc2253(recipe.subject)) return false;
  if (!cert.checkPrivateKey(key) || !cert.checkIssued(signer) || !cert.verify(signer.publicKey)) return false;
  const notAfter = Date.parse(cert.validTo);
  if ('days' in recipe.validity) return notAfter - now.getTime() > RENEW_MARGIN_MS;
  // A workload certificate lives hours: made again once less than an hour is left, so no run meets its expiry.
  if ('hours' in recipe.validity) return notAfter - now.getTime() > HOURLY_RENEW_MARGIN_MS;
  // Fixed dates (already expired, or not valid yet) never need renewing: they only have to be the recipe's.
  return Date.parse(cert.validFrom) === stampToMs(recipe.validity.start) && notAfter === stampToMs(recipe.validity.end);
}

/** "20200101000000Z" → epoch milliseconds. */
function stampToMs(stamp: string): number {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) => Number(stamp.slice(at, at + (i === 0 ? 4 : 2))));
  return Date.UTC(y!, mo! - 1, d, h, mi, s);
}

export async function stillGood(dir: string, name: ArtifactName, entry: ManifestEntry, now: Date): Promise<boolean> {
  if (!(await filesUnchanged(dir, name, entry))) return false;
  if (name === 'crl' || name === 'untrustedCrl')
    return entry.crlNextUpdate !== undefined && Date.parse(entry.crlNextUpdate) - now.getTime() > RENEW_MARGIN_MS;
  // Their inputs are covered by the dependency digests; the expired CRL is meant to stay expired.
  if (name === 'clientAP12' || name === 'expiredCrl' || isChain(name)) return true;
  try {
    return await certStillGood(dir, CERTS[name], now);
  } catch {
    return false; // unparsable certificate or key: remake it
  }
}
