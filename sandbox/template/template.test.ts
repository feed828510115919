import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../model/cfn.js';
import { compileTemplate } from '../model/compile.js';
import { readTemplate, stackNameOf, TemplateError } from './read.js';
import { MATRIX_CERTIFICATES, templateScenario } from './scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'mtls-sandbox-template-'));

/** An ALB with one HTTPS listener in the given mode, an HTTP listener, and an NLB TCP listener. */
function template(mode: 'off' | 'passthrough' | 'verify', extra: { ignoreExpiry?: boolean; crl?: boolean } = {}) {
  const resources: CfnTemplate['Resources'] = {
    Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application' } },
    Web: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: { Protocol: 'HTTP', Port: 80, TargetType: 'ip', Targets: [{ Id: '10.0.0.5' }, { Id: '10.0.0.6' }] },
    },
    Store: {
      Type: 'AWS::ElasticLoadBalancingV2::TrustStore',
      Properties: { CaCertificatesBundleS3Bucket: 'certs', CaCertificatesBundleS3Key: 'team-ca.pem' },
    },
    Https: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: { Ref: 'Alb' },
        Port: 443,
        Protocol: 'HTTPS',
        Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' }],
        MutualAuthentication:
          mode === 'off'
            ? { Mode: 'off' }
            : {
                Mode: mode,
                ...(mode === 'verify' ? { TrustStoreArn: { Ref: 'Store' } } : {}),
                ...(extra.ignoreExpiry ? { IgnoreClientCertificateExpiry: true } : {}),
              },
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Web' } }],
      },
    },
    Http: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: { Ref: 'Alb' },
        Port: 80,
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Web' } }],
      },
    },
    Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' } },
    Backends: {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: { Protocol: 'TCP', Port: 443, TargetType: 'ip', Targets: [{ Id: '10.0.0.7' }] },
    },
    Tcp: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Properties: {
        LoadBalancerArn: { Ref: 'Nlb' },
        Port: 443,
        Protocol: 'TCP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'Backends' } }],
      },
    },
  };
  if (extra.crl)
    resources.Revocations = {
      Type: 'AWS::ElasticLoadBalancingV2::TrustStoreRevocation',
      Properties: {
        TrustStoreArn: { Ref: 'Store' },
        RevocationContents: [{ S3Bucket: 'certs', S3Key: 'team.crl' }],
      },
    };
  return { Resources: resources } as CfnTemplate;
}

const scenarioOf = (cfn: CfnTemplate) =>
  templateScenario(cfn, { file: '/lab/team.template.json', stackName: 'Template' }, compileTemplate(cfn, 'Template'));
