import { english } from '../../cli/testing/english.js';
import { describe, expect, it } from 'vitest';
import type { Route53Record } from '../model/dns-topology.js';
import {
  checkTimings,
  initialHealth,
  recordCheck,
  resolveName,
  type HealthState,
  type HealthStatus,
} from './evaluator.js';

const run = (results: boolean[], threshold = 3, start: HealthState = initialHealth()) => {
  let state = start;
  const changes: (HealthStatus | null)[] = [];
  for (const passed of results) {
    const outcome = recordCheck(state, passed, threshold);
    state = outcome.state;
    changes.push(outcome.changedTo);
  }
  return { state, changes };
};

const record = (overrides: Partial<Route53Record>): Route53Record => ({
  logicalId: 'R',
  path: 'R',
  name: 'www.example.test',
  type: 'A',
  zoneName: 'example.test',
  setIdentifier: null,
  failover: null,
  healthCheckId: null,
  alias: { targetId: 'Nlb', dnsName: '{Nlb.DNSName}', evaluateTargetHealth: false },
  values: [],
  ...overrides,
});

const primary = record({ logicalId: 'Primary', setIdentifier: 'primary', failover: 'PRIMARY', healthCheckId: 'Check' });
const secondary = record({
  logicalId: 'Secondary',
  setIdentifier: 'secondary',
  failover: 'SECONDARY',
  alias: { targetId: 'Site', dnsName: '{Site.DomainName}', evaluateTargetHealth: false },
});

describe('health status from consecutive checks', () => {
  it('starts healthy: a new health check is healthy until the checks say otherwise', () => {
    expect(initialHealth().status).toBe('Healthy');
  });

  it('becomes unhealthy on the FailureThreshold-th consecutive failure, not before', () => {
    expect(run([false, false]).state.status).toBe('Healthy');
    expect(run([false, false, false]).changes).toEqual([null, null, 'Unhealthy']);
  });

  it('a pass in between starts the count again', () => {
    expect(run([false, false, true, false, false]).state).toMatchObject({ status: 'Healthy', against: 2 });
    expect(run([false, false, true, false, false, false]).changes.at(-1)).toBe('Unhealthy');
  });

  it('needs FailureThreshold consecutive passes to become healthy again (the threshold counts both ways)', () => {
    const down = run([false, false, false]).state;
    expect(run([true, true], 3, down).state.status).toBe('Unhealthy');
    expect(run([true, false, true, true, true], 3, down).changes).toEqual([null, null, null, null, 'Healthy']);
  });

  it('with FailureThreshold 1 every disagreeing check flips the status', () => {
    expect(run([false, true, false], 1).changes).toEqual(['Unhealthy', 'Healthy', 'Unhealthy']);
  });
});

describe('failover answers', () => {
  const status = (value: HealthStatus | null) => () => value;

  it('answers PRIMARY while its health check is healthy', () => {
    expect(resolveName([primary, secondary], 'www.example.test', status('Healthy'))?.record.setIdentifier).toBe(
      'primary',
    );
  });

  it('answers SECONDARY when the PRIMARY is unhealthy; the secondary has no health check, so it is always healthy', () => {
    const answer = resolveName([primary, secondary], 'WWW.example.test.', status('Unhealthy'));
    expect(answer?.record.setIdentifier).toBe('secondary');
    expect(english(answer?.why)).toMatch(/PRIMARY record is unhealthy/);
  });

  it('when every record is unhealthy, treats them all as healthy: the PRIMARY again', () => {
    const checkedSecondary = { ...secondary, healthCheckId: 'Check' };
    const answer = resolveName([primary, checkedSecondary], 'www.example.test', status('Unhealthy'));
    expect(answer?.record.setIdentifier).toBe('primary');
    expect(english(answer?.why)).toMatch(/every record of the group is unhealthy/);
  });

  it('treats a health check the sandbox does not evaluate (no status) as healthy', () => {
    expect(resolveName([primary, secondary], 'www.example.test', status(null))?.record.setIdentifier).toBe('primary');
  });

  it('answers a simple record as it is, and nothing for an unknown name', () => {
    expect(english(resolveName([record({})], 'www.example.test', status(null))?.why)).toBe('a simple record');
    expect(resolveName([primary], 'other.example.test', status('Healthy'))).toBeNull();
  });
});

describe('check timings under a time scale', () => {
  it('divides the RequestInterval by the time scale, with floors for the timeouts', () => {
    expect(checkTimings({ type: 'TCP', requestIntervalSeconds: 10 }, 1)).toEqual({
      intervalMs: 10_000,
      connectTimeoutMs: 10_000,
      responseTimeoutMs: 2_000,
    });
    expect(checkTimings({ type: 'TCP', requestIntervalSeconds: 10 }, 20)).toEqual({
      intervalMs: 500,
      connectTimeoutMs: 500,
      responseTimeoutMs: 250,
    });
    expect(checkTimings({ type: 'HTTPS', requestIntervalSeconds: 30 }, 100)).toEqual({
      intervalMs: 300,
      connectTimeoutMs: 250,
      responseTimeoutMs: 250,
    });
  });
});
