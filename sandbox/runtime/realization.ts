// One realization in progress: what realize() was given, and what its steps (realize-backends.ts,
// realize-balancers.ts, realize.ts startDns) have started so far — the components, the targets' logs, the listeners'
// local addresses, the notes — from which realize.ts makes the Realized it returns.
import type { Message } from '../messages.js';
import type { Pki } from '../../certs/types.js';
import type { Topology } from '../model/topology.js';
import type { ComponentReport } from '../report.js';
import type { OriginObject } from '../route53/cloudfront-standin.js';
import type { HeldSettings } from '../route53/runtime.js';
import type { BackendSpec, ScenarioDefinition } from '../scenario.js';
import type { AlbTrustStore } from '../alb/config.js';
import type { LiveAlbListener } from './alb-lb.js';
import type { Address, Driver } from './driver.js';
import type { RunningNginx } from './nginx-target.js';
import type { TargetHandle } from './target-log.js';

/** What LocalStack provides when it runs (sandbox/localstack/scenario-aws.ts); without it, local PKI files. */
export interface RealizeExtras {
  /** The stack's S3 objects by key, as read back from LocalStack's S3. */
  objects?: Map<string, string>;
  /** The start-up step of targets whose certificates come from SSM (seed 001's init.sh). */
  certificates?: (
    spec: Extract<BackendSpec, { kind: 'nginx' }>,
    prefix: string,
  ) => Promise<{ serverCertificate: string; serverKey: string; clientCa: string }>;
  /** An object of one of the stack's buckets (by construct path), read from LocalStack's S3 (the CloudFront stand-in's origin). */
  bucketObject?: (bucketPath: string, key: string) => Promise<OriginObject | null>;
  /** Route 53 health check settings as LocalStack holds them, by logical id. */
  heldHealthChecks?: Map<string, HeldSettings>;
  /** Load balancers write their TLS secrets to key logs (--pcap). */
  keyLog?: boolean;
}

export interface RealizeEvents {
  starting(name: string, role: Message): void;
  ready(component: ComponentReport): void;
  /** A step of something running in the background (the sandbox's Route 53 checks and answers). */
  step?(name: string, detail: Message, durationMs: number): void;
}

export interface RunningBackend extends Address {
  /** The target expects a Proxy Protocol header before the stream (nginx listen ... proxy_protocol). */
  proxyProtocol: boolean;
}

export interface Realization {
  readonly scenario: ScenarioDefinition;
  readonly topology: Topology;
  readonly pki: Pki;
  readonly driver: Driver;
  /** This scenario's directory in the state dir: rendered configurations and logs. */
  readonly dir: string;
  readonly events: RealizeEvents;
  readonly extras: RealizeExtras;
  /** Every component, in the order it became ready. */
  readonly components: ComponentReport[];
  readonly targets: TargetHandle[];
  /** Each backend once, by name (one backend may stand behind several target groups). */
  readonly backends: Map<string, RunningBackend>;
  /** The nginx targets, by name: what restartTargets, stopTargets and startTargets act on. */
  readonly nginx: Map<string, RunningNginx>;
  /** Local address of each load balancer listener, by "<construct path>:<template port>". */
  readonly endpoints: Map<string, Address>;
  readonly connectionLogFiles: string[];
  readonly wafLogFiles: string[];
  /** The ALB emulator's request logs (each request and the rules it met). */
  readonly requestLogFiles: string[];
  /** NSS key logs of the load balancers' TLS connections (--pcap). */
  readonly keyLogFiles: string[];
  readonly emulationNotes: Message[];
  /** Why probes through a listener cannot show AWS's behaviour here, by "<construct path>:<template port>". */
  readonly limitations: Map<string, Message>;
  /** The running ALB listeners and the trust stores they can use, for the sandbox's ELBv2 API. */
  readonly albListeners: LiveAlbListener[];
  readonly trustStores: Map<string, AlbTrustStore>;
}

export function newRealization(
  inputs: Pick<Realization, 'scenario' | 'topology' | 'pki' | 'driver' | 'dir' | 'events' | 'extras'>,
): Realization {
  return {
    ...inputs,
    components: [],
    targets: [],
    backends: new Map(),
    nginx: new Map(),
    endpoints: new Map(),
    connectionLogFiles: [],
    wafLogFiles: [],
    requestLogFiles: [],
    keyLogFiles: [],
    emulationNotes: [],
    limitations: new Map(),
    albListeners: [],
    trustStores: new Map(),
  };
}

/** A component is up: listed in the report and announced. */
export function componentReady(run: Realization, component: ComponentReport): void {
  run.components.push(component);
  run.events.ready(component);
}

/** Where a load balancer's listeners are reachable here, by their ports in the template. */
export function recordEndpoints(run: Realization, balancerPath: string, ports: Map<number, number>): void {
  for (const [listenerPort, localPort] of ports)
    run.endpoints.set(`${balancerPath}:${listenerPort}`, { host: '127.0.0.1', port: localPort });
}
