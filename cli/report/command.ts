// `mtls-sandbox report`: runs the scenarios as `run` does, then writes a Markdown or HTML report for stakeholders.
// Progress goes to stderr, so that without --out stdout holds only the report.
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ensurePki } from '../../certs/pki.js';
import { findScenario, loadCatalogue } from '../../scenarios/catalogue.js';
import { diagramOf } from '../../sandbox/diagram.js';
import { certsDir, stateDir } from '../../sandbox/runtime/state-dir.js';
import { compileScenario, runScenario } from '../../sandbox/run.js';
import { pick, type Lang } from '../../sandbox/text.js';
import { describeSession, openForRun, type LocalStackRequest } from '../../sandbox/localstack/session.js';
import { UsageError, type Runtime } from '../args.js';
import { plainPrinter, colorEnabled } from '../plain.js';
import { documentPasses, type ReportFormat, type ReportSection } from './document.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';

export interface ReportCommand {
  ids: string[];
  all: boolean;
  format: ReportFormat;
  out: string | null;
  lang: Lang;
  localstack?: LocalStackRequest;
  runtime?: Runtime;
}

export async function report(command: ReportCommand): Promise<number> {
  const scenarios = command.all ? await loadCatalogue() : await Promise.all(command.ids.map(findScenario));
  const out = command.out === null ? null : resolve(command.out);
  if (out !== null) checkWritable(out);

  const state = stateDir();
  const pki = await ensurePki(certsDir(state));
  const emit = plainPrinter((line) => process.stderr.write(`${line}\n`), colorEnabled(process.stderr));
  const sections: ReportSection[] = [];
  // As `run` does: one LocalStack for the whole report, started only if a selected scenario needs it.
  const localstack = await openForRun({
    request: command.localstack ?? 'auto',
    scenarios,
    deployAll: false,
    stateDir: state,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stderr.write(`${describeSession(localstack)}\n`);
  try {
    for (const scenario of scenarios) {
      const result = await runScenario(scenario, {
        stateDir: state,
        pki,
        lang: command.lang,
        emit,
        localstack,
        runtime: command.runtime,
      });
      const topology = await compileScenario(scenario, state);
      sections.push({
        report: result,
        summary: pick(scenario.summary, command.lang),
        explanation: pick(scenario.explain, command.lang),
        diagram: diagramOf(scenario, topology, result.components),
      });
    }
  } finally {
    await localstack.stop();
  }

  const document = { lang: command.lang, generatedAt: new Date().toISOString(), sections };
  const text = command.format === 'html' ? renderHtml(document) : renderMarkdown(document);
  if (out === null) {
    process.stdout.write(text);
  } else {
    await writeFile(out, text);
    process.stderr.write(`Report written to ${out}\n`);
  }
  return documentPasses(document) ? 0 : 1;
}

/** Fail before running anything when the report could not be written. */
function checkWritable(file: string): void {
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`--out: the folder ${folder} does not exist; create it or choose another path.`);
  if (existsSync(file) && statSync(file).isDirectory())
    throw new UsageError(`--out: ${file} is a folder; give a file name, e.g. ${file}/report.html.`);
}
