// A stack's S3 objects filled from the sandbox's PKI (scenario.objects: key → which PKI file): what a deploy would
// have uploaded. Without LocalStack the ALB emulator's trust stores read them as they are; with LocalStack
// (sandbox/localstack/scenario-aws.ts) they are put into its S3 and read back from there.
import { readFile } from 'node:fs/promises';
import type { Pki } from '../../certs/types.js';
import { cloudFrontSerial } from '../cloudfront/viewer-headers.js';
import { readCertFields } from '../tls/cert-fields.js';
import type { PkiObject, ScenarioDefinition } from '../scenario.js';

/** A KeyValueStore import file of the revoked clients' serials, keyed as `serialNumber.replaceAll(':', '')`. */
async function revokedSerialsKvs(pki: Pki): Promise<string> {
  const data = [];
  for (const pair of [pki.clients.revoked, pki.clients.revokedBilling]) {
    const serial = cloudFrontSerial(readCertFields(await readFile(pair.cert, 'utf8'))).replace(/:/g, '');
    data.push({ key: serial, value: 'revoked' });
  }
  return `${JSON.stringify({ data }, null, 2)}\n`;
}

/** The scenario's S3 objects, filled from the PKI: what a deploy would have uploaded. */
export async function s3Objects(scenario: ScenarioDefinition, pki: Pki): Promise<Map<string, string>> {
  const files: Record<PkiObject, string[]> = {
    privateCA: [pki.ca.cert],
    untrustedCA: [pki.untrustedCa.cert],
    'privateCA+untrustedCA': [pki.ca.cert, pki.untrustedCa.cert],
    'privateCA+intermediateCA': [pki.ca.cert, pki.intermediateCa.cert],
    'privateCA.crl': [pki.crl],
    'privateCA-expired.crl': [pki.expiredCrl],
    'revoked-serials.kvs': [],
    originClientCA: [pki.originClientCa.cert],
    workloadCA: [pki.workloadCa.cert],
    'privateCA+workloadCA': [pki.ca.cert, pki.workloadCa.cert],
  };
  const objects = new Map<string, string>();
  for (const [key, what] of Object.entries(scenario.objects ?? {})) {
    if (what === 'revoked-serials.kvs') {
      objects.set(key, await revokedSerialsKvs(pki));
      continue;
    }
    objects.set(key, (await Promise.all(files[what].map((file) => readFile(file, 'utf8')))).join(''));
  }
  return objects;
}
