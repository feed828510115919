// --template end to end: a small CDK app outside the project, synthesized by the project's own `cdk` CLI, run
// through the real CLI with the real ALB emulator, HAProxy, nginx and curl; and a hand-written YAML template.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../sandbox/report.js';
import { validReport } from '../sandbox/testing/report-schema.js';
import { freshState } from '../sandbox/testing/suite.js';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(PROJECT, 'bin', 'mtls-sandbox.js');
const CDK = join(PROJECT, 'node_modules', 'aws-cdk', 'bin', 'cdk');
const state = freshState('mtls-sandbox-template-state');
const app = mkdtempSync(join(tmpdir(), 'mtls-sandbox-cdk-app-'));
const cli = (args: string[]) =>
  execa('node', [BIN, ...args], { cwd: app, env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' }, reject: false });

// A team's stack as they would write it: an ALB verifying client certificates with a trust store, an HTTP listener
// redirecting to HTTPS, and an NLB passing TCP through. aws-cdk-lib comes from the project (the app has none).
const APP = `import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(PROJECT, 'package.json'))});
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const elbv2 = require('aws-cdk-lib/aws-elasticloadbalancingv2');
const targets = require('aws-cdk-lib/aws-elasticloadbalancingv2-targets');
const s3 = require('aws-cdk-lib/aws-s3');
const app = new cdk.App();
const stack = new cdk.Stack(app, 'TeamStack');
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
const store = new elbv2.TrustStore(stack, 'Store', { bucket: new s3.Bucket(stack, 'Certs'), key: 'team-ca.pem' });
const alb = new elbv2.ApplicationLoadBalancer(stack, 'PublicAlb', { vpc, internetFacing: true });
const api = new elbv2.ApplicationTargetGroup(stack, 'Api', { vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP, targets: [new targets.IpTarget('10.0.1.20', 8080)] });
alb.addListener('Https', { port: 443, protocol: elbv2.ApplicationProtocol.HTTPS, certificates: [elbv2.ListenerCertificate.fromArn('arn:aws:acm:eu-west-1:123456789012:certificate/team')], defaultAction: elbv2.ListenerAction.forward([api]), mutualAuthentication: { mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY, trustStore: store } });
alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.redirect({ protocol: 'HTTPS', port: '443' }) });
const nlb = new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc, internetFacing: true });
const tcp = new elbv2.NetworkTargetGroup(stack, 'Backends', { vpc, port: 443, protocol: elbv2.Protocol.TCP, targetType: elbv2.TargetType.IP, targets: [new targets.IpTarget('10.0.1.30', 443)] });
nlb.addListener('Tcp', { port: 443, protocol: elbv2.Protocol.TCP, defaultTargetGroups: [tcp] });
app.synth();
`;

const YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Type: application, Subnets: [subnet-1, subnet-2] }
  Web:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: { Protocol: HTTP, Port: 80, TargetType: ip, VpcId: vpc-1, Targets: [{ Id: 10.0.0.5, Port: 80 }] }
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
      Port: 443
      Protocol: HTTPS
      Certificates:
        - CertificateArn: !Sub 'arn:aws:acm:\${AWS::Region}:\${AWS::AccountId}:certificate/web'
      MutualAuthentication: { Mode: passthrough }
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref Web
`;

describe('run --template', () => {
  let report: ScenarioReport;
  let text: string;
  beforeAll(async () => {
    writeFileSync(join(app, 'app.mjs'), APP);
    const synth = await execa(
      'node',
      [CDK, 'synth', '--app', 'node app.mjs', '--output', 'cdk.out', '--no-notices', '-q'],
      {
        cwd: app,
        reject: false,
      },
    );
    expect(synth.exitCode, synth.stderr).toBe(0);
    const result = await cli(['run', '--template', 'cdk.out/TeamStack.template.json', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    report = validReport(JSON.parse(result.stdout) as ScenarioReport);
    text = (await cli(['run', '--template', 'cdk.out/TeamStack.template.json'])).stdout;
  }, 240_000);

  it('realizes the load balancers of cdk synth output by construct path, with stand-in targets', () => {
    expect(report.scenario).toBe('template-team-stack');
    expect(report.topology.balancers.map((balancer) => [balancer.path, balancer.kind])).toEqual([
      ['PublicAlb', 'ALB'],
      ['Nlb', 'NLB'],
    ]);
    expect(report.topology.balancers[0]!.targets.map((target) => target.kind)).toEqual(['echo']);
    expect(report.topology.balancers[1]!.targets.map((target) => [target.kind, target.profile])).toEqual([
      ['nginx', 'tls'],
    ]);
  });

  it('judges the ALB verify listener as the model predicts: no certificate and untrusted reset, trusted through', () => {
    const probe = (name: string) => report.probes.find((candidate) => candidate.name === name)!;
    expect(probe('public-alb-443-no-certificate')).toMatchObject({ verdict: { code: 'matches' }, target: null });
    expect(probe('public-alb-443-no-certificate').connectionError).toBe('Connection reset by peer');
    expect(probe('public-alb-443-untrusted')).toMatchObject({ verdict: { code: 'matches' }, target: null });
    const admitted = probe('public-alb-443-clientA');
    expect(admitted.verdict).toEqual({
      code: 'matches',
      level: 'documented',
      basis: 'documented',
      expectation: null,
      copied: null,
    });
    expect(admitted.response?.status).toBe(200);
    expect(admitted.target?.receivedHeaders['x-amzn-mtls-clientcert-subject']).toMatch(/^CN=clientA,/);
    // The spoofer's own header never reaches the target as it sent it; reported, not judged.
    const spoofed = probe('public-alb-443-spoofed-identity-header');
    expect(spoofed.verdict.code).toBe('unjudged');
    expect(spoofed.target?.receivedHeaders['x-amzn-mtls-clientcert-subject']).not.toBe('CN=admin,O=example.org');
  });

  it('reports the NLB TCP passthrough probes as observed only, with why, and counts no evidence for them', () => {
    const nlb = report.probes.filter((probe) => probe.via.loadBalancer === 'Nlb');
    expect(nlb).toHaveLength(6);
    for (const probe of nlb) {
      expect(probe.verdict.code, probe.name).toBe('unjudged');
      expect(probe.expected).toEqual({});
      expect(probe.evidence.assumption).toMatch(/stands in for/);
      expect(probe.mismatches).toEqual([]);
    }
    expect(nlb.find((probe) => probe.name === 'nlb-443-clientA')?.response?.status).toBe(200);
    const judged = report.probes.length - nlb.length - 1;
    const counts = report.evidence.documented + report.evidence.observed + report.evidence.assumed;
    expect(counts).toBe(judged);
    expect(text).toContain('observed only · no expectation');
    expect(text).toMatch(/\d+ observed only \(no expectation, not compared with AWS\)/);
    // Observed only is never "as expected": the judged probes alone are counted so.
    expect(report.tally.unjudged).toBe(nlb.length + 1);
    expect(report.tally.judged).toBe(judged);
  });

  it('lists what the template holds that the sandbox does not realize, with the reason', () => {
    expect(report.notRealized.some((entry) => entry.type === 'AWS::EC2::VPC')).toBe(true);
    expect(report.notRealized.some((entry) => entry.type === 'AWS::S3::Bucket')).toBe(true);
    expect(text).toContain('not realized here');
    expect(text).toMatch(/Vpc\w+ \(AWS::EC2::VPC\): networking/);
  });

  it('runs a hand-written YAML template with short forms (an ALB in passthrough mode)', async () => {
    writeFileSync(join(app, 'passthrough.yaml'), YAML);
    const result = await cli(['run', '--template', 'passthrough.yaml', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    const yaml = validReport(JSON.parse(result.stdout) as ScenarioReport);
    const untrusted = yaml.probes.find((probe) => probe.name === 'alb-443-untrusted')!;
    expect(untrusted.verdict).toMatchObject({ code: 'matches', level: 'documented', basis: 'documented' });
    expect(untrusted.response?.status).toBe(200);
    expect(untrusted.target?.receivedHeaders['x-amzn-mtls-clientcert']).toMatch(/^-----BEGIN%20CERTIFICATE-----/);
  }, 60_000);

  it('runs what it can of a template AWS would partly refuse: each refusal a finding, the rest probed', async () => {
    const escaped = join(tmpdir(), `mtls-sandbox-escaped-${process.pid}`);
    const listener = (port: unknown, extra: object = {}) => ({
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: { Ref: 'Alb' },
        Port: port,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', MessageBody: 'ok' } }],
        ...extra,
      },
    });
    const hostile = {
      Parameters: { NoDefault: { Type: 'Number' } },
      Resources: {
        Alb: {
          Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          Properties: { Type: 'application' },
          // Issue 23.7: a construct path that would lead out of the state dir.
          Metadata: { 'aws:cdk:path': `T/${'../'.repeat(20)}${escaped.slice(1)}/x` },
        },
        Zero: listener(0),
        Over: listener(65536),
        Fraction: listener(443.5),
        Text: listener('abc'),
        Unset: listener({ Ref: 'NoDefault' }),
        Selected: listener({ 'Fn::Select': [9, [1]] }),
        Circular: listener({ 'Fn::GetAtt': ['Circular', 'Port'] }),
        Empty: listener(81, { DefaultActions: [] }),
        First: listener(8080),
        Duplicate: listener(8080),
        Jwt: listener(82, { DefaultActions: [{ Type: 'jwt-validation', JwtValidationConfig: {} }] }),
      },
    };
    writeFileSync(join(app, 'hostile.json'), JSON.stringify(hostile));
    const result = await cli(['run', '--template', 'hostile.json', '--json']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/Unexpected error/);
    const report = validReport(JSON.parse(result.stdout) as ScenarioReport);
    expect(report.topology.balancers[0]!.listeners.map((entry) => entry.port)).toEqual([8080]);
    const reasons = Object.fromEntries(report.notRealized.map((entry) => [entry.logicalId, entry.reason]));
    for (const id of ['Zero', 'Over', 'Fraction', 'Text', 'Circular', 'Empty', 'Duplicate'])
      expect(reasons[id]?.code, id).toBe('tpl.refused');
    expect(reasons.Duplicate?.params?.code).toBe('DuplicateListener');
    expect(reasons.Unset).toMatchObject({ code: 'tpl.unresolvable', inner: { code: 'cfn.parameter-no-value' } });
    expect(reasons.Selected).toMatchObject({ code: 'tpl.unresolvable', inner: { code: 'cfn.select-range' } });
    expect(reasons.Jwt?.code).toMatch(/^tpl\./);
    // Judged: the one listener that runs, by the rule model.
    expect(report.probes.map((probe) => [probe.name, probe.verdict.code])).toEqual([
      [expect.stringMatching(/-x-8080-no-rule$/), 'matches'],
    ]);
    // Nothing written where the template pointed; everything of the run stays in the state dir.
    expect(existsSync(escaped)).toBe(false);
    expect(readdirSync(join(state, 'scenarios'))).toContain('template-hostile');
  }, 60_000);

  it('takes --parameters for a parameter without a default, and says how to give one when it is missing', async () => {
    const parameterised = {
      Parameters: { Port: { Type: 'Number' } },
      Resources: {
        Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application' } },
        Http: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Properties: {
            LoadBalancerArn: { Ref: 'Alb' },
            Port: { Ref: 'Port' },
            Protocol: 'HTTP',
            DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '204' } }],
          },
        },
      },
    };
    writeFileSync(join(app, 'parameterised.json'), JSON.stringify(parameterised));
    const missing = await cli(['run', '--template', 'parameterised.json']);
    expect(missing.exitCode).toBe(0);
    expect(missing.stdout).toContain('give one with --parameters Port=VALUE');
    const given = await cli(['run', '--template', 'parameterised.json', '--parameters', 'Port=8081', '--json']);
    expect(given.exitCode, given.stderr).toBe(0);
    const report = JSON.parse(given.stdout) as ScenarioReport;
    expect(report.topology.balancers[0]!.listeners[0]!.port).toBe(8081);
    const wrong = await cli(['run', '--template', 'parameterised.json', '--parameters', 'Prot=1']);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('declares no parameter Prot');
  }, 60_000);

  it('refuses a template nested 100,000 levels deep with a clear error, not a RangeError', async () => {
    writeFileSync(
      join(app, 'deep.json'),
      `{"Resources":{"A":{"Type":"AWS::SNS::Topic","Properties":{"X":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}}`,
    );
    const result = await cli(['run', '--template', 'deep.json', '--json']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/nests values more than 128 levels deep/);
    expect(result.stderr).not.toMatch(/RangeError|Unexpected error/);
  });

  it('says what is wrong with a file that is not a template', async () => {
    writeFileSync(join(app, 'notes.yaml'), 'just: notes\n');
    const result = await cli(['run', '--template', 'notes.yaml']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('not a CloudFormation template');
  });
});
