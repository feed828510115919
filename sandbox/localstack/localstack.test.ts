import { msg } from '../messages.js';
import { english } from '../../cli/testing/english.js';
// Pure parts of the LocalStack integration: environments, argument lists, parsers, classification.
import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../model/cfn.js';
import type { Topology } from '../model/topology.js';
import { cdklocalEnvironment, deployArgs, formatCdklocal, parseStackEvent } from './cdk.js';
import { endpointFromEnv, parseStackResources } from './client.js';
import { formatDoctor } from './doctor.js';
import { hostEnvironment, SERVICES } from './host.js';
import { newEnough, parsePythonVersion } from './install.js';
import { classifyResources, standInBucket } from './scenario-aws.js';
import { dockerLocalStackSpec } from './docker.js';
import { describeSession, offSession, openLocalStack, startPort } from './session.js';
import { renderInitScript } from './ssm-init.js';

describe('endpointFromEnv', () => {
  it('prefers AWS_ENDPOINT_URL, then LOCALSTACK_HOST, then 127.0.0.1:4566', () => {
    expect(endpointFromEnv({})).toBe('http://127.0.0.1:4566');
    expect(endpointFromEnv({ AWS_ENDPOINT_URL: 'http://localhost:4567/' })).toBe('http://localhost:4567');
    expect(endpointFromEnv({ LOCALSTACK_HOST: 'example.test:4570' })).toBe('http://example.test:4570');
    expect(endpointFromEnv({ LOCALSTACK_HOST: 'example.test' })).toBe('http://example.test:4566');
  });
  it('maps localhost.localstack.cloud (public DNS, unreachable offline) to 127.0.0.1', () => {
    expect(endpointFromEnv({ LOCALSTACK_HOST: 'localhost.localstack.cloud:4566' })).toBe('http://127.0.0.1:4566');
    expect(endpointFromEnv({ AWS_ENDPOINT_URL: 'https://localhost.localstack.cloud:4566' })).toBe(
      'https://127.0.0.1:4566',
    );
  });
});

describe('startPort', () => {
  it('starts LocalStack where runs look for it when that is loopback, else on 4566', () => {
    expect(startPort('http://127.0.0.1:4566')).toBe(4566);
    expect(startPort('http://127.0.0.1:45123')).toBe(45123);
    expect(startPort('http://localhost:4600')).toBe(4600);
    expect(startPort('http://example.test:4570')).toBe(4566);
    expect(startPort('http://127.0.0.1')).toBe(4566);
  });
});

describe('parseStackResources', () => {
  it('reads DescribeStackResources members, with the fallback reason of an unsupported type', () => {
    const xml = `<DescribeStackResourcesResponse><DescribeStackResourcesResult><StackResources>
      <member><LogicalResourceId>NlbBCDB97FE</LogicalResourceId><PhysicalResourceId>unknown</PhysicalResourceId><ResourceType>AWS::ElasticLoadBalancingV2::LoadBalancer</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus><ResourceStatusReason>Resource type AWS::ElasticLoadBalancingV2::LoadBalancer is not supported but was deployed as a fallback</ResourceStatusReason></member>
      <member><LogicalResourceId>Param</LogicalResourceId><PhysicalResourceId>A&amp;B</PhysicalResourceId><ResourceType>AWS::SSM::Parameter</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member>
    </StackResources></DescribeStackResourcesResult></DescribeStackResourcesResponse>`;
    expect(parseStackResources(xml)).toEqual([
      {
        logicalId: 'NlbBCDB97FE',
        physicalId: 'unknown',
        type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        status: 'CREATE_COMPLETE',
        reason:
          'Resource type AWS::ElasticLoadBalancingV2::LoadBalancer is not supported but was deployed as a fallback',
      },
      { logicalId: 'Param', physicalId: 'A&B', type: 'AWS::SSM::Parameter', status: 'CREATE_COMPLETE', reason: null },
    ]);
  });
});

