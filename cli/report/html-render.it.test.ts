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
const state = join(work, 'state');
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

  it('opens with the takeaways and the outcome matrix, on the first screen', async () => {
    const page = await report();
    const takeaways = await expectVisible(page.locator('section.takeaways h2', { hasText: 'Takeaways' }));
    expect(takeaways.y).toBeLessThan(400);
    const matrix = page.locator('table.matrix');
    const box = await expectVisible(matrix);
    // The matrix starts within the first 1.5 screens, not 4,600 px down.
    expect(box.y).toBeLessThan(1350);
    // Clients × front doors: the NLB refuses the client without a certificate at nginx, the ALB resets it.
    const row = (client: string) => matrix.locator('tr', { has: page.locator(`th code:text-is("${client}")`) });
    expect(await row('no certificate').textContent()).toMatch(/■ REFUSED[\s\S]*✕ RESET/);
    expect(await row('clientA').textContent()).toMatch(/● ALLOWED[\s\S]*● ALLOWED/);
    const file = join(work, 'report-top.png');
    await page.screenshot({ path: file });
    const facts = pngFacts(readFileSync(file));
    expect(facts.width).toBe(1280);
    expect(facts.colours).toBeGreaterThan(50);
    console.log(`report top screenshot: ${file}`);
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
    // The decisive fact on the summary line: what nginx saw.
    expect(await page.locator(`details#${SCENARIO}--clientA-certificate .decisive-facts`).textContent()).toMatch(
      /web-\d saw ssl_client_verify: SUCCESS/,
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
  it('prints the report with Chromium; the PDF renders back to a page with content', async () => {
    const result = await execa('node', [BIN, 'report', SCENARIO, '--format', 'pdf', '--out', pdfFile, '--lang', 'ja'], {
      env,
      reject: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(readFileSync(pdfFile).subarray(0, 5).toString()).toBe('%PDF-');
    const prefix = join(work, 'report-page');
    const render = await execa('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfFile, prefix], {
      reject: false,
    });
    expect(render.exitCode, `${render.stderr} (pdftoppm comes with poppler-utils: scripts/setup.sh --for-tests)`).toBe(
      0,
    );
    const page = readdirSync(work).find((name) => name.startsWith('report-page') && name.endsWith('.png'));
    expect(page).toBeDefined();
    const facts = pngFacts(readFileSync(join(work, page!)));
    expect(facts.width).toBeGreaterThan(400);
    expect(facts.colours).toBeGreaterThan(20);
    expect(facts.dominantShare).toBeLessThan(0.99);
  }, 120_000);
});

describe('report --format md', () => {
  it('prints GitHub Markdown with every section to stdout', async () => {
    const result = await execa('node', [BIN, 'report', SCENARIO, '--format', 'md'], { env, reject: false });
    expect(result.exitCode, result.stderr).toBe(0);
    const md = result.stdout;
    expect(md.startsWith('# mTLS sandbox report\n')).toBe(true);
    for (const section of [
      '## Summary',
      `## ✓ PASS \`${SCENARIO}\``,
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
      /\| \[`nlb-tcp-passthrough`\]\(#nlb-tcp-passthrough\) \| .+ \| 4\/4 \| \d documented · \d observed · \d assumed \| [\d.]+ s \| ✓ PASS \|/,
    );
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
