// The API's door over real HTTP, in this process (so that Object.prototype can be looked at after a request): curl as
// a user or a web page would send it, and the sandbox's own signed client. A topology without load balancers is
// enough here; `up` with the ALB behind the API is in hostile-input.it.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topology } from '../model/topology.js';
import { folderObjects } from './objects.js';
import { errorCode, queryBody, sendQuery } from './query-client.js';
import { type RunningElbv2Api, startElbv2Api } from './server.js';
import { curlApi } from './testing-up.js';

const EMPTY: Topology = {
  stackName: 'Empty',
  loadBalancers: [],
  targetGroups: [],
  trustStores: [],
  parameters: [],
  notRealized: [],
};

let base = '';
let objects = '';
let api: RunningElbv2Api;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'mtls-api-door-'));
  objects = join(base, 's3');
  mkdirSync(join(objects, 'local'), { recursive: true });
  execFileSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    '/CN=door test CA',
    '-days',
    '2',
    '-keyout',
    join(base, 'ca.key'),
    '-out',
    join(objects, 'local', 'ca.pem'),
  ]);
  symlinkSync('/dev/zero', join(objects, 'local', 'zero.pem'));
  execFileSync('mkfifo', [join(objects, 'local', 'fifo.pem')]);
  api = await startElbv2Api({
    topology: EMPTY,
    listeners: [],
    trustStores: new Map(),
    objects: folderObjects(objects),
  });
});

afterAll(async () => {
  await api?.close();
  rmSync(base, { recursive: true, force: true });
});

const curl = curlApi;

const form = ['-H', 'Content-Type: application/x-www-form-urlencoded'];
const describeBody = 'Action=DescribeLoadBalancers&Version=2015-12-01';

describe('the door, with curl', () => {
  it('answers curl --aws-sigv4 with the dummy credentials', async () => {
    const answer = await curl([...form, '-d', describeBody, api.endpoint]);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<DescribeLoadBalancersResponse');
  });

  it('refuses a foreign Origin with 403 and says why', async () => {
    const answer = await curl([...form, '-H', 'Origin: https://evil.example', '-d', describeBody, api.endpoint]);
    expect(answer.status).toBe(403);
    expect(errorCode(answer.body)).toBe('AccessDenied');
    expect(answer.body).toContain('refuses requests made by web pages (Origin: https://evil.example)');
  });

  it('refuses a foreign Host (DNS rebinding) with 403 and says why', async () => {
    const answer = await curl([...form, '-H', 'Host: rebind.evil.example', '-d', describeBody, api.endpoint]);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(`only; this one was addressed to &quot;rebind.evil.example&quot;`);
  });

  it('refuses a text/plain body with 415 and says what to send', async () => {
    const answer = await curl(['-H', 'Content-Type: text/plain', '-d', describeBody, api.endpoint]);
    expect(answer.status).toBe(415);
    expect(errorCode(answer.body)).toBe('UnsupportedMediaType');
    expect(answer.body).toContain('&quot;text/plain&quot; is refused');
  });

  it('refuses a GET with a query string with 405 and Allow: POST', async () => {
    const answer = await curl(['-i', `${api.endpoint}/?Action=DescribeLoadBalancers&Version=2015-12-01`], false);
    expect(answer.status).toBe(405);
    expect(answer.body).toMatch(/^allow: POST\r$/im);
    expect(answer.body).toContain('takes POST only');
  });

  it('refuses a request without Authorization with 403 and says how to sign with curl', async () => {
    const answer = await curl([...form, '-d', describeBody, api.endpoint], false);
    expect(answer.status).toBe(403);
    expect(errorCode(answer.body)).toBe('MissingAuthenticationToken');
    expect(answer.body).toContain('--aws-sigv4 aws:amz:us-east-1:elasticloadbalancing --user test:test');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const answer = await sendQuery(api.endpoint, `${describeBody}&Pad=${'x'.repeat(1024 * 1024)}`);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('larger than 1 MiB');
  });
});

