// The CDK side of NLB mutual TLS: aws-cdk-lib 2.278.0's L1 drops ClientCertificateIdentityFilters, the helper's
// addPropertyOverride keeps it, and the compiler reads what the override wrote.
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../../sandbox/model/cfn.js';
import { compileTemplate } from '../../sandbox/model/compile.js';
import { AwsApiError } from '../../sandbox/runtime/errors.js';
import { nlbMutualTls, nlbTargetGroup, nlbTlsListener, type NlbMutualTlsProps } from './nlb-mtls.js';

function synth(build: (stack: Stack, vpc: ec2.Vpc, store: elbv2.TrustStore, nlb: elbv2.NetworkLoadBalancer) => void) {
  const app = new App({ context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Test', { env: { account: '000000000000', region: 'us-east-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
  const store = new elbv2.TrustStore(stack, 'TrustStore', { bucket: new s3.Bucket(stack, 'Bucket'), key: 'ca.pem' });
  const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc });
  build(stack, vpc, store, nlb);
  return app.synth({ validateOnSynthesis: false }).getStackByName('Test').template as CfnTemplate;
}

const listenerProps = (template: CfnTemplate) =>
  Object.values(template.Resources ?? {}).find((r) => r.Type === 'AWS::ElasticLoadBalancingV2::Listener')
    ?.Properties as Record<string, unknown>;

const FILTERS: NlbMutualTlsProps['identityFilters'] = [
  { field: 'san-uri', matchType: 'prefix', value: 'spiffe://example.org/ns/prod/' },
  { field: 'subject-ou', matchType: 'exact', value: 'payments' },
];

describe('NLB mutual TLS in CDK 2.278.0', () => {
  it('the L1 property alone drops ClientCertificateIdentityFilters (why the helper overrides)', () => {
    const template = synth((stack, vpc, store, nlb) => {
      const listener = nlb.addListener('Tls', {
        port: 443,
        protocol: elbv2.Protocol.TLS,
        certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:us-east-1:000000000000:certificate/x')],
        defaultTargetGroups: [
          nlbTargetGroup(stack, 'Targets', vpc, { targetIps: ['10.0.0.10'], protocol: elbv2.Protocol.TCP }),
        ],
      });
      (listener.node.defaultChild as elbv2.CfnListener).mutualAuthentication = {
        mode: 'verify',
        trustStoreArn: store.trustStoreArn,
        clientCertificateIdentityFilters: [{ field: 'subject-cn', matchType: 'exact', value: 'a', action: 'accept' }],
      } as elbv2.CfnListener.MutualAuthenticationProperty;
    });
    expect(listenerProps(template).MutualAuthentication).toEqual({
      Mode: 'verify',
      TrustStoreArn: { 'Fn::GetAtt': [expect.stringMatching(/^TrustStore/), 'TrustStoreArn'] },
    });
  });

  it('nlbTlsListener + nlbMutualTls write the CloudFormation names, filters included, and the compiler reads them', () => {
    const template = synth((stack, vpc, store, nlb) => {
      const targets = nlbTargetGroup(stack, 'Targets', vpc, { targetIps: ['10.0.0.10'], protocol: elbv2.Protocol.TLS });
      nlbTlsListener(nlb, 'Tls443', {
        targetGroup: targets,
        alpnPolicy: elbv2.AlpnPolicy.HTTP1_ONLY,
        mutualTls: { trustStore: store, identityFilters: FILTERS, advertiseTrustStoreCaNames: false },
      });
    });
    const props = listenerProps(template);
    expect(props.Protocol).toBe('TLS');
    expect(props.AlpnPolicy).toEqual(['HTTP1Only']);
    expect(props.MutualAuthentication).toEqual({
      Mode: 'verify',
      TrustStoreArn: { 'Fn::GetAtt': [expect.stringMatching(/^TrustStore/), 'TrustStoreArn'] },
      AdvertiseTrustStoreCaNames: 'off',
      ClientCertificateIdentityFilters: [
        { Field: 'san-uri', MatchType: 'prefix', Value: 'spiffe://example.org/ns/prod/', Action: 'accept' },
        { Field: 'subject-ou', MatchType: 'exact', Value: 'payments', Action: 'accept' },
      ],
    });
    const topology = compileTemplate(template, 'Test');
    const listener = topology.loadBalancers[0]!.listeners[0]!;
    expect(listener).toMatchObject({ protocol: 'TLS', alpnPolicy: 'HTTP1Only' });
    expect(listener.mutualAuthentication).toMatchObject({
      mode: 'verify',
      trustStoreId: expect.stringMatching(/^TrustStore/),
      identityFilters: [
        { field: 'san-uri', matchType: 'prefix', value: 'spiffe://example.org/ns/prod/', action: 'accept' },
        { field: 'subject-ou', matchType: 'exact', value: 'payments', action: 'accept' },
      ],
    });
    expect(topology.notRealized.filter((entry) => entry.type === 'AWS::ElasticLoadBalancingV2::Listener')).toEqual([]);
  });

  it('an override with passthrough synthesizes, and the compiler refuses it as AWS would', () => {
    const template = synth((stack, vpc, store, nlb) => {
      const targets = nlbTargetGroup(stack, 'Targets', vpc, { targetIps: ['10.0.0.10'], protocol: elbv2.Protocol.TCP });
      const listener = nlbTlsListener(nlb, 'Tls443', { targetGroup: targets });
      nlbMutualTls(listener, { trustStore: store, mode: 'passthrough' });
    });
    expect(() => compileTemplate(template, 'Test')).toThrow(AwsApiError);
    expect(() => compileTemplate(template, 'Test')).toThrow(/passthrough is not supported for Network Load Balancers/);
  });
});
