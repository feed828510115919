// What one running ALB listener needs: the compiled listener with every reference resolved to local files
// and addresses. The runtime builds this from the topology; the emulator knows nothing of CloudFormation.
import type { HeaderModification } from '../model/header-modification.js';
import type { HealthCheck, ListenerRule, MutualAuthentication, RuleAction } from '../model/topology.js';
import type { WebAcl } from '../model/web-acl.js';
import type { TrustStoreObjects } from '../tls/trust-store.js';

export interface AlbTarget {
  /** Human name shown in reports, e.g. "echo-1". */
  name: string;
  host: string;
  port: number;
}

export interface AlbTargetGroup {
  id: string;
  protocol: 'HTTP' | 'HTTPS';
  targets: AlbTarget[];
  healthCheck: HealthCheck;
  stickiness: { enabled: boolean; durationSeconds: number } | null;
}

/** The trust store objects of a verify-mode listener (shared with the NLB TLS listener: sandbox/tls/). */
export type AlbTrustStore = TrustStoreObjects;

export interface AlbListenerConfig {
  /** Name used in logs and reports, e.g. "Alb HTTPS:443". */
  name: string;
  host: string; // always 127.0.0.1 in this sandbox
  port: number;
  /** Port the client believes it connected to (the listener's port in the template), for X-Forwarded-Port. */
  advertisedPort: number;
  protocol: 'HTTP' | 'HTTPS';
  certificatePem: string | null;
  privateKeyPem: string | null;
  sslPolicy: string | null;
  mutualAuthentication: MutualAuthentication | null;
  trustStore: AlbTrustStore | null;
  rules: ListenerRule[];
  defaultActions: RuleAction[];
  targetGroups: AlbTargetGroup[];
  /** File the per-connection mTLS connection log is appended to (JSON lines). */
  connectionLogFile: string;
  /** The AWS WAF web ACL associated with this load balancer (evaluated before the listener rules), if any. */
  webAcl?: WebAcl | null;
  /** File the WAF log is appended to (JSON lines), when there is a web ACL. */
  wafLogFile?: string | null;
  /** File each request and the rules it met are appended to (JSON lines), for the run's record. */
  requestLogFile?: string | null;
  /** File the TLS secrets are appended to in NSS key log format (SSLKEYLOGFILE), for packet captures. */
  keyLogFile?: string | null;
  /** The listener's header modification (ListenerAttributes): renamed request headers, response headers. */
  headerModification?: HeaderModification | null;
  /** The load balancer adds X-Amzn-Tls-Version and X-Amzn-Tls-Cipher-Suite (HTTPS listeners). */
  tlsInfoHeaders?: boolean;
  /** The load balancer adds x-amzn-tls-kx, the negotiated key exchange group (HTTPS listeners). */
  tlsKxHeader?: boolean;
}

/** A change to a running listener (RunningAlb.update): the fields given replace the listener's own. */
export interface AlbLiveUpdate {
  rules?: ListenerRule[];
  defaultActions?: RuleAction[];
  /** Given together: a verify-mode listener needs its trust store's objects. */
  mutualAuthentication?: MutualAuthentication | null;
  trustStore?: AlbTrustStore | null;
  /** A target group's stickiness (ModifyTargetGroupAttributes); the group must be one this listener forwards to. */
  stickiness?: { targetGroupId: string; stickiness: AlbTargetGroup['stickiness'] };
  /** Which of a target group's running targets (by name) are registered (RegisterTargets, DeregisterTargets). */
  registered?: { targetGroupId: string; targets: string[] };
}
