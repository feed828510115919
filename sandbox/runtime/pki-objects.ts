// A stack's S3 objects filled from the sandbox's PKI (scenario.objects: key → which PKI file): what a deploy would
// have uploaded. Without LocalStack the ALB emulator's trust stores read them as they are; with LocalStack
// (sandbox/localstack/scenario-aws.ts) they are put into its S3 and read back from there.
import { readFile } from 'node:fs/promises';
import type { Pki } from '../../certs/types.js';
import type { PkiObject, ScenarioDefinition } from '../scenario.js';

/** The scenario's S3 objects, filled from the PKI: what a deploy would have uploaded. */
export async function s3Objects(scenario: ScenarioDefinition, pki: Pki): Promise<Map<string, string>> {
  const files: Record<PkiObject, string[]> = {
    privateCA: [pki.ca.cert],
    untrustedCA: [pki.untrustedCa.cert],
    'privateCA+untrustedCA': [pki.ca.cert, pki.untrustedCa.cert],
    'privateCA+intermediateCA': [pki.ca.cert, pki.intermediateCa.cert],
    'privateCA.crl': [pki.crl],
    'privateCA-expired.crl': [pki.expiredCrl],
  };
  const objects = new Map<string, string>();
  for (const [key, what] of Object.entries(scenario.objects ?? {})) {
    objects.set(key, (await Promise.all(files[what].map((file) => readFile(file, 'utf8')))).join(''));
  }
  return objects;
}
