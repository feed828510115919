// docs/report.schema.json is the published shape of `run --json`: it must say what sandbox/report.ts says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportSchema, SCHEMA_FILE } from '../scripts/report-schema.js';
import { SCHEMA_VERSION } from './report.js';

describe('docs/report.schema.json', () => {
  it('is generated from sandbox/report.ts (run `npm run schema` after changing the record)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(reportSchema());
  }, 30_000);

  it('names the schema version the engine writes', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
      definitions: { ScenarioReport: { properties: { schemaVersion: { const: number } } } };
    };
    expect(schema.definitions.ScenarioReport.properties.schemaVersion.const).toBe(SCHEMA_VERSION);
  });
});
