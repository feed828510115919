// --format pdf: the HTML report printed to PDF by headless Chromium (its --print-to-pdf), from a temporary file
// beside nothing else; the browser is ours, started and waited for, with its network switched off.
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { both, UsageError } from '../args.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** MTLS_SANDBOX_CHROMIUM, else the usual places. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const candidate of [env.MTLS_SANDBOX_CHROMIUM, ...CANDIDATES]) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export async function printPdf(html: string, out: string): Promise<void> {
  const chromium = findChromium();
  if (!chromium) throw new UsageError(both('pdfNeedsChromium'));
  const dir = await mkdtemp(join(tmpdir(), 'mtls-report-pdf-'));
  try {
    const page = join(dir, 'report.html');
    await writeFile(page, html);
    const result = await execa(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        // Bookmarks from the headings: the PDF's table of contents in a viewer's side panel.
        '--generate-pdf-document-outline',
        `--print-to-pdf=${out}`,
        pathToFileURL(page).href,
      ],
      { reject: false, timeout: 120_000, stdin: 'ignore' },
    );
    if (!existsSync(out) || (await stat(out)).size === 0)
      throw new Error(
        `Chromium did not write ${out} (exit ${result.exitCode}): ${(result.stderr ?? '').trim().slice(-500)}`,
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
