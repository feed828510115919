// A copy made by `new --from` synthesizes under another stack name: its template's digest must still equal the
// original's, so an untouched copy is not said to have "changed its stack"; any real change must show.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.js';
import { stackNameOf, synthesizeFresh } from './synth.js';
import { templateDigest } from './template-digest.js';
import type { CfnTemplate } from '../model/cfn.js';

const template = (stack: string, port = 443): CfnTemplate => ({
  Metadata: { 'MtlsSandbox::Source': `${stack}-hash` },
  Resources: {
    Alb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Properties: { Tags: [{ Key: 'Name', Value: `${stack}/Alb` }] },
      Metadata: { 'aws:cdk:path': `${stack}/Alb/Resource` },
    },
    Store: {
      Type: 'AWS::ElasticLoadBalancingV2::TrustStore',
      Properties: { Name: `${stack.slice(0, 12)}erStore275A5CDA` },
    },
    Listener: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Port: port } },
  },
});

describe('templateDigest', () => {
  it('is the same under another stack name, and differs when the stack does', () => {
    const original = templateDigest(template('AlbRuleOnMtlsHeader'), 'AlbRuleOnMtlsHeader');
    expect(templateDigest(template('MyRuleCopyOfIt'), 'MyRuleCopyOfIt')).toBe(original);
    expect(templateDigest(template('MyRuleCopyOfIt', 8443), 'MyRuleCopyOfIt')).not.toBe(original);
  });

  it.each(['alb-rule-on-mtls-header', 'nlb-mtls-identity-filters'])(
    'gives %s and a copy of it under another name the same digest (real CDK synthesis)',
    async (id) => {
      const scenario = await findScenario(id);
      const out = mkdtempSync(join(tmpdir(), 'mtls-digest-'));
      const name = stackNameOf(scenario);
      const original = await synthesizeFresh(scenario, name, join(out, 'a'), 'x');
      const copy = await synthesizeFresh(scenario, 'MyOwnCopy', join(out, 'b'), 'y');
      expect(templateDigest(copy, 'MyOwnCopy')).toBe(templateDigest(original, name));
    },
    120_000,
  );
});
