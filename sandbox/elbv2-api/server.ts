// The sandbox's ELBv2 API endpoint (the I/O shell around actions.ts): an HTTP server on 127.0.0.1 that answers the
// Query protocol the AWS CLI and SDKs speak, for the ALBs an `up` realized, and applies each change to the running
// ALB emulator at once (RunningAlb.update). Each request goes through four steps: admission (admission.ts: the
// user's own tools only), parse (query.ts: bounded, no prototypes), dispatch (actions.ts, then live-apply.ts) and
// render (xml.ts). Signatures are not checked: any (dummy) credentials do.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AlbTrustStore } from '../alb/config.js';
import type { Message } from '../messages.js';
import type { Topology } from '../model/topology.js';
import type { LiveAlbListener } from '../runtime/alb-lb.js';
import { handle } from './actions.js';
import { type Admission, admit } from './admission.js';
import { applyChanges } from './live-apply.js';
import type { ObjectSource } from './objects.js';
import { ApiError, type QueryRequest, type QueryValue, parseQuery, ValidationError } from './query.js';
import { buildState, type ElbState } from './state.js';
import { xmlError, xmlResponse } from './xml.js';

export { isLoopback } from './admission.js';

export interface Elbv2ApiOptions {
  topology: Topology;
  listeners: LiveAlbListener[];
  trustStores: Map<string, AlbTrustStore>;
  /** Where CRLs and CA bundles named by bucket and key are read from (objects.ts). */
  objects: ObjectSource;
  /** Told every change applied, in words the catalogue renders (elbv2.* messages). */
  onChange?: (change: Message) => void;
  /** 0 (default): a free port. */
  port?: number;
}

export interface RunningElbv2Api {
  endpoint: string;
  port: number;
  state(): ElbState;
  /**
   * One Query API call made in this process (the lab's own mode switch), answered as the HTTP endpoint would answer
   * it, after the same parse and dispatch; the admission checks are for requests from outside and do not apply.
   */
  call(params: Record<string, string>): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/** The largest request body; a bigger one is answered 413 as soon as it is seen to be bigger. */
const MAX_BODY = 1024 * 1024;

interface Answer {
  status: number;
  body: string;
}

export async function startElbv2Api(options: Elbv2ApiOptions): Promise<RunningElbv2Api> {
  let port = 0;
  const api = queryApi(options, () => `http://127.0.0.1:${port}`);
  const server = http.createServer((req, res) => {
    // Nothing a request does may end the process that runs the listeners too.
    answerRequest(req, res, port, api).catch((error: unknown) => {
      const requestId = randomUUID();
      const body = xmlError('InternalFailure', (error as Error).message, requestId, 500);
      send(res, requestId, { status: 500, body }, { connection: 'close' });
    });
  });
  port = await listen(server, options.port ?? 0);
  let closing: Promise<void> | null = null;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    state: api.state,
    call: (params) => api.serve(new URLSearchParams({ Version: '2015-12-01', ...params }).toString(), randomUUID()),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Admission, then the bundle download or the Query call. */
async function answerRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  port: number,
  api: QueryApi,
): Promise<void> {
  const requestId = randomUUID();
  const admission = admit(
    { method: req.method, url: req.url, headers: req.headers, remoteAddress: req.socket.remoteAddress },
    port,
  );
  if (admission.kind === 'refused') return refuse(req, res, admission, requestId);
  if (admission.kind === 'bundle') return sendBundle(res, api.state(), admission.id);
  const body = await readBody(req, MAX_BODY);
  if (body === 'too-large') {
    const error = xmlError('ValidationError', 'The request body is larger than 1 MiB', requestId, 413);
    res.once('finish', () => req.destroy()); // the rest of the body is not read: the answer goes out first
    send(res, requestId, { status: 413, body: error }, { connection: 'close' });
    return;
  }
  if (body === null) return; // the client went away
  send(res, requestId, await api.serve(body.toString('utf8'), requestId));
}

function send(res: http.ServerResponse, requestId: string, answer: Answer, extra: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, ...extra });
  res.end(answer.body);
}

/** A refusal is answered before the body is read; the connection closes so the body is never taken for a request. */
function refuse(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  admission: Admission & { kind: 'refused' },
  requestId: string,
): void {
  const { error, allow } = admission;
  send(
    res,
    requestId,
    { status: error.status, body: xmlError(error.code, error.message, requestId, error.status) },
    { connection: 'close', ...(allow ? { allow } : {}) },
  );
  req.resume();
}

/** GetTrustStoreCaCertificatesBundle's Location: the bundle, as AWS's presigned S3 URL would give it. */
function sendBundle(res: http.ServerResponse, state: ElbState, id: string): void {
  const store = state.trustStores.find((candidate) => candidate.arn.endsWith(`/${id}`));
  res.writeHead(store?.caBundlePem ? 200 : 404, { 'content-type': 'application/x-pem-file' });
  res.end(store?.caBundlePem ?? '');
}

