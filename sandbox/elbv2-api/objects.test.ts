// The folder standing in for S3 when LocalStack does not run: only regular files inside it, within AWS's quotas, and
// one message for every other failure. Real files, links and a FIFO in a temporary folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderObjects, localStackObjects, OBJECT_LIMITS } from './objects.js';
import { ApiError } from './query.js';

let base = '';
let root = '';
const outside = () => join(base, 'outside');

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mtls-objects-'));
  root = join(base, 's3');
  mkdirSync(join(root, 'local', 'lists'), { recursive: true });
  mkdirSync(outside());
  writeFileSync(join(root, 'local', 'lists', 'list.crl'), 'CRL BYTES');
  writeFileSync(join(root, 'local', 'bundle.pem'), 'PEM');
  writeFileSync(join(outside(), 'secret.pem'), 'SECRET');
  symlinkSync(join(root, 'local', 'bundle.pem'), join(root, 'local', 'inside-link.pem'));
  symlinkSync(join(outside(), 'secret.pem'), join(root, 'local', 'out-link.pem'));
  symlinkSync(outside(), join(root, 'local', 'out-dir'));
  symlinkSync('/dev/zero', join(root, 'local', 'zero'));
  execFileSync('mkfifo', [join(root, 'local', 'fifo')]);
  mkdirSync(join(root, 'local', 'a-directory'));
  // Sparse files: the size is there, the disk blocks are not.
  writeFileSync(join(root, 'local', 'big.crl'), '');
  truncateSync(join(root, 'local', 'big.crl'), OBJECT_LIMITS.revocation + 1);
  writeFileSync(join(root, 'local', 'big-bundle.pem'), '');
  truncateSync(join(root, 'local', 'big-bundle.pem'), OBJECT_LIMITS.bundle + 1);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const read = (bucket: string, key: string, kind: 'bundle' | 'revocation' = 'revocation') =>
  folderObjects(root).read(bucket, key, kind);

describe('folderObjects', () => {
  it('reads s3://BUCKET/KEY from ROOT/BUCKET/KEY, also through a link that stays inside', async () => {
    expect(String(await read('local', 'lists/list.crl'))).toBe('CRL BYTES');
    expect(String(await read('local', '/lists/list.crl'))).toBe('CRL BYTES'); // a leading slash is part of no path
    expect(String(await read('local', 'inside-link.pem', 'bundle'))).toBe('PEM');
  });

  it('answers everything outside the folder, or not a regular file, with the one message that says where to put it', async () => {
    const cases: [string, string][] = [
      ['local', 'missing.crl'], // not there
      ['local', 'out-link.pem'], // a link to a file outside
      ['local', 'out-dir/secret.pem'], // through a linked folder outside
      ['local', 'zero'], // a link to /dev/zero
      ['local', 'fifo'], // a FIFO: never waits for a writer
      ['local', 'a-directory'], // a directory
      ['local', '/dev/zero'], // an absolute path: inside the bucket, where nothing is
      ['local', '/root/.bashrc'],
      ['elsewhere', 'lists/list.crl'], // another bucket
    ];
    for (const [bucket, key] of cases) {
      const answer = await read(bucket, key);
      expect(answer, key).toBeInstanceOf(ApiError);
      const { code, message } = answer as ApiError;
      expect(code).toBe('RevocationContentNotFound');
      const where = join(root, bucket, ...key.split('/').filter(Boolean));
      expect(message).toBe(
        `LocalStack does not run, so mtls-sandbox reads s3://${bucket}/${key} from the folder that stands in for S3: put the revocation list at ${where} (a regular file inside ${root}, at most ${OBJECT_LIMITS.revocation} bytes)`,
      );
      expect(message).not.toMatch(/ENOENT|EISDIR|ELOOP|EACCES|ENXIO|SECRET/);
    }
  });

  it('refuses a key with a "." or ".." part, and a bucket that is not a bucket name, without opening anything', async () => {
    for (const [bucket, key] of [
      ['local', '../outside/secret.pem'],
      ['local', 'lists/../../../outside/secret.pem'],
      ['local', './bundle.pem'],
      ['local', ''],
      ['..', 'outside/secret.pem'],
      ['Local_Bucket', 'bundle.pem'],
      ['', 'bundle.pem'],
    ]) {
      const answer = (await read(bucket!, key!, 'bundle')) as ApiError;
      expect(answer, `${bucket} ${key}`).toBeInstanceOf(ApiError);
      expect(answer.code).toBe('CaCertificatesBundleNotFound');
      expect(answer.message).not.toContain('SECRET');
    }
  });

  it('refuses a file larger than the quota of its kind without reading it', async () => {
    const crl = (await read('local', 'big.crl')) as ApiError;
    expect(crl.message).toContain(
      `larger than ${OBJECT_LIMITS.revocation} bytes, more than AWS's quota for a revocation list file, 50 MB`,
    );
    const bundle = (await read('local', 'big-bundle.pem', 'bundle')) as ApiError;
    expect(bundle.code).toBe('CaCertificatesBundleNotFound');
    expect(bundle.message).toContain(`larger than ${OBJECT_LIMITS.bundle} bytes`);
  });
});

describe('localStackObjects', () => {
  it('reads LocalStack S3 objects, refuses one over the quota and names one that is not there', async () => {
    const objects = localStackObjects({
      getObject: async (_bucket, key) =>
        key === 'big.pem' ? Buffer.alloc(OBJECT_LIMITS.bundle + 1) : key === 'ok.pem' ? Buffer.from('PEM') : null,
    });
    expect(String(await objects.read('b', 'ok.pem', 'bundle'))).toBe('PEM');
    expect(((await objects.read('b', 'big.pem', 'bundle')) as ApiError).message).toContain('larger than');
    expect(((await objects.read('b', 'none.crl', 'revocation')) as ApiError).message).toBe(
      "The revocation list s3://b/none.crl is not in LocalStack's S3",
    );
  });
});
