import { describe, expect, it } from 'vitest';
import type { ProbeSpec, ScenarioDefinition } from '../scenario.js';
import { costOf, jobOf } from './resources.js';

const probe = (client: Partial<ProbeSpec['client']> = {}, before?: ProbeSpec['before']): ProbeSpec =>
  ({
    name: 'p',
    via: { loadBalancer: 'Lb', port: 443 },
    client: { certificate: null, method: 'GET', ...client },
    expect: {},
    ...(before ? { before } : {}),
  }) as ProbeSpec;

const scenario = (over: Partial<ScenarioDefinition> = {}): ScenarioDefinition =>
  ({ id: 's', probes: [probe()], ...over }) as ScenarioDefinition;

const hostRun = { localstack: false, deployAll: false, runtime: 'host', pcap: false } as const;

describe('jobOf', () => {
  it('shares nothing for a scenario of its own components on the host', () => {
    expect(jobOf(scenario(), hostRun).resources).toEqual([]);
  });

  it('shares LocalStack only when one serves the run and the scenario deploys to it', () => {
    const needs = scenario({ needs: { localstack: true } });
    expect(jobOf(needs, hostRun).resources).toEqual([]); // skipped at once: it holds nothing
    expect(jobOf(needs, { ...hostRun, localstack: true }).resources).toEqual(['localstack']);
    expect(jobOf(scenario(), { ...hostRun, localstack: true }).resources).toEqual([]);
    expect(jobOf(scenario(), { ...hostRun, localstack: true, deployAll: true }).resources).toEqual(['localstack']);
  });

  it('shares the Docker engine, --pcap captures, and what the scenario names', () => {
    expect(jobOf(scenario(), { ...hostRun, runtime: 'docker' }).resources).toEqual(['docker-engine']);
    expect(jobOf(scenario(), { ...hostRun, pcap: true }).resources).toEqual(['pcap']);
    expect(jobOf(scenario({ shares: ['port 8443'] }), hostRun).resources).toEqual(['port 8443']);
  });

  it("puts a user's scenario with probe hooks with the others of its kind", () => {
    const hooked = scenario({
      probes: [probe({}, async () => {})],
      origin: { kind: 'user', folder: '/tmp/mine' } as ScenarioDefinition['origin'],
    });
    expect(jobOf(hooked, hostRun).resources).toEqual(['user-hooks']);
    expect(jobOf({ ...hooked, origin: undefined }, hostRun).resources).toEqual([]);
  });
});

describe('costOf', () => {
  it('counts the requests a scenario sends and one per probe', () => {
    expect(costOf(scenario())).toBe(2);
    expect(costOf(scenario({ probes: [probe({ sources: ['127.0.0.1', '127.0.0.2'], repeat: 3 }), probe()] }))).toBe(
      7 + 2,
    );
  });
});
