import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import { availablePresets, COMPARE_PRESETS } from './presets.js';

describe('compare presets', () => {
  it('are data: every preset whose scenarios exist is offered, in order, one entry each', async () => {
    const catalogue = await loadCatalogue();
    const offered = availablePresets(catalogue);
    // 1–3: the README's "Start here" pairs, in its order.
    expect(offered.slice(0, 3).map((preset) => preset.scenarios)).toEqual([
      ['clb-tcp-passthrough', 'nlb-tcp-passthrough'],
      ['alb-tls-termination', 'nlb-tcp-passthrough'],
      ['alb-mtls-verify-headers', 'alb-mtls-passthrough'],
    ]);
    expect(offered[3]?.title.en).toBe('NLB passthrough vs ALB verify');
    for (const preset of offered) for (const id of preset.scenarios) expect(catalogue.map((s) => s.id)).toContain(id);
  });

  it('leave out a preset whose scenario is not in the catalogue (yet)', () => {
    const later = {
      id: 'then-and-now',
      title: { en: 'Then and now', ja: '当時と今' },
      scenarios: ['a', 'b'] as [string, string],
    };
    expect(availablePresets([{ id: 'a' }], [...COMPARE_PRESETS, later])).toEqual([]);
    expect(availablePresets([{ id: 'a' }, { id: 'b' }], [later])).toEqual([later]);
  });
});

describe("the README's Start here", () => {
  it('names as its compare pairs exactly presets 1–3, in order', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.slice(readme.indexOf('## Start here'), readme.indexOf('<a id="experiment"></a>'));
    const pairs = [...start.matchAll(/^ {3}\d\. \*\*`([a-z0-9-]+)`\*\* with \*\*`([a-z0-9-]+)`\*\*/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    const offered = availablePresets(await loadCatalogue());
    expect(pairs).toHaveLength(3);
    expect(offered.slice(0, 3).map((preset) => preset.scenarios)).toEqual(pairs);
  });
});