describe('cdklocal', () => {
  it('points cdklocal at the endpoint with both endpoint variables, dummy credentials and a region, without proxies', () => {
    const env = cdklocalEnvironment('http://127.0.0.1:4566', {
      PATH: '/bin',
      HTTPS_PROXY: 'http://proxy:3128',
      AWS_PROFILE: 'work',
      HOME: '/root',
    });
    expect(env).toMatchObject({
      PATH: '/bin',
      HOME: '/root',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4566',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
    });
    expect(env.HTTPS_PROXY).toBeUndefined();
    expect(env.AWS_PROFILE).toBeUndefined();
  });
  it('deploys the synthesized assembly without approval prompts', () => {
    expect(deployArgs('.sandbox/cdk.out/x', 'X')).toEqual([
      'deploy',
      '--app',
      '.sandbox/cdk.out/x',
      '--require-approval',
      'never',
      '--no-notices',
      '--method=direct',
      'X',
    ]);
    expect(formatCdklocal(deployArgs('.sandbox/cdk.out/x', 'X'), 'http://127.0.0.1:4566')).toBe(
      'AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_ENDPOINT_URL_S3=http://127.0.0.1:4566 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 npx cdklocal deploy --app .sandbox/cdk.out/x --require-approval never --no-notices --method=direct X',
    );
  });
  it('parses the CDK CLI’s stack event lines', () => {
    expect(
      parseStackEvent(
        'NlbSsmCertificates |   7 | 11:10:37 AM | CREATE_COMPLETE         | AWS::SSM::Parameter                       | SslServerKey (SslServerKeyE800F23C) ',
      ),
    ).toEqual({
      status: 'CREATE_COMPLETE',
      type: 'AWS::SSM::Parameter',
      path: 'SslServerKey',
      logicalId: 'SslServerKeyE800F23C',
      reason: null,
    });
    expect(
      parseStackEvent(
        'NlbSsmCertificates |   1 | 11:10:37 AM | CREATE_COMPLETE         | AWS::ElasticLoadBalancingV2::Listener     | Nlb/Tcp443 (NlbTcp443326324F2) Resource type AWS::ElasticLoadBalancingV2::Listener is not supported but was deployed as a fallback',
      ),
    ).toMatchObject({
      path: 'Nlb/Tcp443',
      logicalId: 'NlbTcp443326324F2',
      reason: 'Resource type AWS::ElasticLoadBalancingV2::Listener is not supported but was deployed as a fallback',
    });
    expect(
      parseStackEvent(
        'CDKToolkit |  0/12 | 11:21:37 AM | CREATE_IN_PROGRESS      | AWS::CloudFormation::Stack | CDKToolkit User Initiated',
      ),
    ).toMatchObject({ status: 'CREATE_IN_PROGRESS', logicalId: null, path: 'CDKToolkit' });
    expect(parseStackEvent('✨  Deployment time: 5.07s')).toBeNull();
  });
});

describe('host mode', () => {
  it('listens on loopback only, with the services the stacks use, and ignores unsupported resource types', () => {
    const env = hostEnvironment(4566, '/state/localstack/filesystem');
    expect(env.GATEWAY_LISTEN).toBe('127.0.0.1:4566');
    expect(env.SERVICES!.split(',')).toEqual(
      expect.arrayContaining(['ssm', 's3', 'acm', 'sts', 'iam', 'cloudformation', 'route53']),
    );
    expect(SERVICES).toContain('ec2');
    expect(env.CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES).toBe('1');
    expect(env.FILESYSTEM_ROOT).toBe('/state/localstack/filesystem');
    expect(env.DNS_ADDRESS).toBe('0');
  });
  it('needs Python 3.12 or newer', () => {
    expect(parsePythonVersion('Python 3.13.0')).toEqual([3, 13, 0]);
    expect(newEnough(parsePythonVersion('Python 3.11.7'))).toBe(false);
    expect(newEnough(parsePythonVersion('Python 3.12.1'))).toBe(true);
    expect(newEnough(parsePythonVersion('pyenv: python3.13: command not found'))).toBe(false);
  });
});

