import { describe, expect, it } from 'vitest';
import type { ProbeSpec } from '../scenario.js';
import { eachAtMost, sideBySide } from './side-by-side.js';

const spec = (clientsAtOnce: boolean | undefined, expect: ProbeSpec['expect'] = { status: 200 }): ProbeSpec =>
  ({
    name: 'p',
    via: { loadBalancer: 'Alb', port: 443 },
    client: { certificate: null, method: 'GET', sources: ['127.0.0.1'], clientsAtOnce },
    expect,
  }) as ProbeSpec;

describe('sideBySide', () => {
  it('only when the probe says its clients may send side by side', () => {
    expect(sideBySide(spec(true))).toBe(true);
    expect(sideBySide(spec(false))).toBe(false);
    expect(sideBySide(spec(undefined))).toBe(false);
  });

  it('never when a per-request expectation reads a record that carries no request id', () => {
    expect(sideBySide(spec(true, { rulePriority: 0 }))).toBe(false);
    expect(sideBySide(spec(true, { connectionLog: { tls_verify_status: 'Success' } }))).toBe(false);
    expect(sideBySide(spec(true, { waf: null }))).toBe(false);
    expect(sideBySide(spec(true, { target: { details: { error_log: 'x' } } }))).toBe(false);
    expect(sideBySide(spec(true, { target: { detailsInclude: { error_log: 'x' } } }))).toBe(false);
    expect(sideBySide(spec(true, { target: { details: { ssl_client_verify: 'SUCCESS' } } }))).toBe(true);
  });
});

describe('eachAtMost', () => {
  it('keeps at most `limit` in flight and returns the results in input order', async () => {
    let inFlight = 0;
    let most = 0;
    const finishOrder: number[] = [];
    const results = await eachAtMost(7, 3, async (index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      // Later indices finish first: the results must still come back in index order.
      for (let turn = 0; turn < 10 - index; turn++) await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      finishOrder.push(index);
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(3);
    expect(finishOrder).not.toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('with a limit of 1 runs one after another', async () => {
    const order: string[] = [];
    await eachAtMost(3, 1, async (index) => {
      order.push(`start ${index}`);
      await new Promise((resolve) => setImmediate(resolve));
      order.push(`end ${index}`);
    });
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });
});
