// The sandbox's ELBv2 API against clients we did not write: the AWS CLI (v1, from the project's Python environment)
// and @aws-sdk/client-elastic-load-balancing-v2, on a real `up alb-rule-on-mtls-header`, with curl through the
// running ALB emulator after each change. Seed 004's `aws elbv2 create-rule` runs as the article wrote it, only the
// listener ARN substituted.
import {
  CreateRuleCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyTargetGroupAttributesCommand,
  PriorityInUseException,
  SetRulePrioritiesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { execa } from 'execa';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS, awsCli, type RunningUp, startUp } from './testing-up.js';

let running: RunningUp;
let certs = '';
/** The environment `up` printed (export NAME=value lines). */
let apiEnv: Record<string, string> = {};
let listener443 = '';
let port443 = 0;
let trustStoreArn = '';
let targetGroupArn = '';
/** The folder standing in for S3 without LocalStack: s3://local/KEY is the file local/KEY in it. */
let objects = '';

beforeAll(async () => {
  running = await startUp('alb-rule-on-mtls-header', 'off');
  ({ certs, env: apiEnv } = running);
  listener443 = running.printed(/# listener Alb HTTPS:443: (\S+)/);
  trustStoreArn = running.printed(/# trust store \S+: (\S+)/);
  targetGroupArn = running.printed(/# target group EchoTargets: (\S+)/);
  port443 = Number(running.printed(/https:\/\/127\.0\.0\.1:(\d+)\//));
  objects = running.printed(/s3:\/\/BUCKET\/KEY is read from (\S+)\/BUCKET\/KEY only/);
  mkdirSync(join(objects, 'local'), { recursive: true });
}, 240_000);

afterAll(async () => {
  await running?.stop();
  await awsSession.close();
});

// The real AWS CLI, one Python process for the file's commands (testing-up.ts).
const awsSession = awsCli();
const aws = (args: string[]) => awsSession.run(['elbv2', ...args], { ...apiEnv, AWS_CONFIG_FILE: '/dev/null' });

/** curl through the 443 listener: with a client certificate (a PKI name) or none. */
async function curl(path: string, client: string | null, header?: string) {
  const cert = client ? ['--key', join(certs, `${client}.key`), '--cert', join(certs, `${client}.crt`)] : [];
  if (header) cert.push('-H', header);
  const result = await execa(
    'curl',
    [
      '-s',
      '--max-time',
      '10',
      ...cert,
      '--cacert',
      join(certs, 'sandboxServerCA.crt'),
      `https://127.0.0.1:${port443}${path}`,
    ],
    { reject: false },
  );
  return { exitCode: result.exitCode, body: result.stdout };
}

describe('up prints how to reach its ELBv2 API', () => {
  it('gives the endpoint variable the AWS CLI and SDKs read, dummy credentials, the region and the ARNs', () => {
    expect(apiEnv.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(apiEnv.AWS_ACCESS_KEY_ID).toBe('test');
    expect(apiEnv.AWS_DEFAULT_REGION).toBe('us-east-1');
    expect(listener443).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:000000000000:listener\/app\/Alb\/[0-9a-f]{16}\/[0-9a-f]{16}$/,
    );
  });

  it('names the folder that stands in for S3 while LocalStack is off: <state dir>/s3', () => {
    expect(objects).toBe(join(running.state, 's3'));
  });
});

describe('the JavaScript SDK v3', () => {
  const client = () => new ElasticLoadBalancingV2Client({}); // everything from the environment, as users would

  beforeAll(() => {
    for (const [name, value] of Object.entries(apiEnv)) process.env[name] = value;
  });

  it('describes the load balancer, its listeners, rules, target group and target health', async () => {
    const elb = client();
    const { LoadBalancers } = await elb.send(new DescribeLoadBalancersCommand({}));
    expect(LoadBalancers?.map((lb) => [lb.LoadBalancerName, lb.Type, lb.State?.Code])).toEqual([
      ['Alb', 'application', 'active'],
    ]);
    const { Listeners } = await elb.send(
      new DescribeListenersCommand({ LoadBalancerArn: LoadBalancers![0]!.LoadBalancerArn }),
    );
    expect(Listeners?.map((l) => [l.Port, l.Protocol, l.MutualAuthentication?.Mode])).toEqual([
      [443, 'HTTPS', 'verify'],
      [8443, 'HTTPS', 'verify'],
    ]);
    const { Rules } = await elb.send(new DescribeRulesCommand({ ListenerArn: listener443 }));
    expect(Rules?.map((rule) => rule.Priority)).toEqual(['100', '200', 'default']);
    expect(Rules?.[0]?.Conditions?.[0]?.HttpHeaderConfig?.HttpHeaderName).toBe('X-Amzn-Mtls-Clientcert-Subject');
    const { TargetGroups } = await elb.send(new DescribeTargetGroupsCommand({}));
    expect(TargetGroups?.map((group) => group.TargetGroupArn)).toEqual([targetGroupArn]);
    const health = await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn }));
    expect(health.TargetHealthDescriptions?.map((d) => [d.Target?.Id, d.TargetHealth?.State])).toEqual([
      ['10.0.1.10', 'healthy'],
    ]);
  });

  it('gets the exception class AWS uses for a priority in use', async () => {
    const error = await client()
      .send(
        new CreateRuleCommand({
          ListenerArn: listener443,
          Priority: 200,
          Conditions: [{ Field: 'path-pattern', Values: ['/taken'] }],
          Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PriorityInUseException);
  });

  it('is told plainly what the sandbox cannot apply', async () => {
    const error = (await client()
      .send(new ModifyListenerCommand({ ListenerArn: listener443, Port: 444 }))
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('UnsupportedBySandbox');
    expect(error.message).toContain('mtls-sandbox cannot apply this');
    const attribute = (await client()
      .send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: targetGroupArn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }],
        }),
      )
      .catch((e: unknown) => e)) as Error;
    expect(attribute.name).toBe('UnsupportedBySandbox');
  });

  it('swaps two rule priorities with SetRulePriorities, and back', async () => {
    const elb = client();
    const { Rules } = await elb.send(new DescribeRulesCommand({ ListenerArn: listener443 }));
    const [header, echo] = [Rules![0]!.RuleArn!, Rules![1]!.RuleArn!];
    // clientB sends the header itself and asks for /echo: both rules match, the lower priority answers.
    const spoof = 'X-Amzn-Mtls-Clientcert-Subject: CN=clientA';
    expect((await curl('/echo', 'clientB', spoof)).body).toBe('Success!!');
    await elb.send(
      new SetRulePrioritiesCommand({
        RulePriorities: [
          { RuleArn: header, Priority: 300 },
          { RuleArn: echo, Priority: 100 },
        ],
      }),
    );
    const swapped = await elb.send(new DescribeRulesCommand({ ListenerArn: listener443 }));
    expect(swapped.Rules?.map((rule) => [rule.RuleArn, rule.Priority])).toEqual([
      [echo, '100'],
      [header, '300'],
      [expect.any(String), 'default'],
    ]);
    expect(JSON.parse((await curl('/echo', 'clientB', spoof)).body).target).toBe('echo-1');
    await elb.send(
      new SetRulePrioritiesCommand({
        RulePriorities: [
          { RuleArn: header, Priority: 100 },
          { RuleArn: echo, Priority: 200 },
        ],
      }),
    );
  });
});