describe('openLocalStack without starting anything', () => {
  const nothing = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
  it('off: skips, with the reason', async () => {
    const session = await openLocalStack({ request: 'off', needed: true, stateDir: '/nonexistent' });
    expect(session).toMatchObject({ mode: 'off', client: null });
    expect(english(session.reason)).toBe('--localstack off');
    expect(english(describeSession(session))).toBe('LocalStack: off — --localstack off');
  });
  it('docker: the stand-in container runs the venv with its real Python mounted read-only, as host mode is configured', () => {
    const spec = dockerLocalStackSpec(
      {
        image: 'localstack/localstack:2026.3.0',
        kind: 'stand-in',
        port: 4566,
        dir: '/s/localstack',
        state: '/s',
        venv: '/v',
        pythonPrefix: '/py',
      },
      42,
    );
    expect(spec).toMatchObject({
      name: 'mtls-sandbox-42-localstack',
      Cmd: ['/v/bin/python', '-m', 'localstack.runtime.main'],
      Labels: { 'mtls-sandbox.state': '/s', 'mtls-sandbox.component': 'localstack' },
      HostConfig: {
        NetworkMode: 'host',
        Binds: ['/v:/v:ro', '/py:/py:ro', '/s/localstack/docker-filesystem:/s/localstack/docker-filesystem'],
      },
    });
    expect(spec.Env).toEqual(
      expect.arrayContaining([
        'GATEWAY_LISTEN=127.0.0.1:4566',
        'CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES=1',
        'DNS_ADDRESS=0',
        'OVERRIDE_IN_DOCKER=0',
        'FILESYSTEM_ROOT=/s/localstack/docker-filesystem',
      ]),
    );
    const official = dockerLocalStackSpec(
      {
        image: 'localstack/localstack:2026.3.0',
        kind: 'official',
        port: 4566,
        dir: '/s/localstack',
        state: '/s',
        authToken: 'tok',
      },
      42,
    );
    expect(official.Cmd).toBeUndefined();
    expect(official.Env).toEqual(
      expect.arrayContaining(['LOCALSTACK_AUTH_TOKEN=tok', 'GATEWAY_LISTEN=127.0.0.1:4566']),
    );
    expect(official.Env!.some((entry) => entry.startsWith('FILESYSTEM_ROOT='))).toBe(false);
  });
  it('auto: off when no selected scenario needs it', async () => {
    const session = await openLocalStack({ request: 'auto', needed: false, stateDir: '/nonexistent', env: nothing });
    expect(session.mode).toBe('off');
    expect(english(session.reason)).toMatch(/no selected scenario needs LocalStack/);
  });
  it('auto: off, naming the install command, when nothing runs and no venv is installed', async () => {
    const previous = process.env.MTLS_SANDBOX_LOCALSTACK_VENV;
    process.env.MTLS_SANDBOX_LOCALSTACK_VENV = '/nonexistent/venv';
    try {
      const session = await openLocalStack({ request: 'auto', needed: true, stateDir: '/nonexistent', env: nothing });
      expect(session.mode).toBe('off');
      expect(english(session.reason)).toMatch(
        /no LocalStack running at http:\/\/127\.0\.0\.1:9 and none installed .*scripts\/setup-localstack\.sh/,
      );
      await expect(
        openLocalStack({ request: 'host', needed: true, stateDir: '/nonexistent', env: nothing }),
      ).rejects.toThrow(/not installed for host mode .*setup-localstack\.sh/);
    } finally {
      if (previous === undefined) delete process.env.MTLS_SANDBOX_LOCALSTACK_VENV;
      else process.env.MTLS_SANDBOX_LOCALSTACK_VENV = previous;
    }
  });
  it('offSession stops nothing', async () => {
    await expect(offSession(msg('localstack.off')).stop()).resolves.toBeUndefined();
  });
});

