// Issue 23's attacks on the live API, replayed against a real `up alb-rule-on-mtls-header` (the API, the ALB emulator
// and the echo target in one process): a web page's requests, prototype pollution, a sparse list index and files
// outside the folder standing in for S3. Each must be refused with a clear error while the ALB goes on serving, and the
// AWS CLI must still get its usual answers afterwards.
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from './query-client.js';
import { awsCli, curlApi, type RunningUp, startUp } from './testing-up.js';

let running: RunningUp;
let endpoint = '';
let listener443 = '';
let port443 = 0;
let trustStoreArn = '';
let objects = '';

beforeAll(async () => {
  running = await startUp('alb-rule-on-mtls-header', 'off');
  endpoint = running.env.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2!;
  listener443 = running.printed(/# listener Alb HTTPS:443: (\S+)/);
  trustStoreArn = running.printed(/# trust store \S+: (\S+)/);
  port443 = Number(running.printed(/https:\/\/127\.0\.0\.1:(\d+)\//));
  objects = running.printed(/s3:\/\/BUCKET\/KEY is read from (\S+)\/BUCKET\/KEY only/);
}, 240_000);

afterAll(async () => {
  await running?.stop();
  await awsSession.close();
});

// The real AWS CLI, one Python process for the file's commands (testing-up.ts).
const awsSession = awsCli();
const aws = (args: string[]) => awsSession.run(['elbv2', ...args], { ...running.env, AWS_CONFIG_FILE: '/dev/null' });

/** A request through the 443 listener, clientA's certificate or none; bounded, so a stall fails the test. */
async function dataPlane(client: 'clientA' | null = 'clientA') {
  const cert = client
    ? ['--key', join(running.certs, `${client}.key`), '--cert', join(running.certs, `${client}.crt`)]
    : [];
  const result = await execa(
    'curl',
    ['-s', '--max-time', '10', ...cert, '--cacert', join(running.certs, 'sandboxServerCA.crt')].concat(
      `https://127.0.0.1:${port443}/`,
    ),
    { reject: false },
  );
  return { exitCode: result.exitCode, body: result.stdout };
}

const form = ['-H', 'Content-Type: application/x-www-form-urlencoded'];

async function ruleArns(): Promise<string[]> {
  const rules = await aws(['describe-rules', '--listener-arn', listener443]);
  expect(rules.exitCode, rules.stderr).toBe(0);
  return JSON.parse(rules.stdout).Rules.map((rule: { RuleArn: string }) => rule.RuleArn);
}

describe("a web page's requests (finding 2)", () => {
  it('refuses the DeleteRule a rebound page sends (foreign Origin and Host, GET): the rule stays', async () => {
    const [first] = await ruleArns();
    const answer = await curlApi(
      [
        '-H',
        'Origin: https://evil.example',
        '-H',
        'Host: rebind.evil.example',
        `${endpoint}/?Action=DeleteRule&RuleArn=${encodeURIComponent(first!)}`,
      ],
      false,
    );
    expect(answer.status).toBe(403);
    expect(errorCode(answer.body)).toBe('AccessDenied');
    expect(await ruleArns()).toContain(first);
  });

  it('refuses a GET with the right Host and no Origin (405): an <img src> could send it', async () => {
    const [first] = await ruleArns();
    const answer = await curlApi([`${endpoint}/?Action=DeleteRule&RuleArn=${encodeURIComponent(first!)}`], false);
    expect(answer.status).toBe(405);
    expect(await ruleArns()).toContain(first);
  });

  it('refuses the text/plain ModifyListener a form on any page can post: mutual TLS stays on', async () => {
    const body = `Action=ModifyListener&Version=2015-12-01&ListenerArn=${encodeURIComponent(listener443)}&MutualAuthentication.Mode=off`;
    const plain = await curlApi(['-H', 'Content-Type: text/plain', '-d', body, endpoint], false);
    expect(plain.status).toBe(415);
    expect(plain.body).toContain('Content-Type: application/x-www-form-urlencoded');
    const unsigned = await curlApi([...form, '-d', body, endpoint], false);
    expect(unsigned.status).toBe(403);
    expect(errorCode(unsigned.body)).toBe('MissingAuthenticationToken');
    const modes = await aws(['describe-listeners', '--listener-arns', listener443]);
    expect(JSON.parse(modes.stdout).Listeners[0].MutualAuthentication.Mode).toBe('verify');
    expect((await dataPlane(null)).exitCode).not.toBe(0); // no certificate: still no connection
  });
});

describe('prototype pollution (finding 1)', () => {
  it('refuses __proto__ keys; describe-load-balancers answers as before and the listener keeps serving', async () => {
    for (const body of [
      'Action=DescribeLoadBalancers&Version=2015-12-01&__proto__.Names.member.1=nosuch',
      'Action=DescribeLoadBalancers&Version=2015-12-01&__proto__.regexValues=x',
      'Action=DescribeLoadBalancers&Version=2015-12-01&constructor.prototype.regexValues=x',
    ]) {
      const answer = await curlApi([...form, '-d', body, endpoint]);
      expect(answer.status, body).toBe(400);
      expect(answer.body).toContain('names a JavaScript prototype');
    }
    const described = await aws(['describe-load-balancers']);
    expect(described.exitCode, described.stderr).toBe(0);
    expect(
      JSON.parse(described.stdout).LoadBalancers.map((lb: { LoadBalancerName: string }) => lb.LoadBalancerName),
    ).toEqual(['Alb']);
    const served = await dataPlane();
    expect(served.exitCode).toBe(0);
    expect(served.body).toContain('Default Action');
    expect(running.output()).not.toContain('TypeError');
  });
});

describe('a sparse list index (finding 3)', () => {
  it('is refused at once while a request to the listener is served', async () => {
    const sparse = 'Action=DescribeLoadBalancers&Version=2015-12-01&X.member.1000000000=1&Y.member.1000000000=1';
    const [api, served] = await Promise.all([curlApi([...form, '-d', sparse, endpoint]), dataPlane()]);
    expect(api.status).toBe(400);
    expect(api.body).toContain('must be a whole number from 1 to 1000');
    expect(served.exitCode).toBe(0); // bounded by curl --max-time 10: before, it waited 41.7 s
    expect(served.body).toContain('Default Action');
  });
});

describe('files outside the folder standing in for S3 (finding 4)', () => {
  beforeAll(() => {
    mkdirSync(join(objects, 'local'), { recursive: true });
    execFileSync('mkfifo', [join(objects, 'local', 'fifo.crl')]);
    symlinkSync('/dev/zero', join(objects, 'local', 'zero.pem'));
    symlinkSync(join(running.certs, 'untrustedCA.crt'), join(objects, 'local', 'out-link.pem'));
  });

  it('refuses /dev/zero, a FIFO, a link out and a path outside with one message, and answers the next call', async () => {
    for (const key of ['/dev/zero', 'zero.pem', 'out-link.pem', '../../certs/untrustedCA.crt', '/root/.bashrc']) {
      const created = await aws([
        'create-trust-store',
        '--name',
        'hostile',
        '--ca-certificates-bundle-s3-bucket',
        'local',
        '--ca-certificates-bundle-s3-key',
        key,
      ]);
      expect(created.exitCode, key).not.toBe(0);
      expect(created.stderr, key).toContain('(CaCertificatesBundleNotFound)');
      expect(created.stderr).not.toMatch(/ENOENT|EISDIR|ENXIO|line 1/);
    }
    const fifo = await aws([
      'add-trust-store-revocations',
      '--trust-store-arn',
      trustStoreArn,
      '--revocation-contents',
      'S3Bucket=local,S3Key=fifo.crl',
    ]);
    expect(fifo.stderr).toContain(`put the revocation list at ${join(objects, 'local', 'fifo.crl')}`);
    const stores = await aws(['describe-trust-stores']);
    expect(stores.exitCode, stores.stderr).toBe(0);
    expect(JSON.parse(stores.stdout).TrustStores).toHaveLength(1);
    expect((await dataPlane()).exitCode).toBe(0);
  });
});
