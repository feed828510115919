import { english } from '../../cli/testing/english.js';
import { msg } from '../../sandbox/messages.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { RunEvent } from '../../sandbox/events.js';
import { offSession, openLocalStack, type LocalStackSession } from '../../sandbox/localstack/session.js';
import type { ScenarioReport } from '../../sandbox/report.js';
import { runScenario } from '../../sandbox/run.js';
import { freePort } from '../../sandbox/runtime/ports.js';
import { probe } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';
import { freshState } from '../../sandbox/testing/suite.js';

type Step = Extract<RunEvent, { type: 'step' }>;

describe('sorry-page-failover with LocalStack', () => {
  const state = freshState('mtls-failover');
  let session: LocalStackSession;
  let report: ScenarioReport;
  const events: RunEvent[] = [];

  beforeAll(async () => {
    const port = await freePort();
    session = await openLocalStack({
      request: 'host',
      needed: true,
      stateDir: state,
      port,
      env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
    });
    const pki = await ensurePki(join(state, 'certs'));
    report = await runScenario(scenario, {
      stateDir: state,
      pki,
      lang: 'en',
      emit: (event) => events.push(event),
      localstack: session,
    });
  });
  afterAll(async () => {
    await session?.stop();
  });

  /** Index of the first event matching, after `from`; -1 when none. */
  const indexOf = (match: (event: RunEvent) => boolean, from = 0) =>
    events.findIndex((event, index) => index >= from && match(event));
  const step = (name: string, detail?: RegExp) => (event: RunEvent) =>
    event.type === 'step' && event.name === name && (!detail || detail.test(english(event.detail)));
  const result = (name: string) => (event: RunEvent) => event.type === 'probe-result' && event.probe.name === name;

  it('passes every probe, with LocalStack in host mode', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
    expect(report.pass).toBe(true);
    expect(report.localstack).toBe('host');
    expect(report.components.map((c) => c.kind).sort()).toEqual([
      'haproxy',
      'localstack',
      'nginx',
      'nginx',
      'route53',
      'static',
    ]);
  });

  it('LocalStack holds the records, the health check and the page; the sandbox realizes the NLB and CloudFront', () => {
    const where = Object.fromEntries(report.deployment!.resources.map((r) => [r.path, r.where]));
    expect(where).toMatchObject({
      NlbHealthCheck: 'localstack',
      WwwPrimary: 'localstack',
      WwwSecondary: 'localstack',
      SorryPageBucket: 'localstack',
      Nlb: 'sandbox',
      SorrySite: 'sandbox',
    });
    const readBack = events.find(step('route53')) as Step;
    expect(english(readBack.detail)).toMatch(/TCP port 443, RequestInterval 10 s, FailureThreshold 3/);
    expect(english(readBack.detail)).toMatch(
      /GetHealthCheckStatus .* a fixed answer — LocalStack does not check the endpoint, so the sandbox does/,
    );
    expect(english(readBack.detail)).toMatch(
      /record www\.sandbox\.example\. A PRIMARY \(primary-nlb\) health check \S+/,
    );
    expect(english(readBack.detail)).toMatch(/record www\.sandbox\.example\. A SECONDARY \(secondary-sorry-page\)/);
    expect(english((events.find(step('s3-put')) as Step).detail)).toMatch(
      /aws s3 cp scenarios\/sorry-page-failover\/sorry-page\.html s3:\/\/\S+\/index\.html/,
    );
    expect(english((events.find(step('r53-start')) as Step).detail)).toMatch(
      /as LocalStack's Route 53 holds it.*every 0\.50 s \(time scale ×20\)/,
    );
  });

  it('the timeline runs in order: down → 3 failed checks → Unhealthy → SECONDARY → sorry page → up → 3 passing checks → Healthy → PRIMARY', () => {
    const primaryFirst = indexOf(result('primary-via-dns'));
    const down = indexOf(step('targets-down'));
    const failed = [1, 2, 3].map((n) =>
      indexOf(step('r53-check', new RegExp(`failed \\(${n}/3 towards Unhealthy\\)`)), down),
    );
    const unhealthy = indexOf(step('r53-status', /Healthy → Unhealthy after 3 consecutive failing checks/), down);
    const secondary = indexOf(step('dns', /now answers SECONDARY \(secondary-sorry-page\)/), down);
    const sorry = indexOf(result('sorry-page-via-dns'));
    const up = indexOf(step('targets-up'));
    const passed = [1, 2, 3].map((n) =>
      indexOf(step('r53-check', new RegExp(`passed \\(${n}/3 towards Healthy\\)`)), up),
    );
    const healthy = indexOf(step('r53-status', /Unhealthy → Healthy after 3 consecutive passing checks/), up);
    const primaryAgain = indexOf(step('dns', /now answers PRIMARY \(primary-nlb\)/), up);
    const back = indexOf(result('primary-again-via-dns'));
    const order = [
      primaryFirst,
      down,
      ...failed,
      unhealthy,
      secondary,
      sorry,
      up,
      ...passed,
      healthy,
      primaryAgain,
      back,
    ];
    expect(order.every((index) => index >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The NLB probe ran after the targets went down; no status changed before that.
    expect(indexOf(result('nlb-with-every-target-down'))).toBeGreaterThan(down);
    expect(indexOf(step('r53-status'))).toBeGreaterThan(down);
  });

  it('the report carries the timeline with both clocks, in order', () => {
    const timeline = report.timeline!;
    expect(timeline.map((event) => event.atMs)).toEqual(timeline.map((event) => event.atMs).sort((a, b) => a - b));
    for (const event of timeline) expect(event.awsSeconds).toBeCloseTo((event.atMs * 20) / 1000, 0);
    expect(
      timeline
        .filter((event) => event.kind === 'status')
        .map((event) =>
          english(event.detail)
            .match(/(\w+) → (\w+)/)
            ?.slice(1, 3)
            .join('→'),
        ),
    ).toEqual(['Healthy→Unhealthy', 'Unhealthy→Healthy']);
    expect(
      timeline
        .filter((event) => event.kind === 'answer')
        .map((event) => english(event.detail).match(/\((primary-nlb|secondary-sorry-page)\)/)?.[1]),
    ).toEqual(['primary-nlb', 'secondary-sorry-page', 'primary-nlb']);
  });

  it('each probe went where DNS pointed at that moment: nginx, nothing, the sorry page, nginx', () => {
    const first = probe(report, 'primary-via-dns');
    expect(first.command).toMatch(
      /--resolve www\.sandbox\.example:\d+:127\.0\.0\.1 .*https:\/\/www\.sandbox\.example:\d+\//,
    );
    expect(first.target?.details.ssl_client_verify).toBe('SUCCESS');
    const nlb = probe(report, 'nlb-with-every-target-down');
    expect(nlb.response).toBeNull();
    expect(nlb.target).toBeNull();
    const sorry = probe(report, 'sorry-page-via-dns');
    expect(sorry.response?.body).toContain("Sorry, we'll be back soon");
    expect(sorry.handshake.clientCertificateRequested).toBe(false);
    expect(sorry.target?.details.origin).toBe('s3://SorryPageBucket/index.html');
    expect(probe(report, 'primary-again-via-dns').target?.details.ssl_client_verify).toBe('SUCCESS');
  });

  it('says plainly what is compressed and who does what', () => {
    expect(report.emulationNotes.some((note) => /Time is compressed ×20 for Route 53 only/.test(english(note)))).toBe(
      true,
    );
    expect(
      report.emulationNotes.some((note) =>
        /LocalStack's Route 53 holds the records and health checks .* neither checks endpoints nor answers DNS queries/.test(
          english(note),
        ),
      ),
    ).toBe(true);
  });
});

describe('sorry-page-failover with LocalStack off', () => {
  it('is reported as skipped, with the reason', async () => {
    const state = freshState('mtls-failover-off');
    const pki = await ensurePki(join(state, 'certs'));
    const report = await runScenario(scenario, {
      stateDir: state,
      pki,
      lang: 'en',
      emit: () => {},
      localstack: offSession(msg('localstack.off')),
    });
    expect(report).toMatchObject({ pass: true, probes: [], localstack: 'off' });
    expect(english(report.skipped)).toMatch(/needs LocalStack/);
  });
});
