// The front doors the hostile-input suite attacks: each is a listener of a real scenario's topology, started by the
// same runtime as `mtls-sandbox run` (prepare in sandbox/run.ts). Adding a front door — the NLB TLS listener, a
// CloudFront distribution — is one entry in FRONT_DOORS: the scenario that has it, its listener, the client a normal
// request presents, whether it speaks HTTP/2, and the identity headers a client must not be able to forge through it.
import type { Pki } from '../../certs/types.js';
import type { ClientCertName } from '../../certs/types.js';
import { MTLS_HEADER } from '../alb/mtls-headers.js';
import type { TargetObservation } from '../report.js';
import { prepare } from '../run.js';
import { readPidRecords } from '../runtime/pid-records.js';
import { thisRun } from '../runtime/run-registry.js';
import { type LogOffsets, logOffsets, observationsSince } from '../runtime/target-log.js';
import type { ScenarioDefinition } from '../scenario.js';
import type { ClientCredentials, Endpoint } from './clients.js';

export interface FrontDoor {
  id: string;
  /** What it is, for the printed counts. */
  description: string;
  /** The scenario whose topology has it. */
  scenario: string;
  /** Its listener, as a probe names it. */
  via: { loadBalancer: string; port: number };
  /** The client certificate a normal request presents, or null for none. */
  client: ClientCertName | null;
  /** It offers HTTP/2 (ALPN h2): the HTTP/2 cases run against it too. */
  http2: boolean;
  /** Headers a client could send to pass for someone else; the target must never get a forged value. */
  identityHeaders: string[];
}

const ALB_MTLS_HEADERS = Object.values(MTLS_HEADER);
/** What CloudFront tells its origin about the viewer's certificate (docs/aws-facts.md#cloudfront-viewer-cert-headers). */
const CLOUDFRONT_IDENTITY_HEADERS = [
  'cloudfront-viewer-cert-serial-number',
  'cloudfront-viewer-cert-issuer',
  'cloudfront-viewer-cert-subject',
  'cloudfront-viewer-cert-present',
  'cloudfront-viewer-cert-sha256',
  'cloudfront-viewer-cert-validity',
  'cloudfront-viewer-cert-pem',
  'client-cert',
  'client-cert-chain',
];

export const FRONT_DOORS: FrontDoor[] = [
  {
    id: 'alb-verify',
    description: 'ALB HTTPS listener, mutual TLS verify mode (the emulator, echo target behind)',
    scenario: 'alb-mtls-verify-headers',
    via: { loadBalancer: 'Alb', port: 443 },
    client: 'clientA',
    http2: true,
    identityHeaders: ALB_MTLS_HEADERS,
  },
  {
    id: 'alb-passthrough',
    description: 'ALB HTTPS listener, mutual TLS passthrough mode',
    scenario: 'alb-mtls-passthrough',
    via: { loadBalancer: 'Alb', port: 443 },
    client: 'clientA',
    http2: true,
    identityHeaders: ALB_MTLS_HEADERS,
  },
  {
    id: 'nlb-tcp',
    description: 'NLB TCP listener (HAProxy) passing TLS through to nginx, which verifies',
    scenario: 'nlb-tcp-passthrough',
    via: { loadBalancer: 'Nlb', port: 443 },
    client: 'clientA',
    http2: false,
    identityHeaders: [],
  },
  {
    id: 'nlb-tls-verify',
    description: 'NLB TLS listener, mutual TLS verify mode with identity filters (the emulator, echo target behind)',
    scenario: 'nlb-mtls-identity-filters',
    via: { loadBalancer: 'Nlb', port: 443 },
    client: 'spiffeBilling',
    http2: false,
    // An NLB passes the decrypted bytes on as they are and adds no identity header of its own (docs/aws-facts.md).
    identityHeaders: [],
  },
  {
    id: 'cloudfront-required',
    description: 'CloudFront distribution, viewer mTLS required mode, with a connection function (the emulator)',
    scenario: 'cloudfront-viewer-mtls',
    via: { loadBalancer: 'Required', port: 443 },
    client: 'clientA',
    http2: true,
    identityHeaders: CLOUDFRONT_IDENTITY_HEADERS,
  },
  {
    id: 'cloudfront-passthrough',
    description: 'CloudFront distribution, viewer mTLS passthrough mode (RFC 9440 Client-Cert to the origin)',
    scenario: 'cloudfront-viewer-mtls',
    via: { loadBalancer: 'Passthrough', port: 443 },
    client: 'clientA',
    http2: true,
    identityHeaders: CLOUDFRONT_IDENTITY_HEADERS,
  },
];

/** A front door running, with what the cases need of it. */
export interface OpenDoor {
  door: FrontDoor;
  endpoint: Endpoint;
  credentials: ClientCredentials | null;
  /** Where the targets' logs are now; seenSince() reads what they got after. */
  mark(): LogOffsets;
  seenSince(offsets: LogOffsets): Promise<TargetObservation[]>;
  /** Resolves with the name of a component that stopped by itself (a crash). */
  exited: Promise<string>;
  /** The pids of its child processes (nginx, HAProxy); the in-process servers are this process. */
  childPids(): number[];
  stop(): Promise<void>;
}

export async function openDoor(
  door: FrontDoor,
  scenario: ScenarioDefinition,
  options: { stateDir: string; pki: Pki },
): Promise<OpenDoor> {
  if (scenario.needs?.localstack) throw new Error(`front door ${door.id}: ${scenario.id} needs LocalStack`);
  const prepared = await prepare(scenario, {
    stateDir: options.stateDir,
    pki: options.pki,
    lang: 'en',
    emit: () => {},
  });
  const endpoint = prepared.realized.endpoint(door.via.loadBalancer, door.via.port);
  const runId = thisRun(options.stateDir).id;
  const key = door.client ? options.pki.clients[door.client] : null;
  const { readFile } = await import('node:fs/promises');
  const credentials = key ? { cert: await readFile(key.cert, 'utf8'), key: await readFile(key.key, 'utf8') } : null;
  const targets = prepared.realized.targets;
  return {
    door,
    endpoint: { host: endpoint.host, port: endpoint.port },
    credentials,
    mark: () => logOffsets(targets),
    seenSince: (offsets) => observationsSince(targets, offsets, 500),
    exited: prepared.ended.then((end) => end.component),
    childPids: () =>
      readPidRecords(options.stateDir)
        .filter(({ record }) => record.runId === runId)
        .map(({ record }) => record.pid),
    stop: () => prepared.stop(),
  };
}
