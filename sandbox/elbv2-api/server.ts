// The sandbox's ELBv2 API endpoint (the I/O shell around actions.ts): an HTTP server on 127.0.0.1 that answers the
// Query protocol the AWS CLI and SDKs speak, for the ALBs an `up` realized, and applies each change to the running
// ALB emulator at once (RunningAlb.update). Requests from anywhere but loopback are refused. Signatures are not
// checked: any (dummy) credentials do.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { isAbsolute } from 'node:path';
import type { AlbLiveUpdate, AlbTrustStore } from '../alb/config.js';
import type { Message } from '../messages.js';
import type { Topology } from '../model/topology.js';
import type { LiveAlbListener } from '../runtime/alb-lb.js';
import { handle, type Change } from './actions.js';
import { ApiError, type QueryValue, parseQuery } from './query.js';
import { buildState, type ElbState, trustStoreObjects } from './state.js';
import { xmlError, xmlResponse } from './xml.js';

export interface Elbv2ApiOptions {
  topology: Topology;
  listeners: LiveAlbListener[];
  trustStores: Map<string, AlbTrustStore>;
  /** LocalStack's S3, when it runs: where CRLs and CA bundles are read from (null: a missing object). */
  s3?: { getObject(bucket: string, key: string): Promise<Buffer | null> } | null;
  /** Told every change applied, in words the catalogue renders (elbv2.* messages). */
  onChange?: (change: Message) => void;
  /** 0 (default): a free port. */
  port?: number;
}

