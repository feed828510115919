// The sandbox PKI: made with the real openssl CLI so every file can be re-made by hand with the
// commands we record, and reused across runs while it is still valid.
//
// This is the entry the rest of the code base imports. The parts, one job each: recipes.ts (what to make),
// make.ts (the openssl steps of each artifact), openssl.ts (running openssl and recording the commands),
// manifest.ts (what was made, when it must be remade), lock.ts (two processes sharing a directory), x509.ts
// (reading the certificates back) and describe.ts (what `mtls-sandbox certs` prints).
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { withLock } from './lock.js';
import { makeArtifact, writeConfigIfChanged } from './make.js';
import {
  changedFile,
  depDigests,
  hashFiles,
  type Manifest,
  readManifestChecked,
  sameDeps,
  stillGood,
  writeManifest,
} from './manifest.js';
import {
  type ArtifactName,
  type CertName,
  type ChainName,
  CRL_FILE,
  depsOf,
  EXPIRED_CRL_FILE,
  ORDER,
  P12_FILE,
  P12_PASSWORD,
  UNTRUSTED_CRL_FILE,
  usesCaDatabase,
  CERTS,
  isChain,
} from './recipes.js';
import type { ClientCertName, KeyPair, Pki } from './types.js';
import { readChainKeyPair, readKeyPair } from './x509.js';

/** The clients that present one certificate, by the recipe that makes it. */
const LEAF_CLIENTS: Record<Exclude<ClientCertName, ChainName>, CertName> = {
  clientA: 'clientA',
  clientB: 'clientB',
  expired: 'expired',
  revoked: 'revoked',
  untrusted: 'untrusted',
  intermediateLeaf: 'intermediateLeaf',
  notYetValid: 'notYetValid',
  wrongPurpose: 'wrongPurpose',
  v1: 'v1',
  sha1: 'sha1',
  rsa1024: 'rsa1024',
  spiffeBilling: 'spiffeBilling',
  spiffeStaging: 'spiffeStaging',
  spiffeMixedCase: 'spiffeMixedCase',
  spiffePathCase: 'spiffePathCase',
  partnerDns: 'partnerDns',
  lookalikeDns: 'lookalikeDns',
  ouPayments: 'ouPayments',
  opsConsole: 'opsConsole',
  noSanBilling: 'noSanBilling',
  revokedBilling: 'revokedBilling',
  impostorBilling: 'impostorBilling',
  workload: 'workload',
  cloudfrontOrigin: 'cloudfrontOrigin',
};
/** The clients whose --cert file holds a chain. */
const CHAIN_CLIENTS: readonly ChainName[] = [
  'intermediateChain',
  'intermediateChainUnordered',
  'deepChain',
  'deepChain4',
  'expiredIntermediateChain',
];

/** Every client certificate name a probe may present (ProbeClient.certificate). */
export const CLIENT_CERT_NAMES: readonly ClientCertName[] = [
  ...(Object.keys(LEAF_CLIENTS) as ClientCertName[]),
  ...CHAIN_CLIENTS,
];

export { describePki } from './describe.js';

export interface EnsurePkiOptions {
  /** The clock used to decide whether files are expired or near expiry (tests move it forward). */
  now?: Date;
  /** Told about a file that was there but not valid (a corrupted manifest, an edited or deleted file): it is remade. */
  notice?: (problem: PkiProblem) => void;
}

/** A file of the PKI that could not be used as it was, and was made again. */
export interface PkiProblem {
  file: string;
  problem: 'manifest-invalid' | 'missing' | 'changed';
}

/**
 * Creates the sandbox PKI under `dir`, or reuses what is there while it is valid and consistent.
 * Anything missing, edited, near expiry or signed by a remade CA is remade (and what depends on it).
 */
