// Writes docs/report.schema.json, the JSON Schema of the headless report (`run --json`), from sandbox/report.ts.
// `npm run schema` regenerates it; a test fails when the committed file is out of step with the types.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

export const SCHEMA_FILE = fileURLToPath(new URL('../docs/report.schema.json', import.meta.url));

/** The schema as text: a report is one scenario's report or the report of several. */
export function reportSchema(): string {
  const generator = createGenerator({
    path: fileURLToPath(new URL('../sandbox/report.ts', import.meta.url)),
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    type: 'HeadlessReport',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    additionalProperties: false,
    skipTypeCheck: true,
  });
  const schema = {
    ...generator.createSchema('HeadlessReport'),
    $id: 'https://github.com/mtls-sandbox/mtls-sandbox/docs/report.schema.json',
    title: 'mtls-sandbox headless report (run --json)',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, reportSchema());
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
