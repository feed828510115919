// Where CreateTrustStore, ModifyTrustStore and AddTrustStoreRevocations read the S3 objects they name: LocalStack's S3
// when it runs, as AWS reads S3; otherwise one local folder that stands in for S3, `<state dir>/s3/<bucket>/<key>`.
// Nothing outside that folder is ever opened: not through `..`, not through a link, not a device or a FIFO, and no more
// bytes than AWS's quota for the kind of object (docs/elbv2-api.md#objects).
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { ApiError } from './query.js';

/** What the object is, for the error code, the words and the size quota. */
export type ObjectKind = 'bundle' | 'revocation';

export interface ObjectSource {
  /** The object's bytes, or the AWS-style error that says why there are none and where to put them. */
  read(bucket: string, key: string, kind: ObjectKind): Promise<Buffer | ApiError>;
}

/**
 * The most bytes an object may have. A CRL: AWS's quota "Revocation list file size", 50 MB (read as MiB). A CA bundle:
 * AWS gives no file quota, only 25 CA certificates of at most 16 KB each; 1 MiB holds 25 such certificates as PEM
 * (about 560 KB) with room for comments.
 */
export const OBJECT_LIMITS: Record<ObjectKind, number> = { revocation: 50 * 1024 * 1024, bundle: 1024 * 1024 };

const WORDS: Record<ObjectKind, { code: string; what: string }> = {
  bundle: { code: 'CaCertificatesBundleNotFound', what: 'CA bundle' },
  revocation: { code: 'RevocationContentNotFound', what: 'revocation list' },
};

/** `<state dir>/s3`: the folder `up` names when LocalStack does not run. */
export const localObjectsDir = (stateDir: string): string => join(stateDir, 's3');

/** LocalStack's S3 (null from getObject: no such object). Its objects are the user's; only the size is checked. */
export function localStackObjects(s3: {
  getObject(bucket: string, key: string): Promise<Buffer | null>;
}): ObjectSource {
  return {
    async read(bucket, key, kind) {
      const { code, what } = WORDS[kind];
      try {
        const body = await s3.getObject(bucket, key);
        if (!body) return new ApiError(code, `The ${what} s3://${bucket}/${key} is not in LocalStack's S3`);
        return body.length > OBJECT_LIMITS[kind] ? tooLarge(kind, `s3://${bucket}/${key}`) : body;
      } catch (error) {
        return new ApiError(
          code,
          `The ${what} s3://${bucket}/${key} could not be read from LocalStack's S3: ${(error as Error).message}`,
        );
      }
    },
  };
}

/** The local folder standing in for S3: s3://BUCKET/KEY is the regular file ROOT/BUCKET/KEY. */
export function folderObjects(root: string): ObjectSource {
  return {
    async read(bucket, key, kind) {
      const { code, what } = WORDS[kind];
      const named = namedPath(root, bucket, key);
      if (named instanceof ApiError) return new ApiError(code, named.message);
      const data = await readInside(root, named, OBJECT_LIMITS[kind]);
      if (data === 'too-large') return tooLarge(kind, named);
      if (data) return data;
      // One message for every other failure: whether anything exists elsewhere, or what it is, is never told.
      return new ApiError(
        code,
        `LocalStack does not run, so mtls-sandbox reads s3://${bucket}/${key} from the folder that stands in for S3: put the ${what} at ${named} (a regular file inside ${root}, at most ${OBJECT_LIMITS[kind]} bytes)`,
      );
    },
  };
}

/** ROOT/BUCKET/KEY, once the bucket is an S3 bucket name and the key has no `.` or `..` part. */
function namedPath(root: string, bucket: string, key: string): string | ApiError {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    return new ApiError(
      'ValidationError',
      `The S3 bucket "${bucket.slice(0, 80)}" is not a bucket name (3 to 63 lowercase letters, digits, dots and hyphens); LocalStack does not run, so mtls-sandbox reads s3://BUCKET/KEY from ${root}/BUCKET/KEY`,
    );
  const parts = key.split('/').filter((part) => part !== '');
  if (parts.length === 0 || parts.some((part) => part === '.' || part === '..') || key.includes('\0'))
    return new ApiError(
      'ValidationError',
      `The S3 key "${key.slice(0, 80)}" has no file name or has a "." or ".." part; LocalStack does not run, so mtls-sandbox reads s3://${bucket}/KEY from ${root}/${bucket}/KEY`,
    );
  return join(root, bucket, ...parts);
}

/**
 * The file's bytes when it resolves (links followed) to a regular file inside `root` of at most `limit` bytes;
 * 'too-large' when it is bigger; null for anything else. Opened without blocking (a FIFO never waits for a writer) and
 * without following a last link (a link swapped in after the check is not followed), read into a buffer of at most
 * limit + 1 bytes.
 */
async function readInside(root: string, path: string, limit: number): Promise<Buffer | 'too-large' | null> {
  let resolved: string;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(path)]);
    if (!realFile.startsWith(realRoot + sep)) return null;
    resolved = realFile;
  } catch {
    return null;
  }
  let file: Awaited<ReturnType<typeof open>> | null = null;
  try {
    file = await open(resolved, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const stat = await file.stat();
    if (!stat.isFile()) return null;
    if (stat.size > limit) return 'too-large';
    const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    // A file that grew after the size was read is read no further than the quota.
    return length > limit ? 'too-large' : buffer.subarray(0, length);
  } catch {
    return null;
  } finally {
    await file?.close().catch(() => {});
  }
}

function tooLarge(kind: ObjectKind, where: string): ApiError {
  const { code, what } = WORDS[kind];
  const quota =
    kind === 'revocation'
      ? "AWS's quota for a revocation list file, 50 MB"
      : "the largest bundle AWS's quotas allow (25 CA certificates of 16 KB)";
  return new ApiError(
    code,
    `The ${what} ${where} is larger than ${OBJECT_LIMITS[kind]} bytes, more than ${quota}; mtls-sandbox does not read it`,
  );
}
