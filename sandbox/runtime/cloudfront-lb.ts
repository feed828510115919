// Our CloudFront emulator realizing a stack's distributions with viewer mutual TLS (sandbox/cloudfront/): each one's
// trust store read from its S3 object (LocalStack's S3 when it runs, as the ALB's trust stores are read), its
// connection function, origin request policy, and the echo target the scenario puts behind its custom origin,
// already running. The distribution's certificate is the PKI's server certificate (as for the ALB, in place of ACM).
// Started by the driver (Driver.emulator), which runs it in the sandbox's process with either runtime and stops it
// with the rest.
import { mkdir, readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { cloudFrontComponentName, type CloudFrontTopology, type ViewerMtlsDistribution } from '../model/cloudfront.js';
import { list, msg } from '../messages.js';
import { caBundleRefusal } from '../tls/trust-store-rules.js';
import type { TrustStoreObjects } from '../tls/trust-store.js';
import { AwsApiError, TopologyError } from './errors.js';
import { s3Objects } from './pki-objects.js';
import { backendsFor, startBackend } from './realize-backends.js';
import { componentReady, recordEndpoints, type Realization } from './realization.js';

/** A distribution id and domain name in CloudFront's shapes, derived from the path so that a run repeats them. */
export function distributionIdentity(path: string): { id: string; domainName: string } {
  const hash = createHash('sha256').update(path).digest('hex');
  const id = `E${hash.slice(0, 13).toUpperCase()}`;
  return { id, domainName: `d${hash.slice(13, 26)}.cloudfront.net` };
}

function trustStoreObjects(
  cf: CloudFrontTopology,
  distribution: ViewerMtlsDistribution,
  objects: Map<string, string>,
): TrustStoreObjects | null {
  const id = distribution.viewerMtls.trustStoreId;
  if (!id) return null;
  const store = cf.trustStores.find((candidate) => candidate.logicalId === id)!;
  const bundle = objects.get(store.bundle.key);
  if (bundle === undefined)
    throw new TopologyError(
      `Trust store ${store.path} reads S3 object "${store.bundle.key}", but the scenario does not say what it holds. Add objects: { '${store.bundle.key}': 'privateCA' } (or another PKI file) to the scenario.`,
      msg('topo.trust-store-object', { store: store.path, key: store.bundle.key }),
    );
  // CloudFront's bundle rules (PEM, # comments, no blank lines between certificates) are the ELB ones in substance.
  const refusal = caBundleRefusal(bundle);
  if (refusal)
    throw new AwsApiError(
      `${store.path} (AWS::CloudFront::TrustStore)`,
      'CreateTrustStore',
      refusal.code,
      refusal.message,
      `S3 object "${store.bundle.key}": ${refusal.detail}`,
      true,
    );
  return { id: store.logicalId, caBundlePem: bundle, crlPems: [] };
}

/** The pairs of a connection function's KeyValueStore, from its import file (CloudFront's {"data": [...]} JSON). */
function keyValuesOf(
  cf: CloudFrontTopology,
  storeId: string | null,
  objects: Map<string, string>,
): Record<string, string> | null {
  if (!storeId) return null;
  const store = cf.keyValueStores.find((candidate) => candidate.logicalId === storeId)!;
  if (!store.importKey) return {};
  const text = objects.get(store.importKey);
  if (text === undefined)
    throw new TopologyError(
      `KeyValueStore ${store.path} imports S3 object "${store.importKey}", but the scenario does not say what it holds. Add objects: { '${store.importKey}': 'revoked-serials.kvs' } to the scenario.`,
      msg('topo.kvs-object', { store: store.path, key: store.importKey }),
    );
  let parsed: { data?: { key?: unknown; value?: unknown }[] };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (err) {
    throw new TopologyError(
      `KeyValueStore ${store.path}: its import file is not JSON: ${(err as Error).message}`,
      msg('topo.kvs-not-json', { store: store.path, error: (err as Error).message }),
    );
  }
  if (!Array.isArray(parsed.data))
    throw new TopologyError(
      `KeyValueStore ${store.path}: its import file has no "data" list of {key, value} pairs`,
      msg('topo.kvs-no-data', { store: store.path }),
    );
  return Object.fromEntries(parsed.data.map((pair) => [String(pair.key), String(pair.value)]));
}

/** Every viewer-mTLS distribution of the topology, each after the origin behind it. */
export async function startCloudFrontDistributions(run: Realization): Promise<void> {
  const cf = run.topology.cloudFront;
  if (!cf) return;
  const objects = run.extras.objects ?? (await s3Objects(run.scenario, run.pki));
  const certificatePem = await readFile(run.pki.server.cert, 'utf8');
  const privateKeyPem = await readFile(run.pki.server.key, 'utf8');
  for (const distribution of cf.distributions) {
    const origin = await originOf(run, distribution);
    const name = cloudFrontComponentName(distribution);
    const { mode, ignoreCertificateExpiry, advertiseTrustStoreCaNames } = distribution.viewerMtls;
    const fn = cf.connectionFunctions.find((candidate) => candidate.logicalId === distribution.connectionFunctionId);
    const policy = cf.originRequestPolicies.find((p) => p.logicalId === distribution.originRequestPolicyId) ?? null;
    const role = msg('role.cloudfront-mtls', {
      path: distribution.path,
      mode,
      ignoreExpiry: ignoreCertificateExpiry,
      advertise: advertiseTrustStoreCaNames,
      function: fn?.path ?? null,
      headers: policy ? policy.headers.join(', ') || null : null,
      origin: distribution.origin.domainName,
    });
    run.events.starting(name, role);
    const dir = join(run.dir, name);
    await mkdir(dir, { recursive: true });
    const identity = distributionIdentity(distribution.path);
    const connectionLogFile = join(dir, 'connections.json');
    const running = await run.driver.emulator('cloudfront', {
      name: distribution.path,
      distributionId: identity.id,
      domainName: identity.domainName,
      host: '127.0.0.1',
      port: 0,
      certificatePem,
      privateKeyPem,
      mode,
      trustStore: trustStoreObjects(cf, distribution, objects),
      advertiseTrustStoreCaNames,
      ignoreCertificateExpiry,
      connectionFunction: fn
        ? { name: fn.path, code: fn.code, keyValues: keyValuesOf(cf, fn.keyValueStoreId, objects) }
        : null,
      httpVersion: distribution.httpVersion,
      origin: {
        domainName: distribution.origin.domainName,
        protocol: distribution.origin.protocol,
        host: origin.host,
        port: origin.port,
        clientCertificate: await originClientCertificate(run, distribution),
      },
      originRequestPolicy: policy,
      connectionLogFile,
      keyLogFile: run.extras.keyLog ? join(dir, 'tls-keys.log') : null,
    });
    const address = running.addresses[0]!;
    recordEndpoints(run, distribution.path, new Map([[443, address.port]]));
    run.connectionLogFiles.push(connectionLogFile);
    if (run.extras.keyLog) run.keyLogFiles.push(join(dir, 'tls-keys.log'));
    run.emulationNotes.push(msg('note.cloudfront-mtls', { path: distribution.path, mode, function: fn !== undefined }));
    componentReady(run, {
      name,
      kind: 'cloudfront',
      address: `${address.host}:${address.port} (${identity.domainName})`,
      version: `mtls-sandbox CloudFront viewer mTLS emulator (node ${process.version})`,
      role: list('role.cloudfront-running', {}, [role]),
    });
  }
}

/**
 * Where a distribution's requests go: the load balancer of the stack its origin names (already running: balancers
 * start first), or else the target the scenario puts behind the distribution.
 */
async function originOf(
  run: Realization,
  distribution: ViewerMtlsDistribution,
): Promise<{ host: string; port: number }> {
  const { loadBalancerId, port } = distribution.origin;
  if (!loadBalancerId) {
    const [spec] = backendsFor(run.scenario, distribution.path, 1);
    return startBackend(
      run,
      spec!,
      msg('role.cloudfront-origin', { path: distribution.path, origin: distribution.origin.domainName }),
    );
  }
  const balancer = run.topology.loadBalancers.find((candidate) => candidate.logicalId === loadBalancerId);
  const endpoint = balancer ? run.endpoints.get(`${balancer.path}:${port}`) : undefined;
  if (!balancer || !endpoint)
    throw new TopologyError(
      `${distribution.path}'s origin is ${loadBalancerId}'s DNS name, port ${port}, but ${balancer ? `${balancer.path} has no listener on ${port}` : 'that is not a load balancer of this stack'}; point the origin at a listener the stack has.`,
      msg('topo.origin-no-listener', {
        distribution: distribution.path,
        balancerId: loadBalancerId,
        port,
        balancer: balancer?.path ?? null,
      }),
    );
  return endpoint;
}

/**
 * Origin mTLS: the PKI's cloudfrontOrigin certificate stands in for the ACM certificate OriginMtlsConfig names, as the
 * PKI's server certificate stands in for the listeners' ACM certificates.
 */
async function originClientCertificate(
  run: Realization,
  distribution: ViewerMtlsDistribution,
): Promise<{ certPem: string; keyPem: string } | null> {
  if (!distribution.origin.clientCertificateArn) return null;
  const pair = run.pki.clients.cloudfrontOrigin;
  run.emulationNotes.push(
    msg('note.cloudfront-origin-mtls', { path: distribution.path, origin: distribution.origin.domainName }),
  );
  return { certPem: await readFile(pair.cert, 'utf8'), keyPem: await readFile(pair.key, 'utf8') };
}
