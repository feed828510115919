// AddTrustStoreRevocations reads its CRL from LocalStack's S3 when LocalStack runs, as AWS reads it from S3: the
// AWS CLI uploads a DER CRL with `aws s3 cp` (the endpoint from `up`'s environment) and names it by bucket and key.
import { execa } from 'execa';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS, type RunningUp, startUp } from './testing-up.js';

const BUCKET = 'mtls-sandbox-alb-rule-on-mtls-header'; // the stand-in bucket `up` says it uploaded the bundle to
let running: RunningUp;
let state = '';
let certs = '';
/** The environment `up` printed (export NAME=value lines). */
let apiEnv: Record<string, string> = {};
let port443 = 0;
let trustStoreArn = '';

beforeAll(async () => {
  running = await startUp('alb-rule-on-mtls-header', 'host');
  ({ state, certs, env: apiEnv } = running);
  trustStoreArn = running.printed(/# trust store \S+: (\S+)/);
  port443 = Number(running.printed(/https:\/\/127\.0\.0\.1:(\d+)\//));
}, 240_000);

afterAll(async () => {
  await running?.stop();
});

const aws = (args: string[]) => execa(AWS, args, { env: { ...apiEnv, AWS_CONFIG_FILE: '/dev/null' }, reject: false });

const curlRevoked = () =>
  execa(
    'curl',
    ['-s', '--max-time', '10', '--key', join(certs, 'revoked.key'), '--cert', join(certs, 'revoked.crt')].concat([
      '--cacert',
      join(certs, 'sandboxServerCA.crt'),
      `https://127.0.0.1:${port443}/`,
    ]),
    { reject: false },
  );

describe('revocation lists from LocalStack S3', () => {
  it("prints LocalStack's S3 endpoint with the ELBv2 one", () => {
    expect(apiEnv.AWS_ENDPOINT_URL_S3).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(apiEnv.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('reads a DER CRL uploaded with aws s3 cp, and the revoked client is refused', async () => {
    const der = join(state, 'list.crl');
    await execa('openssl', ['crl', '-in', join(certs, 'privateCA.crl.pem'), '-outform', 'DER', '-out', der]);
    const copied = await aws(['s3', 'cp', der, `s3://${BUCKET}/lists/list.crl`]);
    expect(copied.exitCode, copied.stderr).toBe(0);
    expect((await curlRevoked()).exitCode).toBe(0); // no CRL yet
    const added = await aws([
      'elbv2',
      'add-trust-store-revocations',
      '--trust-store-arn',
      trustStoreArn,
      '--revocation-contents',
      `S3Bucket=${BUCKET},S3Key=lists/list.crl,RevocationType=CRL`,
    ]);
    expect(added.exitCode, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout).TrustStoreRevocations[0].NumberOfRevokedEntries).toBe(2);
    expect((await curlRevoked()).exitCode).not.toBe(0);
  });

  it('names an object that is not there as RevocationContentNotFound', async () => {
    const missing = await aws([
      'elbv2',
      'add-trust-store-revocations',
      '--trust-store-arn',
      trustStoreArn,
      '--revocation-contents',
      `S3Bucket=${BUCKET},S3Key=lists/missing.crl`,
    ]);
    expect(missing.exitCode).not.toBe(0);
    expect(missing.stderr).toContain(`(RevocationContentNotFound)`);
    expect(missing.stderr).toContain(`s3://${BUCKET}/lists/missing.crl is not in LocalStack's S3`);
  });
});
