// The lab's pure parts: the console's request as a probe, the live topology and the lines the ELBv2 API changed,
// what a learner's prediction is scored against, challenges as probes, and the checks defineScenario makes.
import { describe, expect, it } from 'vitest';
import { buildCurlArgs } from '../probe/curl-command.js';
import type { Listener } from '../model/topology.js';
import type { ProbeReport } from '../report.js';
import { defineScenario, type ScenarioDefinition } from '../scenario.js';
import { challengeResult, partProbe } from './challenge.js';
import { consoleProbe, IDENTITY_PRESETS, writesIdentityHeaders } from './console.js';
import { liveListenerExcerpt, listenerLines } from './live-topology.js';
import { actualAnswer, answerFor, parseSheet, scoreOf } from './prediction.js';

const listener: Listener = {
  logicalId: 'Https',
  path: 'Alb/Https',
  port: 443,
  protocol: 'HTTPS',
  instancePort: null,
  instanceProtocol: null,
  defaultActions: [
    { type: 'fixed-response', statusCode: 200, contentType: 'text/plain', messageBody: 'Default Action' },
  ],
  rules: [
    {
      logicalId: 'Rule',
      priority: 100,
      conditions: [{ field: 'http-header', headerName: 'X-Amzn-Mtls-Clientcert-Subject', values: ['*CN=clientA*'] }],
      actions: [{ type: 'fixed-response', statusCode: 200, contentType: 'text/plain', messageBody: 'Success!!' }],
    },
  ],
  certificates: [],
  sslPolicy: null,
  mutualAuthentication: {
    mode: 'verify',
    trustStoreId: 'Store',
    ignoreClientCertificateExpiry: false,
    advertiseTrustStoreCaNames: false,
  },
};

describe('the console', () => {
  const request = {
    via: { loadBalancer: 'Alb', port: 443 },
    certificate: 'clientB' as const,
    path: '/echo',
    method: 'POST' as const,
    headers: IDENTITY_PRESETS[0]!.headers,
    http: '2' as const,
    tls: '1.2' as const,
  };

  it('turns a request into a probe: observed only without a prediction, judged with one', () => {
    const observed = consoleProbe(request, 3, null);
    expect(observed.name).toBe('console-3');
    expect(observed.client).toEqual({
      certificate: 'clientB',
      method: 'POST',
      path: '/echo',
      http: '2',
      tls: '1.2',
      headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=clientA' },
    });
    expect(observed.unjudged?.en).toMatch(/observed only/);
    expect(observed.description.en).toBe(
      'Alb:443 POST /echo, clientB, writing X-Amzn-Mtls-Clientcert-Subject: CN=clientA (HTTP/2, TLS 1.2 only).',
    );
    const judged = consoleProbe(request, 4, {
      expect: { status: 200 },
      evidence: { level: 'documented', citations: [] },
    });
    expect(judged.unjudged).toBeUndefined();
    expect(judged.expect).toEqual({ status: 200 });
  });

  it('knows a forged identity header of every front door, whatever its case', () => {
    expect(writesIdentityHeaders(request)).toBe(true);
    expect(writesIdentityHeaders({ ...request, headers: { 'client-cert': ':x:' } })).toBe(true);
    expect(writesIdentityHeaders({ ...request, headers: { 'X-Request-Id': '1' } })).toBe(false);
    expect(IDENTITY_PRESETS.map((preset) => preset.door)).toEqual([
      'ALB verify',
      'ALB passthrough',
      'ALB renamed',
      'CloudFront verify',
      'CloudFront passthrough',
    ]);
  });

  it('pins curl to one TLS version and sends a POST when asked', () => {
    const args = buildCurlArgs({ url: 'https://127.0.0.1:1/', method: 'POST', tlsVersion: '1.2' });
    expect(args).toEqual(expect.arrayContaining(['-X', 'POST', '--tlsv1.2', '--tls-max', '1.2']));
  });
});

describe('the live topology', () => {
  it('says nothing when the API changed nothing on the listener', () => {
    expect(liveListenerExcerpt('Alb HTTPS:443', listener, listener)).toBeNull();
  });

  it('shows the listener as the API holds it, the changed lines decisive and what was removed', () => {
    const live: Listener = {
      ...listener,
      rules: [],
      mutualAuthentication: { ...listener.mutualAuthentication!, mode: 'passthrough', trustStoreId: null },
    };
    const excerpt = liveListenerExcerpt('Alb HTTPS:443', listener, live)!;
    expect(excerpt.source).toBe('elbv2-api');
    expect(excerpt.what).toEqual({ code: 'config.live-listener', params: { listener: 'Alb HTTPS:443' } });
    expect(excerpt.lines.filter((line) => line.decisive).map((line) => line.text)).toEqual([
      '  Mode: passthrough',
      '# removed: Mode: verify',
      '# removed: TrustStore: Store',
      '# removed: IgnoreClientCertificateExpiry: false',
      '# removed: AdvertiseTrustStoreCaNames: off',
      '# removed: - Priority 100: http-header X-Amzn-Mtls-Clientcert-Subject = *CN=clientA* → fixed-response 200 "Success!!"',
    ]);
    expect(listenerLines(listener)).toContain('  - fixed-response 200 "Default Action"');
  });
});

