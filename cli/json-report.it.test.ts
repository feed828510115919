import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { RunAllReport, ScenarioReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';
import { freshState } from '../sandbox/testing/suite.js';

const BIN = new URL('../bin/mtls-sandbox.js', import.meta.url).pathname;
const state = freshState('mtls-sandbox-json');
const run = (...args: string[]) =>
  execa('node', [BIN, 'run', ...args, '--localstack', 'off', '--json'], {
    env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' },
    reject: false,
  });

describe('run --json', () => {
  it('prints one scenario report of schema version 2, with the record every renderer reads', async () => {
    const result = await run('alb-mtls-verify-headers');
    expect(result.exitCode).toBe(0);
    const report = validReport(JSON.parse(result.stdout) as ScenarioReport);
    expect(report.schemaVersion).toBe(2);
    const noCertificate = report.probes.find((probe) => probe.name === 'no-certificate')!;
    expect(noCertificate.outcome.code).toBe('reset-in-handshake');
    expect(noCertificate.verifiedBy).toBe('alb-trust-store');
    expect(noCertificate.evidence.level).toBe('observed');
    expect(noCertificate.steps.some((step) => step.kind === 'certificate-request' && step.decisive)).toBe(true);
    expect(report.topology.balancers[0]?.listeners[0]?.address).toMatch(/^127\.0\.0\.1:\d+$/);
  }, 60_000);

  it('prints the reports of several scenarios together, also valid', async () => {
    const result = await run('nlb-tcp-passthrough', 'alb-tls-termination');
    expect(result.exitCode).toBe(0);
    const all = validReport(JSON.parse(result.stdout) as RunAllReport);
    expect(all.scenarios.map((report) => report.scenario)).toEqual(['nlb-tcp-passthrough', 'alb-tls-termination']);
    expect(all.pass).toBe(true);
    const allowed = all.scenarios[0]!.probes.find((probe) => probe.name === 'clientA-certificate')!;
    expect(allowed.outcome).toMatchObject({ code: 'allowed', status: 200 });
    expect(allowed.verifiedBy).toBe('nginx');
    const [nlb, alb] = all.scenarios;
    expect(all.evidence.assumed).toBe(nlb!.evidence.assumed + alb!.evidence.assumed);
    expect(all.evidence.documented + all.evidence.observed + all.evidence.assumed).toBe(
      nlb!.probes.length + alb!.probes.length,
    );
  }, 60_000);

  it('counts each scenario expectation by its evidence level', async () => {
    const result = await run('alb-rule-on-mtls-header');
    const report = validReport(JSON.parse(result.stdout) as ScenarioReport);
    const levels = report.probes.map((probe) => probe.evidence.level);
    expect(levels).toContain('assumed');
    for (const level of ['documented', 'observed', 'assumed'] as const)
      expect(report.evidence[level]).toBe(levels.filter((one) => one === level).length);
  }, 60_000);
});

describe('list --json', () => {
  it('gives every scenario its probes with their evidence levels, and the counts', async () => {
    const result = await execa('node', [BIN, 'list', '--json'], { env: { NO_COLOR: '1' } });
    const rows = JSON.parse(result.stdout) as {
      id: string;
      evidence: Record<'documented' | 'observed' | 'assumed', number>;
      probes: { name: string; evidence: string }[];
    }[];
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row.probes.length).toBeGreaterThan(0);
      const total = row.evidence.documented + row.evidence.observed + row.evidence.assumed;
      expect(total, row.id).toBe(row.probes.length);
    }
    const rule = rows.find((row) => row.id === 'alb-rule-on-mtls-header')!;
    expect(rule.evidence.assumed).toBeGreaterThan(0);
    expect(rule.probes.filter((probe) => probe.evidence === 'assumed').length).toBe(rule.evidence.assumed);
    // Every scenario's listeners, the NLB TLS listener kind included.
    const listenersOf = (id: string) =>
      (rows.find((row) => row.id === id) as unknown as { listeners: unknown[] }).listeners;
    expect(listenersOf('nlb-mtls-identity-filters')).toContainEqual(
      expect.objectContaining({
        loadBalancer: 'Nlb',
        kind: 'NLB',
        port: 443,
        protocol: 'TLS',
        tlsEndsAt: 'load-balancer',
        clientVerifiedBy: 'nlb-trust-store',
        mutualTls: 'verify',
        targetProtocol: 'TCP',
      }),
    );
    expect(listenersOf('nlb-tcp-passthrough')).toEqual([
      expect.objectContaining({ kind: 'NLB', protocol: 'TCP', tlsEndsAt: 'target', clientVerifiedBy: 'nginx' }),
    ]);
  }, 180_000);
});