const probe = (scenario: ReturnType<typeof scenarioOf>, name: string) => {
  const found = scenario.probes.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no probe ${name}: ${scenario.probes.map((p) => p.name).join(', ')}`);
  return found;
};

describe('templateScenario', () => {
  it('probes every TLS listener with the certificate matrix, and every ALB listener (HTTP too) for its routing', () => {
    const scenario = scenarioOf(template('verify'));
    expect(scenario.id).toBe('template-team');
    expect(scenario.probes.map((p) => p.name)).toEqual([
      'alb-443-no-certificate',
      ...MATRIX_CERTIFICATES.map((name) => `alb-443-${name}`),
      'alb-443-spoofed-identity-header',
      'alb-443-no-rule',
      'alb-80-no-rule',
      'nlb-443-no-certificate',
      ...MATRIX_CERTIFICATES.map((name) => `nlb-443-${name}`),
    ]);
    // The routing probe of a verifying listener presents a trusted certificate; HTTP goes as http://.
    expect(probe(scenario, 'alb-443-no-rule').client).toMatchObject({ scheme: 'https', certificate: 'clientA' });
    expect(probe(scenario, 'alb-80-no-rule').client).toMatchObject({ scheme: 'http', certificate: null });
    expect(probe(scenario, 'alb-80-no-rule').expect).toEqual({
      rulePriority: 0,
      target: { oneOf: ['web-1', 'web-2'] },
    });
    expect(scenario.origin).toEqual({ kind: 'template', file: '/lab/team.template.json' });
    expect(scenario.synthesized?.stackName).toBe('Template');
  });

  it('stands echo targets in for HTTP target groups, nginx serving TLS where the client’s TLS reaches the target', () => {
    const scenario = scenarioOf(template('verify', { crl: true }));
    const registered = (target: string, group: string) => ({
      code: 'tpl.stand-in-registered',
      params: { group, target },
    });
    expect(scenario.targets).toEqual({
      Web: [
        { kind: 'echo', name: 'web-1', standIn: registered('10.0.0.5:80', 'Web') },
        { kind: 'echo', name: 'web-2', standIn: registered('10.0.0.6:80', 'Web') },
      ],
      Backends: [
        { kind: 'nginx', name: 'backends-1', profile: 'tls', standIn: registered('10.0.0.7:443', 'Backends') },
      ],
    });
    expect(scenario.objects).toEqual({ 'team-ca.pem': 'privateCA', 'team.crl': 'privateCA.crl' });
  });

  it('stands nginx serving TLS in for an HTTPS target group: the ALB opens TLS to its targets', () => {
    const cfn = template('off');
    (cfn.Resources!.Web!.Properties as { Protocol: string }).Protocol = 'HTTPS';
    expect(scenarioOf(cfn).targets.Web).toMatchObject([
      { kind: 'nginx', name: 'web-1', profile: 'tls' },
      { kind: 'nginx', name: 'web-2', profile: 'tls' },
    ]);
  });

  it('verify: refuses no certificate and the untrusted and expired ones, admits trusted ones; revoked only with a CRL', () => {
    const plain = scenarioOf(template('verify'));
    expect(probe(plain, 'alb-443-no-certificate').expect).toMatchObject({ status: null, target: null });
    expect(probe(plain, 'alb-443-no-certificate').evidence.level).toBe('observed');
    expect(probe(plain, 'alb-443-untrusted').expect).toMatchObject({ status: null, target: null });
    expect(probe(plain, 'alb-443-expired').expect).toMatchObject({ status: null, target: null });
    expect(probe(plain, 'alb-443-clientA').expect).toMatchObject({ connectionError: null });
    expect(probe(plain, 'alb-443-revoked').expect).toMatchObject({ connectionError: null });
    const withCrl = scenarioOf(template('verify', { crl: true }));
    expect(probe(withCrl, 'alb-443-revoked').expect).toMatchObject({ status: null, target: null });
    const lenient = scenarioOf(template('verify', { ignoreExpiry: true }));
    expect(probe(lenient, 'alb-443-expired').expect).toMatchObject({ connectionError: null });
    for (const spec of plain.probes.filter((p) => p.name.startsWith('alb-')))
      if (!spec.unjudged) expect(spec.evidence.citations.length, spec.name).toBeGreaterThan(0);
  });

  it('passthrough and off: the handshake completes; whether a certificate is asked for follows the mode', () => {
    const passthrough = scenarioOf(template('passthrough'));
    expect(probe(passthrough, 'alb-443-untrusted').expect).toEqual({
      connectionError: null,
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
    });
    expect(probe(passthrough, 'alb-443-no-certificate').evidence.level).toBe('assumed');
    const off = scenarioOf(template('off'));
    expect(probe(off, 'alb-443-clientA').expect).toEqual({
      connectionError: null,
      handshake: { clientCertificateRequested: false, clientCertificateSent: false },
    });
  });

  it('marks what it cannot predict observed only, with no expectation and the reason: TCP passthrough, spoofing', () => {
    const scenario = scenarioOf(template('verify'));
    for (const name of ['nlb-443-clientA', 'nlb-443-no-certificate', 'alb-443-spoofed-identity-header']) {
      const spec = probe(scenario, name);
      expect(spec.expect, name).toEqual({});
      expect(spec.unjudged?.en, name).toMatch(/observed only|no expectation/i);
      expect(spec.unjudged?.ja, name).toBeTruthy();
      // Never an "assumed" without why: the evidence carries the same reason.
      expect(spec.evidence).toMatchObject({ level: 'assumed', assumption: spec.unjudged });
    }
    // The spoofer presents clientA where the listener verifies, so its headers reach the ALB's HTTP layer.
    expect(probe(scenario, 'alb-443-spoofed-identity-header').client.certificate).toBe('clientA');
  });
});

describe('templateScenario: NLB TLS listeners', () => {
  const nlbTls = (mtls: object | null) =>
    ({
      Resources: {
        Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network' } },
        Store: {
          Type: 'AWS::ElasticLoadBalancingV2::TrustStore',
          Properties: { CaCertificatesBundleS3Bucket: 'certs', CaCertificatesBundleS3Key: 'ca.pem' },
        },
        App: {
          Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
          Properties: { Protocol: 'TCP', Port: 80, TargetType: 'ip', Targets: [{ Id: '10.0.0.9' }] },
        },
        Tls: {
          Type: 'AWS::ElasticLoadBalancingV2::Listener',
          Properties: {
            LoadBalancerArn: { Ref: 'Nlb' },
            Port: 443,
            Protocol: 'TLS',
            Certificates: [{ CertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' }],
            ...(mtls ? { MutualAuthentication: mtls } : {}),
            DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'App' } }],
          },
        },
      },
    }) as CfnTemplate;

  it('without mutual TLS: no certificate asked for; an echo target behind the TCP target group', () => {
    const scenario = scenarioOf(nlbTls(null));
    expect(scenario.targets.App).toMatchObject([{ kind: 'echo', name: 'app-1' }]);
    expect(probe(scenario, 'nlb-443-clientA').expect).toEqual({
      connectionError: null,
      handshake: { clientCertificateRequested: false, clientCertificateSent: false },
    });
    expect(scenario.probes.some((p) => p.name.includes('spoofed'))).toBe(false);
  });

  it('verify: the trust store refuses; trusted certificates are predicted only without identity filters', () => {
    const plain = scenarioOf(nlbTls({ Mode: 'verify', TrustStoreArn: { Ref: 'Store' } }));
    expect(probe(plain, 'nlb-443-no-certificate').expect).toMatchObject({ status: null, target: null });
    expect(probe(plain, 'nlb-443-untrusted').expect).toMatchObject({ status: null, target: null });
    expect(probe(plain, 'nlb-443-clientB').expect).toMatchObject({ connectionError: null });
    const filtered = scenarioOf(
      nlbTls({
        Mode: 'verify',
        TrustStoreArn: { Ref: 'Store' },
        ClientCertificateIdentityFilters: [
          { Field: 'subject-cn', MatchType: 'exact', Value: 'clientA', Action: 'accept' },
        ],
      }),
    );
    expect(probe(filtered, 'nlb-443-untrusted').unjudged).toBeUndefined();
    expect(probe(filtered, 'nlb-443-clientA').unjudged?.en).toMatch(/identity filters/);
    expect(probe(filtered, 'nlb-443-clientA').expect).toEqual({});
  });
});

describe('readTemplate', () => {
  it('reads YAML with CloudFormation short forms as the CDK does', () => {
    const file = join(dir, 'hand.yaml');
    writeFileSync(
      file,
      [
        'Resources:',
        '  Alb:',
        '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer',
        '  Https:',
        '    Type: AWS::ElasticLoadBalancingV2::Listener',
        '    Properties:',
        '      LoadBalancerArn: !Ref Alb',
        "      Certificates: [{ CertificateArn: !Sub 'arn:${AWS::Partition}:acm' }]",
        '      Name: !GetAtt Alb.DNSName',
      ].join('\n'),
    );
    const read = readTemplate(file);
    expect(read.Resources?.Https?.Properties).toEqual({
      LoadBalancerArn: { Ref: 'Alb' },
      Certificates: [{ CertificateArn: { 'Fn::Sub': 'arn:${AWS::Partition}:acm' } }],
      // The dotted form, which CloudFormation accepts and the compiler resolves (sandbox/model/cfn.ts).
      Name: { 'Fn::GetAtt': 'Alb.DNSName' },
    });
  });

  it('reads JSON, and names what is wrong with a file that is missing, unreadable or not a template', () => {
    const json = join(dir, 'a.template.json');
    writeFileSync(json, JSON.stringify(template('off')));
    expect(Object.keys(readTemplate(json).Resources ?? {})).toContain('Https');
    expect(() => readTemplate(join(dir, 'missing.json'))).toThrow(TemplateError);
    expect(() => readTemplate(join(dir, 'missing.json'))).toThrow(/no such file/);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "Resources": ');
    expect(() => readTemplate(broken)).toThrow(/neither JSON nor YAML/);
    const notTemplate = join(dir, 'not.yaml');
    writeFileSync(notTemplate, 'name: value\n');
    expect(() => readTemplate(notTemplate)).toThrow(/not a CloudFormation template/);
  });

  it("takes the stack name from cdk synth's path metadata, or none for a hand-written template", () => {
    expect(
      stackNameOf({
        Resources: {
          A: { Type: 'X', Metadata: { 'aws:cdk:path': 'TeamStack/Alb/Resource' } },
          B: { Type: 'X', Metadata: { 'aws:cdk:path': 'TeamStack/Api/Resource' } },
        },
      }),
    ).toBe('TeamStack');
    expect(stackNameOf(template('off'))).toBe('Template');
  });
});
