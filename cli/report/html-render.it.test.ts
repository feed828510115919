// The real `report` command, rendered in headless Chromium: what a stakeholder sees must be there and fit the page.
import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.js';
import { pngFacts } from '../testing/png-check.js';
import { freshState } from '../../sandbox/testing/suite.js';

const BIN = new URL('../../bin/mtls-sandbox.js', import.meta.url).pathname;
const CHROMIUM = '/usr/bin/chromium';
// Without these, Chromium's own connections are refused by this machine's closed network and it stalls.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCENARIO = 'nlb-tcp-passthrough';
// Verify mode: the target receives the whole certificate in a header, folded with a copy button.
const VERIFY = 'alb-mtls-verify-headers';

const work = mkdtempSync(join(tmpdir(), 'mtls-report-'));
const state = freshState('mtls-report');
const htmlFile = join(work, 'report.html');
const pdfFile = join(work, 'report.pdf');
const env = { MTLS_SANDBOX_STATE: state, NO_COLOR: '1', LANG: 'en_US.UTF-8' };

describe('report --format html, in Chromium', () => {
  let browser: Browser | undefined;
  let opened: Promise<Page> | undefined;
  /** The report, written by the real command and opened once; every test fails (never skips) without Chromium. */
  const report = (): Promise<Page> => (opened ??= open());

  async function open(): Promise<Page> {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium is missing at ${CHROMIUM}. Run \`npm test\`: its set-up (scripts/setup.sh --for-tests) installs the Debian chromium package.`,
      );
    const result = await execa('node', [BIN, 'report', SCENARIO, VERIFY, '--format', 'html', '--out', htmlFile], {
      env,
      reject: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`Report written to ${htmlFile}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    return page;
  }

  afterAll(async () => {
    await browser?.close();
    await execa('node', [BIN, 'down'], { env, reject: false });
  });

  it('shows the title and the scenario heading', async () => {
    const page = await report();
    expect(await page.title()).toBe('mTLS sandbox report');
    await expectVisible(page.locator('h1', { hasText: 'mTLS sandbox report' }));
    await expectVisible(
      page.locator(`section#${SCENARIO} h2`, { hasText: 'NLB with a TCP listener: nginx authenticates the client' }),
    );
    await expectVisible(page.locator('.summary table', { hasText: SCENARIO }));
    // One inline script: the copy buttons.
    expect(await page.locator('script').count()).toBe(1);
  });

  it('opens with the honest headline and the designs at a glance, on the first screen', async () => {
    const page = await report();
    // Counts by what they rest on; never "PASS" or "every probe matches AWS" for the whole.
    const headline = page.locator('header p.headline');
    await expectVisible(headline);
    expect(await headline.textContent()).toMatch(
      /^✓ 8 probes: \d+ as AWS documents or as observed, \d+ on the sandbox's assumptions, 0 differ$/,
    );
    expect(await page.locator('header').textContent()).not.toMatch(/PASS|Every probe matches/);
    // The designs at a glance, right under it: who checks, what three clients got, what the target learns.
    const opening = await expectVisible(page.locator('section.opening table.opening'));
    expect(opening.y).toBeLessThan(500);
    const design = (name: string) =>
      page.locator('table.opening tr', { has: page.locator(`span.design:text-is("${name}")`) });
    expect(await design('NLB TCP').textContent()).toMatch(
      /nginx \(ssl_verify_client on\)■ REFUSED 400● ALLOWED 200■ REFUSED 400ssl_client_verify ssl_client_s_dn/,
    );
    expect(await design('ALB HTTPS · verify').textContent()).toMatch(
      /the ALB \(trust store\)✕ RESET● ALLOWED 200✕ RESET/,
    );
    // Each cell says why on pointing at it: nginx's reason for the 400.
    expect(await design('NLB TCP').locator('a.outcome').first().getAttribute('title')).toMatch(
      /web-\d's error log: client sent no required SSL certificate \(ssl_client_verify=NONE\)/,
    );
    // Then the takeaways, one line each, unfolding to the rest; then the core clients at each front door.
    const takeaways = await expectVisible(page.locator('section.takeaways h2', { hasText: 'Takeaways' }));
    expect(takeaways.y).toBeGreaterThan(opening.y);
    expect(await page.locator('ul.takeaway-lines > li').count()).toBe(2);
    const folded = page.locator('ul.takeaway-lines details').first();
    expect(await folded.getAttribute('open')).toBeNull();
    expect(await folded.locator('ul').isVisible()).toBe(false);
    await folded.locator('> summary').click();
    expect(await folded.locator('ul').isVisible()).toBe(true);
    const matrix = await expectVisible(page.locator('table.matrix'));
    // Front doors as rows, the three core clients as columns: as many doors as there are, never wider.
    expect(await page.locator('table.matrix thead th').allTextContents()).toEqual([
      'Front door',
      'no certificate',
      'clientA',
      'untrusted',
    ]);
    expect(matrix.y).toBeLessThan(2400);
    const file = join(work, 'report-top.png');
    await page.screenshot({ path: file });
    const facts = pngFacts(readFileSync(file));
    expect(facts.width).toBe(1280);
    expect(facts.colours).toBeGreaterThan(50);
    console.log(`report top screenshot: ${file}`);
    // innerText, not textContent: the capture reads as the page does, row by row, cell by cell.
    // biome-ignore lint/performance/useDomNodeTextContent: the layout-aware text is the point
    const text = await page.evaluate(() => document.body.innerText);
    console.log(`report top as text:\n${text.slice(0, 2600)}`);
  });

  it('ends with a legend of every symbol and what a seed is', async () => {
    const page = await report();
    const legend = page.locator('section#legend');
    for (const term of ['● ALLOWED', '✕ ALERT', '✕ RESET', '■ REFUSED', 'documented', 'observed', 'assumed', 'seed'])
      expect(await legend.locator('dt', { hasText: term }).count(), term).toBeGreaterThan(0);
    await page.locator('a[href="#legend"]').first().click();
    await expectVisible(legend.locator('h2', { hasText: 'Legend and glossary' }));
  });

  it('heads each probe with what happened to the client, then whether AWS does so', async () => {
    const page = await report();
    const expected: Record<string, RegExp> = {
      'no-certificate': /REFUSED by web-\d — 400 Bad Request/,
      'clientA-certificate': /ALLOWED — 200 from web-\d/,
    };
    const scenario = await findScenario(SCENARIO);
    expect(scenario.probes.length).toBeGreaterThan(0);
    for (const probe of scenario.probes) {
      const summary = page.locator(`details#${SCENARIO}--${probe.name} > summary`);
      await expectVisible(summary);
      const text = (await summary.textContent()) ?? '';
      expect(text).toContain(probe.name);
      expect(text).toMatch(/✓ matches AWS · (documented|observed)/);
      if (expected[probe.name]) expect(text).toMatch(expected[probe.name]!);
      expect(text).not.toMatch(/PASS/);
    }
    // The decisive fact on the summary line: what nginx saw; and for the 400, nginx's own reason.
    expect(await page.locator(`details#${SCENARIO}--clientA-certificate .decisive-facts`).textContent()).toMatch(
      /web-\d saw ssl_client_verify: SUCCESS/,
    );
    expect(await page.locator(`details#${SCENARIO}--no-certificate .decisive-facts`).textContent()).toMatch(
      /^web-\d's error log: client sent no required SSL certificate \(ssl_client_verify=NONE\)/,
    );
  });

  it('unfolds a probe into its sequence diagram and the configuration that decides it', async () => {
    const page = await report();
    const probe = page.locator(`details#${SCENARIO}--no-certificate`);
    await probe.locator('> summary').click();
    const svg = probe.locator('figure.sequence svg');
    const box = await expectVisible(svg);
    expect(box.width).toBeGreaterThan(400);
    for (const label of ['ClientHello', 'CertificateRequest', 'Certificate (empty)', 'HTTP 400 Bad Request'])
      expect(await svg.locator('text', { hasText: label }).count(), label).toBeGreaterThan(0);
    const decisive = probe.locator('pre.config .line.decisive');
    expect(await decisive.allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('protocol: elbv2.Protocol.TCP'),
        expect.stringContaining('ssl_verify_client on;'),
      ]),
    );
  });

  it('folds a long header value and copies it whole', async () => {
    const page = await report();
    const probe = page.locator(`details#${VERIFY}--clientA-verified`);
    await probe.locator('> summary').click();
    const row = probe.locator('table.headers tr', { hasText: 'x-amzn-mtls-clientcert-leaf' });
    await expectVisible(row);
    const folded = row.locator('details.long');
    expect(await folded.getAttribute('open')).toBeNull();
    const full = (await row.locator('details.long > code').textContent()) ?? '';
    expect(full).toMatch(/^-----BEGIN%20CERTIFICATE-----/);
    await row.locator('button.copy').click();
    // The button says it copied, and the clipboard holds the value whole.
    await page.waitForFunction(
      (text) => [...document.querySelectorAll('button.copy')].some((button) => button.textContent === text),
      '✓',
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(full);
  });

  it('renders the topology diagram with visible NLB and target labels', async () => {
    const page = await report();
    const svg = page.locator(`section#${SCENARIO} figure.topology svg`);
    const box = await expectVisible(svg);
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(80);
    for (const label of ['NLB', 'web-1', 'web-2', 'Client']) {
      const text = svg.locator('text').filter({ hasText: new RegExp(`^${label}$`) });
      expect(await text.count(), label).toBe(1);
      const labelBox = await expectVisible(text);
      expect(labelBox.x).toBeGreaterThanOrEqual(box.x);
      expect(labelBox.x + labelBox.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    }
  });

  it('fits the page width at 1280 px: nothing overflows', async () => {
    const page = await report();
    const overflowing = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((element) => {
          const rect = element.getBoundingClientRect();
          return rect.width > 0 && (rect.right > width + 0.5 || rect.left < -0.5);
        })
        .map(
          (element) =>
            `${element.tagName.toLowerCase()}.${element.className} right=${Math.round(element.getBoundingClientRect().right)}`,
        );
    });
    expect(overflowing).toEqual([]);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true);
  });

  it('takes a non-trivial screenshot', async () => {
    const page = await report();
    const file = join(work, 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(50_000);
    const facts = pngFacts(bytes);
    expect(facts.width).toBe(1280);
    expect(facts.height).toBeGreaterThan(1500);
    expect(facts.colours).toBeGreaterThan(50);
    expect(facts.dominantShare).toBeLessThan(0.98);
  });
});

