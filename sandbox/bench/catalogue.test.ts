// The bench says how many TCP sockets in TIME_WAIT a timed run began with, read from the kernel's socket summary.
import { describe, expect, it } from 'vitest';
import { machineState, timeWaitOf } from './catalogue.js';

describe('timeWaitOf', () => {
  it("reads the TCP line's tw count", () => {
    const sockstat = 'sockets: used 8\nTCP: inuse 1 orphan 0 tw 813 alloc 1 mem 76\nUDP: inuse 0 mem 0\n';
    expect(timeWaitOf(sockstat)).toBe(813);
  });

  it('gives 0 when there is no such line (no /proc here)', () => {
    expect(timeWaitOf('')).toBe(0);
    expect(timeWaitOf('UDP: inuse 0 mem 0\n')).toBe(0);
  });

  it("reads this machine's state as numbers", () => {
    const state = machineState();
    expect(Number.isFinite(state.loadAverage)).toBe(true);
    expect(Number.isInteger(state.timeWait)).toBe(true);
  });
});
