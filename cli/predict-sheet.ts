// A prediction run's sheet on disk: written under the state dir by `run --predict` and the UI's predict view, read
// back by `report --predictions FILE`.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSheet, type PredictionSheet } from '../sandbox/lab/prediction.js';
import { UsageError } from './args.js';

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
    throw new UsageError(
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the file a prediction run wrote (it prints its name; they are in .sandbox/predictions/).`,
    );
  }
  try {
    return parseSheet(text);
  } catch (error) {
    throw new UsageError(`${file} is not a prediction run's sheet: ${(error as Error).message}.`);
  }
}