describe('report --format pdf', () => {
  it('prints landscape, in Japanese, every word within the page, with contents and bookmarks', async () => {
    const result = await execa(
      'node',
      [BIN, 'report', SCENARIO, VERIFY, '--format', 'pdf', '--out', pdfFile, '--lang', 'ja'],
      { env, reject: false },
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const info = await execa('pdfinfo', [pdfFile], { reject: false });
    expect(info.exitCode, `${info.stderr} (pdfinfo comes with poppler-utils: scripts/setup.sh --for-tests)`).toBe(0);
    // Landscape: wider than tall, a projector's shape.
    const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info.stdout) ?? [];
    expect(Number(width)).toBeGreaterThan(Number(height));
    // Nothing runs off a page: every word's box ends inside the right margin (12 mm = 34 pt).
    const bbox = await execa('pdftotext', ['-bbox', pdfFile, '-'], { reject: false });
    expect(bbox.exitCode, bbox.stderr).toBe(0);
    const pages = [...bbox.stdout.matchAll(/<page width="([\d.]+)" height="[\d.]+">([\s\S]*?)<\/page>/g)];
    expect(pages.length).toBeGreaterThan(2);
    const outside = pages.flatMap(([, pageWidth, body], index) =>
      [...body!.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)]
        .filter(([, xMin, xMax]) => Number(xMin) < 30 || Number(xMax) > Number(pageWidth) - 30)
        .map(([, , xMax, word]) => `page ${index + 1}: "${word}" ends at ${xMax} of ${pageWidth}`),
    );
    expect(outside).toEqual([]);
    // The first page opens with the headline and the designs at a glance, in Japanese.
    const first = await execa('pdftotext', ['-f', '1', '-l', '1', '-layout', pdfFile, '-'], { reject: false });
    expect(first.stdout).toMatch(/プローブ 8 件: AWS のドキュメントに記載または元記事で観測のとおり \d+ 件/);
    expect(first.stdout).toContain('設計ごとの比較');
    console.log(`PDF first page as text:\n${first.stdout.slice(0, 2000)}`);
    // A table of contents: the contents' links land on the scenarios, and the headings are the PDF's bookmarks.
    expect(readFileSync(pdfFile).includes('/Outlines')).toBe(true);
    const dests = await execa('pdfinfo', ['-dests', pdfFile], { reject: false });
    expect(dests.stdout).toMatch(new RegExp(`"${SCENARIO}"`));
    expect(dests.stdout).toMatch(new RegExp(`"${VERIFY}"`));
    // And it renders back to a page with content.
    const prefix = join(work, 'report-page');
    const render = await execa('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, prefix], {
      reject: false,
    });
    expect(render.exitCode, render.stderr).toBe(0);
    const page = readdirSync(work).find((name) => name.startsWith('report-page') && name.endsWith('.png'));
    expect(page).toBeDefined();
    const facts = pngFacts(readFileSync(join(work, page!)));
    expect(facts.width).toBeGreaterThan(facts.height);
    expect(facts.colours).toBeGreaterThan(20);
    expect(facts.dominantShare).toBeLessThan(0.99);
  }, 180_000);
});

