// The template corpus (sandbox/template/corpus/, where each comes from: docs/templates.md#corpus): CloudFormation
// templates synthesized from public CDK apps the team did not write, each run with `run --template --json` through
// the real CLI, the emulators, nginx, HAProxy and curl. For every one: no crash (exit 0 or 1, a report on stdout),
// no AWS error the sandbox invents (these templates deploy on AWS), every not-realized item with its reason in both
// languages, and every judged probe as the documented semantics say.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { ProbeReport, ScenarioReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';
import { say } from './i18n/index.js';
import { freshState } from '../sandbox/testing/suite.js';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(PROJECT, 'bin', 'mtls-sandbox.js');
const CORPUS = join(PROJECT, 'sandbox', 'template', 'corpus');
const state = freshState('mtls-sandbox-corpus-state');

async function runTemplate(name: string): Promise<ScenarioReport> {
  const result = await execa('node', [BIN, 'run', '--template', join(CORPUS, `${name}.template.json`), '--json'], {
    env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' },
    reject: false,
  });
  // 0: every judged probe as expected; 1: one was not. 2 (a set-up error) or a crash is what must never happen.
  expect([0, 1], result.stderr).toContain(result.exitCode);
  expect(result.stderr).not.toMatch(/Unexpected error|RangeError|TypeError|SyntaxError/);
  return validReport(JSON.parse(result.stdout) as ScenarioReport);
}

/** What every corpus template must show, whatever it holds. */
function holdsTheContract(report: ScenarioReport): void {
  // No invented AWS refusal: each of these templates deploys on AWS.
  expect(report.notRealized.filter((entry) => entry.reason.code === 'tpl.refused')).toEqual([]);
  for (const entry of report.notRealized) {
    expect(say(entry.reason, 'en'), entry.logicalId).toMatch(/\w/);
    expect(say(entry.reason, 'ja'), entry.logicalId).toMatch(/\S/);
  }
  const differs = report.probes.filter((probe) => probe.verdict.code === 'differs');
  expect(differs.map((probe) => [probe.name, probe.mismatches.map((m) => say(m, 'en'))])).toEqual([]);
  for (const probe of report.probes) {
    if (probe.evidence.level === 'assumed') expect(probe.evidence.assumption, probe.name).toBeTruthy();
    // A 200 from a stand-in is never the expectation: that status is the stand-in's, not AWS's.
    if (probe.standIn && probe.verdict.code !== 'unjudged') expect(probe.expected.status, probe.name).toBeUndefined();
  }
}

const judged = (report: ScenarioReport): ProbeReport[] =>
  report.probes.filter((probe) => probe.verdict.code === 'matches');
const probe = (report: ScenarioReport, name: string): ProbeReport => {
  const found = report.probes.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no probe ${name}: ${report.probes.map((p) => p.name).join(', ')}`);
  return found;
};

describe('the template corpus, run with run --template', () => {
  it('holds every template named in docs/templates.md#corpus (at least 12)', () => {
    expect(readdirSync(CORPUS).filter((file) => file.endsWith('.template.json')).length).toBeGreaterThanOrEqual(12);
  });

  it('alb-mtls: verify mode with a trust store and its CRL, judged on every certificate', async () => {
    const report = await runTemplate('alb-mtls');
    holdsTheContract(report);
    expect(probe(report, 'lb-443-no-certificate').verdict.code).toBe('matches');
    expect(probe(report, 'lb-443-revoked').target).toBeNull();
    expect(probe(report, 'lb-443-clientA').response?.status).toBe(200);
    // The listener's ACM certificate is stood in for, consistently with what the listener line says.
    expect(report.notRealized.find((entry) => entry.type === 'AWS::CertificateManager::Certificate')?.reason.code).toBe(
      'tpl.certificate',
    );
  });

  it('alb-listener-conditions: every condition type a request can be derived for reaches its rule', async () => {
    const report = await runTemplate('alb-listener-conditions');
    holdsTheContract(report);
    for (const priority of [10, 20, 30, 40, 60])
      expect(probe(report, `lb-80-rule-${priority}`).loadBalancerRequest?.matchedRulePriority, String(priority)).toBe(
        priority,
      );
    expect(probe(report, 'lb-80-no-rule').response?.status).toBe(404);
  });

  it('alb-host-rules: a host rule of priority 1 answers before the forward of priority 10', async () => {
    const report = await runTemplate('alb-host-rules');
    holdsTheContract(report);
    expect(judged(report).length).toBeGreaterThan(0);
    expect(probe(report, 'lb-80-rule-1').response?.body).toContain('success');
  });

  it('alb-weighted-forward: either weighted group, each a labelled stand-in (no registered targets)', async () => {
    const report = await runTemplate('alb-weighted-forward');
    holdsTheContract(report);
    const forwarded = probe(report, 'lb-80-no-rule');
    expect(forwarded.verdict.code).toBe('matches');
    expect(forwarded.standIn).toMatchObject({ code: 'tpl.stand-in-empty', params: { kind: 'application' } });
    expect(say(forwarded.standIn!, 'en')).toMatch(/AWS would answer 503 until targets register/);
  });

  it('alb-nlb-tls-redirect: the HTTP listener redirects as the rule model says; NLB TLS judged', async () => {
    const report = await runTemplate('alb-nlb-tls-redirect');
    holdsTheContract(report);
    const redirect = probe(report, 'alb-80-no-rule');
    expect(redirect.response?.status).toBe(301);
    expect(redirect.verdict.code).toBe('matches');
    expect(probe(report, 'nlb-443-clientA').verdict.code).toBe('matches');
  });

  it('nlb-to-alb: the NLB forwards to the ALB it realized; the ALB answers through it', async () => {
    const report = await runTemplate('nlb-to-alb');
    holdsTheContract(report);
    const through = probe(report, 'lb-80-to-backend-no-rule');
    expect(through.response?.status).toBe(200);
    expect(through.response?.body).toContain('I am ALB!');
    expect(report.components.some((component) => component.kind === 'nginx')).toBe(false);
  });

  it('cloudfront-viewer-mtls-s3-oac: an S3 origin behind viewer mTLS is realized with a labelled stand-in', async () => {
    const report = await runTemplate('cloudfront-viewer-mtls-s3-oac');
    holdsTheContract(report);
    expect(probe(report, 'distribution-no-certificate').verdict.code).toBe('matches');
    const admitted = probe(report, 'distribution-clientA');
    expect(admitted.verdict.code).toBe('matches');
    expect(admitted.standIn?.code).toBe('tpl.stand-in-origin');
  });

  for (const name of [
    'alb-asg',
    'clb-asg',
    'cloudfront-alb-origin',
    'cloudfront-function-url',
    'cloudfront-s3-oac',
    'ecs-ec2-nlb',
    'ecs-fargate-alb',
  ])
    it(`${name}: runs to the end, with reasons for what it does not realize`, async () => {
      holdsTheContract(await runTemplate(name));
    });

  // A jwt-validation or authenticate-oidc action is "not realized" on that action alone; the listener is kept.
  for (const name of ['alb-jwt', 'alb-oidc'])
    it(`${name}: the listener runs; its authentication action alone is not realized`, async () => {
      const report = await runTemplate(name);
      holdsTheContract(report);
      expect(report.topology.balancers.flatMap((balancer) => balancer.listeners)).not.toEqual([]);
    });
});
