// Writes sandbox/testing/file-weights.json (the order a fresh clone's suite starts its files in, slowest first:
// sandbox/testing/slowest-first.ts) from vitest's JSON report of a whole run:
//   npx vitest run --reporter=json --outputFile=/tmp/report.json
//   node bin/run-ts.js scripts/file-weights.ts /tmp/report.json "2 cores, quiet"
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const [reportFile, machine] = process.argv.slice(2);
if (!reportFile || !machine) {
  console.error('usage: file-weights.ts VITEST_JSON_REPORT "the machine and its state"');
  process.exit(2);
}
interface FileResult {
  name: string;
  startTime: number;
  endTime: number;
  assertionResults: unknown[];
}
const root = new URL('../', import.meta.url).pathname.replace(/\/$/, '');
const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { testResults: FileResult[] };
const projectOf = (path: string) => (/\.it\.test\.ts$/.test(path) ? 'integration' : 'unit');
const seconds: Record<string, number> = {};
for (const file of report.testResults) {
  const path = relative(root, file.name);
  seconds[`${projectOf(path)}:${path}`] = Math.round((file.endTime - file.startTime) / 100) / 10;
}
const sorted = Object.fromEntries(Object.entries(seconds).sort(([, a], [, b]) => b - a));
const out = new URL('../sandbox/testing/file-weights.json', import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify({ measured: `${new Date().toISOString().slice(0, 10)}, ${machine}`, seconds: sorted }, null, 2)}\n`,
);
console.log(`${Object.keys(sorted).length} files → ${out.pathname}`);
