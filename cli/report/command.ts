// `mtls-sandbox report`: runs the scenarios as `run` does, then writes a Markdown or HTML report for stakeholders.
// Progress goes to stderr, so that without --out stdout holds only the report.
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { type CatalogueOptions, findScenarios, openCatalogue } from '../../scenarios/catalogue.js';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import { formatLocation } from '../../sandbox/door.js';
import { openSandbox } from '../../sandbox/door.js';
import type { LocalStackRequest } from '../../sandbox/localstack/session.js';
import { projectRoot, stateDir } from '../../sandbox/runtime/state-dir.js';
import { pick, type Lang } from '../../sandbox/text.js';
import { both, UsageError, type Runtime } from '../args.js';
import { cliSay } from '../i18n/cli-words.js';
import { say, t } from '../i18n/index.js';
import { colorEnabled, plainPrinter } from '../plain.js';
import { documentPasses, type ReportFormat } from './document.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { printPdf } from './pdf.js';
import { readPredictionSheet } from '../predict-sheet.js';
import { sheetMarkdown } from '../predict-text.js';

export interface ReportCommand {
  /** The user's own scenario folders (--scenarios, MTLS_SANDBOX_SCENARIOS). */
  scenarioDirs?: { dir: string; how: string }[];
  ids: string[];
  all: boolean;
  format: ReportFormat;
  out: string | null;
  lang: Lang;
  localstack?: LocalStackRequest;
  deployAll?: boolean;
  runtime?: Runtime;
  pcap?: boolean;
  /** Scenarios at the same time (--concurrency); absent: the engine's default. */
  concurrency?: number;
  /** The score sheet of a prediction run (the file run --predict wrote) instead of running scenarios. */
  predictions?: string;
}

export async function report(command: ReportCommand): Promise<number> {
  if (command.predictions !== undefined) return predictionsReport(command.predictions, command.out, command.lang);
  const catalogue = { userDirs: command.scenarioDirs ?? [] };
  const scenarios = command.all
    ? await wholeCatalogue(catalogue, command.lang)
    : await findScenarios(command.ids, catalogue);
  const out = command.out === null ? null : resolve(command.out);
  if (out !== null) checkWritable(out);

  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const sandbox = openSandbox({
    stateDir: stateDir(),
    lang: command.lang,
    localstack: command.localstack,
    deployAll: command.deployAll,
    runtime: command.runtime,
    concurrency: command.concurrency,
    log: (line) => progress(say(line, command.lang)),
    ...(command.pcap ? { pcap: join(stateDir(), 'pcap') } : {}),
  });
  let reports: Awaited<ReturnType<typeof sandbox.run>>;
  try {
    reports = await sandbox.run(scenarios, plainPrinter(progress, colorEnabled(process.stderr), command.lang));
  } finally {
    await sandbox.stop();
  }
  const sections = reports.map((result, index) => ({
    report: result,
    summary: pick(scenarios[index]!.summary, command.lang),
    explanation: pick(scenarios[index]!.explain, command.lang),
  }));
  const document = { lang: command.lang, generatedAt: new Date().toISOString(), docsBase: docsBase(out), sections };
  if (command.format === 'pdf' && out !== null) {
    // Printed with every probe unfolded: a page cannot be clicked open.
    await printPdf(renderHtml(document, { print: true }), out);
    process.stderr.write(`${cliSay('reportWritten', command.lang, { file: out })}\n`);
    return documentPasses(document) ? 0 : 1;
  }
  const text = command.format === 'html' ? renderHtml(document) : renderMarkdown(document);
  if (out === null) {
    process.stdout.write(text);
  } else {
    await writeFile(out, text);
    process.stderr.write(`${cliSay('reportWritten', command.lang, { file: out })}\n`);
  }
  return documentPasses(document) ? 0 : 1;
}

/** How the report reaches the repository's docs: a relative path when it is written inside the project. */
function docsBase(out: string | null): string {
  const root = resolve(projectRoot());
  if (out === null) return `${root}${sep}`;
  const path = relative(dirname(out), root);
  return path.startsWith('..') && path.split(sep).length > 4 ? `${root}${sep}` : path === '' ? '' : `${path}/`;
}

/** Fail before running anything when the report could not be written. */
function checkWritable(file: string): void {
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(both('outFolderMissing', { folder }));
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(both('outIsFolder', { file }));
}

/** Every scenario; the user's own that did not load are named on stderr (file, line, why) and left out. */
async function wholeCatalogue(options: CatalogueOptions, lang: Lang): Promise<ScenarioDefinition[]> {
  const { scenarios, broken } = await openCatalogue(options);
  for (const entry of broken)
    process.stderr.write(
      `${t('brokenLeftOut', lang, { id: entry.id, where: formatLocation(entry), error: entry.error })}\n`,
    );
  return scenarios;
}

/** `report --predictions FILE`: a prediction run's score sheet as Markdown, to stdout or --out. */
async function predictionsReport(file: string, out: string | null, lang: Lang): Promise<number> {
  const text = sheetMarkdown(readPredictionSheet(file), lang);
  if (out === null) {
    process.stdout.write(text);
    return 0;
  }
  const target = resolve(out);
  checkWritable(target);
  await writeFile(target, text);
  process.stderr.write(`Score sheet written to ${target}\n`);
  return 0;
}