describe('parsing that cannot be steered, over HTTP', () => {
  it('refuses __proto__ keys, leaves Object.prototype alone and answers the next call as before', async () => {
    const before = await sendQuery(api.endpoint, queryBody('DescribeLoadBalancers'));
    for (const body of [
      'Action=DescribeLoadBalancers&Version=2015-12-01&__proto__.Names.member.1=nosuch',
      'Action=DescribeLoadBalancers&Version=2015-12-01&__proto__.regexValues=x',
      'Action=DescribeLoadBalancers&Version=2015-12-01&constructor.prototype.Names.member.1=nosuch',
    ]) {
      const answer = await sendQuery(api.endpoint, body);
      expect(answer.status, body).toBe(400);
      expect(errorCode(answer.body)).toBe('ValidationError');
    }
    expect(({} as Record<string, unknown>).Names).toBeUndefined();
    expect(({} as Record<string, unknown>).regexValues).toBeUndefined();
    const after = await sendQuery(api.endpoint, queryBody('DescribeLoadBalancers'));
    expect(after.status).toBe(200);
    expect(after.body.replace(/<RequestId>[^<]*/, '')).toBe(before.body.replace(/<RequestId>[^<]*/, ''));
  });

  it('refuses a sparse list index with 400, and answers the next call', async () => {
    const answer = await sendQuery(
      api.endpoint,
      'Action=DescribeLoadBalancers&Version=2015-12-01&X.member.1000000000=1&Y.member.1000000000=1',
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('must be a whole number from 1 to 1000');
    expect((await sendQuery(api.endpoint, queryBody('DescribeLoadBalancers'))).status).toBe(200);
  });
});

describe('files only where the user put them', () => {
  const create = (name: string, key: string) =>
    sendQuery(
      api.endpoint,
      queryBody('CreateTrustStore', {
        Name: name,
        CaCertificatesBundleS3Bucket: 'local',
        CaCertificatesBundleS3Key: key,
      }),
    );

  it('creates a trust store from a bundle in the folder', async () => {
    const answer = await create('from-folder', 'ca.pem');
    expect(answer.status, answer.body).toBe(200);
    expect(answer.body).toContain('<NumberOfCaCertificates>1</NumberOfCaCertificates>');
  });

  it('refuses /dev/zero, a link to it, a FIFO and a path outside the folder with one message, and keeps answering', async () => {
    for (const key of ['/dev/zero', 'zero.pem', 'fifo.pem', '../../ca.key', '/root/.bashrc', '/etc/passwd']) {
      const answer = await create('refused', key);
      expect(answer.status, key).toBe(400);
      expect(errorCode(answer.body), key).toBe('CaCertificatesBundleNotFound');
      expect(answer.body).not.toMatch(/ENOENT|EISDIR|ENXIO|root:x:0|line 1/);
    }
    const fifo = await create('refused', 'fifo.pem');
    expect(fifo.body).toContain(`put the CA bundle at ${join(objects, 'local', 'fifo.pem')}`);
    expect((await sendQuery(api.endpoint, queryBody('DescribeTrustStores'))).status).toBe(200);
  });

  it('reads the bundle file as it is (the download URL gives it back)', async () => {
    const stores = await sendQuery(api.endpoint, queryBody('DescribeTrustStores'));
    const arn = /<TrustStoreArn>([^<]*)<\/TrustStoreArn>/.exec(stores.body)![1]!;
    const location = await sendQuery(
      api.endpoint,
      queryBody('GetTrustStoreCaCertificatesBundle', { TrustStoreArn: arn }),
    );
    const url = /<Location>([^<]*)<\/Location>/.exec(location.body)![1]!;
    const bundle = await curl([url], false);
    expect(bundle.body).toBe(readFileSync(join(objects, 'local', 'ca.pem'), 'utf8'));
    const page = await curl(['-H', 'Sec-Fetch-Site: cross-site', url], false);
    expect(page.status).toBe(403);
  });
});
