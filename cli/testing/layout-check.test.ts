import { describe, expect, it } from 'vitest';
import { dividerColumns, lifelineCrossings } from './layout-check.js';

describe('layout checks', () => {
  it('find the one column compare divides at, and none when a row is a column short', () => {
    const even = ['abcd │ e', 'ab   ≠ x', '日本 │ y', '▶ ab │'];
    expect([...dividerColumns(even)]).toEqual([5]);
    // A row with ▶ measured as two columns, padded one short: the divider is jagged.
    expect(dividerColumns([...even, '▶ a │ z'])).toEqual(new Set());
  });

  it('flag a label across a lifeline, a wide character on one, and pass labels between them', () => {
    const diagram = [
      'client   load balancer   target',
      '  │            │            │',
      '  ├────────────┼─ Hello ───▶│',
      '  │◀─ ServerKeyExc┼hange ───┤',
      '  ├─ Certificate (クライア ント) ─▶│',
      '  │            │            │',
    ].join('\n');
    expect(lifelineCrossings(diagram)).toEqual([
      '  │◀─ ServerKeyExc┼hange ───┤',
      '  ├─ Certificate (クライア ント) ─▶│',
    ]);
    expect(lifelineCrossings(diagram.split('\n').slice(0, 3).join('\n'))).toEqual([]);
    // Two diagrams side by side (compare), the divider between them: the right one crossed.
    const pair = ['  │    │    │ │   │    │    │', '  ├─ a┼───▶│ │   ├─ ab┼cd▶│'].join('\n');
    expect(lifelineCrossings(pair, 14)).toEqual(['  ├─ a┼───▶│ │   ├─ ab┼cd▶│']);
  });
});
