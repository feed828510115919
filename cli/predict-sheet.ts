// A prediction run's sheet on disk: written under the state dir by `run --predict` and the UI's predict view, read
// back by `report --predictions FILE`.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSheet, type PredictionSheet, SheetError } from '../sandbox/lab/prediction.js';
import { both, UsageError } from './args.js';
import { cliSay } from './i18n/cli-words.js';
import { say } from './i18n/messages.js';
import type { Lang } from '../sandbox/text.js';

/** <state>/predictions/<scenario>-<time>.json; resolves with the file. */
export async function writePredictionSheet(stateDir: string, sheet: PredictionSheet): Promise<string> {
  const dir = join(stateDir, 'predictions');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${sheet.scenario}-${sheet.startedAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(sheet, null, 2)}\n`);
  return file;
}

/** The sheet in `file`, or a usage error that names what is wrong with it. */
export function readPredictionSheet(file: string): PredictionSheet {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(both('predictionsUnreadable', { file, error: code }));
  }
  try {
    return parseSheet(text);
  } catch (error) {
    // The sheet's own check is said in each language; a JSON parser's words stay as they are.
    const why = (lang: Lang) => (error instanceof SheetError ? say(error.said, lang) : (error as Error).message);
    throw new UsageError({
      en: cliSay('predictionsNotSheet', 'en', { file, error: why('en') }),
      ja: cliSay('predictionsNotSheet', 'ja', { file, error: why('ja') }),
    });
  }
}