describe("the AWS CLI, with seed 004's command", () => {
  // Seed 004's command as its author ran it, only the listener ARN substituted.
  const seed004CreateRule = () =>
    execa(
      'bash',
      [
        '-c',
        `${AWS} elbv2 create-rule \\
--listener-arn ${listener443} \\
--priority 100 \\
--conditions '[
{
"Field": "http-header",
"HttpHeaderConfig": {
"HttpHeaderName": "X-Amzn-Mtls-Clientcert-Subject",
"Values": ["*CN=clientA*"]
}
}
]' \\
--actions '[
{
"Type": "fixed-response",
"FixedResponseConfig": {
"ContentType": "text/plain",
"StatusCode": "200",
"MessageBody": "Success!!"
}
}
]'`,
      ],
      { env: { ...apiEnv, AWS_CONFIG_FILE: '/dev/null' }, reject: false },
    );

  it("refuses the seed's rule while the stack's own rule holds priority 100, then takes it", async () => {
    const taken = await seed004CreateRule();
    expect(taken.exitCode).not.toBe(0);
    expect(taken.stderr).toContain('An error occurred (PriorityInUse) when calling the CreateRule operation');
    const rules = await aws([
      'describe-rules',
      '--listener-arn',
      listener443,
      '--query',
      "Rules[?Priority=='100'].RuleArn",
      '--output',
      'text',
    ]);
    expect(rules.exitCode).toBe(0);
    expect((await aws(['delete-rule', '--rule-arn', rules.stdout.trim()])).exitCode).toBe(0);
    const created = await seed004CreateRule();
    expect(created.exitCode, created.stderr).toBe(0);
    const rule = JSON.parse(created.stdout).Rules[0];
    expect(rule.Priority).toBe('100');
    expect(rule.Conditions[0].HttpHeaderConfig.Values).toEqual(['*CN=clientA*']);
    expect(rule.Actions[0].FixedResponseConfig.MessageBody).toBe('Success!!');
  });

  it('still gets the default action for clientA: the rule on an mTLS header never matches', async () => {
    const answer = await curl('/', 'clientA');
    expect(answer.exitCode).toBe(0);
    expect(answer.body).toContain('Default Action');
    expect(answer.body).not.toContain('Success!!');
  });

  it('adds a path rule that answers at once', async () => {
    expect((await curl('/hello', 'clientA')).body).toContain('Default Action');
    const created = await aws([
      'create-rule',
      '--listener-arn',
      listener443,
      '--priority',
      '10',
      '--conditions',
      'Field=path-pattern,Values=/hello',
      '--actions',
      'Type=fixed-response,FixedResponseConfig={StatusCode=200,ContentType=text/plain,MessageBody=hello from a new rule}',
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    expect((await curl('/hello', 'clientA')).body).toBe('hello from a new rule');
  });

  it('switches the listener to passthrough: a client without a certificate gets through', async () => {
    const refused = await curl('/hello', null);
    expect(refused.exitCode).not.toBe(0); // verify mode: no certificate, no connection
    const modified = await aws([
      'modify-listener',
      '--listener-arn',
      listener443,
      '--mutual-authentication',
      'Mode=passthrough',
    ]);
    expect(modified.exitCode, modified.stderr).toBe(0);
    expect(JSON.parse(modified.stdout).Listeners[0].MutualAuthentication.Mode).toBe('passthrough');
    const admitted = await curl('/hello', null);
    expect(admitted).toEqual({ exitCode: 0, body: 'hello from a new rule' });
    expect(running.output()).toContain(
      'listener Alb HTTPS:443: mutual authentication verify → passthrough, by ModifyListener',
    );
  });

  it('adds a CRL to the trust store: the revoked client is refused, clientA still gets in', async () => {
    const verify = await aws([
      'modify-listener',
      '--listener-arn',
      listener443,
      '--mutual-authentication',
      `Mode=verify,TrustStoreArn=${trustStoreArn}`,
    ]);
    expect(verify.exitCode, verify.stderr).toBe(0);
    expect((await curl('/hello', 'revoked')).exitCode).toBe(0); // no CRL yet: its signature is all that is checked
    copyFileSync(join(certs, 'privateCA.crl.pem'), join(objects, 'local', 'privateCA.crl.pem'));
    const added = await aws([
      'add-trust-store-revocations',
      '--trust-store-arn',
      trustStoreArn,
      '--revocation-contents',
      'S3Bucket=local,S3Key=privateCA.crl.pem,RevocationType=CRL',
    ]);
    expect(added.exitCode, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout).TrustStoreRevocations[0].NumberOfRevokedEntries).toBe(2);
    const revoked = await curl('/hello', 'revoked');
    expect(revoked.exitCode).not.toBe(0);
    expect(revoked.body).toBe('');
    expect(await curl('/hello', 'clientA')).toEqual({ exitCode: 0, body: 'hello from a new rule' });
    const stores = await aws(['describe-trust-stores']);
    expect(JSON.parse(stores.stdout).TrustStores[0].TotalRevokedEntries).toBe(2);
  });

  it('creates a trust store from a local CA bundle and verifies against it at once', async () => {
    const bundleFile = join(objects, 'local', 'bundles', 'untrustedCA.crt');
    mkdirSync(join(objects, 'local', 'bundles'), { recursive: true });
    copyFileSync(join(certs, 'untrustedCA.crt'), bundleFile);
    const created = await aws([
      'create-trust-store',
      '--name',
      'untrusted-only',
      '--ca-certificates-bundle-s3-bucket',
      'local',
      '--ca-certificates-bundle-s3-key',
      'bundles/untrustedCA.crt',
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    const store = JSON.parse(created.stdout).TrustStores[0];
    expect([store.Name, store.Status, store.NumberOfCaCertificates]).toEqual(['untrusted-only', 'ACTIVE', 1]);
    const verify = await aws([
      'modify-listener',
      '--listener-arn',
      listener443,
      '--mutual-authentication',
      `Mode=verify,TrustStoreArn=${store.TrustStoreArn}`,
    ]);
    expect(verify.exitCode, verify.stderr).toBe(0);
    expect((await curl('/hello', 'clientA')).exitCode).not.toBe(0); // privateCA is no longer trusted
    expect(await curl('/hello', 'untrusted')).toEqual({ exitCode: 0, body: 'hello from a new rule' });
    const location = await aws(['get-trust-store-ca-certificates-bundle', '--trust-store-arn', store.TrustStoreArn]);
    expect(location.exitCode, location.stderr).toBe(0);
    const downloaded = await fetch(JSON.parse(location.stdout).Location);
    expect(await downloaded.text()).toBe(readFileSync(bundleFile, 'utf8'));
  });

  it('deregisters the only echo target: the ALB answers 503; registered again, the target answers', async () => {
    const target = ['--target-group-arn', targetGroupArn, '--targets', 'Id=10.0.1.10,Port=80'];
    expect((await aws(['deregister-targets', ...target])).exitCode).toBe(0);
    const health = await aws(['describe-target-health', '--target-group-arn', targetGroupArn]);
    expect(JSON.parse(health.stdout).TargetHealthDescriptions).toEqual([]);
    const none = await execa(
      'curl',
      ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10'].concat(
        ['--key', join(certs, 'untrusted.key'), '--cert', join(certs, 'untrusted.crt')],
        ['--cacert', join(certs, 'sandboxServerCA.crt'), `https://127.0.0.1:${port443}/echo`],
      ),
      { reject: false },
    );
    expect(none.stdout).toBe('503');
    expect((await aws(['register-targets', ...target])).exitCode).toBe(0);
    expect(JSON.parse((await curl('/echo', 'untrusted')).body).target).toBe('echo-1');
    const unknown = await aws(['register-targets', '--target-group-arn', targetGroupArn, '--targets', 'Id=10.9.9.9']);
    expect(unknown.stderr).toContain('(UnsupportedBySandbox)');
  });

  it('names a CRL it cannot read as RevocationContentNotFound, saying where to put it', async () => {
    const missing = await aws([
      'add-trust-store-revocations',
      '--trust-store-arn',
      trustStoreArn,
      '--revocation-contents',
      'S3Bucket=local,S3Key=relative/list.crl',
    ]);
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toContain('(RevocationContentNotFound)');
    expect(missing.stderr).toContain(`put the revocation list at ${join(objects, 'local', 'relative', 'list.crl')}`);
  });

  it('does not read a file outside the folder, even one that exists', async () => {
    const outside = await aws([
      'add-trust-store-revocations',
      '--trust-store-arn',
      trustStoreArn,
      '--revocation-contents',
      `S3Bucket=local,S3Key=${join(certs, 'privateCA.crl.pem')}`,
    ]);
    expect(outside.stderr).toContain('(RevocationContentNotFound)');
    expect(outside.stderr).toContain(
      `put the revocation list at ${join(objects, 'local', certs, 'privateCA.crl.pem')}`,
    );
  });
});
