// Test support: every report the tests produce must validate against docs/report.schema.json, the published shape
// of `run --json`.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { HeadlessReport } from '../report.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile<HeadlessReport>(schema);

/** The report, once it is known to have the published shape; else an error listing where it does not. */
export function validReport<T extends HeadlessReport>(report: T): T {
  // A round trip through JSON: what a consumer of `--json` sees (no undefined fields, no class instances).
  const json = JSON.parse(JSON.stringify(report)) as unknown;
  if (!validate(json)) {
    const problems = (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
    throw new Error(`report does not match docs/report.schema.json:\n  ${problems.join('\n  ')}`);
  }
  return report;
}
