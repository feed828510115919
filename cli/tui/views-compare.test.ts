// Compare (two probes, two scenarios, the presets) and every view's width, rendered with ink-testing-library and
// driven by keys and a fake engine, as in views.test.ts.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { DONE, expectFits } from '../testing/frame-checks.js';
import { dividerColumns, lifelineCrossings } from '../testing/layout-check.js';
import { renderApp } from '../testing/render-app.js';
import { ALB, NLB } from '../testing/tui-fixtures.js';

afterEach(() => cleanup());

describe('compare', () => {
  it('lines up the handshakes of no-certificate and clientA side by side, marking the differences', async () => {
    const ui = renderApp({ columns: 100, rows: 50 });
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    await ui.waitFor(DONE);
    await ui.press('k', 'k', 'c');
    const frame = await ui.waitFor('Compare probes · demo-nlb');
    const lines = frame.split('\n');
    const row = (text: string) => lines.find((line) => line.includes(text)) ?? '';
    expect(row('▶ ✓ no-certificate')).toContain('✓ clientA-certificate');
    // Request CERT faces Request CERT; the client Certificate differs; CertificateVerify is only on the right.
    expect(row('CertificateRequest: the server asks')).toMatch(/▸ ← CertificateRequest.*│ ▸ ← CertificateRequest/);
    expect(row('Client Certificate: empty')).toMatch(/≠ ▸ → Client Certificate: curl sends/);
    expect(row('(not in this handshake)')).toMatch(/≠ ▸ → Client CertificateVerify/);
    expect(row('■ REFUSED by web-1')).toMatch(/≠ ● ALLOWED — 200 from web-1/);
    // The two sequence diagrams side by side: a label stays between two lifelines (never across the load
    // balancer's ┼), in the short name of its message when the long one does not fit, its parenthesis kept.
    const certificates = row('▸ Certificate (');
    expect(certificates).toMatch(/├─+┼─ ▸ Cert\S* \(empty\) ─+▶│.*├─+┼─ ▸ Cert\S* \(client\) ─+▶│/);
    // The divider is in one column on every row, whatever the row holds (▶ and ◀ are one column each).
    const [divider] = dividerColumns(frame.split('\n').slice(2, -1));
    expect(divider).toBeDefined();
    expect(dividerColumns(frame.split('\n').slice(2, -1)).size).toBe(1);
    expect(lifelineCrossings(frame, divider)).toEqual([]);
    expectFits(frame, 100, 50);
  });

  for (const [lang, columns] of [
    ['ja', 80],
    ['ja', 120],
    ['en', 80],
    ['en', 120],
  ] as const)
    it(`in ${lang === 'ja' ? 'Japanese' : 'English'} at ${columns} columns: the divider in one column, no label across a lifeline, kinsoku`, async () => {
      const ui = renderApp({ lang, columns, rows: 70 });
      await ui.waitFor('demo-nlb');
      await ui.press('enter');
      await ui.waitFor(lang === 'ja' ? '不一致 0' : '0 differ');
      await ui.press('k', 'k', 'c');
      const frame = await ui.waitFor(
        lang === 'ja' ? 'プローブの比較 · demo-nlb' : 'Compare probes · demo-nlb',
        lang === 'ja' ? 'シーケンス' : 'Sequence',
      );
      const rows = frame.split('\n').slice(2, -1);
      // Both diagrams are there, arrows crossing the passthrough load balancer.
      expect(frame.match(/├─+┼─ ▸ Cert/g)?.length).toBeGreaterThanOrEqual(2);
      const dividers = dividerColumns(rows);
      expect(dividers.size, frame).toBe(1);
      expect(lifelineCrossings(frame, [...dividers][0])).toEqual([]);
      // Kinsoku, on either side of the divider.
      for (const row of rows)
        for (const side of row.split(/ [│≠] /)) expect(side.trimStart(), row).not.toMatch(/^[、。）」ー]/u);
      expectFits(frame, columns, 70);
    });

  it('←/→ choose the probe on the active side, Tab switches sides', async () => {
    const ui = renderApp({ columns: 100, rows: 40 });
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    await ui.waitFor(DONE);
    await ui.press('k', 'k', 'c');
    await ui.waitFor('▶ ✓ no-certificate');
    await ui.press('tab');
    await ui.waitFor('▶ ✓ clientA-certificate', 'active side (right)');
    await ui.press('right');
    await ui.waitUntil((text) => /✓ no-certificate +│ ▶ ✓ no-certificate/.test(text), 'no-certificate on both sides');
  });

  it('compares two scenarios from the browser, running both', async () => {
    const ui = renderApp({ columns: 100, rows: 40 });
    await ui.waitFor('demo-nlb');
    await ui.press('c');
    const frame = await ui.waitFor(
      'Compare scenarios · demo-nlb ↔ demo-alb',
      'tls_verify_status=Success',
      'client verified by: the ALB (trust store)',
    );
    expect(ui.engine.runs).toEqual(['demo-nlb', 'demo-alb']);
    expect(frame).toContain('client verified by: nginx');
    // Paired by what the client presents: no certificate with no certificate, clientA with clientA.
    expect(frame).toMatch(/✓ no-certificate +≠ ✓ no-certificate/);
    expect(frame).toMatch(/✓ clientA-certificate +≠ ✓ clientA-verified/);
    expect(frame).toMatch(/✕ RESET during the handshake/);
    expectFits(frame, 100, 40);
  });

  it('s switches between probes and scenarios', async () => {
    const ui = renderApp({ columns: 100, rows: 40 });
    await ui.waitFor('demo-nlb');
    await ui.press('enter');
    await ui.waitFor(DONE);
    await ui.press('c');
    await ui.waitFor('Compare probes');
    await ui.press('s');
    await ui.waitFor('Compare scenarios · demo-nlb ↔ demo-alb');
    await ui.press('s');
    await ui.waitFor('Compare probes · demo-nlb');
  });
});

describe('compare presets', () => {
  it('stepping with ←/→ runs nothing; Enter runs the pair settled on', async () => {
    const third = { ...NLB, id: 'demo-third', story: { ...NLB.story, id: 'another-story', order: 99 } };
    const ui = renderApp({ columns: 100, rows: 40, scenarios: [NLB, ALB, third] });
    await ui.waitFor('demo-nlb');
    await ui.press('c');
    await ui.waitUntil(() => ui.engine.finished === 2, `both scenarios to run (${ui.engine.runs.join()})`);
    expect(ui.engine.runs).toEqual(['demo-nlb', 'demo-alb']);
    // The right side steps to demo-third and back past it: nothing runs.
    await ui.press('tab', 'right', 'right', 'left');
    await ui.waitFor('▶ · demo-third');
    expect(ui.engine.runs).toEqual(['demo-nlb', 'demo-alb']);
    await ui.press('enter');
    await ui.waitUntil(() => ui.engine.runs.length === 3, 'the chosen pair to run');
    expect(ui.engine.runs).toEqual(['demo-nlb', 'demo-alb', 'demo-third']);
  });
});

describe('width', () => {
  it('every view fits 80 columns and a wide terminal alike', async () => {
    for (const columns of [80, 132]) {
      const ui = renderApp({ columns, rows: 24 });
      await ui.waitFor('listener TCP:443');
      expectFits(ui.frame(), columns);
      await ui.press('enter');
      await ui.waitFor(DONE);
      expectFits(ui.frame(), columns);
      await ui.press('c');
      await ui.waitFor('Compare probes');
      expectFits(ui.frame(), columns);
      await ui.press('p');
      await ui.waitFor('Presenter');
      expectFits(ui.frame(), columns);
      cleanup();
    }
  });
});