export async function ensurePki(dir: string, options: EnsurePkiOptions = {}): Promise<Pki> {
  const absDir = path.resolve(dir);
  const now = options.now ?? new Date();
  await mkdir(absDir, { recursive: true });
  return withLock(absDir, async () => {
    await writeConfigIfChanged(absDir);
    const { manifest, invalid } = await readManifestChecked(absDir);
    if (invalid) options.notice?.({ file: path.join(absDir, 'pki.json'), problem: 'manifest-invalid' });
    let saved = Promise.resolve();
    const ensure = async (name: ArtifactName): Promise<void> => {
      const deps = depDigests(manifest, name);
      const entry = manifest.artifacts[name];
      if (entry && sameDeps(entry.deps, deps) && (await stillGood(absDir, name, entry, now))) return;
      const changed = entry ? await changedFile(absDir, name, entry) : null;
      if (changed) options.notice?.(changed);
      const made = await slots.run(() =>
        usesCaDatabase(name) ? database.run(() => makeArtifact(absDir, name)) : makeArtifact(absDir, name),
      );
      manifest.artifacts[name] = {
        commands: made.commands.map(({ purpose, command }) => ({ purpose, command })),
        files: await hashFiles(absDir, name),
        deps,
        ...(made.crlNextUpdate ? { crlNextUpdate: made.crlNextUpdate } : {}),
      };
      // Saved after each artifact (one write at a time), so a failure later keeps what was already made.
      saved = saved.then(() => writeManifest(absDir, manifest));
      await saved;
    };
    // Artifacts whose inputs are ready are made side by side (the keys are most of the time); each waits for what
    // it is made from, so the order of the recipes still holds wherever it matters.
    const slots = limiter(availableParallelism() + 2);
    // One `openssl ca` at a time: they share a CA database.
    const database = limiter(1);
    const done = new Map<ArtifactName, Promise<void>>();
    for (const name of ORDER)
      done.set(
        name,
        Promise.all(madeAfter(name).map((before) => done.get(before)!)).then(() => ensure(name)),
      );
    const results = await Promise.allSettled(done.values());
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    await saved;
    if (failed) throw failed.reason;
    return readPki(absDir, manifest);
  });
}

/**
 * What must be made before an artifact: what it is made from, for a CRL the CRLs before it in ORDER (privateCA's
 * CRL records the revocations in the database the others list), and the CA a certificate's checks say distrusts it.
 */
export function madeAfter(name: ArtifactName): ArtifactName[] {
  const crls: ArtifactName[] = ['crl', 'expiredCrl', 'untrustedCrl'];
  const earlierCrls = crls.includes(name) ? crls.slice(0, crls.indexOf(name)) : [];
  // A certificate's checks verify it against the CA that must not trust it: that CA's certificate must be there.
  const distrusting = isChain(name) || !(name in CERTS) ? [] : [CERTS[name as CertName].distrustedBy ?? []].flat();
  return [...new Set([...depsOf(name), ...earlierCrls, ...distrusting])];
}

/** Runs at most `slots` jobs at a time. */
function limiter(slots: number): { run<T>(job: () => Promise<T>): Promise<T> } {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(job) {
      if (active >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
      active++;
      try {
        return await job();
      } finally {
        active--;
        waiting.shift()?.();
      }
    },
  };
}

async function readPki(dir: string, manifest: Manifest): Promise<Pki> {
  const commands = ORDER.flatMap((name) => (manifest.artifacts[name]?.commands ?? []).map((c) => ({ ...c, cwd: dir })));
  const clients = {} as Record<ClientCertName, KeyPair>;
  for (const [name, recipe] of Object.entries(LEAF_CLIENTS) as [ClientCertName, CertName][]) {
    clients[name] = await readKeyPair(dir, recipe);
  }
  for (const name of CHAIN_CLIENTS) clients[name] = await readChainKeyPair(dir, name);
  return {
    dir,
    ca: await readKeyPair(dir, 'ca'),
    untrustedCa: await readKeyPair(dir, 'untrustedCa'),
    serverCa: await readKeyPair(dir, 'serverCa'),
    server: await readKeyPair(dir, 'server'),
    clients,
    clientAP12: { file: path.join(dir, P12_FILE), password: P12_PASSWORD },
    crl: path.join(dir, CRL_FILE),
    intermediateCa: await readKeyPair(dir, 'intermediateCa'),
    chainCas: await Promise.all((['chainCa2', 'chainCa3', 'chainCa4'] as const).map((n) => readKeyPair(dir, n))),
    expiredIntermediateCa: await readKeyPair(dir, 'expiredIntermediateCa'),
    expiredCrl: path.join(dir, EXPIRED_CRL_FILE),
    untrustedCrl: path.join(dir, UNTRUSTED_CRL_FILE),
    workloadCa: await readKeyPair(dir, 'workloadCa'),
    originClientCa: await readKeyPair(dir, 'originClientCa'),
    commands,
  };
}