/** The body, or 'too-large' as soon as it passes `limit` (Content-Length or bytes), or null when the client left. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too-large' | null> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        resolve('too-large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
    req.on('close', () => resolve(null)); // after 'end' this changes nothing: a promise resolves once
  });
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as { port: number }).port);
    });
  });
}

interface QueryApi {
  state(): ElbState;
  /** Parse → dispatch → render, one call at a time: each reads the state the one before it left. */
  serve(body: string, requestId: string): Promise<Answer>;
}

function queryApi(options: Elbv2ApiOptions, endpoint: () => string): QueryApi {
  let state = initialState(options);
  let queue: Promise<unknown> = Promise.resolve();

  async function answer(body: string, requestId: string): Promise<Answer> {
    try {
      const request = parseQuery(body);
      const result = await dispatch(request);
      return { status: 200, body: xmlResponse(request.action, result, requestId) };
    } catch (error) {
      const api = error instanceof ApiError ? error : new ApiError('InternalFailure', (error as Error).message, 500);
      return { status: api.status, body: xmlError(api.code, api.message, requestId, api.status) };
    }
  }

  async function dispatch(request: QueryRequest) {
    if (request.version && request.version !== '2015-12-01')
      throw new ApiError('InvalidAction', `mtls-sandbox answers ELBv2 API version 2015-12-01, not ${request.version}`);
    const objects = await fetchObjects(options.objects, request);
    const outcome = handle(state, request.action, request.params, {
      health: (groupId) => health(options.listeners, groupId),
      revocation: (index) =>
        objects.revocations[index] ?? new ApiError('RevocationContentNotFound', 'Revocation content not found'),
      bundle: () => objects.bundle,
      bundleLocation: (store) =>
        `${endpoint()}/trust-store-bundles/${store.arn.slice(store.arn.lastIndexOf('/') + 1)}.pem`,
    });
    applyChanges(options.listeners, state, outcome.state, outcome.changes);
    state = outcome.state;
    for (const change of outcome.changes) options.onChange?.(change.description);
    return outcome.result;
  }

  return {
    state: () => state,
    serve(body, requestId) {
      const turn = queue.then(() => answer(body, requestId));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

function initialState(options: Elbv2ApiOptions): ElbState {
  return buildState(
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
}

function health(listeners: LiveAlbListener[], groupId: string) {
  for (const entry of listeners) {
    const views = entry.handle.health?.()[groupId];
    if (views) return views;
  }
  return null;
}

/** The objects a call names (CRLs for AddTrustStoreRevocations, the bundle for Create/ModifyTrustStore), read first. */
async function fetchObjects(
  source: ObjectSource,
  request: QueryRequest,
): Promise<{ revocations: (string | ApiError)[]; bundle: string | ApiError }> {
  const { action, params } = request;
  const revocations =
    action === 'AddTrustStoreRevocations' ? await fetchRevocations(source, params.RevocationContents) : [];
  const bundle =
    action === 'CreateTrustStore' || action === 'ModifyTrustStore'
      ? await fetchBundle(source, params)
      : new ApiError('CaCertificatesBundleNotFound', 'No CA bundle was named');
  return { revocations, bundle };
}

/** AWS's quota "Revocation lists per trust store": no call can add more, so none makes the sandbox read more. */
const MAX_REVOCATION_LISTS = 30;

/** Each revocation list the request names, one after another, each read bounded by its quota. */
async function fetchRevocations(source: ObjectSource, written: QueryValue | undefined): Promise<(string | ApiError)[]> {
  if (!Array.isArray(written)) return [];
  if (written.length > MAX_REVOCATION_LISTS)
    throw new ValidationError(
      `RevocationContents names ${written.length} revocation lists; a trust store holds at most ${MAX_REVOCATION_LISTS} (AWS's quota), so mtls-sandbox reads none of them`,
    );
  const lists: (string | ApiError)[] = [];
  for (const content of written) {
    const entry = typeof content === 'object' && !Array.isArray(content) ? content : null;
    const data = await source.read(text(entry?.S3Bucket), text(entry?.S3Key), 'revocation');
    lists.push(data instanceof ApiError ? data : asPem(data));
  }
  return lists;
}

/** The CA bundle CreateTrustStore or ModifyTrustStore names. */
async function fetchBundle(source: ObjectSource, params: Record<string, QueryValue>): Promise<string | ApiError> {
  const data = await source.read(
    text(params.CaCertificatesBundleS3Bucket),
    text(params.CaCertificatesBundleS3Key),
    'bundle',
  );
  return data instanceof ApiError ? data : data.toString('utf8');
}

const text = (value: QueryValue | undefined): string => (typeof value === 'string' ? value : '');

/** A CRL as PEM: a DER file is wrapped (AWS takes either; the sandbox's checks read PEM). */
function asPem(data: Buffer): string {
  const text = data.toString('latin1');
  if (text.includes('-----BEGIN')) return data.toString('utf8');
  const base64 = data.toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN X509 CRL-----\n${base64}\n-----END X509 CRL-----\n`;
}
