// `run --json` is an interface: what it prints validates against docs/report.schema.json, for one scenario and many.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { RunAllReport, ScenarioReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';

const BIN = new URL('../bin/mtls-sandbox.js', import.meta.url).pathname;
const state = mkdtempSync(join(tmpdir(), 'mtls-sandbox-json-'));
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
  }, 60_000);
});