describe('classifyResources', () => {
  const template: CfnTemplate = {
    Resources: {
      Param: { Type: 'AWS::SSM::Parameter', Metadata: { 'aws:cdk:path': 'S/SslServerKey/Resource' } },
      Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Metadata: { 'aws:cdk:path': 'S/Nlb/Resource' } },
      Role: { Type: 'AWS::IAM::Role' },
      Broken: { Type: 'AWS::S3::Bucket' },
    },
  } as unknown as CfnTemplate;
  const topology = {
    loadBalancers: [{ logicalId: 'Nlb', kind: 'network', listeners: [] }],
    notRealized: [{ logicalId: 'Role', type: 'AWS::IAM::Role', reason: msg('nr.iam') }],
  } as unknown as Topology;
  it('says what LocalStack created, what the sandbox realizes (ELBv2) and what neither does', () => {
    const fallback = (type: string) => `Resource type ${type} is not supported but was deployed as a fallback`;
    const result = classifyResources(
      [
        {
          logicalId: 'Param',
          physicalId: 'SSL_SERVER_KEY',
          type: 'AWS::SSM::Parameter',
          status: 'CREATE_COMPLETE',
          reason: null,
        },
        {
          logicalId: 'Nlb',
          physicalId: 'unknown',
          type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          status: 'CREATE_COMPLETE',
          reason: fallback('AWS::ElasticLoadBalancingV2::LoadBalancer'),
        },
        {
          logicalId: 'Role',
          physicalId: 'unknown',
          type: 'AWS::IAM::Role',
          status: 'CREATE_COMPLETE',
          reason: fallback('AWS::IAM::Role'),
        },
        { logicalId: 'Broken', physicalId: '', type: 'AWS::S3::Bucket', status: 'CREATE_FAILED', reason: 'boom' },
      ],
      template,
      topology,
    );
    expect(result.map((r) => [r.logicalId, r.path, r.where])).toEqual([
      ['Param', 'SslServerKey', 'localstack'],
      ['Nlb', 'Nlb', 'sandbox'],
      ['Role', 'Role', 'none'],
      ['Broken', 'Broken', 'none'],
    ]);
    expect(english(result[0]!.detail)).toBe('created in LocalStack: SSL_SERVER_KEY (targets read it at start-up)');
    expect(english(result[1]!.detail)).toMatch(/not in LocalStack's free edition .*HAProxy standing in for the NLB/);
    expect(english(result[2]!.detail)).toMatch(/permissions: .*IAM is not evaluated/);
    expect(english(result[3]!.detail)).toBe('CREATE_FAILED: boom');
  });
  it('names stand-in buckets validly', () => {
    expect(standInBucket('alb-mtls-verify-headers')).toBe('mtls-sandbox-alb-mtls-verify-headers');
    expect(standInBucket('x'.repeat(80))).toHaveLength(63);
  });
});

describe('seed 001 init.sh', () => {
  it('is the seed’s script with the certificate directory replaced', () => {
    const script = renderInitScript('/s/web-1/certs');
    expect(script).toContain('set -e');
    expect(script).toContain(': "${SSL_SERVER_CERTIFICATE:=}"');
    expect(script).toContain('echo "${SSL_SERVER_CERTIFICATE}" > /s/web-1/certs/server_cert.cer');
    expect(script).toContain('echo "${SSL_SERVER_KEY}" > /s/web-1/certs/server_key.key');
    expect(script).toContain('echo "${SSL_CLIENT_CERTIFICATE}" > /s/web-1/certs/client_cert.pem');
    expect(script).not.toContain('/etc/nginx');
  });
});

describe('formatDoctor', () => {
  it('marks missing required pieces, shows the fix, and lists the modes', () => {
    const text = formatDoctor({
      checks: [
        { name: 'nginx', ok: true, detail: 'nginx/1.22.1', where: '/usr/sbin/nginx', fix: null, required: true },
        {
          name: 'haproxy',
          ok: false,
          detail: 'not installed',
          where: null,
          fix: 'sudo apt-get install haproxy',
          required: true,
        },
        {
          name: 'localstack venv',
          ok: false,
          detail: 'not installed',
          where: null,
          fix: 'bash scripts/setup-localstack.sh',
          required: false,
        },
      ],
      modes: [
        {
          flag: '--localstack docker',
          available: false,
          detail: 'needs a running engine and localstack/localstack:2026.3.0',
        },
      ],
    });
    expect(text).toContain('✓ nginx');
    expect(text).toContain('✗ haproxy');
    expect(text).toContain('· localstack venv');
    expect(text).toContain('fix: bash scripts/setup-localstack.sh');
    expect(text).toContain('✗ --localstack docker  needs a running engine and localstack/localstack:2026.3.0');
    expect(text).not.toContain('Listener kinds');
  });

  it('lists the listener kinds and what realizes each, the NLB TLS listener included', () => {
    const text = formatDoctor({
      checks: [],
      modes: [],
      listeners: [
        { kind: 'NLB/CLB TCP listener', realizedBy: 'HAProxy', available: false, detail: 'needs HAProxy (see above)' },
        {
          kind: 'NLB TLS listener',
          realizedBy: 'the NLB TLS listener emulator, in process (node v20.20.2, OpenSSL 3.0.19)',
          available: true,
          detail: 'TLS ends at the NLB; mutual TLS verify with identity filters',
        },
      ],
    });
    expect(text).toContain('Listener kinds (--runtime host):');
    expect(text).toContain('  ✗ NLB/CLB TCP listener     HAProxy\n      needs HAProxy (see above)');
    expect(text).toContain('  ✓ NLB TLS listener         the NLB TLS listener emulator, in process');
  });
});
