import { describe, expect, it } from 'vitest';
import { probeLines } from './probe-lines.js';

const TEXT = `import { cite, defineScenario, documented } from 'mtls-sandbox/scenario';

const via = { loadBalancer: 'Alb', port: 443 };

export default defineScenario({
  id: 'my-test',
  targets: { Targets: [{ kind: 'echo', name: 'clientA' }] },
  probes: [
    {
      name: 'clientA',
      description: { en: 'x', ja: 'x' },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientC' },
      expect: { status: 200 },
      evidence: documented(cite('aws-alb-mtls')),
    },
    {
      name: "shared-via",
      description: { en: 'y', ja: 'y' },
      via,
      client: { certificate: null },
      expect: {
        status: null,
      },
      evidence: documented(cite('aws-alb-mtls')),
    },
  ],
});
`;

describe('probeLines', () => {
  it("finds each probe's name and fields, skipping a backend of the same name", () => {
    const lines = probeLines(TEXT, ['clientA', 'shared-via', 'made-by-a-helper']);
    expect(lines.get('clientA')).toEqual({
      name: 10,
      loadBalancer: 12,
      port: 12,
      certificate: 13,
      expect: 14,
      evidence: 15,
    });
    // A via shared by name: its load balancer and port are on the via line.
    expect(lines.get('shared-via')).toMatchObject({ name: 18, loadBalancer: 20, port: 20, expect: 22 });
    expect(lines.has('made-by-a-helper')).toBe(false);
  });
});
