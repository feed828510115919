// The lab session through the sandbox's door, against a real up of alb-rule-on-mtls-header: a console probe with a
// forged identity header, the mode switch through the session's own ELBv2 API (the event and the live topology), the
// configuration that decides it after the change, and a challenge that does not hold, then holds.
import { rmSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.js';
import { type LabSession, openSandbox, type Sandbox } from '../door.js';
import type { RunEvent } from '../events.js';
import { AWS } from '../elbv2-api/testing-up.js';
import { freshState } from '../testing/suite.js';

const state = freshState('mtls-lab');
let sandbox: Sandbox;
let session: LabSession;
const events: RunEvent[] = [];

beforeAll(async () => {
  sandbox = openSandbox({ stateDir: state, lang: 'en', localstack: 'off' });
  session = await sandbox.up(await findScenario('alb-rule-on-mtls-header', { userDirs: [] }), (event) =>
    events.push(event),
  );
}, 240_000);

afterAll(async () => {
  await sandbox?.stop();
  rmSync(state, { recursive: true, force: true });
});

const listener443 = () => session.listeners.find((l) => l.label === 'Alb HTTPS:443')!;

describe('the lab session', () => {
  it('offers every listener and every certificate of the PKI, with subject and issuer', () => {
    expect(session.listeners.map((l) => l.label)).toEqual(['Alb HTTPS:443', 'Alb HTTPS:8443']);
    expect(listener443().arn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:000000000000:listener\/app\//);
    const clientB = session.certificates.find((c) => c.name === 'clientB')!;
    expect(clientB.subject).toMatch(/CN=clientB/);
    expect(clientB.issuer).toMatch(/CN=privateCA/);
    expect(session.certificates.length).toBeGreaterThan(20);
  });

  it('sends a console probe with a forged subject, judged by the model where it predicts', async () => {
    const request = {
      via: { loadBalancer: 'Alb', port: 443 },
      certificate: 'clientB' as const,
      path: '/',
      method: 'GET' as const,
      headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=clientA' },
      http: '1.1' as const,
      tls: null,
    };
    const { spec, command, prediction } = session.consoleProbe(request, 1);
    // The model predicts nothing for a client that writes identity headers itself (AWS does not document it).
    expect(prediction).toBeNull();
    expect(command).toMatch(/^curl -v -k?.*--cert .*clientB\.crt.*-H 'X-Amzn-Mtls-Clientcert-Subject: CN=clientA'/);
    const report = await session.probe(spec);
    expect(report.response?.status).toBe(200);
    expect(report.response?.body).toContain('Success!!');
    expect(report.verdict.code).toBe('unjudged');
    // Without the forged header the model predicts verify mode: the certificate is requested and sent.
    const plain = session.consoleProbe({ ...request, headers: {} }, 2);
    expect(plain.prediction?.evidence.level).toBe('documented');
    expect((await session.probe(plain.spec)).verdict.code).toBe('matches');
  });

  it('switches the listener to passthrough through its API: the event, the live topology, the decisive config', async () => {
    const before = events.length;
    await session.setMutualMode(listener443(), 'passthrough');
    const after = events.slice(before);
    expect(after.map((e) => e.type)).toEqual(['elbv2-change', 'topology']);
    const change = after[0] as Extract<RunEvent, { type: 'elbv2-change' }>;
    expect(change.change).toMatchObject({
      code: 'elbv2.mutual-mode',
      params: { listener: 'Alb HTTPS:443', from: 'verify', to: 'passthrough', action: 'ModifyListener' },
    });
    const listener = session.liveTopology().balancers[0]!.listeners.find((l) => l.port === 443)!;
    expect(listener.mutualTls).toBe('passthrough');
    expect(listener.clientVerifiedBy).toBe('target-after-alb-passthrough');

    const noCert = session.consoleProbe(
      {
        via: { loadBalancer: 'Alb', port: 443 },
        certificate: null,
        path: '/',
        method: 'GET',
        headers: {},
        http: '1.1',
        tls: null,
      },
      3,
    );
    const report = await session.probe(noCert.spec);
    // Passthrough lets a client without a certificate in: the rule's default action answers.
    expect(report.response?.body).toContain('Default Action');
    expect(report.verifiedBy).toBe('target-after-alb-passthrough');
    const live = report.config.find((excerpt) => excerpt.source === 'elbv2-api')!;
    expect(live.file).toBe('ELBv2 API: Alb HTTPS:443');
    expect(live.lines.filter((l) => l.decisive).map((l) => l.text)).toContain('  Mode: passthrough');
    // The scenario's own probe is about the stack as written: after a change it is observed only, never "differs".
    const scenario = await findScenario('alb-rule-on-mtls-header', { userDirs: [] });
    const own = await session.scenarioProbe(scenario.probes[0]!);
    expect(own.verdict.code).toBe('unjudged');
    expect(own.evidence.assumption).toMatch(/changed through the ELBv2 API after it started/);
    await session.setMutualMode(listener443(), 'verify');
  });

  it('checks a challenge against the running topology: not yet, then done', async () => {
    const first = await session.checkChallenge('no-header-decides');
    expect(first.complete).toBe(false);
    expect(first.parts.map((p) => [p.name, p.holds])).toEqual([
      ['clientA-reaches-the-target', false],
      ['a-forged-header-decides-nothing', false],
      ['no-certificate-still-refused', true],
    ]);
    expect(first.parts[0]!.mismatches.length).toBeGreaterThan(0);

    // The learner's moves, with the real AWS CLI: the rule on the header goes, the default action forwards.
    const aws = async (...args: string[]) => {
      const result = await execa(AWS, ['elbv2', ...args, '--output', 'json'], {
        env: { ...session.elbv2Api!.env, AWS_CONFIG_FILE: '/dev/null' },
        reject: false,
      });
      expect(result.exitCode, result.stderr).toBe(0);
      return JSON.parse(result.stdout || '{}') as Record<string, { RuleArn?: string; Priority?: string }[]>;
    };
    const rules = (await aws('describe-rules', '--listener-arn', listener443().arn!)).Rules!;
    await aws('delete-rule', '--rule-arn', rules.find((rule) => rule.Priority === '100')!.RuleArn!);
    expect((await session.checkChallenge('no-header-decides')).complete).toBe(false);
    const group = session.elbv2Api!.targetGroups.find((g) => g.name === 'EchoTargets')!;
    await aws(
      'modify-listener',
      '--listener-arn',
      listener443().arn!,
      '--default-actions',
      `Type=forward,TargetGroupArn=${group.arn}`,
    );
    const done = await session.checkChallenge('no-header-decides');
    expect(done.parts.filter((p) => !p.holds).map((p) => p.mismatches)).toEqual([]);
    expect(done.complete).toBe(true);
  });
});
