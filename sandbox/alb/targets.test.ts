import { describe, expect, it } from 'vitest';
import type { AlbTargetGroup } from './config.js';
import { parseMatcher, TargetGroupRuntime, WeightedPicker } from './targets.js';

const group = (n: number): AlbTargetGroup => ({
  id: 'tg',
  protocol: 'HTTP',
  targets: Array.from({ length: n }, (_, i) => ({ name: `t${i}`, host: '127.0.0.1', port: 8000 + i })),
  healthCheck: {
    protocol: 'HTTP',
    port: 'traffic-port',
    path: '/health',
    intervalSeconds: 5,
    timeoutSeconds: 2,
    healthyThreshold: 3,
    unhealthyThreshold: 2,
    matcher: '200',
  },
  stickiness: null,
});

describe('TargetGroupRuntime', () => {
  it('routes only to registered targets, and to none once every target is deregistered', () => {
    const g = new TargetGroupRuntime(group(2));
    g.record('127.0.0.1:8000', true);
    g.record('127.0.0.1:8001', true);
    g.setRegistered(['t0'], false);
    expect(new Set([g.pick()!.key, g.pick()!.key])).toEqual(new Set(['127.0.0.1:8001']));
    expect(g.usable('127.0.0.1:8000')).toBeNull(); // a sticky cookie naming it is not honoured
    g.setRegistered(['t1'], false);
    expect(g.pick()).toBeNull(); // → 503
    expect(g.hasHealthy()).toBe(false);
    g.setRegistered(['t0', 't1'], true);
    expect(g.registered()).toHaveLength(2);
  });
  it('starts initial and routes to all targets until one is healthy (fail open)', () => {
    const g = new TargetGroupRuntime(group(2));
    expect(g.view().map((v) => v.state)).toEqual(['initial', 'initial']);
    expect(g.view()[0]!.reason).toBe('Elb.InitialHealthChecking');
    expect([g.pick()!.key, g.pick()!.key]).toEqual(['127.0.0.1:8000', '127.0.0.1:8001']);
  });
  it('becomes healthy after one passed check, unhealthy after UnhealthyThresholdCount failures', () => {
    const g = new TargetGroupRuntime(group(2));
    expect(g.record('127.0.0.1:8000', true)).toBe(true);
    expect(g.view()[0]).toMatchObject({ healthy: true, state: 'healthy', reason: '' });
    // only the healthy target gets traffic now
    expect(new Set([g.pick()!.key, g.pick()!.key, g.pick()!.key])).toEqual(new Set(['127.0.0.1:8000']));
    g.record('127.0.0.1:8000', false, 'Target.Timeout');
    expect(g.view()[0]!.state).toBe('healthy');
    g.record('127.0.0.1:8000', false, 'Target.Timeout');
    expect(g.view()[0]).toMatchObject({ state: 'unhealthy', reason: 'Target.Timeout' });
    // needs HealthyThresholdCount (3) successes to come back
    g.record('127.0.0.1:8000', true);
    g.record('127.0.0.1:8000', true);
    expect(g.view()[0]!.state).toBe('unhealthy');
    g.record('127.0.0.1:8000', true);
    expect(g.view()[0]!.state).toBe('healthy');
  });
  it('fails open across unhealthy targets and answers null without targets', () => {
    const g = new TargetGroupRuntime(group(2));
    for (const k of ['127.0.0.1:8000', '127.0.0.1:8001']) {
      g.record(k, false);
      g.record(k, false);
    }
    expect(g.eligible()).toHaveLength(2);
    expect(g.usable('127.0.0.1:8001')?.key).toBe('127.0.0.1:8001');
    expect(new TargetGroupRuntime(group(0)).pick()).toBeNull();
  });
  it('does not keep a sticky target that became unhealthy while others are healthy', () => {
    const g = new TargetGroupRuntime(group(2));
    g.record('127.0.0.1:8000', true);
    g.record('127.0.0.1:8001', true);
    g.record('127.0.0.1:8001', false);
    g.record('127.0.0.1:8001', false);
    expect(g.usable('127.0.0.1:8001')).toBeNull();
    expect(g.usable('127.0.0.1:9999')).toBeNull();
  });
});

describe('WeightedPicker', () => {
  it('follows the weights and never picks weight 0', () => {
    const p = new WeightedPicker();
    const counts = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      const id = p.pick([
        { targetGroupId: 'a', weight: 80 },
        { targetGroupId: 'b', weight: 20 },
        { targetGroupId: 'c', weight: 0 },
      ])!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.get('a')).toBe(80);
    expect(counts.get('b')).toBe(20);
    expect(counts.has('c')).toBe(false);
  });
});

describe('parseMatcher', () => {
  it('reads codes, lists and ranges', () => {
    expect(parseMatcher(null)(200)).toBe(true);
    expect(parseMatcher('200')(204)).toBe(false);
    expect(parseMatcher('200,202')(202)).toBe(true);
    expect(parseMatcher('200-399')(302)).toBe(true);
    expect(parseMatcher('200-399')(404)).toBe(false);
  });
});
