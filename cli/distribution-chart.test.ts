import { describe, expect, it } from 'vitest';
import type { ProbeReport } from '../sandbox/report.js';
import { distributionLines } from './distribution-chart.js';

const base = {
  client: {
    certificate: null,
    sourceAddress: '127.0.0.1',
    sources: ['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.1'],
  },
} as unknown as ProbeReport;
const client = (targets: Record<string, number>, lbCookie: string | null = null) => ({
  name: 'c',
  sourceAddress: '127.0.0.1',
  targets,
  lbCookie,
  command: 'curl',
});

describe('distributionLines', () => {
  it('draws a bar per target scaled to all requests, empty ones included, then how the clients fared', () => {
    const lines = distributionLines(
      {
        ...base,
        distribution: { 'web-2': 6, 'web-1': 2, 'web-10': 0 },
        clients: [
          client({ 'web-2': 2 }),
          client({ 'web-2': 2 }),
          client({ 'web-2': 2 }),
          client({ 'web-1': 1, 'web-2': 1 }, 'AWSALB'),
        ],
      },
      8,
    );
    expect(lines).toEqual([
      'requests per target — 8 requests from 127.0.0.1 (4 clients behind one address):',
      '  web-1  ██······ 2  25%',
      '  web-2  ██████·· 6  75%',
      '  web-10 ········ 0  0%',
      'clients on one target: 3/4 · stickiness cookie: AWSALB set for 1/4',
    ]);
  });

  it('says nothing for a probe that is not a distribution probe', () => {
    expect(distributionLines(base)).toEqual([]);
  });
});