const outcome = (code: ProbeReport['outcome']['code']): ProbeReport['outcome'] => ({
  code,
  status: null,
  answeredBy: null,
  fact: null,
  targetSaw: [],
});

describe('predictions', () => {
  it('words what happened as the learner chooses: what, and who decides', () => {
    expect(actualAnswer({ outcome: outcome('reset-in-handshake'), verifiedBy: 'alb-trust-store' })).toEqual({
      outcome: 'reset-in-handshake',
      decider: 'load-balancer',
      code: 'reset-in-handshake',
    });
    // TLS passes through: the target ends the handshake and lets the client in.
    expect(actualAnswer({ outcome: outcome('tls-alert'), verifiedBy: 'nginx' }).decider).toBe('target');
    expect(actualAnswer({ outcome: outcome('allowed'), verifiedBy: 'nginx' }).decider).toBe('target');
    // The load balancer checked the certificate: letting the client in was its decision.
    expect(actualAnswer({ outcome: outcome('allowed'), verifiedBy: 'nlb-trust-store' }).decider).toBe('load-balancer');
    // Passthrough: nobody in front checks; the target answered.
    expect(actualAnswer({ outcome: outcome('allowed'), verifiedBy: 'target-after-alb-passthrough' }).decider).toBe(
      'target',
    );
    expect(actualAnswer({ outcome: outcome('fixed-response'), verifiedBy: 'nginx' })).toMatchObject({
      outcome: 'load-balancer',
      decider: 'load-balancer',
    });
    expect(actualAnswer({ outcome: outcome('timeout'), verifiedBy: 'nobody' }).outcome).toBe('other');
  });

  it('scores a run and names the probes that surprised', () => {
    const probe = (name: string) => ({
      name,
      description: { en: name, ja: name },
      evidence: { level: 'documented' as const, citations: [] },
    });
    const report = { outcome: outcome('refused-by-target'), verifiedBy: 'nginx' as const };
    const answers = [
      answerFor(probe('a'), report, { outcome: 'refused-by-target', decider: 'target' }),
      answerFor(probe('b'), report, { outcome: 'refused-by-target', decider: 'load-balancer' }),
      answerFor(probe('c'), report, null),
    ];
    expect(scoreOf(answers)).toEqual({
      probes: 3,
      answered: 2,
      outcomes: 2,
      deciders: 1,
      both: 1,
      surprises: ['b', 'c'],
    });
    const sheet = { kind: 'mtls-sandbox-predictions', version: 1, scenario: 's', title: {}, startedAt: '', answers };
    expect(parseSheet(JSON.stringify(sheet)).answers).toHaveLength(3);
    expect(() => parseSheet('{"kind":"other"}')).toThrow(/not a prediction sheet/);
  });
});

describe('challenges', () => {
  const base: ScenarioDefinition = {
    id: 'demo',
    title: { en: 'd', ja: 'd' },
    summary: { en: 's', ja: 's' },
    story: { id: 'x', order: 1, title: { en: 'x', ja: 'x' } },
    seeds: [],
    tags: [],
    stackModule: new URL('file:///stack.ts'),
    targets: {},
    probes: [],
    explain: { en: '', ja: '' },
  };
  const part = {
    name: 'in',
    goal: { en: 'clientA gets in', ja: 'clientA が通る' },
    via: { loadBalancer: 'Alb', port: 443 },
    client: { certificate: 'clientA' as const },
    expect: { status: 200 },
  };
  const challenge = { id: 'let-in', goal: part.goal, hint: part.goal, by: 'elbv2-api' as const, check: [part] };

  it('are probes whose expectation is the goal, not a claim about AWS', () => {
    const probe = partProbe(challenge, part);
    expect(probe.name).toBe('let-in--in');
    expect(probe.evidence.level).toBe('assumed');
    expect(probe.evidence.assumption?.en).toMatch(/not a statement of what AWS does/);
  });

  it('hold where nothing differs from the goal, and a part that did not run does not hold', () => {
    const report = (mismatches: unknown[], skipped?: unknown) =>
      ({ mismatches, ...(skipped ? { skipped } : {}) }) as unknown as ProbeReport;
    expect(challengeResult(challenge, [report([])]).complete).toBe(true);
    expect(challengeResult(challenge, [report([{ code: 'mismatch.status' }])]).complete).toBe(false);
    expect(challengeResult(challenge, [report([], { code: 'skip.needs-localstack' })]).complete).toBe(false);
  });

  it('are checked by defineScenario: ids, parts, and a check that checks something', () => {
    expect(() => defineScenario({ ...base, challenges: [challenge, challenge] })).toThrow(/two challenges "let-in"/);
    expect(() => defineScenario({ ...base, challenges: [{ ...challenge, id: 'Let In' }] })).toThrow(/lowercase/);
    expect(() => defineScenario({ ...base, challenges: [{ ...challenge, check: [] }] })).toThrow(/checks nothing/);
    expect(() => defineScenario({ ...base, challenges: [{ ...challenge, check: [part, part] }] })).toThrow(
      /two parts named "in"/,
    );
    expect(defineScenario({ ...base, challenges: [challenge] }).challenges).toHaveLength(1);
  });
});
