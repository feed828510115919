// Seed 004's finding end to end: the rule on the verified subject never matches, a client-sent header does.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../../sandbox/report.js';
import { probe, runInTemp } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';

describe('alb-rule-on-mtls-header', () => {
  let report: ScenarioReport;
  beforeAll(async () => {
    ({ report } = await runInTemp(scenario));
  });

  it('passes every probe', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
  });

  it('a verified clientA gets the default action from the ALB itself', () => {
    const p = probe(report, 'clientA-gets-default-action');
    expect(p.response?.body).toBe('Default Action');
    expect(p.response?.headers.server).toBe('awselb/2.0');
    expect(p.target).toBeNull();
  });

  it('the header did arrive at the target behind the forward rule', () => {
    expect(
      probe(report, 'header-did-arrive-at-target').target?.receivedHeaders['x-amzn-mtls-clientcert-subject'],
    ).toMatch(/^CN=clientA,/);
  });

  it('clientB matches the rule by sending the header itself, yet the target sees only its verified subject', () => {
    expect(probe(report, 'clientB-spoofs-the-header').response?.body).toBe('Success!!');
    const forwarded = probe(report, 'target-sees-only-the-verified-subject').target!;
    expect(forwarded.receivedHeaders['x-amzn-mtls-clientcert-subject']).toBe(
      'CN=clientB,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP',
    );
    expect(forwarded.details['repeated:x-amzn-mtls-clientcert-subject']).toBeUndefined();
  });

  it('on the listener whose rule is on a header the ALB never adds, the documented case: only a sent header matches', () => {
    expect(probe(report, 'clientA-on-plain-header-listener').response?.body).toBe('Default Action');
    expect(probe(report, 'clientB-spoofs-a-plain-header').response?.body).toBe('Success!!');
    expect(probe(report, 'clientB-spoofs-the-header').evidence.level).toBe('assumed');
    expect(probe(report, 'clientB-spoofs-a-plain-header').evidence.level).toBe('documented');
  });
});
