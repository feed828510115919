// Names a probe uses are checked when the scenario loads (issue 22, item 5): a typo is an error at its line, with the
// closest known name.
import { describe, expect, it } from 'vitest';
import { cite, documented } from './evidence.js';
import type { Topology } from './model/topology.js';
import type { ProbeSpec, ScenarioDefinition } from './scenario.js';
import { assertNoProblems, definitionProblems, ScenarioCheckError, topologyProblems } from './scenario-checks.js';

const probe = (overrides: Partial<ProbeSpec> = {}): ProbeSpec => ({
  name: 'clientA',
  description: { en: '', ja: '' },
  via: { loadBalancer: 'Alb', port: 443 },
  client: { certificate: 'clientA' },
  expect: { status: 200, target: { oneOf: ['echo-1'] } },
  evidence: documented(cite('aws-alb-mtls')),
  ...overrides,
});

const scenario = (probes: ProbeSpec[]): ScenarioDefinition =>
  ({
    id: 'my-test',
    probes,
    targets: { Targets: [{ kind: 'echo', name: 'echo-1' }] },
    origin: { kind: 'user', folder: '/home/me/lab/my-test' },
  }) as unknown as ScenarioDefinition;

const topology = {
  loadBalancers: [{ path: 'Alb', kind: 'application', listeners: [{ port: 443 }, { port: 8443 }] }],
  targetGroups: [{ path: 'Targets' }],
} as unknown as Topology;

describe('definitionProblems', () => {
  it('names a certificate the sandbox lacks, with the closest one', () => {
    const problems = definitionProblems(scenario([probe({ client: { certificate: 'clientC' as never } })]));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.text).toMatch(
      /^probe "clientA" presents certificate "clientC", which the sandbox does not have\. Did you mean "client[AB]"\?/,
    );
  });

  it('asks an assumption for its reason', () => {
    const problems = definitionProblems(scenario([probe({ evidence: { level: 'assumed', citations: [] } })]));
    expect(problems[0]!.text).toContain('rests on an assumption without saying why');
  });

  it('is quiet for a good probe', () => {
    expect(definitionProblems(scenario([probe()]))).toEqual([]);
  });
});

describe('topologyProblems', () => {
  it('names a load balancer, a port and a target the stack lacks, with the closest ones', () => {
    const texts = topologyProblems(
      scenario([
        probe({ name: 'a', via: { loadBalancer: 'Alb2', port: 443 } }),
        probe({ name: 'b', via: { loadBalancer: 'Alb', port: 444 } }),
        probe({ name: 'c', expect: { target: { oneOf: ['echo-2'] } } }),
      ]),
      topology,
    ).map((problem) => problem.text);
    expect(texts).toEqual([
      'probe "a" calls load balancer "Alb2", which the stack does not have. Did you mean "Alb"? Load balancers (by construct path): "Alb".',
      'probe "b" calls Alb on port 444, where it has no listener. Did you mean 443? Its listeners: 443, 8443.',
      'probe "c" expects target "echo-2", which nothing in the scenario is called (its targets). Did you mean "echo-1"? Targets: "echo-1".',
    ]);
  });

  it("throws at the probe's line in the user's scenario.ts", () => {
    const typo = probe({
      via: { loadBalancer: 'Alb', port: 444 },
      loaded: { expectation: null, copiedUnchanged: false, lines: { name: 10, port: 12 } },
    });
    const definition = scenario([typo]);
    let thrown: unknown;
    try {
      assertNoProblems(definition, topologyProblems(definition, topology));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioCheckError);
    expect((thrown as ScenarioCheckError).where).toEqual({
      file: '/home/me/lab/my-test/scenario.ts',
      line: 12,
      column: null,
    });
  });
});