export interface RunningElbv2Api {
  endpoint: string;
  port: number;
  state(): ElbState;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export async function startElbv2Api(options: Elbv2ApiOptions): Promise<RunningElbv2Api> {
  let state = buildState(
    options.topology,
    options.listeners.map((entry) => ({
      balancerLogicalId: entry.balancer.logicalId,
      listenerLogicalId: entry.listener.logicalId,
      runningGroups: entry.config.targetGroups.map((group) => group.id),
      changeable: typeof entry.handle.update === 'function',
    })),
    options.trustStores,
    new Date().toISOString(),
  );
  let endpoint = '';
  // One request at a time: each reads the state the one before it left.
  let queue: Promise<unknown> = Promise.resolve();

  const server = http.createServer((req, res) => {
    const requestId = randomUUID();
    const answer = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      res.end(body);
    };
    if (!isLoopback(req.socket.remoteAddress)) {
      answer(403, xmlError('AccessDenied', 'mtls-sandbox answers requests from loopback only', requestId, 403));
      return;
    }
    // GetTrustStoreCaCertificatesBundle's Location: the bundle, as AWS's presigned S3 URL would give it.
    const bundle = req.method === 'GET' ? /^\/trust-store-bundles\/([0-9a-f]{16})\.pem$/.exec(req.url ?? '') : null;
    if (bundle) {
      const store = state.trustStores.find((candidate) => candidate.arn.endsWith(`/${bundle[1]}`));
      res.writeHead(store?.caBundlePem ? 200 : 404, { 'content-type': 'application/x-pem-file' });
      res.end(store?.caBundlePem ?? '');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        answer(413, xmlError('ValidationError', 'The request body is larger than 1 MiB', requestId, 413));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return;
      const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      const body = Buffer.concat(chunks).toString('utf8') || query;
      queue = queue.then(async () => {
        try {
          const xml = await serve(body);
          answer(200, xml(requestId));
        } catch (error) {
          const api =
            error instanceof ApiError ? error : new ApiError('InternalFailure', (error as Error).message, 500);
          answer(api.status, xmlError(api.code, api.message, requestId, api.status));
        }
      });
    });
  });

  async function serve(body: string): Promise<(requestId: string) => string> {
    const request = parseQuery(body);
    if (request.version && request.version !== '2015-12-01')
      throw new ApiError('InvalidAction', `mtls-sandbox answers ELBv2 API version 2015-12-01, not ${request.version}`);
    const revocations =
      request.action === 'AddTrustStoreRevocations' ? await fetchRevocations(request.params.RevocationContents) : [];
    const bundle =
      request.action === 'CreateTrustStore' || request.action === 'ModifyTrustStore'
        ? await fetchBundle(request.params)
        : new ApiError('CaCertificatesBundleNotFound', 'No CA bundle was named');
    const outcome = handle(state, request.action, request.params, {
      health: (groupId) => health(groupId),
      revocation: (index) =>
        revocations[index] ?? new ApiError('RevocationContentNotFound', 'Revocation content not found'),
      bundle: () => bundle,
      bundleLocation: (store) =>
        `${endpoint}/trust-store-bundles/${store.arn.slice(store.arn.lastIndexOf('/') + 1)}.pem`,
    });
    apply(state, outcome.state, outcome.changes);
    state = outcome.state;
    for (const change of outcome.changes) options.onChange?.(change.description);
    return (requestId) => xmlResponse(request.action, outcome.result, requestId);
  }

  function health(groupId: string) {
    for (const entry of options.listeners) {
      const views = entry.handle.health?.()[groupId];
      if (views) return views;
    }
    return null;
  }

  /** Each revocation list the request names, read from LocalStack's S3 or, without it, from a local file. */
  async function fetchRevocations(written: QueryValue | undefined): Promise<(string | ApiError)[]> {
    if (!Array.isArray(written)) return [];
    return Promise.all(
      written.map(async (content) => {
        const entry = (typeof content === 'object' && !Array.isArray(content) ? content : {}) as Record<
          string,
          QueryValue
        >;
        const bucket = typeof entry.S3Bucket === 'string' ? entry.S3Bucket : '';
        const key = typeof entry.S3Key === 'string' ? entry.S3Key : '';
        const data = await fetchObject(bucket, key, 'RevocationContentNotFound', 'revocation list');
        return data instanceof ApiError ? data : asPem(data);
      }),
    );
  }

  /** The CA bundle CreateTrustStore or ModifyTrustStore names, from the same places. */
  async function fetchBundle(params: Record<string, QueryValue>): Promise<string | ApiError> {
    const bucket = typeof params.CaCertificatesBundleS3Bucket === 'string' ? params.CaCertificatesBundleS3Bucket : '';
    const key = typeof params.CaCertificatesBundleS3Key === 'string' ? params.CaCertificatesBundleS3Key : '';
    const data = await fetchObject(bucket, key, 'CaCertificatesBundleNotFound', 'CA bundle');
    return data instanceof ApiError ? data : data.toString('utf8');
  }

  /** An object from LocalStack's S3 when it runs, else the local file whose absolute path is the key. */
  async function fetchObject(bucket: string, key: string, code: string, what: string): Promise<Buffer | ApiError> {
    if (options.s3) {
      try {
        const body = await options.s3.getObject(bucket, key);
        if (body) return body;
        return new ApiError(code, `The ${what} s3://${bucket}/${key} is not in LocalStack's S3`);
      } catch (error) {
        return new ApiError(
          code,
          `The ${what} s3://${bucket}/${key} could not be read from LocalStack's S3: ${(error as Error).message}`,
        );
      }
    }
    if (!isAbsolute(key))
      return new ApiError(
        code,
        `LocalStack does not run, so mtls-sandbox reads the ${what} from a local file: give the file's absolute path as the S3 key (the bucket is not used), e.g. S3Bucket=local,S3Key=/path/to/file`,
      );
    try {
      return await readFile(key);
    } catch (error) {
      return new ApiError(
        code,
        `The ${what} ${key} could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }

  /** Applies the changes to the running listeners; one refused puts back those already changed and fails. */
  function apply(before: ElbState, after: ElbState, changes: Change[]): void {
    const done: (() => void)[] = [];
    try {
      for (const change of changes) {
        if (change.kind === 'listener') {
          const entry = liveListener(after, change.listenerArn);
          entry.handle.update!(listenerUpdate(after, change.listenerArn));
          done.push(() => entry.handle.update!(listenerUpdate(before, change.listenerArn)));
        } else if (change.kind === 'targets') {
          const group = after.targetGroups.find((candidate) => candidate.arn === change.targetGroupArn)!;
          const old = before.targetGroups.find((candidate) => candidate.arn === change.targetGroupArn)!;
          for (const entry of options.listeners) {
            const running = entry.config.targetGroups.find((g) => g.id === group.group.logicalId);
            if (!running) continue;
            const names = (flags: boolean[]) => running.targets.filter((_, i) => flags[i] !== false).map((t) => t.name);
            const id = group.group.logicalId;
            entry.handle.update!({ registered: { targetGroupId: id, targets: names(group.registered) } });
            done.push(() =>
              entry.handle.update!({ registered: { targetGroupId: id, targets: names(old.registered) } }),
            );
          }
        } else {
          const group = after.targetGroups.find((candidate) => candidate.arn === change.targetGroupArn)!;
          const old = before.targetGroups.find((candidate) => candidate.arn === change.targetGroupArn)!;
          const stickiness = (value: typeof group.stickiness) => ({
            targetGroupId: group.group.logicalId,
            stickiness: value.enabled ? { enabled: true, durationSeconds: value.durationSeconds } : null,
          });
          for (const entry of options.listeners) {
            if (!entry.config.targetGroups.some((g) => g.id === group.group.logicalId)) continue;
            entry.handle.update!({ stickiness: stickiness(group.stickiness) });
            done.push(() => entry.handle.update!({ stickiness: stickiness(old.stickiness) }));
          }
        }
      }
    } catch (error) {
      for (const undo of done.reverse()) undo();
      const refusal = (error as { refusal?: { code: string; message: string; detail: string } | null }).refusal;
      if (refusal) throw new ApiError(refusal.code, `${refusal.message} (${refusal.detail})`);
      throw new ApiError(
        'UnsupportedBySandbox',
        `mtls-sandbox cannot apply this: the running listener refused it: ${(error as Error).message}`,
      );
    }
  }

  function liveListener(current: ElbState, arn: string): LiveAlbListener {
    const listener = current.listeners.find((candidate) => candidate.arn === arn)!;
    return options.listeners.find((entry) => entry.listener.logicalId === listener.logicalId)!;
  }

  function listenerUpdate(current: ElbState, arn: string): AlbLiveUpdate {
    const listener = current.listeners.find((candidate) => candidate.arn === arn)!;
    const mutual = listener.mutualAuthentication;
    return {
      rules: listener.rules.map((rule) => rule.rule),
      defaultActions: listener.defaultActions,
      mutualAuthentication: mutual,
      trustStore: mutual?.mode === 'verify' ? trustStoreObjects(current, mutual.trustStoreId) : null,
    };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  endpoint = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  return {
    endpoint,
    port,
    state: () => state,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** A CRL as PEM: a DER file is wrapped (AWS takes either; the sandbox's checks read PEM). */
function asPem(data: Buffer): string {
  const text = data.toString('latin1');
  if (text.includes('-----BEGIN')) return data.toString('utf8');
  const base64 = data.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN X509 CRL-----\n${base64}\n-----END X509 CRL-----\n`;
}