describe('report --format md', () => {
  it('prints GitHub Markdown with every section to stdout', async () => {
    const result = await execa('node', [BIN, 'report', SCENARIO, '--format', 'md'], { env, reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    const md = result.stdout;
    expect(md.startsWith('# mTLS sandbox report\n')).toBe(true);
    expect(md).toMatch(
      /^\*\*✓ 5 probes: \d as AWS documents or as observed, \d on the sandbox's assumptions, 0 differ\*\*$/m,
    );
    expect(md).not.toMatch(/PASS/);
    for (const section of [
      '## The designs at a glance',
      '## Contents',
      `## NLB with a TCP listener: nginx authenticates the client`,
      '### Topology',
      '```text\nClient (curl / openssl)',
      '┌─ NLB · Nlb',
      '### Components',
      '### Probes',
      '#### ● ALLOWED — 200 from web-',
      '## Takeaways',
      '**Handshake**',
      '◆ **← CertificateRequest',
      '**What the target received:**',
      '<details><summary>Full transcript',
      '### Explanation',
      '<details><summary>Resources not realized',
    ]) {
      expect(md, section).toContain(section);
    }
    expect(md).toMatch(
      /\| 1 \| \[NLB with a TCP listener: nginx authenticates the client\]\(#nlb-tcp-passthrough\) `nlb-tcp-passthrough` \| 5 probes · 5 as AWS · 0 differ \| [\d.]+ s \|/,
    );
    expect(md).toMatch(/web-\d's error log: client sent no required SSL certificate \(ssl_client_verify=NONE\)/);
  });
});

/** Visible, with a non-zero box; returns the box. */
async function expectVisible(
  locator: ReturnType<Page['locator']>,
): Promise<{ x: number; y: number; width: number; height: number }> {
  expect(await locator.isVisible()).toBe(true);
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.width).toBeGreaterThan(0);
  expect(box!.height).toBeGreaterThan(0);
  return box!;
}
